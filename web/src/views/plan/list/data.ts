import type { PlanApi } from '@/api/plans';
import type { Column } from '@/components/table';

/** 活动计划's filters, as the search form and the URL hold them. */
export interface PlanFilters {
  [key: string]: string | number | undefined;
  year: number;
  alliance_id: number | undefined;
  state: PlanApi.State | '';
}

export function planFilters(year: number): () => PlanFilters {
  return () => ({ year, alliance_id: undefined, state: '' });
}

export const planColumns: Column[] = [
  { key: 'alliance', label: 'plan.alliance', minWidth: 110 },
  { key: 'year', label: 'plan.year', width: 80, align: 'center' },
  { key: 'state', label: 'plan.state', width: 90 },
  { key: 'version_number', label: 'plan.version', width: 90 },
  { key: 'item_count', label: 'plan.itemCount', width: 80, align: 'center' },
  { key: 'missing_linkages', label: 'plan.coverageColumn', minWidth: 200 },
  { key: 'submitted_at', label: 'plan.submittedAt', width: 170 },
  { key: 'updated_at', label: 'plan.updatedAt', width: 170 },
];
