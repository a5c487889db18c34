import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureClient, resetClient } from '../client';
import { listMissingSheets, listResponsibilitySheets, saveResponsibilitySheet } from '../responsibility';
import { call, jsonResponse, mockFetch } from '@/test/fetch';

beforeEach(() => {
  configureClient({ notify: vi.fn() });
});

afterEach(() => {
  resetClient();
  vi.unstubAllGlobals();
});

describe('responsibility module', () => {
  it('lists sheets and the units without one', async () => {
    const fetch = mockFetch(jsonResponse(200, { items: [], total: 0 }), jsonResponse(200, { items: [], total: 0 }));
    await listResponsibilitySheets({ year: 2026, alliance_id: 2 });
    await listMissingSheets(2026, { page: 1, page_size: 100 });
    expect(call(fetch, 0).url).toBe('/api/v1/responsibility-sheets?year=2026&alliance_id=2');
    expect(call(fetch, 1).url).toBe('/api/v1/responsibility-sheets/missing?year=2026&page=1&page_size=100');
  });

  it('puts the unit sheet of a year', async () => {
    const fetch = mockFetch(jsonResponse(200, { id: 1 }));
    const body = {
      targets: '定目标',
      measures: '定措施',
      duties: '定职责',
      first_responsible_member_id: 11,
      direct_responsible_member_id: 12,
      liaison_member_id: null,
      version: 2,
    };
    await saveResponsibilitySheet(2026, 7, body, { silent: true });
    expect(call(fetch, 0)).toMatchObject({ url: '/api/v1/responsibility-sheets/2026/units/7', method: 'PUT', body });
  });
});
