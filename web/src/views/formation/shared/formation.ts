import type { FormationApi } from '@/api/formation';

/** A group as the page edits it: unit ids, with the server's score once scored. */
export interface EditableGroup {
  key: number;
  unitIds: number[];
  leadUnitId: number;
  leadReason: FormationApi.LeadReason;
  allianceId: number | null;
  score: FormationApi.Score;
}

export function toEditable(groups: FormationApi.Group[]): EditableGroup[] {
  return groups.map((group, index) => ({
    key: index,
    unitIds: [...group.unit_ids],
    leadUnitId: group.lead_unit_id,
    leadReason: group.lead_reason,
    allianceId: group.alliance_id,
    score: group.score,
  }));
}

/** Moves `unitId` into group `targetKey`; the groups are copied, never changed in place. */
export function moveUnit(groups: EditableGroup[], unitId: number, targetKey: number): EditableGroup[] {
  const source = groups.find((group) => group.unitIds.includes(unitId));
  if (!source || source.key === targetKey || !groups.some((group) => group.key === targetKey)) return groups;
  return groups.map((group) => {
    if (group.key === source.key) return { ...group, unitIds: group.unitIds.filter((id) => id !== unitId) };
    if (group.key === targetKey) return { ...group, unitIds: [...group.unitIds, unitId] };
    return group;
  });
}

/** The office area most of a group's units are in (its place on the layout). */
export function mainArea(group: EditableGroup, units: ReadonlyMap<number, FormationApi.UnitFacts>): FormationApi.Ref | null {
  const counts = new Map<number, { area: FormationApi.Ref; count: number }>();
  for (const id of group.unitIds) {
    const area = units.get(id)?.office_area;
    if (!area) continue;
    const entry = counts.get(area.id) ?? { area, count: 0 };
    entry.count += 1;
    counts.set(area.id, entry);
  }
  let best: { area: FormationApi.Ref; count: number } | null = null;
  for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry;
  return best?.area ?? null;
}

/** Groups in columns by their main office area, areas by name. */
export function byArea(
  groups: EditableGroup[],
  units: ReadonlyMap<number, FormationApi.UnitFacts>,
): { area: FormationApi.Ref | null; groups: EditableGroup[] }[] {
  const columns = new Map<number, { area: FormationApi.Ref | null; groups: EditableGroup[] }>();
  for (const group of groups) {
    const area = mainArea(group, units);
    const key = area?.id ?? 0;
    const column = columns.get(key) ?? { area, groups: [] };
    column.groups.push(group);
    columns.set(key, column);
  }
  return [...columns.values()].sort((a, b) => (a.area?.name ?? '').localeCompare(b.area?.name ?? ''));
}

/** Why a unit sits in its group: how many of the others share its area, the tags only it brings. */
export function unitReason(
  unitId: number,
  group: EditableGroup,
  units: ReadonlyMap<number, FormationApi.UnitFacts>,
): { sameArea: number; others: number; ownTags: string[] } {
  const unit = units.get(unitId);
  const others = group.unitIds.filter((id) => id !== unitId);
  const sameArea = others.filter((id) => unit?.office_area && units.get(id)?.office_area?.id === unit.office_area.id).length;
  const othersTags = new Set(others.flatMap((id) => units.get(id)?.strengths.map((tag) => tag.id) ?? []));
  const ownTags = (unit?.strengths ?? []).filter((tag) => !othersTags.has(tag.id)).map((tag) => tag.name);
  return { sameArea, others: others.length, ownTags };
}

export function round1(value: number): string {
  return (Math.round(value * 10) / 10).toFixed(1);
}
