import { describe, expect, it } from 'vitest';
import type { AllianceApi } from '@/api/alliances';
import { i18n } from '@/locales';
import {
  allianceOfUnit,
  canReorderRotation,
  eventReasonText,
  eventType,
  freeUnits,
  historyRoles,
  moveItem,
  orderedUnits,
  rotationRows,
  sameOrder,
  sortedEvents,
  sortedMembers,
  unitNameMap,
  unitsInAlliances,
} from '../alliance';

function member(id: number, role: AllianceApi.MemberRole = 'member', joined_on = '2026-04-01', left_on: string | null = null): AllianceApi.Member {
  return {
    unit: { id, name: `单位${id}` },
    role,
    joined_on,
    left_on,
    first_responsible: '',
    direct_responsible: '',
    liaison: '',
  };
}

function alliance(id: number, members: AllianceApi.Member[], dissolved_on: string | null = null): AllianceApi.Alliance {
  const lead = members.find((item) => item.role === 'lead') ?? members[0]!;
  return {
    id,
    name: `第${id}联盟`,
    batch: 1,
    office_area: { id: 1, name: '办公区' },
    lead_unit: lead.unit,
    rotation_mode: 'per_quarter',
    founded_on: '2026-04-01',
    dissolved_on,
    note: '',
    members,
  };
}

const units = [
  { id: 1, name: '单位1', active: true },
  { id: 2, name: '单位2', active: true },
  { id: 3, name: '单位3', active: true },
  { id: 4, name: '单位4', active: false },
  { id: 5, name: '单位5', active: true },
  { id: 6, name: '单位6' },
];

describe('free units', () => {
  const alliances = [alliance(1, [member(1, 'lead'), member(2)]), alliance(2, [member(5, 'lead')], '2026-06-01'), alliance(3, [member(3, 'lead', '2026-04-01', '2026-05-01')])];

  it('counts only current members of alliances that are not dissolved', () => {
    expect([...unitsInAlliances(alliances)].sort()).toEqual([1, 2]);
  });

  it('offers active units in no alliance, minus the excluded ones', () => {
    expect(freeUnits(units, alliances).map((unit) => unit.id)).toEqual([3, 5, 6]);
    expect(freeUnits(units, alliances, [3]).map((unit) => unit.id)).toEqual([5, 6]);
  });

  it('finds the alliance a unit is in now', () => {
    expect(allianceOfUnit(alliances, 2)?.id).toBe(1);
    expect(allianceOfUnit(alliances, 3)).toBeNull();
    expect(allianceOfUnit(alliances, 5)).toBeNull();
    expect(allianceOfUnit(alliances, null)).toBeNull();
  });
});

describe('members and events', () => {
  it('puts the lead first, then joining order', () => {
    const sorted = sortedMembers([member(3, 'member', '2026-05-01'), member(2, 'member', '2026-04-01'), member(9, 'lead', '2026-06-01')]);
    expect(sorted.map((item) => item.unit.id)).toEqual([9, 2, 3]);
  });

  it('sorts events newest first and colours them by kind', () => {
    const events: AllianceApi.Event[] = [
      { id: 1, occurred_on: '2026-04-01', kind: 'founded', unit: null, reason: '', actor: '' },
      { id: 3, occurred_on: '2026-06-01', kind: 'left', unit: null, reason: '', actor: '' },
      { id: 2, occurred_on: '2026-06-01', kind: 'joined', unit: null, reason: '', actor: '' },
    ];
    expect(sortedEvents(events).map((event) => event.id)).toEqual([3, 2, 1]);
    expect(eventType('dissolved')).toBe('danger');
    expect(eventType('joined')).toBe('success');
    expect(eventType('lead_changed')).toBe('warning');
    expect(eventType('updated')).toBe('info');
  });
});

describe('rotation display', () => {
  const detail: AllianceApi.AllianceDetail = {
    ...alliance(1, [member(1, 'lead'), member(2)]),
    history: [member(1, 'lead'), member(2), member(7, 'member', '2026-04-01', '2026-05-01')],
    events: [],
    rotation_order: [1, 2],
  };

  it('names every unit the detail mentions, including former members', () => {
    const names = unitNameMap(detail);
    expect(names.get(7)).toBe('单位7');
    expect(unitNameMap(null).size).toBe(0);
  });

  it('maps turns to rows in sequence order, unknown hosts as #id', () => {
    const rotation: AllianceApi.Rotation = {
      alliance_id: 1,
      year: 2026,
      rotation_mode: 'per_quarter',
      order: [1, 2],
      turns: [
        { sequence: 3, host_unit_id: 99, fixed: false, quarter: 3, starts_on: '2026-07-01', ends_on: '2026-09-30' },
        { sequence: 2, host_unit_id: 1, fixed: true, quarter: 2, starts_on: '2026-04-01', ends_on: '2026-06-30' },
      ],
      membership_changes: [],
    };
    const rows = rotationRows(rotation, unitNameMap(detail));
    expect(rows).toEqual([
      { sequence: 2, hostUnitId: 1, hostName: '单位1', fixed: true, quarter: 2, startsOn: '2026-04-01', endsOn: '2026-06-30' },
      { sequence: 3, hostUnitId: 99, hostName: '#99', fixed: false, quarter: 3, startsOn: '2026-07-01', endsOn: '2026-09-30' },
    ]);
    expect(rotationRows(null, new Map())).toEqual([]);
  });

  it('per_activity turns have no quarter or dates', () => {
    const rows = rotationRows(
      { alliance_id: 1, year: 2026, rotation_mode: 'per_activity', order: [2], turns: [{ sequence: 1, host_unit_id: 2, fixed: false }], membership_changes: [] },
      unitNameMap(detail),
    );
    expect(rows[0]).toMatchObject({ hostName: '单位2', quarter: null, startsOn: '', endsOn: '' });
  });

  it('lists the order with names', () => {
    expect(orderedUnits([2, 1, 8], unitNameMap(detail))).toEqual([
      { id: 2, name: '单位2' },
      { id: 1, name: '单位1' },
      { id: 8, name: '#8' },
    ]);
  });
});

