import type { CampaignApi } from '@/api/campaign';
import type { Column } from '@/components/table';

/** 参考清单's filters, as the search form and the URL hold them. */
export interface ChecklistFilters {
  [key: string]: string | number | undefined;
  year: number;
  linkage: CampaignApi.Linkage | '';
  /** 'true': retired items too. */
  include_retired: '' | 'true';
}

export function checklistFilters(year: number): () => ChecklistFilters {
  return () => ({ year, linkage: '', include_retired: '' });
}

export const checklistColumns: Column[] = [
  { key: 'title', label: 'checklist.itemTitle', minWidth: 180, tooltip: true },
  { key: 'linkage', label: 'checklist.linkage', minWidth: 120 },
  { key: 'kind', label: 'checklist.kind', minWidth: 100 },
  { key: 'timing', label: 'checklist.timing', minWidth: 110 },
  { key: 'description', label: 'checklist.description', minWidth: 200, tooltip: true },
  { key: 'status', label: 'checklist.status', width: 120 },
];
