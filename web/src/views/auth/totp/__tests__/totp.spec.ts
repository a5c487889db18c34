import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import { defineComponent } from 'vue';
import { resetClient } from '@/api/client';
import { i18n } from '@/locales';
import { useUserStore } from '@/stores/user';
import { codesFor } from '@/test/access';
import { call, errorResponse, jsonResponse, mockFetch } from '@/test/fetch';
import TotpPage from '../index.vue';

const Empty = defineComponent({ render: () => null });
let pinia: Pinia;

async function mountPage() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/totp', component: TotpPage },
      { path: '/login', component: Empty },
      { path: '/dashboard', name: 'dashboard', component: Empty },
    ],
  });
  await router.push('/totp');
  const wrapper = mount(TotpPage, { global: { plugins: [pinia, router, i18n, ElementPlus] }, attachTo: document.body });
  return { wrapper, router };
}

beforeEach(() => {
  pinia = createPinia();
  setActivePinia(pinia);
  i18n.global.locale.value = 'zh-CN';
  const store = useUserStore();
  store.setUser(
    { id: 1, username: 'chair', display_name: '主任', roles: ['committee_admin'], unit_id: null, must_change_password: false },
    codesFor(['committee_admin']),
    { second_factor: { enabled: false, required: true, enrolment_required: true } },
  );
});

afterEach(() => {
  resetClient();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const enrolment = { secret: 'JBSWY3DPEHPK3PXP', otpauth_uri: 'otpauth://totp/x', qr_svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' };
const codes = Array.from({ length: 10 }, (_, index) => `abcde-fgh${index}k`);

describe('two-factor enrolment page', () => {
  it('says enrolment is required, shows the QR code and key, and shows the ten recovery codes after confirming', async () => {
    const fetchMock = mockFetch(jsonResponse(200, enrolment), jsonResponse(200, { recovery_codes: codes }));
    const { wrapper } = await mountPage();
    expect(wrapper.find('[data-testid="totp-forced"]').exists()).toBe(true);
    await wrapper.find('[data-testid="totp-start"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="totp-secret"]').text()).toBe(enrolment.secret);
    // The SVG is shown as an image, never injected as markup.
    expect(wrapper.find('[data-testid="totp-qr"]').attributes('src')).toMatch(/^data:image\/svg\+xml/);
    await wrapper.find('[data-testid="totp-code"]').setValue('123456');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(call(fetchMock, 1).body).toEqual({ code: '123456' });
    expect(wrapper.findAll('[data-testid="totp-recovery-codes"] li')).toHaveLength(10);
    expect(useUserStore().mustEnrolSecondFactor).toBe(false);
  });

  it('shows a wrong code next to the form and keeps the QR code', async () => {
    mockFetch(jsonResponse(200, enrolment), errorResponse(422, 'validation_failed', '验证码不正确', { field: 'code' }));
    const { wrapper } = await mountPage();
    await wrapper.find('[data-testid="totp-start"]').trigger('click');
    await flushPromises();
    await wrapper.find('[data-testid="totp-code"]').setValue('000000');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-testid="totp-error"]').text()).toContain('验证码不正确');
    expect(wrapper.find('[data-testid="totp-qr"]').exists()).toBe(true);
    expect(useUserStore().mustEnrolSecondFactor).toBe(true);
  });
});
