import { describe, expect, it } from 'vitest';
import type { FormationApi } from '@/api/formation';
import { byArea, moveUnit, toEditable, unitReason } from '../formation';

const score: FormationApi.Score = {
  total: 50,
  adjacency: 100,
  size: 50,
  strengths: 0,
  pairs: 1,
  pairs_same_area: 1,
  member_count_min: 10,
  member_count_max: 20,
  tags_covered: [],
  tags_total: 0,
};

function facts(id: number, area: number, tags: number[] = []): FormationApi.UnitFacts {
  return {
    id,
    name: `单位${id}`,
    short_name: `单${id}`,
    office_area: { id: area, name: `办公区${area}` },
    party_member_count: 10,
    party_organization_type: 'branch',
    party_affairs_strengths: 0,
    strengths: tags.map((tag) => ({ id: tag, name: `优势${tag}` })),
    alliance: null,
  };
}

const groups = toEditable([
  { unit_ids: [1, 2], lead_unit_id: 1, lead_reason: 'unit_id', alliance_id: null, score },
  { unit_ids: [3, 4], lead_unit_id: 3, lead_reason: 'unit_id', alliance_id: null, score },
]);
const units = new Map([1, 2, 3, 4].map((id) => [id, facts(id, id <= 2 ? 1 : 2, id === 1 ? [7, 8] : [8])]));

describe('formation page helpers', () => {
  it('moves a unit to another group without changing the original', () => {
    const moved = moveUnit(groups, 2, 1);
    expect(moved.map((group) => group.unitIds)).toEqual([[1], [3, 4, 2]]);
    expect(groups[0]!.unitIds).toEqual([1, 2]);
    expect(moveUnit(groups, 2, 0)).toBe(groups);
  });

  it('lays groups out by their main office area', () => {
    const columns = byArea(groups, units);
    expect(columns.map((column) => column.area?.name)).toEqual(['办公区1', '办公区2']);
  });

  it('explains a unit by its neighbours and the strengths only it brings', () => {
    expect(unitReason(1, groups[0]!, units)).toEqual({ sameArea: 1, others: 1, ownTags: ['优势7'] });
  });
});
