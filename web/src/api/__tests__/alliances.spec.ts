import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  addAllianceMember,
  changeAllianceLead,
  createAlliance,
  dissolveAlliance,
  getAlliance,
  getRotation,
  listAlliances,
  removeAllianceMember,
  setRotationOrder,
  updateAlliance,
} from '../alliances';
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

describe('alliances module', () => {
  it('reads the list and one alliance, optionally as of a date', async () => {
    const fetch = mockFetch(
      jsonResponse(200, { items: [], total: 0 }),
      jsonResponse(200, { items: [], total: 0 }),
      jsonResponse(200, { id: 3 }),
      jsonResponse(200, { id: 3 }),
    );
    await listAlliances();
    await listAlliances({ on: '2026-05-01' });
    await getAlliance(3);
    await getAlliance(3, '2026-05-01');
    expect(call(fetch, 0).url).toBe('/api/v1/alliances');
    expect(call(fetch, 1).url).toBe('/api/v1/alliances?on=2026-05-01');
    expect(call(fetch, 2).url).toBe('/api/v1/alliances/3');
    expect(call(fetch, 3).url).toBe('/api/v1/alliances/3?on=2026-05-01');
  });

  it('creates and updates with the CSRF header', async () => {
    const fetch = mockFetch(jsonResponse(201, { id: 4 }), jsonResponse(200, { id: 4 }));
    await createAlliance({ name: '第四联盟', office_area_id: 3, lead_unit_id: 15, member_unit_ids: [16, 17], rotation_mode: 'per_quarter' });
    await updateAlliance(4, { note: '备注' });
    expect(call(fetch, 0)).toMatchObject({
      url: '/api/v1/alliances',
      method: 'POST',
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
      body: { name: '第四联盟', office_area_id: 3, lead_unit_id: 15, member_unit_ids: [16, 17], rotation_mode: 'per_quarter' },
    });
    expect(call(fetch, 1)).toMatchObject({ url: '/api/v1/alliances/4', method: 'PUT', body: { note: '备注' } });
  });

  it('uses the membership action paths', async () => {
    const fetch = mockFetch(jsonResponse(200, {}), jsonResponse(200, {}), jsonResponse(200, {}), jsonResponse(204));
    await changeAllianceLead(1, { unit_id: 2, reason: '工作调整' });
    await addAllianceMember(1, { unit_id: 15, joined_on: '2026-06-01' });
    await removeAllianceMember(1, 5, { reason: '搬迁' });
    await expect(dissolveAlliance(1, { reason: '合并' })).resolves.toBeUndefined();
    expect(call(fetch, 0)).toMatchObject({ url: '/api/v1/alliances/1/lead', method: 'POST', body: { unit_id: 2, reason: '工作调整' } });
    expect(call(fetch, 1)).toMatchObject({ url: '/api/v1/alliances/1/members', body: { unit_id: 15, joined_on: '2026-06-01' } });
    expect(call(fetch, 2)).toMatchObject({ url: '/api/v1/alliances/1/members/5/leave', body: { reason: '搬迁' } });
    expect(call(fetch, 3)).toMatchObject({ url: '/api/v1/alliances/1/dissolve', body: { reason: '合并' } });
  });

  it('reads the rotation and saves the order', async () => {
    const fetch = mockFetch(jsonResponse(200, { alliance_id: 1, year: 2027, turns: [] }), jsonResponse(200, { unit_ids: [2, 1] }));
    await getRotation(1, 2027);
    await expect(setRotationOrder(1, [2, 1])).resolves.toEqual({ unit_ids: [2, 1] });
    expect(call(fetch, 0).url).toBe('/api/v1/alliances/1/rotation?year=2027');
    expect(call(fetch, 1)).toMatchObject({ url: '/api/v1/alliances/1/rotation-order', method: 'PUT', body: { unit_ids: [2, 1] } });
  });

  it('silent mutations leave the message to the form', async () => {
    mockFetch(errorResponse(409, 'conflict', '该单位已在其他联盟中', { field: 'unit_id' }));
    await expect(addAllianceMember(1, { unit_id: 2 }, { silent: true })).rejects.toMatchObject({
      status: 409,
      message: '该单位已在其他联盟中',
      details: { field: 'unit_id' },
    });
    expect(notify).not.toHaveBeenCalled();
  });
});
