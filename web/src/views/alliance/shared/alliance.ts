import type { AllianceApi } from '@/api/alliances';

/** The part of a unit the choices need (GET /units items fit). */
export interface UnitLike {
  id: number;
  name: string;
  active?: boolean;
  office_area?: { id: number; name: string } | null;
}

/** Lead first, then members in joining order (ties by name). */
export function sortedMembers(members: readonly AllianceApi.Member[]): AllianceApi.Member[] {
  return [...members].sort((a, b) => {
    if (a.role !== b.role) return a.role === 'lead' ? -1 : 1;
    return a.joined_on.localeCompare(b.joined_on) || a.unit.name.localeCompare(b.unit.name);
  });
}

/** A membership that has not ended. */
export function isCurrentMember(member: AllianceApi.Member): boolean {
  return member.left_on === null;
}

/** Ids of the units that are members of some alliance now. */
export function unitsInAlliances(alliances: readonly AllianceApi.Alliance[]): Set<number> {
  const ids = new Set<number>();
  for (const alliance of alliances) {
    if (alliance.dissolved_on) continue;
    for (const member of alliance.members) if (isCurrentMember(member)) ids.add(member.unit.id);
  }
  return ids;
}

/**
 * Units free to join or found an alliance: active and in no alliance's current members.
 * `exclude` drops further ids (e.g. the applicant itself from its co-applicant choices).
 */
export function freeUnits<T extends UnitLike>(
  units: readonly T[],
  alliances: readonly AllianceApi.Alliance[],
  exclude: Iterable<number> = [],
): T[] {
  const taken = unitsInAlliances(alliances);
  for (const id of exclude) taken.add(id);
  return units.filter((unit) => unit.active !== false && !taken.has(unit.id));
}

/** The alliance a unit belongs to now, if any. */
export function allianceOfUnit(alliances: readonly AllianceApi.Alliance[], unitId: number | null | undefined): AllianceApi.Alliance | null {
  if (unitId === null || unitId === undefined) return null;
  return (
    alliances.find(
      (alliance) => !alliance.dissolved_on && alliance.members.some((member) => member.unit.id === unitId && isCurrentMember(member)),
    ) ?? null
  );
}

/** Unit id → name from everything an alliance detail names (members, history, events, lead). */
export function unitNameMap(detail: AllianceApi.AllianceDetail | null): Map<number, string> {
  const names = new Map<number, string>();
  if (!detail) return names;
  for (const event of detail.events) if (event.unit) names.set(event.unit.id, event.unit.name);
  for (const member of detail.history) names.set(member.unit.id, member.unit.name);
  for (const member of detail.members) names.set(member.unit.id, member.unit.name);
  names.set(detail.lead_unit.id, detail.lead_unit.name);
  return names;
}

export interface TurnRow {
  sequence: number;
  hostUnitId: number;
  hostName: string;
  fixed: boolean;
  quarter: number | null;
  startsOn: string;
  endsOn: string;
}

/** The rotation's turns with host names; an unknown id shows as `#id`. */
export function rotationRows(rotation: AllianceApi.Rotation | null, names: ReadonlyMap<number, string>): TurnRow[] {
  if (!rotation) return [];
  return [...rotation.turns]
    .sort((a, b) => a.sequence - b.sequence)
    .map((turn) => ({
      sequence: turn.sequence,
      hostUnitId: turn.host_unit_id,
      hostName: names.get(turn.host_unit_id) ?? `#${turn.host_unit_id}`,
      fixed: turn.fixed,
      quarter: turn.quarter ?? null,
      startsOn: turn.starts_on ?? '',
      endsOn: turn.ends_on ?? '',
    }));
}

/** The hosting order as units; ids without a name are kept as `#id`. */
export function orderedUnits(order: readonly number[], names: ReadonlyMap<number, string>): Array<{ id: number; name: string }> {
  return order.map((id) => ({ id, name: names.get(id) ?? `#${id}` }));
}

