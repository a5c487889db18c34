import type { MemberApi } from '@/api/members';
import type { Column } from '@/components/table';

/** 党员's filters, as the search form and the URL hold them. */
export interface MemberFilters {
  [key: string]: string | number | undefined;
  q: string;
  unit_id: number | undefined;
  status: MemberApi.Status | '';
  phone: string;
  /** '' all, 'true' in the register, 'false' left. */
  active: '' | 'true' | 'false';
}

export function memberFilters(): MemberFilters {
  return { q: '', unit_id: undefined, status: '', phone: '', active: 'true' };
}

/** The API's filters; a unit admin's list is always its own unit's. */
export function memberApiFilters(filters: MemberFilters, fixedUnitId: number | null): MemberApi.Filters {
  return {
    q: filters.q || undefined,
    unit_id: fixedUnitId ?? filters.unit_id,
    status: filters.status || undefined,
    phone: filters.phone || undefined,
    active: filters.active === '' ? undefined : filters.active === 'true',
  };
}

export const memberColumns: Column[] = [
  { key: 'name', label: 'member.name', minWidth: 100, fixedLeft: true },
  { key: 'gender', label: 'member.gender', width: 70, align: 'center' },
  { key: 'unit', label: 'member.unit', minWidth: 150, tooltip: true },
  { key: 'post', label: 'member.post', minWidth: 120, tooltip: true },
  { key: 'phone', label: 'member.phone', minWidth: 170 },
  { key: 'joined_on', label: 'member.joinedOn', width: 110 },
  { key: 'status', label: 'member.status', width: 100, align: 'center' },
  { key: 'active', label: 'member.active', width: 90, align: 'center' },
];
