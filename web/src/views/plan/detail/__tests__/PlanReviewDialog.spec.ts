import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { defineComponent, h, ref } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { resetClient } from '@/api/client';
import { i18n } from '@/locales';
import { call, errorResponse, jsonResponse, mockFetch } from '@/test/fetch';
import PlanReviewDialog from '../PlanReviewDialog.vue';

async function mountDialog(action: 'approve' | 'return') {
  const open = ref(true);
  const done = vi.fn();
  const Page = defineComponent({
    setup: () => () =>
      h(PlanReviewDialog, {
        action,
        planId: 3,
        modelValue: open.value,
        'onUpdate:modelValue': (value: boolean) => (open.value = value),
        onDone: done,
      }),
  });
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/plans/3', component: Page }] });
  await router.push('/plans/3');
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), {
    global: { plugins: [router, i18n, ElementPlus] },
    attachTo: document.body,
  });
  await flushPromises();
  /** The error the opinion's form item is given (what it shows under the field). */
  const opinionError = (): unknown => wrapper.findComponent({ name: 'ElFormItem' }).props('error');
  return { open, done, opinionError };
}

/** Lets the form item draw its error (it is set through a watcher and shown in a transition). */
async function settle(): Promise<void> {
  for (let round = 0; round < 3; round += 1) {
    await flushPromises();
    await new Promise((done) => setTimeout(done, 0));
  }
}

function byTestId<T extends HTMLElement>(id: string): T {
  return document.querySelector<T>(`[data-testid="${id}"]`)!;
}

async function typeOpinion(text: string): Promise<void> {
  const input = document.querySelector<HTMLTextAreaElement>('textarea[data-testid="plan-review-opinion"]')!;
  input.value = text;
  input.dispatchEvent(new Event('input'));
  await flushPromises();
}

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN';
});

afterEach(() => {
  resetClient();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('plan review dialog', () => {
  it('returning needs an opinion: nothing is sent without one', async () => {
    const fetch = mockFetch(jsonResponse(200, { id: 3, state: 'returned' }));
    const { done, opinionError } = await mountDialog('return');
    byTestId('plan-review-submit').click();
    await settle();
    expect(fetch).not.toHaveBeenCalled();
    expect(opinionError()).toBe('退回时请填写意见');

    await typeOpinion('请补充作风纪律联抓的活动');
    byTestId('plan-review-submit').click();
    await flushPromises();
    await flushPromises();
    expect(call(fetch, 0)).toMatchObject({ url: '/api/v1/plans/3/return', method: 'POST', body: { opinion: '请补充作风纪律联抓的活动' } });
    expect(done).toHaveBeenCalledWith({ id: 3, state: 'returned' });
  });

  it('approving may go without an opinion', async () => {
    const fetch = mockFetch(jsonResponse(200, { id: 3, state: 'approved' }));
    const { open } = await mountDialog('approve');
    byTestId('plan-review-submit').click();
    await flushPromises();
    await flushPromises();
    expect(call(fetch, 0)).toMatchObject({ url: '/api/v1/plans/3/approve', body: { opinion: '' } });
    expect(open.value).toBe(false);
  });

  it('shows the server field error next to the opinion', async () => {
    mockFetch(errorResponse(422, 'validation_failed', '输入有误', { fields: [{ field: 'opinion', message: '意见不能超过 1000 字' }] }));
    const { open, opinionError } = await mountDialog('return');
    await typeOpinion('不同意');
    byTestId('plan-review-submit').click();
    await settle();
    expect(open.value).toBe(true);
    expect(opinionError()).toBe('意见不能超过 1000 字');
  });
});