describe('reordering', () => {
  it('moves an item without touching the input', () => {
    const list = [1, 2, 3, 4];
    expect(moveItem(list, 0, 2)).toEqual([2, 3, 1, 4]);
    expect(moveItem(list, 3, 0)).toEqual([4, 1, 2, 3]);
    expect(moveItem(list, 1, 99)).toEqual([1, 3, 4, 2]);
    expect(moveItem(list, 0, -1)).toEqual([1, 2, 3, 4]);
    expect(moveItem(list, 9, 0)).toEqual([1, 2, 3, 4]);
    expect(list).toEqual([1, 2, 3, 4]);
  });

  it('compares orders', () => {
    expect(sameOrder([1, 2], [1, 2])).toBe(true);
    expect(sameOrder([1, 2], [2, 1])).toBe(false);
    expect(sameOrder([1], [1, 2])).toBe(false);
  });

  it('lets the committee and the lead unit admin reorder, not others', () => {
    const target = { lead_unit: { id: 11, name: '区委编办' }, dissolved_on: null };
    expect(canReorderRotation(['committee_admin'], 1, target)).toBe(true);
    expect(canReorderRotation(['unit_admin'], 11, target)).toBe(true);
    expect(canReorderRotation(['unit_admin'], 12, target)).toBe(false);
    expect(canReorderRotation(['viewer'], 11, target)).toBe(false);
    expect(canReorderRotation(['unit_admin'], null, target)).toBe(false);
    expect(canReorderRotation(['committee_admin'], 1, { ...target, dissolved_on: '2026-06-01' })).toBe(false);
    expect(canReorderRotation(['committee_admin'], 1, null)).toBe(false);
  });
});

describe('eventReasonText', () => {
  it('renders a rotation-mode change in Chinese, never the raw codes', () => {
    i18n.global.locale.value = 'zh-CN';
    const text = eventReasonText('rotation_mode per_activity→per_quarter', i18n.global.t as never);
    expect(text).toBe('轮值方式：一次活动一轮值 → 一季时间一轮值');
    expect(text).not.toMatch(/rotation_mode|per_/);
    expect(eventReasonText('成员单位调整', i18n.global.t as never)).toBe('成员单位调整');
  });
});

describe('historyRoles', () => {
  const bianban = { id: 1, name: 'bianban' };
  const shuijian = { id: 2, name: 'shuijian' };
  const periods: AllianceApi.LeadPeriod[] = [
    { unit: bianban, from: '2026-04-01', until: '2026-11-29' },
    { unit: shuijian, from: '2026-11-29', until: null },
  ];

  it('given a lead change, shows the former lead as lead until the change and a member after', () => {
    const row = { unit: bianban, joined_on: '2026-04-01', left_on: null };
    expect(historyRoles(row, periods)).toEqual([{ kind: 'lead', from: '2026-04-01', until: '2026-11-29' }, { kind: 'member' }]);
  });

  it('shows the new lead as a member before the change and lead since it, never since the founding', () => {
    const row = { unit: shuijian, joined_on: '2026-04-01', left_on: null };
    expect(historyRoles(row, periods)).toEqual([{ kind: 'lead', from: '2026-11-29', until: null }, { kind: 'member' }]);
  });

  it('shows a unit that never led as a member, and ignores lead periods outside its membership', () => {
    expect(historyRoles({ unit: { id: 3, name: 'x' }, joined_on: '2026-05-01', left_on: null }, periods)).toEqual([{ kind: 'member' }]);
    const earlier = { unit: shuijian, joined_on: '2026-04-01', left_on: '2026-06-01' };
    expect(historyRoles(earlier, periods)).toEqual([{ kind: 'member' }]);
  });

  it('shows a lead that still leads with no member line', () => {
    const founding = [{ unit: bianban, from: '2026-04-01', until: null }];
    expect(historyRoles({ unit: bianban, joined_on: '2026-04-01', left_on: null }, founding)).toEqual([
      { kind: 'lead', from: '2026-04-01', until: null },
    ]);
  });
});
