import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { configureClient, resetClient } from '@/api/client';
import { useUserStore } from '../user';
import { codesFor } from '@/test/access';
import { call, errorResponse, jsonResponse, mockFetch } from '@/test/fetch';

const notify = vi.fn();

function user(overrides: Record<string, unknown> = {}) {
  return {
    id: 1,
    username: 'zhang',
    display_name: '张三',
    roles: ['unit_admin'],
    unit_id: 5,
    must_change_password: false,
    ...overrides,
  };
}

beforeEach(() => {
  setActivePinia(createPinia());
  notify.mockReset();
  configureClient({ notify });
});

afterEach(() => {
  resetClient();
  vi.unstubAllGlobals();
});

describe('user store', () => {
  it('starts signed out and not loaded', () => {
    const store = useUserStore();
    expect(store.user).toBeNull();
    expect(store.loaded).toBe(false);
    expect(store.isLoggedIn).toBe(false);
    expect(store.roles).toEqual([]);
    expect(store.hasRole('unit_admin')).toBe(false);
  });

  it('login stores the user and its roles', async () => {
    mockFetch(jsonResponse(200, { user: user({ roles: ['committee_admin', 'viewer'] }) }));
    const store = useUserStore();
    await store.login({ username: 'zhang', password: 'x' });
    expect(store.isLoggedIn).toBe(true);
    expect(store.loaded).toBe(true);
    expect(store.user?.display_name).toBe('张三');
    expect(store.hasRole('viewer')).toBe(true);
    expect(store.hasRole('auditor', 'committee_admin')).toBe(true);
    expect(store.hasRole('auditor')).toBe(false);
  });

  it('a failed login leaves the store signed out and rethrows the ApiError', async () => {
    mockFetch(errorResponse(423, 'account_locked', '账号已锁定', { locked_until: '2026-11-27T18:00:00.000Z' }));
    const store = useUserStore();
    await expect(store.login({ username: 'zhang', password: 'x' })).rejects.toMatchObject({
      status: 423,
      code: 'account_locked',
      details: { locked_until: '2026-11-27T18:00:00.000Z' },
    });
    expect(store.isLoggedIn).toBe(false);
  });

  it('exposes must_change_password after login', async () => {
    mockFetch(jsonResponse(200, { user: user({ must_change_password: true }) }));
    const store = useUserStore();
    await store.login({ username: 'zhang', password: 'x' });
    expect(store.mustChangePassword).toBe(true);
  });

  it('fetchMe restores the session', async () => {
    const fetch = mockFetch(jsonResponse(200, { user: user() }));
    const store = useUserStore();
    await expect(store.fetchMe()).resolves.toMatchObject({ username: 'zhang' });
    expect(call(fetch).url).toBe('/api/v1/auth/me');
    expect(store.isLoggedIn).toBe(true);
  });

  it('fetchMe on 401 means signed out, quietly', async () => {
    mockFetch(errorResponse(401, 'unauthenticated', '未登录'));
    const store = useUserStore();
    await expect(store.fetchMe()).resolves.toBeNull();
    expect(store.loaded).toBe(true);
    expect(store.isLoggedIn).toBe(false);
    expect(notify).not.toHaveBeenCalled();
  });

  it('fetchMe rethrows other failures', async () => {
    mockFetch(errorResponse(500, 'internal', '服务器错误'));
    const store = useUserStore();
    await expect(store.fetchMe()).rejects.toMatchObject({ status: 500 });
  });

  it('logout clears the user even when the request fails', async () => {
    mockFetch(jsonResponse(200, { user: user() }), new TypeError('offline'));
    const store = useUserStore();
    await store.login({ username: 'zhang', password: 'x' });
    await expect(store.logout()).rejects.toMatchObject({ code: 'network_error' });
    expect(store.user).toBeNull();
    expect(store.isLoggedIn).toBe(false);
  });

  it('logout posts with the CSRF header and clears the user', async () => {
    const fetch = mockFetch(jsonResponse(200, { user: user() }), jsonResponse(204));
    const store = useUserStore();
    await store.login({ username: 'zhang', password: 'x' });
    await store.logout();
    expect(call(fetch, 1)).toMatchObject({ url: '/api/v1/auth/logout', method: 'POST' });
    expect(call(fetch, 1).headers['X-Requested-With']).toBe('XMLHttpRequest');
    expect(store.user).toBeNull();
  });

  it('changePassword forgets the user, since the server ended the session', async () => {
    mockFetch(jsonResponse(200, { user: user({ must_change_password: true }) }), jsonResponse(204));
    const store = useUserStore();
    await store.login({ username: 'zhang', password: 'x' });
    await store.changePassword({ current_password: 'x', new_password: 'Abcdef#1' });
    expect(store.isLoggedIn).toBe(false);
    expect(store.mustChangePassword).toBe(false);
  });

  it('changePassword keeps the flag when the server refuses', async () => {
    mockFetch(
      jsonResponse(200, { user: user({ must_change_password: true }) }),
      errorResponse(422, 'weak_password', '密码强度不足'),
    );
    const store = useUserStore();
    await store.login({ username: 'zhang', password: 'x' });
    await expect(store.changePassword({ current_password: 'x', new_password: 'abc' })).rejects.toMatchObject({
      code: 'weak_password',
    });
    expect(store.mustChangePassword).toBe(true);
  });

  it('requirePasswordChange sets the flag', async () => {
    mockFetch(jsonResponse(200, { user: user() }));
    const store = useUserStore();
    await store.login({ username: 'zhang', password: 'x' });
    store.requirePasswordChange();
    expect(store.mustChangePassword).toBe(true);
  });

  it('loads the unit name once', async () => {
    const fetch = mockFetch(
      jsonResponse(200, { user: user({ unit_id: 2 }), permissions: codesFor(['unit_admin']) }),
      jsonResponse(200, { items: [{ id: 1, name: '区委直属机关工委' }, { id: 2, name: '区审计局' }], total: 2 }),
    );
    const store = useUserStore();
    await store.login({ username: 'zhang', password: 'x' });
    await expect(store.loadUnitName()).resolves.toBe('区审计局');
    await expect(store.loadUnitName()).resolves.toBe('区审计局');
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('does not look up units for the auditor', async () => {
    const fetch = mockFetch(jsonResponse(200, { user: user({ roles: ['auditor'], unit_id: 2 }) }));
    const store = useUserStore();
    await store.login({ username: 'audit', password: 'x' });
    await expect(store.loadUnitName()).resolves.toBeNull();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('clear resets everything but stays loaded', async () => {
    mockFetch(jsonResponse(200, { user: user() }));
    const store = useUserStore();
    await store.login({ username: 'zhang', password: 'x' });
    store.clear();
    expect(store.user).toBeNull();
    expect(store.unitName).toBeNull();
    expect(store.loaded).toBe(true);
  });
});
