import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { RouteMeta } from 'vue-router';
import type { AuthApi } from '@/api/auth';
import { configureClient, resetClient } from '@/api/client';
import { useUserStore } from '@/stores/user';
import { landingFor, resolveNavigation } from '../guard';
import { buildMenu, homePathFor } from '../menu';
import { layoutChildren } from '../routes';
import { accessFor, codesFor } from '@/test/access';
import { errorResponse, jsonResponse, mockFetch } from '@/test/fetch';

function target(path: string, query: Record<string, string> = {}) {
  const route = layoutChildren.find((child) => `/${child.path}` === path);
  const publicPaths: Record<string, RouteMeta> = { '/login': { public: true }, '/403': { public: true } };
  const meta: RouteMeta = route?.meta ?? publicPaths[path] ?? {};
  const search = new URLSearchParams(query).toString();
  return { path, fullPath: search ? `${path}?${search}` : path, query, meta };
}

function signIn(roles: AuthApi.Role[], mustChange = false) {
  const store = useUserStore();
  store.setUser({
    id: 1,
    username: 'u',
    display_name: 'U',
    roles,
    unit_id: null,
    must_change_password: mustChange,
  }, codesFor(roles));
  return store;
}

beforeEach(() => {
  setActivePinia(createPinia());
  configureClient({ notify: vi.fn() });
});

afterEach(() => {
  resetClient();
  vi.unstubAllGlobals();
});

describe('menu', () => {
  const names = (roles: AuthApi.Role[]) => buildMenu(accessFor(roles)).map((item) => item.name);

  it.each(['unit_admin', 'viewer'] as const)('%s sees the programme pages and the members', (role) => {
    expect(names([role])).toEqual([
      'dashboard', 'office-areas', 'units', 'members', 'alliances', 'applications',
      'campaign', 'checklist', 'plans', 'activities', 'ledger', 'responsibility', 'todos',
    ]);
  });

  it('committee_admin also sees the formation suggestions', () => {
    expect(names(['committee_admin'])).toEqual([
      'dashboard', 'office-areas', 'units', 'members', 'alliances', 'formation', 'applications',
      'campaign', 'checklist', 'plans', 'activities', 'ledger', 'responsibility', 'todos',
    ]);
  });

  it('member sees the programme pages but not the members register', () => {
    expect(names(['member'])).toEqual(['dashboard', 'office-areas', 'units', 'alliances', 'campaign', 'checklist', 'plans', 'activities', 'ledger', 'todos']);
  });

  it('the campaign pages open by their codes: responsibility sheets need responsibility_read', () => {
    const pages = buildMenu({ roles: [], permissions: ['campaign_read', 'plans_read'] }).map((item) => item.name);
    expect(pages).toEqual(['campaign', 'checklist', 'plans']);
    expect(buildMenu({ roles: [], permissions: ['responsibility_read'] }).map((item) => item.name)).toEqual(['responsibility']);
  });

  it('system_admin sees accounts and read-only reference data, not alliances or audit', () => {
    expect(names(['system_admin'])).toEqual(['dashboard', 'office-areas', 'units', 'todos', 'users']);
  });

  it('a page opens by permission code, not by role name', () => {
    // A role the menu has never heard of still sees what its codes open.
    const names = buildMenu({ roles: [], permissions: ['signed_in', 'audit_read', 'users_manage'] }).map((item) => item.name);
    expect(names).toEqual(['dashboard', 'users', 'audit']);
  });

  it('auditor sees its home page (the audit chain, refusals) and the audit log, and lands on the home page', () => {
    expect(names(['auditor'])).toEqual(['dashboard', 'audit']);
    expect(homePathFor(accessFor(['auditor']))).toBe('/dashboard');
  });

  it('no roles, no menu', () => {
    expect(names([])).toEqual([]);
    expect(homePathFor(accessFor([]))).toBeNull();
  });

  it('every entry has a data-testid', () => {
    for (const item of buildMenu(accessFor(['committee_admin', 'system_admin', 'auditor']))) {
      expect(item.testId).toMatch(/^menu-/);
    }
  });
});

