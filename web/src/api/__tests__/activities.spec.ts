import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, configureClient, resetClient } from '../client';
import {
  activityPdfUrl,
  adjustRoster,
  amendActivity,
  archiveActivity,
  attachmentUploadUrl,
  cancelActivity,
  createActivity,
  deleteAttachment,
  getActivity,
  getAttendance,
  getCoverage,
  getLedger,
  getSignin,
  getSigninCode,
  holdActivity,
  ledgerBinderUrl,
  ledgerXlsxUrl,
  listActivities,
  listAttachments,
  listLedgerEntries,
  recordAttendance,
  returnLedger,
  savePart,
  signin,
  signinMe,
  submitLedger,
  updateActivity,
  uploadAttachment,
  verifyLedger,
} from '../activities';
import { call, errorResponse, jsonResponse, mockFetch } from '@/test/fetch';

beforeEach(() => {
  configureClient({ notify: vi.fn() });
});

afterEach(() => {
  resetClient();
  vi.unstubAllGlobals();
});

describe('activities module', () => {
  it('lists with the calendar range and the filters, reads, creates from a plan item', async () => {
    const fetch = mockFetch(jsonResponse(200, { items: [], total: 0 }), jsonResponse(200, { id: 9 }), jsonResponse(201, { id: 9 }));
    await listActivities({ alliance_id: 1, from: '2026-05-01', to: '2026-05-31', linkage: 'theory_study', state: undefined, page: 1, page_size: 100 });
    await getActivity(9);
    await createActivity({ alliance_id: 1, plan_item_id: 41, starts_at: '2026-05-20T01:30:00Z', ends_at: '2026-05-20T03:30:00Z' });
    expect(call(fetch, 0).url).toBe('/api/v1/activities?alliance_id=1&from=2026-05-01&to=2026-05-31&linkage=theory_study&page=1&page_size=100');
    expect(call(fetch, 1).url).toBe('/api/v1/activities/9');
    expect(call(fetch, 2)).toMatchObject({
      url: '/api/v1/activities',
      method: 'POST',
      body: { alliance_id: 1, plan_item_id: 41, starts_at: '2026-05-20T01:30:00Z', ends_at: '2026-05-20T03:30:00Z' },
    });
    expect(call(fetch, 2).headers['X-Requested-With']).toBe('XMLHttpRequest');
  });

  it('edits with PATCH and the version, and moves the workflow by its routes', async () => {
    const fetch = mockFetch(...Array.from({ length: 6 }, () => jsonResponse(200, { id: 9 })));
    await updateActivity(9, { outcomes: '形成共识三条', version: 4 });
    await holdActivity(9);
    await submitLedger(9);
    await archiveActivity(9);
    await returnLedger(9, { reason: '缺照片' });
    await cancelActivity(9, { reason: '天气原因' });
    expect(call(fetch, 0)).toMatchObject({ url: '/api/v1/activities/9', method: 'PATCH', body: { outcomes: '形成共识三条', version: 4 } });
    expect(call(fetch, 1)).toMatchObject({ url: '/api/v1/activities/9/hold', method: 'POST' });
    expect(call(fetch, 2)).toMatchObject({ url: '/api/v1/activities/9/submit-ledger', method: 'POST' });
    expect(call(fetch, 3)).toMatchObject({ url: '/api/v1/activities/9/archive', method: 'POST' });
    expect(call(fetch, 4)).toMatchObject({ url: '/api/v1/activities/9/return-ledger', method: 'POST', body: { reason: '缺照片' } });
    expect(call(fetch, 5)).toMatchObject({ url: '/api/v1/activities/9/cancel', method: 'POST', body: { reason: '天气原因' } });
  });

  it('an incomplete ledger answers 422 with the missing items', async () => {
    mockFetch(errorResponse(422, 'ledger_incomplete', '台账不完整', { missing: ['outcomes', 'attendance'] }));
    const error = await submitLedger(9, { silent: true }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).details.missing).toEqual(['outcomes', 'attendance']);
  });

  it('parts, amendments and ledger entries', async () => {
    const fetch = mockFetch(jsonResponse(200, {}), jsonResponse(201, { sequence: 3 }), jsonResponse(200, { items: [] }));
    await savePart(9, 4, { content: '本单位学习', outcomes: '心得 5 篇' });
    await amendActivity(9, { reason: '地点笔误', changes: { place: '区审计局三楼' } });
    await listLedgerEntries(9);
    expect(call(fetch, 0)).toMatchObject({ url: '/api/v1/activities/9/parts/4', method: 'PUT', body: { content: '本单位学习', outcomes: '心得 5 篇' } });
    expect(call(fetch, 1)).toMatchObject({ url: '/api/v1/activities/9/amendments', method: 'POST', body: { reason: '地点笔误', changes: { place: '区审计局三楼' } } });
    expect(call(fetch, 2).url).toBe('/api/v1/activities/9/ledger-entries');
  });

  it('attendance, roster, the sign-in code and the one tap', async () => {
    const fetch = mockFetch(
      jsonResponse(200, { items: [], units: [], total: {} }),
      jsonResponse(200, {}),
      jsonResponse(200, { items: [], units: [], total: {} }),
      jsonResponse(200, { token: 'x' }),
      jsonResponse(200, { status: 'present' }),
    );
    await getAttendance(9);
    await recordAttendance(9, { member_id: 31, status: 'leave' });
    await adjustRoster(9, { add_member_ids: [32], remove_member_ids: [33] });
    await getSigninCode(9);
    await signinMe(9);
    expect(call(fetch, 0).url).toBe('/api/v1/activities/9/attendance');
    expect(call(fetch, 1)).toMatchObject({ url: '/api/v1/activities/9/attendance', method: 'POST', body: { member_id: 31, status: 'leave' } });
    expect(call(fetch, 2)).toMatchObject({ url: '/api/v1/activities/9/roster', method: 'PUT', body: { add_member_ids: [32], remove_member_ids: [33] } });
    expect(call(fetch, 3).url).toBe('/api/v1/activities/9/signin-code');
    expect(call(fetch, 4)).toMatchObject({ url: '/api/v1/activities/9/attendance/me', method: 'POST' });
  });

  it('the public sign-in: reads the token, posts name and digits, keeps Retry-After of a 429', async () => {
    const limited = new Response(JSON.stringify({ error: { code: 'rate_limited', message: '尝试次数过多' } }), {
      status: 429,
      headers: { 'Content-Type': 'application/json', 'Retry-After': '120' },
    });
    const fetch = mockFetch(jsonResponse(200, { open: true }), jsonResponse(200, { already: false }), limited);
    await getSignin('9.1779000000.abc');
    await signin('9.1779000000.abc', { name: '李明', phone_last4: '0001' });
    const error = await signin('9.1779000000.abc', { name: '李明', phone_last4: '9999' }).catch((caught: unknown) => caught);
    expect(call(fetch, 0).url).toBe('/api/v1/signin/9.1779000000.abc');
    expect(call(fetch, 1)).toMatchObject({ url: '/api/v1/signin/9.1779000000.abc', method: 'POST', body: { name: '李明', phone_last4: '0001' } });
    expect(call(fetch, 1).headers['X-Requested-With']).toBe('XMLHttpRequest');
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(429);
    expect((error as ApiError).details.retry_after).toBe(120);
  });

  it('attachments: list, delete, and the upload URL carries name and kind', async () => {
    const fetch = mockFetch(jsonResponse(200, { items: [] }), new Response(null, { status: 204 }));
    await listAttachments(9);
    await deleteAttachment(12);
    expect(call(fetch, 0).url).toBe('/api/v1/activities/9/attachments');
    expect(call(fetch, 1)).toMatchObject({ url: '/api/v1/attachments/12', method: 'DELETE' });
    expect(attachmentUploadUrl(9, '合影 1.png', 'photo')).toBe('/api/v1/activities/9/attachments?filename=%E5%90%88%E5%BD%B1+1.png&kind=photo');
    expect(attachmentUploadUrl(9, 'a.pdf')).toBe('/api/v1/activities/9/attachments?filename=a.pdf');
  });

  it('uploads the raw file as the body, reporting progress', async () => {
    const sent: { url?: string; method?: string; body?: unknown; headers: Record<string, string> } = { headers: {} };
    class FakeXhr {
      upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
      status = 0;
      responseText = '';
      withCredentials = false;
      onload: (() => void) | null = null;
      onerror: (() => void) | null = null;
      onabort: (() => void) | null = null;
      open(method: string, url: string) {
        sent.method = method;
        sent.url = url;
      }
      setRequestHeader(name: string, value: string) {
        sent.headers[name] = value;
      }
      abort() {}
      send(body: unknown) {
        sent.body = body;
        this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 });
        this.status = 201;
        this.responseText = JSON.stringify({ id: 5, kind: 'photo' });
        this.onload?.();
      }
    }
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const file = new File([new Uint8Array([137, 80, 78, 71])], '合影.png', { type: 'image/png' });
    const progress: number[] = [];
    const result = await uploadAttachment(9, file, { kind: 'photo', onProgress: (fraction) => progress.push(fraction) });
    expect(result).toMatchObject({ id: 5, kind: 'photo' });
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('/api/v1/activities/9/attachments?filename=%E5%90%88%E5%BD%B1.png&kind=photo');
    expect(sent.body).toBe(file);
    expect(sent.headers['X-Requested-With']).toBe('XMLHttpRequest');
    expect(progress).toEqual([0.5, 1]);
  });

  it('an upload refused by the server rejects with its ApiError', async () => {
    class FakeXhr {
      upload = { onprogress: null };
      status = 0;
      responseText = '';
      onload: (() => void) | null = null;
      open() {}
      setRequestHeader() {}
      send() {
        this.status = 415;
        this.responseText = JSON.stringify({ error: { code: 'unsupported_type', message: '不支持的文件类型' } });
        this.onload?.();
      }
    }
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const error = await uploadAttachment(9, new File(['x'], 'a.txt')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('unsupported_type');
  });

  it('coverage, the ledger page, verification and the export URLs', async () => {
    const fetch = mockFetch(jsonResponse(200, { rows: [] }), jsonResponse(200, { activities: [] }), jsonResponse(200, { intact: true }));
    await getCoverage(1, 2026);
    await getLedger(1, 2026);
    await verifyLedger();
    expect(call(fetch, 0).url).toBe('/api/v1/alliances/1/coverage?year=2026');
    expect(call(fetch, 1).url).toBe('/api/v1/ledger?alliance_id=1&year=2026');
    expect(call(fetch, 2).url).toBe('/api/v1/ledger/verify');
    expect(activityPdfUrl(9)).toBe('/api/v1/activities/9/ledger.pdf');
    expect(ledgerXlsxUrl(1, 2026)).toBe('/api/v1/alliances/1/ledger.xlsx?year=2026');
    expect(ledgerBinderUrl(1, 2026)).toBe('/api/v1/alliances/1/ledger-binder.pdf?year=2026');
  });
});

describe('serverUrl', () => {
  it('keeps API and absolute URLs, puts a bare path under the API', async () => {
    const { serverUrl } = await import('../activities');
    expect(serverUrl('/api/v1/attachments/3/thumbnail')).toBe('/api/v1/attachments/3/thumbnail');
    expect(serverUrl('/attachments/3/content')).toBe('/api/v1/attachments/3/content');
    expect(serverUrl('https://x.example/a')).toBe('https://x.example/a');
  });
});
