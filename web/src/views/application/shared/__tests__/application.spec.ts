import { describe, expect, it } from 'vitest';
import type { AllianceApi } from '@/api/alliances';
import { APPLICATION_KINDS, APPLICATION_STATES, type ApplicationApi } from '@/api/applications';
import { ALLIANCE_EVENT_KINDS, ROTATION_MODES } from '@/api/alliances';
import enUS from '@/locales/en-US';
import zhCN from '@/locales/zh-CN';
import {
  actionLabelKey,
  confirmationLabelKey,
  foundCoApplicantChoices,
  foundLeadChoices,
  isOpenState,
  joinableAlliances,
  kindLabelKey,
  leavableAlliance,
  opinionRequired,
  sortedSteps,
  stateLabelKey,
  stateTagType,
} from '../application';

function lookup(messages: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages);
}

function member(id: number, role: AllianceApi.MemberRole = 'member'): AllianceApi.Member {
  return { unit: { id, name: `单位${id}` }, role, joined_on: '2026-04-01', left_on: null, first_responsible: '', direct_responsible: '', liaison: '' };
}

function alliance(id: number, memberIds: number[], dissolved_on: string | null = null): AllianceApi.Alliance {
  const [leadId, ...rest] = memberIds;
  return {
    id,
    name: `第${id}联盟`,
    batch: 1,
    office_area: { id: 1, name: '办公区' },
    lead_unit: { id: leadId!, name: `单位${leadId}` },
    rotation_mode: 'per_activity',
    founded_on: '2026-04-01',
    dissolved_on,
    note: '',
    members: [member(leadId!, 'lead'), ...rest.map((unitId) => member(unitId))],
  };
}

const alliances = [alliance(1, [1, 2, 3]), alliance(2, [6, 7]), alliance(3, [9], '2026-05-01')];
const units = [1, 2, 3, 6, 7, 9, 15, 16, 17].map((id) => ({ id, name: `单位${id}`, active: id !== 17 }));

describe('labels', () => {
  it('has a Chinese and an English label for every state, kind, action and confirmation', () => {
    const keys = [
      ...APPLICATION_STATES.map(stateLabelKey),
      ...APPLICATION_KINDS.map(kindLabelKey),
      ...['submit', 'consult', 'confirm', 'decide', 'withdraw'].map(actionLabelKey),
      ...['pending', 'agreed', 'declined'].map(confirmationLabelKey),
      ...ALLIANCE_EVENT_KINDS.map((kind) => `alliance.eventKinds.${kind}`),
      ...ROTATION_MODES.map((mode) => `alliance.rotationModes.${mode}`),
    ];
    for (const key of keys) {
      expect(typeof lookup(zhCN, key), key).toBe('string');
      expect(typeof lookup(enUS, key), key).toBe('string');
    }
    expect(lookup(zhCN, stateLabelKey('under_review'))).toBe('审批中');
    expect(lookup(zhCN, stateLabelKey('rejected'))).toBe('未通过');
    expect(lookup(zhCN, kindLabelKey('found'))).toBe('组建新联盟申请');
    expect(lookup(zhCN, 'alliance.rotationModes.per_quarter')).toBe('一季时间一轮值');
  });

  it('colours states and knows which are open', () => {
    expect(stateTagType('approved')).toBe('success');
    expect(stateTagType('rejected')).toBe('danger');
    expect(APPLICATION_STATES.filter(isOpenState)).toEqual(['submitted', 'consulting', 'under_review']);
  });
});

describe('choices', () => {
  it('offers alliances to join only to a unit in none, never a dissolved one', () => {
    expect(joinableAlliances(alliances, 15).map((item) => item.id)).toEqual([1, 2]);
    expect(joinableAlliances(alliances, 2)).toEqual([]);
    expect(joinableAlliances(alliances, 9).map((item) => item.id)).toEqual([1, 2]);
    expect(joinableAlliances(alliances, null)).toEqual([]);
  });

  it('offers leaving the own alliance, not to its lead', () => {
    expect(leavableAlliance(alliances, 2)?.id).toBe(1);
    expect(leavableAlliance(alliances, 1)).toBeNull();
    expect(leavableAlliance(alliances, 15)).toBeNull();
  });

  it('offers free, active units as co-applicants and the lead among applicant and co-applicants', () => {
    expect(foundCoApplicantChoices(units, alliances, 15).map((unit) => unit.id)).toEqual([9, 16]);
    expect(foundCoApplicantChoices(units, alliances, 2)).toEqual([]);
    expect(foundLeadChoices(units, 15, [16]).map((unit) => unit.id)).toEqual([15, 16]);
  });

  it('requires an opinion when disagreeing or rejecting', () => {
    expect(opinionRequired('consult', true)).toBe(false);
    expect(opinionRequired('consult', false)).toBe(true);
    expect(opinionRequired('confirm', false)).toBe(true);
    expect(opinionRequired('decide', false)).toBe(true);
    expect(opinionRequired('decide', true)).toBe(false);
    expect(opinionRequired('withdraw', false)).toBe(false);
  });

  it('orders steps as they happened', () => {
    const step = (id: number, created_at: string): ApplicationApi.Step => ({
      id,
      action: 'submit',
      unit: null,
      user: { id: 1, name: 'a' },
      agree: null,
      opinion: '',
      state_after: 'submitted',
      created_at,
    });
    expect(sortedSteps([step(2, '2026-11-27T10:00:00Z'), step(1, '2026-11-27T09:00:00Z'), step(3, '2026-11-27T10:00:00Z')]).map((s) => s.id)).toEqual([1, 2, 3]);
  });
});
