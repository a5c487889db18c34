import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import { defineComponent } from 'vue';
import { requestClient, resetClient } from '../client';
import { installClientHooks } from '../setup';
import { useUserStore } from '@/stores/user';
import { errorResponse, mockFetch } from '@/test/fetch';

vi.mock('element-plus', () => ({ ElMessage: vi.fn() }));

const Empty = defineComponent({ render: () => null });

async function makeRouter(start: string): Promise<Router> {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', component: Empty },
      { path: '/password', component: Empty },
      { path: '/units', component: Empty },
    ],
  });
  await router.push(start);
  return router;
}

beforeEach(() => {
  setActivePinia(createPinia());
});

afterEach(() => {
  resetClient();
  vi.unstubAllGlobals();
});

describe('installClientHooks', () => {
  it('on 401 clears the user and goes to /login with the current path as redirect', async () => {
    const router = await makeRouter('/units?q=x');
    installClientHooks(router);
    const store = useUserStore();
    store.setUser({ id: 1, username: 'a', display_name: 'A', roles: ['viewer'], unit_id: null, must_change_password: false });
    mockFetch(errorResponse(401, 'unauthenticated', '会话已过期'));

    await expect(requestClient.get('/units')).rejects.toMatchObject({ status: 401 });
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/login'));
    expect(router.currentRoute.value.query.redirect).toBe('/units?q=x');
    expect(store.user).toBeNull();
    const { ElMessage } = await import('element-plus');
    expect(ElMessage).toHaveBeenCalledWith(expect.objectContaining({ type: 'error', message: '会话已过期' }));
  });

  it('on 403 password_change_required goes to /password and flags the user', async () => {
    const router = await makeRouter('/units');
    installClientHooks(router);
    const store = useUserStore();
    store.setUser({ id: 1, username: 'a', display_name: 'A', roles: ['viewer'], unit_id: null, must_change_password: false });
    mockFetch(errorResponse(403, 'password_change_required', '请先修改密码'));

    await expect(requestClient.get('/units')).rejects.toMatchObject({ status: 403 });
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/password'));
    expect(store.mustChangePassword).toBe(true);
  });

  it('uses the translated fallback for network failures', async () => {
    const router = await makeRouter('/units');
    installClientHooks(router);
    mockFetch(new TypeError('offline'));
    await expect(requestClient.get('/units')).rejects.toMatchObject({ message: '无法连接服务器，请检查网络后重试' });
  });
});
