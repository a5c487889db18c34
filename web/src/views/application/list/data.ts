import type { ApplicationApi } from '@/api/applications';
import type { Column } from '@/components/table';

/** 申请's filters, as the search form and the URL hold them. */
export interface ApplicationFilters {
  [key: string]: string | number | undefined;
  state: ApplicationApi.State | '';
  kind: ApplicationApi.Kind | '';
  /** 'true': only the caller's own unit's applications. */
  mine: '' | 'true';
}

/** A unit admin sees its own unit's applications first ("my applications"). */
export function applicationFilters(unitAdmin: boolean): () => ApplicationFilters {
  return () => ({ state: '', kind: '', mine: unitAdmin ? 'true' : '' });
}

export const applicationColumns: Column[] = [
  { key: 'id', label: 'application.number', width: 70 },
  { key: 'kind', label: 'application.kind', minWidth: 130 },
  { key: 'applicant_unit', label: 'application.applicantUnit', minWidth: 140, tooltip: true },
  { key: 'target', label: 'application.target', minWidth: 110, tooltip: true },
  { key: 'state', label: 'application.state', width: 100 },
  { key: 'created_at', label: 'application.createdAt', width: 170 },
];
