import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { defineComponent, h, ref } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { resetClient } from '@/api/client';
import type { AllianceApi } from '@/api/alliances';
import { i18n } from '@/locales';
import { call, jsonResponse, mockFetch } from '@/test/fetch';
import ActivityFormDialog from '../ActivityFormDialog.vue';

const ALLIANCE = {
  id: 1,
  name: '第一联盟',
  members: [
    { unit: { id: 11, name: '区委直属机关工委' } },
    { unit: { id: 12, name: '区审计局' } },
  ],
} as unknown as AllianceApi.Alliance;

const ITEM = {
  id: 41,
  lineage_id: 41,
  theme: '庆祝建党节主题党日',
  linkage: 'theory_study',
  kind: 'theme_party_day',
  month: 7,
  planned_on: '2026-07-01',
  place: '党员活动室',
  host_unit: null,
  participating_units: [{ id: 11, name: '区委直属机关工委' }, { id: 12, name: '区审计局' }],
  checklist_item: null,
};

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN';
});

afterEach(() => {
  resetClient();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

async function mountDialog() {
  let exposed: InstanceType<typeof ActivityFormDialog> | null = null;
  const open = ref(false);
  const Page = defineComponent({
    setup() {
      return () =>
        h(ActivityFormDialog, {
          ref: (instance: unknown) => {
            exposed = instance as InstanceType<typeof ActivityFormDialog>;
          },
          modelValue: open.value,
          'onUpdate:modelValue': (value: boolean) => (open.value = value),
          activity: null,
          alliances: [ALLIANCE],
          year: 2026,
        });
    },
  });
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/activities', component: Page }] });
  await router.push('/activities');
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [router, i18n, ElementPlus] }, attachTo: document.body });
  return { wrapper, open, exposed: () => exposed! };
}

describe('ActivityFormDialog', () => {
  it('opens on the only alliance, offers the plan\'s items and fills the form from the chosen one', async () => {
    const fetch = mockFetch(
      jsonResponse(200, { items: [{ id: 5, alliance: { id: 1, name: '第一联盟' }, year: 2026 }], total: 1 }),
      jsonResponse(200, { id: 5, items: [ITEM] }),
    );
    const { open, exposed } = await mountDialog();
    open.value = true;
    await flushPromises();
    await flushPromises();
    expect(call(fetch, 0).url).toBe('/api/v1/plans?alliance_id=1&year=2026&page=1&page_size=1');
    expect(call(fetch, 1).url).toBe('/api/v1/plans/5');
    const dialog = exposed();
    expect(dialog.form.alliance_id).toBe(1);
    dialog.form.plan_item_id = 41;
    // What the select's change does.
    dialog.onPlanItem(41);
    expect(dialog.form).toMatchObject({ linkage: 'theory_study', kind: 'theme_party_day', title: '庆祝建党节主题党日', place: '党员活动室', participating_unit_ids: [11, 12] });
    dialog.form.starts_at = '2026-07-01 09:00:00';
    dialog.form.ends_at = '2026-07-01 11:00:00';
    const params = dialog.createParams();
    expect(params).toMatchObject({ alliance_id: 1, plan_item_id: 41 });
    expect(params.starts_at).toMatch(/^2026-0[67]-\d{2}T\d{2}:00:00Z$/);
  }, 60_000);
});
