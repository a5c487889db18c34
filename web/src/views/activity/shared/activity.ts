import dayjs from 'dayjs';
import type { ActivityApi } from '@/api/activities';

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info';

/** Route paths of the activity pages. */
export const ACTIVITIES_PATH = '/activities';
export const LEDGER_PATH = '/ledger';

export function activityPath(id: number): string {
  return `${ACTIVITIES_PATH}/${id}`;
}

export function signinCodePath(id: number): string {
  return `${ACTIVITIES_PATH}/${id}/signin-code`;
}

/** i18n keys of the codes the pages show (both locales hold them; the tests check). */
export const activityStateLabelKey = (state: string): string => `activity.states.${state}`;
export const activityActionLabelKey = (action: string): string => `activity.actions.${action}`;
export const missingLabelKey = (item: string): string => `activity.missing.${item}`;
export const attendanceStatusLabelKey = (status: string): string => `activity.attendance.statuses.${status}`;
export const attendanceMethodLabelKey = (method: string): string => `activity.attendance.methods.${method}`;
export const attachmentKindLabelKey = (kind: string): string => `activity.attachments.kinds.${kind}`;
export const ledgerEntryKindLabelKey = (kind: string): string => `activity.entries.kinds.${kind}`;
export const amendFieldLabelKey = (field: string): string => `activity.amend.fields.${field}`;

const STATE_TAGS: Record<ActivityApi.State, TagType> = {
  planned: 'info',
  held: 'primary',
  ledger_submitted: 'warning',
  archived: 'success',
  cancelled: 'danger',
};

export function activityStateTag(state: ActivityApi.State): TagType {
  return STATE_TAGS[state] ?? 'info';
}

/** The missing ledger items as one Chinese phrase: 活动成效、签到记录. */
export function missingText(missing: readonly string[], t: (key: string) => string): string {
  return missing.map((item) => t(missingLabelKey(item))).join(t('common.separator'));
}

/** An attendance rate (0..1 or null) as `85%` or `—`. */
export function rateText(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${Math.round(rate * 100)}%`;
}

/** An instant as local `YYYY-MM-DD HH:mm`. */
export function formatInstant(value: string | null | undefined): string {
  if (!value) return '';
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed.format('YYYY-MM-DD HH:mm') : value;
}

/** A time range in local time; the end without its date when on the same day. */
export function formatRange(start: string, end: string): { start: string; end: string } {
  const from = dayjs(start);
  const to = dayjs(end);
  if (!from.isValid() || !to.isValid()) return { start, end };
  return { start: from.format('YYYY-MM-DD HH:mm'), end: from.isSame(to, 'day') ? to.format('HH:mm') : to.format('YYYY-MM-DD HH:mm') };
}

/** A byte count as text: `512 B`, `1.2 KB`, `3.4 MB`. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export interface CalendarDay {
  /** `YYYY-MM-DD`, local. */
  date: string;
  day: number;
  inMonth: boolean;
  today: boolean;
  activities: ActivityApi.Activity[];
}

/**
 * The month view's grid: whole weeks Monday to Sunday covering the month, each day with the
 * activities that start on it (local time), in order.
 */
export function calendarWeeks(year: number, month: number, activities: readonly ActivityApi.Activity[], now: Date = new Date()): CalendarDay[][] {
  const first = dayjs(new Date(year, month - 1, 1));
  const offset = (first.day() + 6) % 7;
  const start = first.subtract(offset, 'day');
  const last = first.endOf('month');
  const today = dayjs(now).format('YYYY-MM-DD');
  const byDay = new Map<string, ActivityApi.Activity[]>();
  for (const activity of [...activities].sort((a, b) => a.starts_at.localeCompare(b.starts_at))) {
    const key = dayjs(activity.starts_at).format('YYYY-MM-DD');
    byDay.set(key, [...(byDay.get(key) ?? []), activity]);
  }
  const weeks: CalendarDay[][] = [];
  let cursor = start;
  while (cursor.isBefore(last) || cursor.isSame(last, 'day') || weeks.length === 0) {
    const week: CalendarDay[] = [];
    for (let index = 0; index < 7; index += 1) {
      const date = cursor.format('YYYY-MM-DD');
      week.push({ date, day: cursor.date(), inMonth: cursor.month() === month - 1, today: date === today, activities: byDay.get(date) ?? [] });
      cursor = cursor.add(1, 'day');
    }
    weeks.push(week);
  }
  return weeks;
}

/** The first and last local dates of a month (the calendar's `from` / `to`). */
export function monthRange(year: number, month: number): { from: string; to: string } {
  const first = dayjs(new Date(year, month - 1, 1));
  return { from: first.format('YYYY-MM-DD'), to: first.endOf('month').format('YYYY-MM-DD') };
}

/** The sign-in page's answer to a failed POST, as the message key and its parameters. */
export type SigninOutcome =
  | { kind: 'mismatch' }
  | { kind: 'closed' }
  | { kind: 'rate_limited'; seconds: number | null }
  | { kind: 'invalid' }
  | { kind: 'not_on_roster' }
  | { kind: 'failed' };

export function signinOutcomeOf(status: number, code: string, details: Record<string, unknown> = {}): SigninOutcome {
  if (status === 429) {
    const seconds = Number(details.retry_after ?? details.retry_after_seconds ?? NaN);
    return { kind: 'rate_limited', seconds: Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : null };
  }
  if (status === 410 || code === 'signin_closed') return { kind: 'closed' };
  if (code === 'signin_mismatch') return { kind: 'mismatch' };
  if (status === 404) return { kind: 'invalid' };
  if (status === 403 || code === 'not_on_roster') return { kind: 'not_on_roster' };
  if (status === 422) return { kind: 'mismatch' };
  return { kind: 'failed' };
}

export function signinMessageKey(outcome: SigninOutcome): string {
  switch (outcome.kind) {
    case 'mismatch':
      return 'signin.mismatch';
    case 'closed':
      return 'signin.closed';
    case 'rate_limited':
      return outcome.seconds ? 'signin.rateLimited' : 'signin.rateLimitedNoTime';
    case 'invalid':
      return 'signin.invalid';
    case 'not_on_roster':
      return 'signin.notOnRoster';
    default:
      return 'signin.failed';
  }
}

/** Turns a local `YYYY-MM-DD HH:mm:ss` (the date picker's value) into a UTC ISO instant. */
export function toInstant(local: string): string {
  const parsed = dayjs(local);
  return parsed.isValid() ? parsed.toDate().toISOString().replace(/\.\d{3}Z$/, 'Z') : local;
}

/** A UTC instant as the date picker's local `YYYY-MM-DD HH:mm:ss`. */
export function toLocalInput(instant: string | null | undefined): string {
  if (!instant) return '';
  const parsed = dayjs(instant);
  return parsed.isValid() ? parsed.format('YYYY-MM-DD HH:mm:ss') : '';
}

/** The fields an amendment may change, in the form's order. */
export const AMENDABLE_FIELDS = ['title', 'theme', 'place', 'content', 'outcomes', 'minutes'] as const;

/** An amendment's changes: only the fields whose (trimmed) value differs from the archived one. */
export function changesOf(activity: ActivityApi.Activity, values: Record<string, string>): ActivityApi.AmendParams['changes'] {
  const changes: ActivityApi.AmendParams['changes'] = {};
  for (const field of AMENDABLE_FIELDS) {
    const value = (values[field] ?? '').trim();
    if (value !== (activity[field] ?? '')) changes[field] = value;
  }
  return changes;
}
