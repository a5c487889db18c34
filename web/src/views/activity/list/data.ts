import type { ActivityApi } from '@/api/activities';
import type { CampaignApi } from '@/api/campaign';
import type { Column } from '@/components/table';

export type ActivityView = 'list' | 'calendar';

/** 活动's filters, as the search form and the URL hold them. */
export interface ActivityFilters {
  [key: string]: string | number | undefined;
  view: ActivityView;
  year: number;
  /** 1..12; absent: the whole year (the calendar then shows this month). */
  month: number | undefined;
  alliance_id: number | undefined;
  linkage: CampaignApi.Linkage | '';
  state: ActivityApi.State | '';
  q: string;
}

export function activityFilters(year: number): () => ActivityFilters {
  return () => ({ view: 'list', year, month: undefined, alliance_id: undefined, linkage: '', state: '', q: '' });
}

export const activityColumns: Column[] = [
  { key: 'title', label: 'activity.activityTitle', minWidth: 200, fixedLeft: true },
  { key: 'starts_at', label: 'activity.time', width: 150 },
  { key: 'alliance', label: 'activity.alliance', minWidth: 100 },
  { key: 'linkage', label: 'activity.linkage', minWidth: 120 },
  { key: 'kind', label: 'activity.kind', width: 100 },
  { key: 'host_unit', label: 'activity.hostUnit', minWidth: 140 },
  { key: 'state', label: 'activity.state', width: 110 },
  { key: 'ledger', label: 'activity.ledgerStatus', minWidth: 160 },
  { key: 'rate', label: 'activity.attendance.rate', width: 80, align: 'center' },
];
