import dayjs from 'dayjs';

/** Formats an ISO timestamp in the browser's local time zone, e.g. `2026-11-28 02:00:00`. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed.format('YYYY-MM-DD HH:mm:ss') : value;
}

/** True while a `locked_until` timestamp lies in the future. */
export function isLockedNow(lockedUntil: string | null | undefined, now: Date = new Date()): boolean {
  if (!lockedUntil) return false;
  const parsed = dayjs(lockedUntil);
  return parsed.isValid() && parsed.isAfter(now);
}
