import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { RouteRecordRaw } from 'vue-router';
import { configureClient, resetClient } from '@/api/client';
import { useUserStore } from '@/stores/user';
import { codesFor } from '@/test/access';
import { errorResponse, mockFetch } from '@/test/fetch';
import { resolveNavigation } from '../guard';
import { layoutChildren, routes } from '../routes';

function byName(list: RouteRecordRaw[], name: string): RouteRecordRaw {
  const found = list.find((route) => route.name === name);
  if (!found) throw new Error(`no route ${name}`);
  return found;
}

function target(route: RouteRecordRaw, path: string) {
  return { path, fullPath: path, query: {}, meta: route.meta ?? {} };
}

beforeEach(() => {
  setActivePinia(createPinia());
  configureClient({ notify: vi.fn() });
});

afterEach(() => {
  resetClient();
  vi.unstubAllGlobals();
});

describe('the activity routes', () => {
  it('the sign-in page opens without a session (the QR code on a phone)', async () => {
    mockFetch(errorResponse(401, 'unauthenticated', '未登录'));
    const store = useUserStore();
    await expect(resolveNavigation(target(byName(routes, 'signin'), '/signin/9.1779000000.abc'), store)).resolves.toBe(true);
  });

  it('the projector view needs activities_write; the pages need activities_read', async () => {
    const store = useUserStore();
    store.setUser({ id: 1, username: 'm', display_name: 'M', roles: ['member'], unit_id: 2, must_change_password: false }, codesFor(['member']));
    await expect(resolveNavigation(target(byName(routes, 'activity-signin-code'), '/activities/9/signin-code'), store)).resolves.toBe('/403');
    await expect(resolveNavigation(target(byName(layoutChildren, 'activities'), '/activities'), store)).resolves.toBe(true);
    await expect(resolveNavigation(target(byName(layoutChildren, 'activity-detail'), '/activities/9'), store)).resolves.toBe(true);

    setActivePinia(createPinia());
    const host = useUserStore();
    host.setUser({ id: 2, username: 'h', display_name: 'H', roles: ['unit_admin'], unit_id: 2, must_change_password: false }, codesFor(['unit_admin']));
    await expect(resolveNavigation(target(byName(routes, 'activity-signin-code'), '/activities/9/signin-code'), host)).resolves.toBe(true);

    setActivePinia(createPinia());
    const auditor = useUserStore();
    auditor.setUser({ id: 3, username: 'a', display_name: 'A', roles: ['auditor'], unit_id: null, must_change_password: false }, codesFor(['auditor']));
    await expect(resolveNavigation(target(byName(layoutChildren, 'ledger'), '/ledger'), auditor)).resolves.toBe('/403');
  });
});
