import { MAX_PAGE_SIZE, requestClient, type PageQuery, type PageResult } from './client';

export namespace UnitApi {
  export type Kind = 'committee' | 'unit';

  export interface OfficeAreaRef {
    id: number;
    name: string;
  }

  export interface Unit {
    id: number;
    name: string;
    short_name: string;
    kind: Kind;
    parent_id: number | null;
    office_area: OfficeAreaRef | null;
    party_member_count: number;
    party_organization_name: string;
    party_organization_type: string;
    active: boolean;
  }

  export interface ListQuery extends PageQuery {
    q?: string;
    office_area_id?: number;
  }

  export type ListResult = PageResult<Unit>;
}

export function listUnits(query: UnitApi.ListQuery = {}): Promise<UnitApi.ListResult> {
  return requestClient.get<UnitApi.ListResult>('/units', { ...query });
}

/** Reads every page (the unit tree is small: a district has tens of units). */
export async function listAllUnits(query: Omit<UnitApi.ListQuery, 'page' | 'page_size'> = {}): Promise<UnitApi.Unit[]> {
  const units: UnitApi.Unit[] = [];
  for (let page = 1; page <= 50; page += 1) {
    const result = await listUnits({ ...query, page, page_size: MAX_PAGE_SIZE });
    units.push(...result.items);
    if (result.items.length === 0 || units.length >= result.total) break;
  }
  return units;
}