/** A copy of `list` with the item at `from` moved to `to` (both clamped). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const result = [...list];
  if (from < 0 || from >= result.length) return result;
  const target = Math.max(0, Math.min(result.length - 1, to));
  const [item] = result.splice(from, 1);
  result.splice(target, 0, item as T);
  return result;
}

export function sameOrder(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

/** Committee admins and the lead unit's unit admin may reorder the rotation. */
export function canReorderRotation(
  roles: readonly string[],
  ownUnitId: number | null | undefined,
  alliance: Pick<AllianceApi.Alliance, 'lead_unit' | 'dissolved_on'> | null,
): boolean {
  if (!alliance || alliance.dissolved_on) return false;
  if (roles.includes('committee_admin')) return true;
  return roles.includes('unit_admin') && ownUnitId !== null && ownUnitId !== undefined && ownUnitId === alliance.lead_unit.id;
}

/**
 * The lead periods of one membership row of the history: those of its unit that overlap the
 * membership (joined_on … left_on). Empty when the unit never led while a member, so the history
 * shows the role each unit had then, not today's lead projected backwards.
 */
export function leadPeriodsOf(
  member: Pick<AllianceApi.Member, 'unit' | 'joined_on' | 'left_on'>,
  periods: readonly AllianceApi.LeadPeriod[],
): AllianceApi.LeadPeriod[] {
  return periods.filter(
    (period) =>
      period.unit.id === member.unit.id &&
      (member.left_on === null || period.from <= member.left_on) &&
      (period.until === null || period.until >= member.joined_on),
  );
}

/** A line of the history's role column: a lead period, or "member unit" for the time outside one. */
export type HistoryRole = { kind: 'lead'; from: string; until: string | null } | { kind: 'member' };

/**
 * What a membership row of the history says about the unit's role, in time order: each lead
 * period during the membership, and "member unit" when it was an ordinary member for part or all
 * of it (never led, or the lead passed to another before it left).
 */
export function historyRoles(
  member: Pick<AllianceApi.Member, 'unit' | 'joined_on' | 'left_on'>,
  periods: readonly AllianceApi.LeadPeriod[],
): HistoryRole[] {
  const led = leadPeriodsOf(member, periods);
  const roles: HistoryRole[] = led.map((period) => ({ kind: 'lead', from: period.from, until: period.until }));
  const last = led[led.length - 1];
  const memberAfter = last !== undefined && last.until !== null && (member.left_on === null || last.until < member.left_on);
  const memberBefore = led[0] !== undefined && led[0].from > member.joined_on;
  if (led.length === 0 || memberAfter || memberBefore) roles.push({ kind: 'member' });
  return roles;
}

/** Events newest first (ties: the later id first). */
export function sortedEvents(events: readonly AllianceApi.Event[]): AllianceApi.Event[] {
  return [...events].sort((a, b) => b.occurred_on.localeCompare(a.occurred_on) || b.id - a.id);
}

/**
 * An event's reason in words. The server writes a rotation-mode change as
 * `rotation_mode per_activity→per_quarter`; it reads 轮值方式：每次活动轮换 → 按季度轮换.
 */
export function eventReasonText(reason: string, translate: (key: string, values?: Record<string, unknown>) => string): string {
  return reason.replace(/rotation_mode\s+(\w+)\s*(?:→|->)\s*(\w+)/g, (_whole, from: string, to: string) =>
    translate('alliance.rotationModeChange', {
      from: translate(`alliance.rotationModes.${from}`),
      to: translate(`alliance.rotationModes.${to}`),
    }),
  );
}

/** Element Plus timeline colours per event kind. */
export function eventType(kind: AllianceApi.EventKind): 'primary' | 'success' | 'warning' | 'danger' | 'info' {
  switch (kind) {
    case 'founded':
    case 'joined':
      return 'success';
    case 'left':
    case 'lead_changed':
      return 'warning';
    case 'dissolved':
      return 'danger';
    case 'rotation_reordered':
      return 'primary';
    default:
      return 'info';
  }
}

/**
 * The committee's membership actions on one alliance:
 * - lead: change the lead unit to a current member (reason required);
 * - add: add a unit that is in no alliance (reason optional);
 * - remove: remove a member (reason required);
 * - dissolve: dissolve the alliance (reason required).
 */
export type AllianceAction = 'lead' | 'add' | 'remove' | 'dissolve';
