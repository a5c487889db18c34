import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changePassword, fetchCurrentUser, login, logout } from '../auth';
import { listAlliances } from '../alliances';
import { listAuditEvents, verifyAuditChain } from '../audit';
import { configureClient, resetClient } from '../client';
import { listOfficeAreas } from '../officeAreas';
import { listAllUnits, listUnits } from '../units';
import { createUser, disableUser, listUsers, lockUser, resetUserPassword, unlockUser } from '../users';
import { call, errorResponse, jsonResponse, mockFetch } from '@/test/fetch';

const notify = vi.fn();
const onUnauthorized = vi.fn();

const user = {
  id: 1,
  username: 'admin',
  display_name: '管理员',
  roles: ['committee_admin'],
  unit_id: 1,
  must_change_password: false,
};

beforeEach(() => {
  notify.mockReset();
  onUnauthorized.mockReset();
  configureClient({ notify, onUnauthorized });
});

afterEach(() => {
  resetClient();
  vi.unstubAllGlobals();
});

describe('auth module', () => {
  it('posts the credentials and returns the user', async () => {
    const fetch = mockFetch(jsonResponse(200, { user }));
    await expect(login({ username: 'admin', password: 'Secret#123' })).resolves.toEqual({ user });
    expect(call(fetch)).toMatchObject({
      url: '/api/v1/auth/login',
      method: 'POST',
      body: { username: 'admin', password: 'Secret#123' },
    });
  });

  it('login failures neither redirect nor toast (the page shows them)', async () => {
    mockFetch(errorResponse(401, 'invalid_credentials', '用户名或密码错误'));
    await expect(login({ username: 'a', password: 'b' })).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(onUnauthorized).not.toHaveBeenCalled();
    expect(notify).not.toHaveBeenCalled();
  });

  it('the session probe is silent on 401', async () => {
    mockFetch(errorResponse(401, 'unauthenticated', '未登录'));
    await expect(fetchCurrentUser()).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).not.toHaveBeenCalled();
    expect(notify).not.toHaveBeenCalled();
  });

  it('logout and password change use the right paths', async () => {
    const fetch = mockFetch(jsonResponse(204), jsonResponse(204));
    await logout();
    await changePassword({ current_password: 'a', new_password: 'Bb#45678' });
    expect(call(fetch, 0)).toMatchObject({ url: '/api/v1/auth/logout', method: 'POST' });
    expect(call(fetch, 1)).toMatchObject({
      url: '/api/v1/auth/password',
      method: 'POST',
      body: { current_password: 'a', new_password: 'Bb#45678' },
    });
  });
});

describe('read modules', () => {
  it('builds the unit query', async () => {
    const fetch = mockFetch(jsonResponse(200, { items: [], total: 0 }));
    await listUnits({ q: '区', office_area_id: 3, page: 2, page_size: 50 });
    expect(call(fetch).url).toBe('/api/v1/units?q=%E5%8C%BA&office_area_id=3&page=2&page_size=50');
  });

  it('reads every page of units', async () => {
    const page1 = Array.from({ length: 100 }, (_, index) => ({ id: index + 1 }));
    const page2 = [{ id: 101 }, { id: 102 }];
    const fetch = mockFetch(jsonResponse(200, { items: page1, total: 102 }), jsonResponse(200, { items: page2, total: 102 }));
    const units = await listAllUnits();
    expect(units).toHaveLength(102);
    expect(call(fetch, 0).url).toBe('/api/v1/units?page=1&page_size=100');
    expect(call(fetch, 1).url).toBe('/api/v1/units?page=2&page_size=100');
  });

  it('lists office areas, alliances, audit events and the verification', async () => {
    const fetch = mockFetch(
      jsonResponse(200, { items: [], total: 3 }),
      jsonResponse(200, { items: [], total: 3 }),
      jsonResponse(200, { items: [], total: 0 }),
      jsonResponse(200, { ok: false, checked: 10, first_broken_id: 7 }),
    );
    await expect(listOfficeAreas()).resolves.toMatchObject({ total: 3 });
    await expect(listAlliances()).resolves.toMatchObject({ total: 3 });
    await listAuditEvents({ from: '2026-01-01T00:00:00.000Z', user: 'zhang', action: '', page: 1 });
    await expect(verifyAuditChain()).resolves.toEqual({ ok: false, checked: 10, first_broken_id: 7 });
    expect(call(fetch, 0).url).toBe('/api/v1/office-areas');
    expect(call(fetch, 1).url).toBe('/api/v1/alliances');
    expect(call(fetch, 2).url).toBe('/api/v1/audit-events?from=2026-01-01T00%3A00%3A00.000Z&user=zhang&page=1');
    expect(call(fetch, 3).url).toBe('/api/v1/audit-events/verification');
  });
});

describe('users module', () => {
  it('creates a user and returns the generated password', async () => {
    const fetch = mockFetch(jsonResponse(201, { id: 9, username: 'li', generated_password: 'Xy#12345' }));
    const created = await createUser({
      username: 'li',
      display_name: '李',
      roles: ['unit_admin'],
      unit_id: 2,
      must_change_password: true,
    });
    expect(created.generated_password).toBe('Xy#12345');
    expect(call(fetch)).toMatchObject({
      url: '/api/v1/users',
      method: 'POST',
      body: { username: 'li', display_name: '李', roles: ['unit_admin'], unit_id: 2, must_change_password: true },
    });
    expect(call(fetch).headers['X-Requested-With']).toBe('XMLHttpRequest');
  });

  it('shows the 三员分立 error message', async () => {
    mockFetch(errorResponse(422, 'role_separation', '三员分立：不能同时担任'));
    await expect(
      createUser({ username: 'x', display_name: 'x', roles: ['system_admin', 'auditor'], unit_id: null, must_change_password: true }),
    ).rejects.toMatchObject({ code: 'role_separation' });
    expect(notify).toHaveBeenCalledWith('三员分立：不能同时担任', expect.anything());
  });

  it('posts the account actions to their paths', async () => {
    const fetch = mockFetch(
      jsonResponse(200, { items: [], total: 0 }),
      jsonResponse(200, { generated_password: 'p' }),
      jsonResponse(200, { id: 4 }),
      jsonResponse(200, { id: 4 }),
      jsonResponse(200, { id: 4 }),
    );
    await listUsers({ q: 'wang', page: 1, page_size: 20 });
    await expect(resetUserPassword(4)).resolves.toEqual({ generated_password: 'p' });
    await lockUser(4);
    await unlockUser(4);
    await disableUser(4);
    expect(fetch.mock.calls.map(([url]) => String(url))).toEqual([
      '/api/v1/users?q=wang&page=1&page_size=20',
      '/api/v1/users/4/password-reset',
      '/api/v1/users/4/lock',
      '/api/v1/users/4/unlock',
      '/api/v1/users/4/disable',
    ]);
    for (let index = 1; index < 5; index += 1) {
      expect(call(fetch, index).method).toBe('POST');
      expect(call(fetch, index).headers['X-Requested-With']).toBe('XMLHttpRequest');
    }
  });
});