describe('resolveNavigation', () => {
  it('probes the session once and sends a stranger to login with the redirect', async () => {
    const fetch = mockFetch(errorResponse(401, 'unauthenticated', '未登录'));
    const store = useUserStore();
    await expect(resolveNavigation(target('/units', { q: '审计' }), store)).resolves.toEqual({
      path: '/login',
      query: { redirect: '/units?q=%E5%AE%A1%E8%AE%A1' },
    });
    await resolveNavigation(target('/alliances'), store);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('treats an unreachable server as signed out', async () => {
    mockFetch(new TypeError('offline'));
    const store = useUserStore();
    await expect(resolveNavigation(target('/dashboard'), store)).resolves.toMatchObject({ path: '/login' });
  });

  it('restores a session from /auth/me', async () => {
    mockFetch(jsonResponse(200, { user: { id: 1, username: 'a', display_name: 'A', roles: ['viewer'], unit_id: null, must_change_password: false }, permissions: codesFor(['viewer']) }));
    const store = useUserStore();
    await expect(resolveNavigation(target('/units'), store)).resolves.toBe(true);
  });

  it('lets anyone open the login page', async () => {
    const store = useUserStore();
    store.clear();
    await expect(resolveNavigation(target('/login'), store)).resolves.toBe(true);
  });

  it('sends a signed-in user away from the login page, honouring a safe redirect', async () => {
    const store = signIn(['viewer']);
    await expect(resolveNavigation(target('/login'), store)).resolves.toBe('/dashboard');
    await expect(resolveNavigation(target('/login', { redirect: '/units' }), store)).resolves.toBe('/units');
    await expect(resolveNavigation(target('/login', { redirect: '//evil.example' }), store)).resolves.toBe('/dashboard');
    await expect(resolveNavigation(target('/login', { redirect: 'https://evil.example' }), store)).resolves.toBe(
      '/dashboard',
    );
  });

  it('forces the password change before anything else', async () => {
    const store = signIn(['committee_admin'], true);
    await expect(resolveNavigation(target('/units'), store)).resolves.toBe('/password');
    await expect(resolveNavigation(target('/'), store)).resolves.toBe('/password');
    await expect(resolveNavigation(target('/password'), store)).resolves.toBe(true);
    expect(landingFor(store, '/units')).toBe('/password');
  });

  it('redirects / to the role home', async () => {
    await expect(resolveNavigation(target('/'), signIn(['unit_admin']))).resolves.toBe('/dashboard');
    setActivePinia(createPinia());
    await expect(resolveNavigation(target('/'), signIn(['auditor']))).resolves.toBe('/dashboard');
  });

  it('blocks pages outside the roles', async () => {
    const auditor = signIn(['auditor']);
    await expect(resolveNavigation(target('/dashboard'), auditor)).resolves.toBe(true);
    await expect(resolveNavigation(target('/units'), auditor)).resolves.toBe('/403');
    await expect(resolveNavigation(target('/system/users'), auditor)).resolves.toBe('/403');
    await expect(resolveNavigation(target('/audit/events'), auditor)).resolves.toBe(true);

    setActivePinia(createPinia());
    const admin = signIn(['system_admin']);
    await expect(resolveNavigation(target('/audit/events'), admin)).resolves.toBe('/403');
    await expect(resolveNavigation(target('/alliances'), admin)).resolves.toBe('/403');
    await expect(resolveNavigation(target('/system/users'), admin)).resolves.toBe(true);
    await expect(resolveNavigation(target('/units'), admin)).resolves.toBe(true);

    setActivePinia(createPinia());
    const member = signIn(['member']);
    await expect(resolveNavigation(target('/system/users'), member)).resolves.toBe('/403');
    await expect(resolveNavigation(target('/alliances'), member)).resolves.toBe(true);
  });
});

describe('second-factor enrolment gate', () => {
  function signInPendingEnrolment(mustChange = false) {
    const store = signIn(['committee_admin'], mustChange);
    store.setUser(store.user, codesFor(['committee_admin']), {
      second_factor: { enabled: false, required: true, enrolment_required: true },
    });
    return store;
  }

  it('sends an account that must enrol to the enrolment page from anywhere', async () => {
    const store = signInPendingEnrolment();
    expect(await resolveNavigation(target('/units'), store)).toBe('/totp');
    expect(landingFor(store)).toBe('/totp');
    expect(await resolveNavigation({ path: '/totp', fullPath: '/totp', query: {}, meta: {} }, store)).toBe(true);
  });

  it('asks for the password change first', async () => {
    const store = signInPendingEnrolment(true);
    expect(await resolveNavigation(target('/units'), store)).toBe('/password');
  });

  it('opens everything once the second factor is confirmed', async () => {
    const store = signInPendingEnrolment();
    store.markSecondFactorEnabled();
    expect(await resolveNavigation(target('/units'), store)).toBe(true);
  });
});
