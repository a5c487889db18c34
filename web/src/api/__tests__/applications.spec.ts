import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  confirmApplication,
  consultApplication,
  createApplication,
  decideApplication,
  getApplication,
  listApplications,
  withdrawApplication,
} from '../applications';
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

describe('applications module', () => {
  it('builds the list query and reads one', async () => {
    const fetch = mockFetch(jsonResponse(200, { items: [], total: 0 }), jsonResponse(200, { items: [], total: 0 }), jsonResponse(200, { id: 12 }));
    await listApplications();
    await listApplications({ state: 'consulting', kind: 'join', mine: true, page: 2 });
    await getApplication(12);
    expect(call(fetch, 0).url).toBe('/api/v1/applications');
    expect(call(fetch, 1).url).toBe('/api/v1/applications?state=consulting&kind=join&mine=true&page=2');
    expect(call(fetch, 2).url).toBe('/api/v1/applications/12');
  });

  it('posts each kind of application', async () => {
    const fetch = mockFetch(jsonResponse(201, { id: 1 }), jsonResponse(201, { id: 2 }), jsonResponse(201, { id: 3 }));
    await createApplication({ kind: 'join', unit_id: 15, alliance_id: 3, reason: '办公地点相邻' });
    await createApplication({ kind: 'leave', unit_id: 2, alliance_id: 1, reason: '搬迁' });
    await createApplication({
      kind: 'found',
      unit_id: 15,
      name: '第四联盟',
      office_area_id: 3,
      lead_unit_id: 15,
      co_applicant_unit_ids: [16],
      reason: '组建',
    });
    expect(call(fetch, 0)).toMatchObject({
      url: '/api/v1/applications',
      method: 'POST',
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
      body: { kind: 'join', unit_id: 15, alliance_id: 3, reason: '办公地点相邻' },
    });
    expect(call(fetch, 1).body).toEqual({ kind: 'leave', unit_id: 2, alliance_id: 1, reason: '搬迁' });
    expect(call(fetch, 2).body).toMatchObject({ kind: 'found', co_applicant_unit_ids: [16], lead_unit_id: 15 });
  });

  it('uses the step paths and bodies', async () => {
    const fetch = mockFetch(jsonResponse(200, {}), jsonResponse(200, {}), jsonResponse(200, {}), jsonResponse(200, {}), jsonResponse(200, {}));
    await consultApplication(7, { agree: false, opinion: '人数已满' });
    await confirmApplication(7, { agree: true, opinion: '' });
    await decideApplication(7, { approve: true, opinion: '同意' });
    await withdrawApplication(7);
    await withdrawApplication(7, { opinion: '不再需要' });
    expect(call(fetch, 0)).toMatchObject({ url: '/api/v1/applications/7/consult', body: { agree: false, opinion: '人数已满' } });
    expect(call(fetch, 1)).toMatchObject({ url: '/api/v1/applications/7/confirm', body: { agree: true, opinion: '' } });
    expect(call(fetch, 2)).toMatchObject({ url: '/api/v1/applications/7/decide', body: { approve: true, opinion: '同意' } });
    expect(call(fetch, 3)).toMatchObject({ url: '/api/v1/applications/7/withdraw', body: {} });
    expect(call(fetch, 4).body).toEqual({ opinion: '不再需要' });
  });

  it('a 409 for an out-of-order step carries the Chinese message', async () => {
    mockFetch(errorResponse(409, 'conflict', '申请已办结'));
    await expect(decideApplication(7, { approve: true, opinion: '' })).rejects.toMatchObject({ status: 409, message: '申请已办结' });
    expect(notify).toHaveBeenCalledWith('申请已办结', expect.anything());
  });
});
