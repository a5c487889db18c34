import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import { resetClient } from '@/api/client';
import { i18n } from '@/locales';
import { useUserStore } from '@/stores/user';
import { call, errorResponse, jsonResponse, mockFetch } from '@/test/fetch';
import { codesFor } from '@/test/access';
import SigninPage from '../index.vue';

const TOKEN = '9.1779000000.abcdef';
const INFO = {
  activity: {
    title: '庆祝建党节主题党日',
    alliance: { id: 1, name: '第一联盟' },
    host_unit: { id: 2, name: '区审计局' },
    place: '党员活动室',
    starts_at: '2026-07-01T01:30:00Z',
    ends_at: '2026-07-01T03:30:00Z',
  },
  open: true,
  valid_from: '2026-07-01T00:30:00Z',
  valid_until: '2026-07-01T05:30:00Z',
};

let pinia: Pinia;

async function mountPage() {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/signin/:token', component: SigninPage }] });
  await router.push(`/signin/${TOKEN}`);
  const wrapper = mount(SigninPage, { global: { plugins: [pinia, router, i18n, ElementPlus] } });
  await flushPromises();
  return wrapper;
}

async function fill(wrapper: Awaited<ReturnType<typeof mountPage>>, name: string, digits: string) {
  await wrapper.find('[data-testid="signin-name"]').setValue(name);
  await wrapper.find('[data-testid="signin-phone"]').setValue(digits);
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
});

describe('the sign-in page', () => {
  it('shows the activity and signs in by name and the last four digits', async () => {
    const fetch = mockFetch(jsonResponse(200, INFO), jsonResponse(200, { member: { id: 5, name: '李明' }, unit: { id: 2, name: '区审计局' }, status: 'present', already: false }));
    const wrapper = await mountPage();
    expect(wrapper.find('[data-testid="signin-activity"]').text()).toContain('庆祝建党节主题党日');
    expect(wrapper.find('[data-testid="signin-tap"]').exists()).toBe(false);
    await fill(wrapper, ' 李明 ', '0001');
    expect(call(fetch, 0).url).toBe(`/api/v1/signin/${TOKEN}`);
    expect(call(fetch, 1)).toMatchObject({ url: `/api/v1/signin/${TOKEN}`, method: 'POST', body: { name: '李明', phone_last4: '0001' } });
    const success = wrapper.find('[data-testid="signin-success"]');
    expect(success.text()).toContain('签到成功');
    expect(success.text()).toContain('李明（区审计局）');
    expect(success.attributes('data-already')).toBe('false');
  });

  it('says so when already signed in', async () => {
    mockFetch(jsonResponse(200, INFO), jsonResponse(200, { member: { id: 5, name: '李明' }, unit: { id: 2, name: '区审计局' }, status: 'present', already: true }));
    const wrapper = await mountPage();
    await fill(wrapper, '李明', '0001');
    expect(wrapper.find('[data-testid="signin-success"]').text()).toContain('您已签到');
  });

  it('checks the fields before sending anything', async () => {
    const fetch = mockFetch(jsonResponse(200, INFO));
    const wrapper = await mountPage();
    await fill(wrapper, '', '12a');
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(wrapper.text()).toContain('请输入姓名');
    expect(wrapper.text()).toContain('请输入 4 位数字');
  });

  it('a mismatch gives one message without saying which part was wrong', async () => {
    mockFetch(jsonResponse(200, INFO), errorResponse(422, 'signin_mismatch', 'mismatch'));
    const wrapper = await mountPage();
    await fill(wrapper, '李明', '9999');
    const message = wrapper.find('[data-testid="signin-message"]');
    expect(message.attributes('data-kind')).toBe('mismatch');
    expect(message.text()).toBe('姓名或手机号后四位与参会名单不符，请核对后重试。');
    expect(wrapper.find('form').exists()).toBe(true);
  });

  it('too many attempts: the wait from Retry-After', async () => {
    const limited = new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'x' } }), {
      status: 429,
      headers: { 'Content-Type': 'application/json', 'Retry-After': '300' },
    });
    mockFetch(jsonResponse(200, INFO), limited);
    const wrapper = await mountPage();
    await fill(wrapper, '李明', '9999');
    expect(wrapper.find('[data-testid="signin-message"]').text()).toBe('尝试次数过多，请 300 秒后再试。');
  });

  it('closed: outside the window the form is not offered; a 410 on submit says the same', async () => {
    mockFetch(jsonResponse(200, { ...INFO, open: false }));
    const closed = await mountPage();
    expect(closed.find('[data-testid="signin-message"]').attributes('data-kind')).toBe('closed');
    expect(closed.find('form').exists()).toBe(false);

    mockFetch(jsonResponse(200, INFO), errorResponse(410, 'signin_closed', 'closed'));
    const late = await mountPage();
    await fill(late, '李明', '0001');
    expect(late.find('[data-testid="signin-message"]').text()).toContain('当前不在签到时间内');
  });

  it('a forged token is invalid', async () => {
    mockFetch(errorResponse(404, 'not_found', 'not found'));
    const wrapper = await mountPage();
    expect(wrapper.attributes('data-phase')).toBe('invalid');
    expect(wrapper.find('[data-testid="signin-message"]').text()).toContain('签到码无效');
  });

  it('a signed-in member signs in with one tap', async () => {
    useUserStore().setUser({ id: 7, username: 'm', display_name: '李明', roles: ['member'], unit_id: 2, must_change_password: false }, codesFor(['member']));
    const fetch = mockFetch(jsonResponse(200, INFO), jsonResponse(200, { member: { id: 5, name: '李明' }, unit: { id: 2, name: '区审计局' }, status: 'present', already: false }));
    const wrapper = await mountPage();
    await wrapper.find('[data-testid="signin-tap"]').trigger('click');
    await flushPromises();
    expect(call(fetch, 1)).toMatchObject({ url: '/api/v1/activities/9/attendance/me', method: 'POST' });
    expect(wrapper.find('[data-testid="signin-success"]').exists()).toBe(true);
  });
});
