import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { defineComponent, h, ref } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import type { CampaignApi } from '@/api/campaign';
import { resetClient } from '@/api/client';
import { i18n } from '@/locales';
import { call, errorResponse, jsonResponse, mockFetch } from '@/test/fetch';
import CampaignDatesDialog from '../CampaignDatesDialog.vue';

const campaign: CampaignApi.Campaign = {
  year: 2026,
  configured: false,
  phases: [
    { code: 'planning', starts_on: '2026-04-01', ends_on: '2026-04-30' },
    { code: 'implementation', starts_on: '2026-05-01', ends_on: '2026-11-30' },
    { code: 'summary', starts_on: '2026-12-01', ends_on: '2026-12-31' },
  ],
  current_phase: 'planning',
  reminder_days: [7, 1],
  deadlines: [],
  version: 1,
};

async function mountDialog() {
  // Opened after mounting, as the page does: the dialog fills its form when it opens.
  const open = ref(false);
  const saved = vi.fn();
  const Page = defineComponent({
    setup: () => () =>
      h(CampaignDatesDialog, {
        campaign,
        modelValue: open.value,
        'onUpdate:modelValue': (value: boolean) => (open.value = value),
        onSaved: saved,
      }),
  });
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/campaign', component: Page }] });
  await router.push('/campaign');
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), {
    global: { plugins: [router, i18n, ElementPlus] },
    attachTo: document.body,
  });
  await flushPromises();
  open.value = true;
  await settle();
  const formItems = () => wrapper.findAllComponents({ name: 'ElFormItem' });
  return { open, saved, formItems };
}

async function settle(): Promise<void> {
  for (let round = 0; round < 3; round += 1) {
    await flushPromises();
    await new Promise((done) => setTimeout(done, 0));
  }
}

function clickSave(): void {
  document.querySelector<HTMLButtonElement>('[data-testid="campaign-dates-submit"]')!.click();
}

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN';
});

afterEach(() => {
  resetClient();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('campaign dates dialog', { timeout: 30_000 }, () => {
  it('puts the three phases and the reminder days', async () => {
    const fetch = mockFetch(jsonResponse(200, { ...campaign, configured: true }));
    const { open, saved } = await mountDialog();
    clickSave();
    await settle();
    expect(call(fetch, 0)).toMatchObject({
      url: '/api/v1/campaigns/2026',
      method: 'PUT',
      body: { phases: campaign.phases, reminder_days: [7, 1] },
    });
    expect(saved).toHaveBeenCalled();
    expect(open.value).toBe(false);
  });

  it('shows the server field errors beside the phase they name', async () => {
    mockFetch(
      errorResponse(422, 'validation_failed', '输入有误', {
        fields: [
          { field: 'phases[1].starts_on', message: '组织实施阶段须在制定计划阶段结束后开始' },
          { field: 'reminder_days', message: '提醒天数须在 1 至 60 之间' },
        ],
      }),
    );
    const { open, formItems } = await mountDialog();
    clickSave();
    await settle();
    expect(open.value).toBe(true);
    const errors = formItems().map((item) => item.props('error'));
    // planning, implementation, summary, reminder days
    expect(errors).toEqual([undefined, '组织实施阶段须在制定计划阶段结束后开始', undefined, '提醒天数须在 1 至 60 之间']);
  });
});
