import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { resetClient } from '@/api/client';
import { i18n } from '@/locales';
import { useUserStore } from '@/stores/user';
import { codesFor } from '@/test/access';
import { jsonResponse } from '@/test/fetch';
import LedgerPage from '../index.vue';

const ALLIANCE = {
  id: 1,
  name: '第一联盟',
  lead_unit: { id: 11, name: '区委直属机关工委' },
  dissolved_on: null,
  members: [{ unit: { id: 11, name: '区委直属机关工委' } }],
};

const LEDGER = {
  alliance: { id: 1, name: '第一联盟' },
  year: 2026,
  activities: [
    {
      id: 9,
      title: '庆祝建党节主题党日',
      linkage: 'theory_study',
      kind: 'theme_party_day',
      starts_at: '2026-07-01T01:30:00Z',
      state: 'ledger_submitted',
      host_unit: { id: 11, name: '区委直属机关工委' },
      ledger: { complete: true, missing: [] },
      archived_at: null,
      amendments: 0,
    },
    {
      id: 10,
      title: '党课',
      linkage: 'resource_sharing',
      kind: 'party_lecture',
      starts_at: '2026-05-20T01:30:00Z',
      state: 'held',
      host_unit: { id: 12, name: '区审计局' },
      ledger: { complete: false, missing: ['outcomes', 'photo_or_minutes'] },
      archived_at: null,
      amendments: 0,
    },
  ],
  counts: { total: 2, complete: 1, archived: 0, incomplete: 1 },
  chain: { intact: false, entries: 3, broken: { sequence: 2, activity_id: 8, activity_title: '旧活动', reason: '记录内容被修改' } },
};

let pinia: Pinia;
let releaseExport: (response: Response) => void = () => undefined;
let fetchMock: ReturnType<typeof vi.fn>;

function stubFetch() {
  fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    if (url.startsWith('/api/v1/alliances?') || url === '/api/v1/alliances') return jsonResponse(200, { items: [ALLIANCE], total: 1 });
    if (url.startsWith('/api/v1/ledger?')) return jsonResponse(200, LEDGER);
    if (url.startsWith('/api/v1/alliances/1/coverage')) return jsonResponse(200, { alliance: ALLIANCE, year: 2026, months: [], rows: [], planned: 0, held: 0 });
    if (url.includes('ledger.xlsx') || url.includes('ledger-binder.pdf')) return new Promise<Response>((resolve) => (releaseExport = resolve));
    return jsonResponse(404, { error: { code: 'not_found', message: url } });
  });
  vi.stubGlobal('fetch', fetchMock);
}

async function mountPage() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/ledger', component: LedgerPage },
      { path: '/activities/:id', component: defineComponent({ render: () => null }) },
      { path: '/activities', component: defineComponent({ render: () => null }) },
    ],
  });
  await router.push('/ledger?year=2026');
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [pinia, router, i18n, ElementPlus] } });
  await flushPromises();
  await flushPromises();
  return wrapper;
}

beforeEach(() => {
  pinia = createPinia();
  setActivePinia(pinia);
  i18n.global.locale.value = 'zh-CN';
  useUserStore().setUser(
    { id: 3, username: 'gongwei_admin', display_name: '区委直属机关工委', roles: ['unit_admin'], unit_id: 11, must_change_password: false },
    codesFor(['unit_admin']),
  );
  stubFetch();
});

afterEach(() => {
  resetClient();
  vi.unstubAllGlobals();
});

describe('the ledger page', () => {
  it('opens on the alliance the unit leads: counts, the broken chain, what each activity lacks in Chinese', async () => {
    const wrapper = await mountPage();
    expect(fetchMock.mock.calls.map(([url]) => String(url))).toContain('/api/v1/ledger?alliance_id=1&year=2026');
    expect(wrapper.find('[data-testid="ledger-count-incomplete"]').attributes('data-value')).toBe('1');
    const chain = wrapper.find('[data-testid="ledger-chain"]');
    expect(chain.attributes('data-intact')).toBe('false');
    expect(chain.attributes('data-broken-at')).toBe('2');
    expect(chain.text()).toContain('台账链在第 2 号记录处断裂（旧活动）');
    expect(wrapper.find('[data-testid="ledger-row-missing"]').text()).toBe('缺：活动成效、活动照片或会议纪要');
    // The lead archives or returns a submitted ledger only.
    expect(wrapper.findAll('[data-testid="ledger-archive"]').map((button) => button.attributes('data-id'))).toEqual(['9']);
  }, 60_000);

  it('an export shows its progress and a second click sends nothing', async () => {
    const wrapper = await mountPage();
    const exports = () => fetchMock.mock.calls.filter(([url]) => /ledger\.xlsx|ledger-binder/.test(String(url)));
    await wrapper.find('[data-testid="ledger-export-xlsx"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="download-progress"]').attributes('data-active')).toBe('xlsx');
    expect(wrapper.find('[data-testid="download-progress"]').text()).toContain('正在生成');
    expect(wrapper.find('[data-testid="ledger-export-xlsx"]').attributes('disabled')).toBeDefined();
    await wrapper.find('[data-testid="ledger-export-xlsx"]').trigger('click');
    await wrapper.find('[data-testid="ledger-export-binder"]').trigger('click');
    expect(exports()).toHaveLength(1);
    expect(String(exports()[0][0])).toBe('/api/v1/alliances/1/ledger.xlsx?year=2026');
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    releaseExport(new Response(new Uint8Array(10), { status: 200, headers: { 'Content-Length': '10' } }));
    await flushPromises();
    await new Promise((done) => setTimeout(done, 0));
    await flushPromises();
    expect(wrapper.find('[data-testid="download-progress"]').exists()).toBe(false);
  }, 60_000);
});
