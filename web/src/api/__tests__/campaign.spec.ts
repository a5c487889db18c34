import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  copyChecklist,
  createChecklistItem,
  deleteChecklistItem,
  getCampaign,
  getDeadlineOverview,
  getHomeCampaign,
  listChecklistItems,
  listPhaseReports,
  restoreChecklistItem,
  retireChecklistItem,
  submitPhaseReport,
  updateCampaign,
  updateChecklistItem,
} from '../campaign';
import { configureClient, resetClient } from '../client';
import { call, errorResponse, jsonResponse, mockFetch } from '@/test/fetch';

const notify = vi.fn();

beforeEach(() => {
  notify.mockReset();
  configureClient({ notify });
});

afterEach(() => {
  resetClient();
  vi.unstubAllGlobals();
});

describe('campaign module', () => {
  it('reads and writes a year', async () => {
    const fetch = mockFetch(jsonResponse(200, {}), jsonResponse(200, {}), jsonResponse(200, {}), jsonResponse(200, {}));
    await getCampaign(2026);
    const phases = [
      { code: 'planning' as const, starts_on: '2026-04-01', ends_on: '2026-04-30' },
      { code: 'implementation' as const, starts_on: '2026-05-01', ends_on: '2026-11-30' },
      { code: 'summary' as const, starts_on: '2026-12-01', ends_on: '2026-12-31' },
    ];
    await updateCampaign(2026, { phases, reminder_days: [7, 1] }, { silent: true });
    await getDeadlineOverview(2026);
    await getHomeCampaign({ silent: true });
    expect(call(fetch, 0)).toMatchObject({ url: '/api/v1/campaigns/2026', method: 'GET' });
    expect(call(fetch, 1)).toMatchObject({
      url: '/api/v1/campaigns/2026',
      method: 'PUT',
      headers: { 'X-Requested-With': 'XMLHttpRequest', 'Content-Type': 'application/json' },
      body: { phases, reminder_days: [7, 1] },
    });
    expect(call(fetch, 2).url).toBe('/api/v1/campaigns/2026/deadlines');
    expect(call(fetch, 3).url).toBe('/api/v1/home/campaign');
  });

  it('lists and submits phase reports', async () => {
    const fetch = mockFetch(jsonResponse(200, { items: [], total: 0 }), jsonResponse(201, { id: 4 }));
    await listPhaseReports({ year: 2026, alliance_id: 2, phase: 'planning' });
    await submitPhaseReport({ alliance_id: 2, year: 2026, phase: 'planning', account: '已完成计划' });
    expect(call(fetch, 0).url).toBe('/api/v1/phase-reports?year=2026&alliance_id=2&phase=planning');
    expect(call(fetch, 1)).toMatchObject({
      url: '/api/v1/phase-reports',
      method: 'POST',
      body: { alliance_id: 2, year: 2026, phase: 'planning', account: '已完成计划' },
    });
  });

  it('uses the checklist paths and bodies', async () => {
    const fetch = mockFetch(
      jsonResponse(200, { items: [], total: 0 }),
      jsonResponse(201, { id: 9 }),
      jsonResponse(200, { id: 9 }),
      jsonResponse(200, { id: 9 }),
      jsonResponse(200, { id: 9 }),
      jsonResponse(204),
      jsonResponse(201, { copied: 20 }),
    );
    await listChecklistItems({ year: 2026, linkage: 'theory_study', include_retired: true, page: 2, page_size: 50 });
    const params = {
      year: 2026,
      linkage: 'central_work' as const,
      kind: 'practice' as const,
      title: '两区创建志愿服务',
      description: '',
      suggested_month: 6,
      key_date: '',
    };
    await createChecklistItem(params);
    await updateChecklistItem(9, { ...params, version: 3 });
    await retireChecklistItem(9);
    await restoreChecklistItem(9);
    await expect(deleteChecklistItem(9)).resolves.toBeUndefined();
    await expect(copyChecklist({ from_year: 2025, to_year: 2026 })).resolves.toEqual({ copied: 20 });
    expect(call(fetch, 0).url).toBe('/api/v1/checklist-items?year=2026&linkage=theory_study&include_retired=true&page=2&page_size=50');
    expect(call(fetch, 1)).toMatchObject({ url: '/api/v1/checklist-items', method: 'POST', body: params });
    expect(call(fetch, 2)).toMatchObject({ url: '/api/v1/checklist-items/9', method: 'PUT', body: { ...params, version: 3 } });
    expect(call(fetch, 3)).toMatchObject({ url: '/api/v1/checklist-items/9/retire', method: 'POST', body: undefined });
    expect(call(fetch, 4)).toMatchObject({ url: '/api/v1/checklist-items/9/restore', method: 'POST' });
    expect(call(fetch, 5)).toMatchObject({ url: '/api/v1/checklist-items/9', method: 'DELETE' });
    expect(call(fetch, 6)).toMatchObject({ url: '/api/v1/checklist-items/copy', body: { from_year: 2025, to_year: 2026 } });
  });

  it('a 409 on delete carries the server message', async () => {
    mockFetch(errorResponse(409, 'checklist_item_in_use', '该清单项已被活动计划使用，请改为停用'));
    await expect(deleteChecklistItem(9, { silent: true })).rejects.toMatchObject({ status: 409, code: 'checklist_item_in_use' });
    expect(notify).not.toHaveBeenCalled();
  });
});
