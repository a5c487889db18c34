import { requestClient, type PageQuery, type PageResult, type RequestOptions } from './client';

/** Responsibility sheets (责任书: 定目标、定措施、定人员、定职责), one per member unit and year. */
export namespace ResponsibilityApi {
  export interface Ref {
    id: number;
    name: string;
  }

  export interface Sheet {
    id: number;
    year: number;
    alliance: Ref;
    unit: Ref;
    targets: string;
    measures: string;
    duties: string;
    /** Party members of the unit. */
    first_responsible: Ref | null;
    direct_responsible: Ref | null;
    liaison: Ref | null;
    updated_at: string;
    version: number;
  }

  export interface ListQuery extends PageQuery {
    year?: number;
    alliance_id?: number;
  }

  export interface Missing {
    unit: Ref;
    alliance: Ref;
  }

  export interface SaveParams {
    targets: string;
    measures: string;
    duties: string;
    first_responsible_member_id: number | null;
    direct_responsible_member_id: number | null;
    liaison_member_id: number | null;
    /** Absent the first time (the sheet is created). */
    version?: number;
  }
}

type MutationOptions = Omit<RequestOptions, 'body' | 'query'>;

export function listResponsibilitySheets(query: ResponsibilityApi.ListQuery = {}): Promise<PageResult<ResponsibilityApi.Sheet>> {
  return requestClient.get<PageResult<ResponsibilityApi.Sheet>>('/responsibility-sheets', { ...query });
}

export function listMissingSheets(
  year: number,
  page: PageQuery = {},
  options: Omit<RequestOptions, 'body' | 'query'> = {},
): Promise<PageResult<ResponsibilityApi.Missing>> {
  return requestClient.get<PageResult<ResponsibilityApi.Missing>>('/responsibility-sheets/missing', { year, ...page }, options);
}

/** Creates the sheet the first time; the unit's own admin only. */
export function saveResponsibilitySheet(
  year: number,
  unitId: number,
  params: ResponsibilityApi.SaveParams,
  options: MutationOptions = {},
): Promise<ResponsibilityApi.Sheet> {
  return requestClient.put<ResponsibilityApi.Sheet>(`/responsibility-sheets/${year}/units/${unitId}`, params, options);
}
