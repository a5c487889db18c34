import type { UnitApi } from '@/api/units';
import type { Column } from '@/components/table';

/** The 单位 list's filters, as the search form and the URL hold them. */
export interface UnitFilters {
  [key: string]: string | number | undefined;
  q: string;
  office_area_id: number | undefined;
  tag_id: number | undefined;
  /** '' all, 'true' in use, 'false' deactivated. */
  active: '' | 'true' | 'false';
  /** The unit chosen in the tree: the list shows its subordinate units. */
  parent_id: number | undefined;
  sort: UnitApi.Sort | '';
}

export function unitFilters(): UnitFilters {
  return { q: '', office_area_id: undefined, tag_id: undefined, active: '', parent_id: undefined, sort: '' };
}

export const UNIT_NUMBER_FILTERS = ['office_area_id', 'tag_id', 'parent_id'] as const;

export function unitListQuery(filters: UnitFilters): UnitApi.ListQuery {
  return {
    q: filters.q || undefined,
    office_area_id: filters.office_area_id,
    tag_id: filters.tag_id,
    parent_id: filters.parent_id,
    active: filters.active === '' ? undefined : filters.active === 'true',
    sort: filters.sort || undefined,
  };
}

/** The sort a column header asks for. */
export function unitSort(key: string | null, order: 'ascending' | 'descending' | null): UnitApi.Sort | '' {
  if (!key || !order) return '';
  if (key === 'name') return order === 'ascending' ? 'name' : '-name';
  if (key === 'party_member_count') return order === 'ascending' ? 'party_member_count' : '-party_member_count';
  return '';
}

/**
 * The columns. They fit beside the tree at 1440 px; the party organisation's name and type are in
 * the detail drawer.
 */
export const unitColumns: Column[] = [
  { key: 'name', label: 'unit.name', minWidth: 170, sortable: true, fixedLeft: true },
  { key: 'short_name', label: 'unit.shortName', minWidth: 90 },
  { key: 'office_area', label: 'unit.officeArea', minWidth: 120, tooltip: true },
  { key: 'party_member_count', label: 'unit.partyMemberCount', width: 140, align: 'right', sortable: true },
  { key: 'strengths', label: 'unit.strengths', minWidth: 150 },
  { key: 'active', label: 'unit.active', width: 76, align: 'center' },
];
