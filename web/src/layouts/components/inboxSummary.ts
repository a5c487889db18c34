import { computed, reactive } from 'vue';
import type { AuthApi } from '@/api/auth';
import { getInboxSummary } from '@/api/inbox';

/** Every signed-in role but the auditor has a to-do list and notifications. */
export const INBOX_ROLES: AuthApi.Role[] = ['committee_admin', 'unit_admin', 'member', 'viewer', 'system_admin'];

/** How often the header badge asks for the summary. */
export const INBOX_POLL_MS = 60_000;

/**
 * The header badge's figures, shared so that a page can refresh them right after an action
 * (`refreshInboxSummary()`) instead of waiting for the next poll.
 */
export const inboxSummary = reactive({ unreadNotifications: 0, pendingTodos: 0, loaded: false });

export const inboxTotal = computed(() => inboxSummary.unreadNotifications + inboxSummary.pendingTodos);

let inflight: Promise<void> | null = null;

export function refreshInboxSummary(): Promise<void> {
  if (inflight) return inflight;
  inflight = (async () => {
    try {
      const summary = await getInboxSummary();
      inboxSummary.unreadNotifications = summary.unread_notifications;
      inboxSummary.pendingTodos = summary.pending_todos;
      inboxSummary.loaded = true;
    } catch {
      // Quiet: the badge keeps its last figures until the next poll.
    } finally {
      inflight = null;
    }
  })();
  return inflight;
}

/** Starts polling (and refreshes at once); returns the stop function. */
export function startInboxPolling(interval = INBOX_POLL_MS): () => void {
  void refreshInboxSummary();
  const timer = setInterval(() => void refreshInboxSummary(), interval);
  return () => clearInterval(timer);
}

export function resetInboxSummary(): void {
  inboxSummary.unreadNotifications = 0;
  inboxSummary.pendingTodos = 0;
  inboxSummary.loaded = false;
}

/** The badge text: nothing at 0, `99+` above 99. */
export function badgeText(total: number): string {
  if (total <= 0) return '';
  return total > 99 ? '99+' : String(total);
}
