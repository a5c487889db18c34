import { describe, expect, it } from 'vitest';
import enUS from '@/locales/en-US';
import zhCN from '@/locales/zh-CN';
import {
  ACTIVITY_ACTIONS,
  ACTIVITY_STATES,
  ATTACHMENT_KINDS,
  ATTENDANCE_METHODS,
  ATTENDANCE_STATUSES,
  LEDGER_ENTRY_KINDS,
  MISSING_ITEMS,
  type ActivityApi,
} from '@/api/activities';
import {
  activityActionLabelKey,
  activityStateLabelKey,
  amendFieldLabelKey,
  AMENDABLE_FIELDS,
  attachmentKindLabelKey,
  attendanceMethodLabelKey,
  attendanceStatusLabelKey,
  calendarWeeks,
  changesOf,
  ledgerEntryKindLabelKey,
  missingLabelKey,
  missingText,
  monthRange,
  rateText,
  signinMessageKey,
  signinOutcomeOf,
} from '../activity';

function lookup(messages: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
}

describe('labels', () => {
  const groups: Array<[string, readonly string[], (code: string) => string]> = [
    ['states', ACTIVITY_STATES, activityStateLabelKey],
    ['actions', ACTIVITY_ACTIONS, activityActionLabelKey],
    ['missing items', MISSING_ITEMS, missingLabelKey],
    ['attendance statuses', ATTENDANCE_STATUSES, attendanceStatusLabelKey],
    ['attendance methods', ATTENDANCE_METHODS, attendanceMethodLabelKey],
    ['attachment kinds', ATTACHMENT_KINDS, attachmentKindLabelKey],
    ['ledger entry kinds', LEDGER_ENTRY_KINDS, ledgerEntryKindLabelKey],
    ['amendable fields', AMENDABLE_FIELDS, amendFieldLabelKey],
  ];

  it.each(groups)('every %s code has a Chinese and an English label', (_name, codes, keyOf) => {
    for (const code of codes) {
      expect(lookup(zhCN, keyOf(code)), code).toMatch(/[\u4e00-\u9fff]/);
      expect(lookup(enUS, keyOf(code)), code).toBeTruthy();
    }
  });

  it('the server\'s code tables match (server/src/activities/codes.hpp)', () => {
    expect(ACTIVITY_STATES).toEqual(['planned', 'held', 'ledger_submitted', 'archived', 'cancelled']);
    expect(ATTENDANCE_METHODS).toEqual(['qr', 'tap', 'manual']);
    expect(zhCN.activity.states.ledger_submitted).toBe('台账已提交');
    expect(zhCN.activity.attendance.methods.manual).toBe('承办单位登记');
  });

  it('the missing items read as one Chinese phrase', () => {
    const t = (key: string) => String(lookup(zhCN, key));
    expect(missingText(['outcomes', 'photo_or_minutes'], t)).toBe('活动成效、活动照片或会议纪要');
  });
});

describe('helpers', () => {
  it('rates as percentages, none as a dash', () => {
    expect(rateText(0.857)).toBe('86%');
    expect(rateText(null)).toBe('—');
  });

  it('the month grid covers whole weeks, Monday first, with the activities of each day', () => {
    const activity = { id: 1, starts_at: '2026-05-20T01:30:00Z', title: 'x' } as ActivityApi.Activity;
    const weeks = calendarWeeks(2026, 5, [activity], new Date(2026, 4, 3));
    expect(weeks[0][0].date).toBe('2026-04-27');
    expect(weeks.every((week) => week.length === 7)).toBe(true);
    const days = weeks.flat();
    expect(days.filter((day) => day.inMonth)).toHaveLength(31);
    expect(days.find((day) => day.today)?.date).toBe('2026-05-03');
    const local = new Date('2026-05-20T01:30:00Z');
    const key = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`;
    expect(days.find((day) => day.date === key)?.activities).toEqual([activity]);
    expect(monthRange(2026, 2)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });

  it('sign-in answers map to one message each', () => {
    expect(signinMessageKey(signinOutcomeOf(422, 'signin_mismatch'))).toBe('signin.mismatch');
    expect(signinMessageKey(signinOutcomeOf(410, 'signin_closed'))).toBe('signin.closed');
    expect(signinOutcomeOf(429, 'rate_limited', { retry_after: 90 })).toEqual({ kind: 'rate_limited', seconds: 90 });
    expect(signinMessageKey(signinOutcomeOf(429, 'rate_limited'))).toBe('signin.rateLimitedNoTime');
    expect(signinMessageKey(signinOutcomeOf(404, 'not_found'))).toBe('signin.invalid');
    expect(signinMessageKey(signinOutcomeOf(500, 'internal'))).toBe('signin.failed');
  });

  it('an amendment sends only the changed fields', () => {
    const activity = { title: '主题党日', theme: '', place: '活动室', content: '学习', outcomes: '', minutes: '' } as ActivityApi.Activity;
    expect(changesOf(activity, { title: '主题党日', theme: '', place: '三楼活动室 ', content: '学习', outcomes: '', minutes: '' })).toEqual({ place: '三楼活动室' });
  });
});

describe('audit labels of the activity areas', () => {
  // The actions the activity, attendance, attachment and ledger services record.
  const ACTIONS = [
    'activity.create', 'activity.update', 'activity.hold', 'activity.submit_ledger', 'activity.archive', 'activity.return_ledger',
    'activity.cancel', 'activity.part', 'ledger.amend', 'attendance.record', 'attendance.roster', 'attendance.signin',
    'attendance.tap', 'attachment.upload', 'attachment.remove',
  ];

  it.each(ACTIONS)('%s has a Chinese and an English label', (code) => {
    expect(lookup(zhCN, `audit.actions.${code}`)).toMatch(/[\u4e00-\u9fff]/);
    expect(lookup(enUS, `audit.actions.${code}`)).toBeTruthy();
  });
});
