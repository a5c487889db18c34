import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureClient, resetClient } from '../client';
import {
  approvePlan,
  comparePlanVersions,
  createPlan,
  getPlan,
  getPlanVersion,
  listPlans,
  listPlanVersions,
  returnPlan,
  revisePlan,
  submitPlan,
  updatePlan,
} from '../plans';
import { call, errorResponse, jsonResponse, mockFetch } from '@/test/fetch';

beforeEach(() => {
  configureClient({ notify: vi.fn() });
});

afterEach(() => {
  resetClient();
  vi.unstubAllGlobals();
});

describe('plans module', () => {
  it('lists, reads and creates', async () => {
    const fetch = mockFetch(jsonResponse(200, { items: [], total: 0 }), jsonResponse(200, { id: 3 }), jsonResponse(201, { id: 3 }));
    await listPlans({ year: 2026, alliance_id: 2, state: 'returned' });
    await getPlan(3);
    await createPlan({ alliance_id: 2, year: 2026 });
    expect(call(fetch, 0).url).toBe('/api/v1/plans?year=2026&alliance_id=2&state=returned');
    expect(call(fetch, 1).url).toBe('/api/v1/plans/3');
    expect(call(fetch, 2)).toMatchObject({ url: '/api/v1/plans', method: 'POST', body: { alliance_id: 2, year: 2026 } });
  });

  it('saves the editor with contacts, support and items', async () => {
    const fetch = mockFetch(jsonResponse(200, { id: 3 }));
    const body = {
      contacts: [{ name: '张三', duty: '联络员', phone: '13800138000' }],
      support: { venues: '党建活动基地', funds: '', people: '' },
      items: [
        {
          id: 41,
          theme: '共过主题党日',
          linkage: 'theory_study' as const,
          kind: 'theme_party_day' as const,
          month: 7,
          planned_on: '2026-07-01',
          place: '二楼会议室',
          host_unit_id: 5,
          participating_unit_ids: [5, 6],
          checklist_item_id: 12,
        },
        { theme: '新活动', linkage: 'central_work' as const, kind: 'practice' as const, month: 9, place: '', participating_unit_ids: [] },
      ],
      row_version: 4,
    };
    await updatePlan(3, body, { silent: true });
    expect(call(fetch, 0)).toMatchObject({ url: '/api/v1/plans/3', method: 'PUT', body });
  });

  it('uses the review paths and bodies', async () => {
    const fetch = mockFetch(jsonResponse(200, {}), jsonResponse(200, {}), jsonResponse(200, {}), jsonResponse(200, {}));
    await submitPlan(3);
    await approvePlan(3, { opinion: '' });
    await returnPlan(3, { opinion: '请补充作风纪律联抓的活动' });
    await revisePlan(3);
    expect(call(fetch, 0)).toMatchObject({ url: '/api/v1/plans/3/submit', method: 'POST', headers: { 'X-Requested-With': 'XMLHttpRequest' } });
    expect(call(fetch, 1)).toMatchObject({ url: '/api/v1/plans/3/approve', body: { opinion: '' } });
    expect(call(fetch, 2)).toMatchObject({ url: '/api/v1/plans/3/return', body: { opinion: '请补充作风纪律联抓的活动' } });
    expect(call(fetch, 3).url).toBe('/api/v1/plans/3/revise');
  });

  it('reads versions and compares two', async () => {
    const fetch = mockFetch(jsonResponse(200, { items: [], total: 0 }), jsonResponse(200, {}), jsonResponse(200, {}));
    await listPlanVersions(3);
    await getPlanVersion(3, 1);
    await comparePlanVersions(3, 1, 2);
    expect(call(fetch, 0).url).toBe('/api/v1/plans/3/versions');
    expect(call(fetch, 1).url).toBe('/api/v1/plans/3/versions/1');
    expect(call(fetch, 2).url).toBe('/api/v1/plans/3/compare?from=1&to=2');
  });

  it('a second plan is a 409 plan_exists', async () => {
    mockFetch(errorResponse(409, 'plan_exists', '该联盟本年度已有活动计划'));
    await expect(createPlan({ alliance_id: 2, year: 2026 })).rejects.toMatchObject({ status: 409, code: 'plan_exists' });
  });
});
