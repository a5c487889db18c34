import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureClient, resetClient } from '../client';
import { getInboxSummary, listNotifications, listTodos, markAllNotificationsRead, markNotificationRead } from '../inbox';
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

describe('inbox module', () => {
  it('reads to-dos, notifications and the summary', async () => {
    const fetch = mockFetch(
      jsonResponse(200, { items: [], total: 0 }),
      jsonResponse(200, { items: [], total: 0, unread: 0 }),
      jsonResponse(200, { unread_notifications: 2, pending_todos: 1 }),
    );
    await listTodos();
    await listNotifications({ unread: true, page: 1, page_size: 20 });
    await expect(getInboxSummary()).resolves.toEqual({ unread_notifications: 2, pending_todos: 1 });
    expect(call(fetch, 0).url).toBe('/api/v1/todos');
    expect(call(fetch, 1).url).toBe('/api/v1/notifications?unread=true&page=1&page_size=20');
    expect(call(fetch, 2).url).toBe('/api/v1/inbox/summary');
  });

  it('marks read with POST', async () => {
    const fetch = mockFetch(jsonResponse(204), jsonResponse(204));
    await markNotificationRead(9);
    await markAllNotificationsRead();
    expect(call(fetch, 0)).toMatchObject({ url: '/api/v1/notifications/9/read', method: 'POST', headers: { 'X-Requested-With': 'XMLHttpRequest' } });
    expect(call(fetch, 1)).toMatchObject({ url: '/api/v1/notifications/read-all', method: 'POST' });
  });

  it('the polled summary does not toast its failures', async () => {
    mockFetch(errorResponse(500, 'internal', '服务器错误'));
    await expect(getInboxSummary()).rejects.toMatchObject({ status: 500 });
    expect(notify).not.toHaveBeenCalled();
  });
});
