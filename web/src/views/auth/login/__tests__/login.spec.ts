import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import { defineComponent } from 'vue';
import { resetClient } from '@/api/client';
import { i18n } from '@/locales';
import { useUserStore } from '@/stores/user';
import { formatDateTime } from '@/utils/format';
import { call, errorResponse, jsonResponse, mockFetch } from '@/test/fetch';
import LoginPage from '../index.vue';

const Empty = defineComponent({ render: () => null });

let pinia: Pinia;
let router: Router;

async function mountLogin(redirect?: string) {
  router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', component: LoginPage },
      { path: '/password', component: Empty },
      { path: '/totp', component: Empty },
      { path: '/dashboard', name: 'dashboard', component: Empty },
      { path: '/units', component: Empty },
      { path: '/audit/events', component: Empty },
    ],
  });
  await router.push(redirect ? { path: '/login', query: { redirect } } : '/login');
  const wrapper = mount(LoginPage, { global: { plugins: [pinia, router, i18n, ElementPlus] }, attachTo: document.body });
  return wrapper;
}

async function submit(wrapper: Awaited<ReturnType<typeof mountLogin>>, username: string, password: string) {
  await wrapper.find('[data-testid="login-username"]').setValue(username);
  await wrapper.find('[data-testid="login-password"]').setValue(password);
  await wrapper.find('form').trigger('submit');
  await flushPromises();
}

beforeEach(() => {
  pinia = createPinia();
  setActivePinia(pinia);
  i18n.global.locale.value = 'zh-CN';
});

afterEach(() => {
  resetClient();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const user = { id: 1, username: 'zhang', display_name: '张三', roles: ['unit_admin'], unit_id: 2 };

describe('login page', () => {
  it('shows the server message for wrong credentials', async () => {
    mockFetch(errorResponse(401, 'invalid_credentials', '用户名或密码错误'));
    const wrapper = await mountLogin();
    await submit(wrapper, 'zhang', 'bad');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="login-error"]').text()).toContain('用户名或密码错误'));
    expect(router.currentRoute.value.path).toBe('/login');
  });

  it('shows the unlock time in local time for a locked account', async () => {
    mockFetch(errorResponse(423, 'account_locked', '账号已锁定', { locked_until: '2026-11-27T18:00:00.000Z' }));
    const wrapper = await mountLogin();
    await submit(wrapper, 'zhang', 'bad');
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="login-error"]').text()).toContain(formatDateTime('2026-11-27T18:00:00.000Z')),
    );
  });

  it('says an administrator locked the account, with no unlock time', async () => {
    mockFetch(
      errorResponse(423, 'account_locked', '账号已被管理员锁定，请联系系统管理员解锁', { locked_by: 'administrator' }),
    );
    const wrapper = await mountLogin();
    await submit(wrapper, 'zhang', 'bad');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="login-error"]').text()).toContain('管理员锁定'));
    expect(wrapper.find('[data-testid="login-error"]').text()).not.toContain('9999');
  });

  it('goes to the redirect after a successful login', async () => {
    mockFetch(jsonResponse(200, { user: { ...user, must_change_password: false } }));
    const wrapper = await mountLogin('/units');
    await submit(wrapper, 'zhang', 'Good#1234');
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/units'));
    expect(useUserStore().isLoggedIn).toBe(true);
  });

  it('forces the password change when the server asks for it', async () => {
    mockFetch(jsonResponse(200, { user: { ...user, must_change_password: true } }));
    const wrapper = await mountLogin('/units');
    await submit(wrapper, 'zhang', 'Temp#1234');
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/password'));
  });

  it('sends one request when Enter and the button submit together', async () => {
    const fetchMock = mockFetch(errorResponse(401, 'invalid_credentials', '用户名或密码错误'));
    const wrapper = await mountLogin();
    await wrapper.find('[data-testid="login-username"]').setValue('zhang');
    await wrapper.find('[data-testid="login-password"]').setValue('bad');
    // Enter in the password field, and a click on the button before the answer came back.
    await wrapper.find('[data-testid="login-password"]').trigger('keyup', { key: 'Enter' });
    await wrapper.find('form').trigger('submit');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    await vi.waitFor(() => expect(wrapper.find('[data-testid="login-error"]').exists()).toBe(true));
    const logins = fetchMock.mock.calls.filter(([url]) => String(url).includes('/auth/login'));
    expect(logins).toHaveLength(1);
    // The emptied password is not flagged as a missing input.
    expect(wrapper.text()).not.toContain('请输入密码');
  });

  it('asks for the second factor in the same form and sends it with the password once', async () => {
    const fetchMock = mockFetch(
      errorResponse(401, 'second_factor_required', '请输入身份验证器上的六位验证码或一个恢复码'),
      jsonResponse(200, { user: { ...user, must_change_password: false }, permissions: ['signed_in'] }),
    );
    const wrapper = await mountLogin('/units');
    await submit(wrapper, 'zhang', 'Good#1234');
    // No error: the code step appears and the password is kept.
    expect(wrapper.find('[data-testid="login-error"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="login-second-factor"]').exists()).toBe(true);
    await wrapper.find('[data-testid="login-code"]').setValue('123456');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(call(fetchMock, 1).body).toEqual({ username: 'zhang', password: 'Good#1234', totp: '123456' });
    expect(router.currentRoute.value.fullPath).toBe('/units');
  });

  it('sends a recovery code instead when asked, and keeps the step after a wrong code', async () => {
    const fetchMock = mockFetch(
      errorResponse(401, 'second_factor_required', '请输入验证码'),
      errorResponse(401, 'second_factor_invalid', '恢复码不正确或已使用'),
    );
    const wrapper = await mountLogin();
    await submit(wrapper, 'zhang', 'Good#1234');
    await wrapper.find('[data-testid="login-use-recovery"]').trigger('click');
    await wrapper.find('[data-testid="login-code"]').setValue('abcde-fghjk');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(call(fetchMock, 1).body).toEqual({ username: 'zhang', password: 'Good#1234', recovery_code: 'abcde-fghjk' });
    expect(wrapper.find('[data-testid="login-error"]').text()).toContain('恢复码不正确或已使用');
    expect(wrapper.find('[data-testid="login-second-factor"]').exists()).toBe(true);
  });

  it('goes to enrolment when the role requires a second factor not set up yet', async () => {
    mockFetch(
      jsonResponse(200, {
        user: { ...user, must_change_password: false },
        permissions: ['signed_in'],
        second_factor: { enabled: false, required: true, enrolment_required: true },
      }),
    );
    const wrapper = await mountLogin('/units');
    await submit(wrapper, 'zhang', 'Good#1234');
    expect(router.currentRoute.value.path).toBe('/totp');
  });
});
