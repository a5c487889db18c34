import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureClient, resetClient } from '@/api/client';
import { call, errorResponse, jsonResponse, mockFetch } from '@/test/fetch';
import { badgeText, inboxSummary, inboxTotal, refreshInboxSummary, resetInboxSummary, startInboxPolling } from '../inboxSummary';

const notify = vi.fn();

beforeEach(() => {
  notify.mockReset();
  configureClient({ notify });
  resetInboxSummary();
});

afterEach(() => {
  resetClient();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('inbox summary', () => {
  it('formats the badge', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(120)).toBe('99+');
  });

  it('adds unread notifications and pending to-dos', async () => {
    mockFetch(jsonResponse(200, { unread_notifications: 2, pending_todos: 3 }));
    await refreshInboxSummary();
    expect(inboxSummary).toMatchObject({ unreadNotifications: 2, pendingTodos: 3, loaded: true });
    expect(inboxTotal.value).toBe(5);
  });

  it('keeps the last figures and stays quiet when the poll fails', async () => {
    mockFetch(jsonResponse(200, { unread_notifications: 1, pending_todos: 0 }), errorResponse(500, 'internal', '错误'));
    await refreshInboxSummary();
    await refreshInboxSummary();
    expect(inboxTotal.value).toBe(1);
    expect(notify).not.toHaveBeenCalled();
  });

  it('polls every 60 seconds until stopped', async () => {
    vi.useFakeTimers();
    const fetch = mockFetch(
      jsonResponse(200, { unread_notifications: 0, pending_todos: 1 }),
      jsonResponse(200, { unread_notifications: 0, pending_todos: 2 }),
      jsonResponse(200, { unread_notifications: 0, pending_todos: 3 }),
    );
    const stop = startInboxPolling();
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(inboxSummary.pendingTodos).toBe(2);
    stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(call(fetch).url).toBe('/api/v1/inbox/summary');
  });
});
