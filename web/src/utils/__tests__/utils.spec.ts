import { describe, expect, it } from 'vitest';
import { hasRoleSeparationConflict } from '@/views/system/user/roles';
import { formatDateTime, isLockedNow } from '../format';
import { checkPassword } from '../password';

describe('checkPassword', () => {
  it.each([
    ['Abcdefg1', true],
    ['abcdefg1!', true],
    ['ABCDEFG1!', true],
    ['Abcdefgh', false],
    ['abcdefg1', false],
    ['Ab1!', false],
    ['Ab1!Ab1!', true],
    ['密码密码Ab1x', true],
  ])('%s → %s', (password, ok) => {
    expect(checkPassword(password).ok).toBe(ok);
  });

  it('counts the classes', () => {
    expect(checkPassword('aA1!').classes).toBe(4);
    expect(checkPassword('').classes).toBe(0);
  });
});

describe('format', () => {
  it('formats ISO timestamps in local time', () => {
    const iso = '2026-11-27T18:00:00.000Z';
    const local = new Date(iso);
    const pad = (value: number) => String(value).padStart(2, '0');
    const expected = `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())} ${pad(local.getHours())}:${pad(local.getMinutes())}:00`;
    expect(formatDateTime(iso)).toBe(expected);
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime('garbage')).toBe('garbage');
  });

  it('tells whether a lock is still in force', () => {
    const now = new Date('2026-11-27T12:00:00Z');
    expect(isLockedNow('2026-11-27T18:00:00.000Z', now)).toBe(true);
    expect(isLockedNow('2026-11-27T06:00:00.000Z', now)).toBe(false);
    expect(isLockedNow(null, now)).toBe(false);
  });
});

describe('三员分立', () => {
  it('flags system_admin together with auditor', () => {
    expect(hasRoleSeparationConflict(['system_admin', 'auditor'])).toBe(true);
    expect(hasRoleSeparationConflict(['system_admin'])).toBe(false);
    expect(hasRoleSeparationConflict(['auditor', 'viewer'])).toBe(false);
  });
});
