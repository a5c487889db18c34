import { MAX_PAGE_SIZE, requestClient, type PageQuery, type PageResult, type RequestOptions } from './client';

export namespace UnitApi {
  export type Kind = 'committee' | 'unit';

  /** 党委 / 党总支 / 党支部. */
  export type PartyOrganizationType = 'party_committee' | 'general_branch' | 'branch';

  export type Sort = 'id' | 'name' | '-name' | 'party_member_count' | '-party_member_count';

  export interface OfficeAreaRef {
    id: number;
    name: string;
  }

  export interface StrengthRef {
    id: number;
    name: string;
  }

  export interface Unit {
    id: number;
    name: string;
    short_name: string;
    parent_id: number | null;
    kind: Kind;
    party_organization_name: string;
    party_organization_type: PartyOrganizationType;
    office_area: OfficeAreaRef | null;
    party_member_count: number;
    /** Active party members on record in the register (the declared count may differ). */
    members_on_record?: number;
    first_responsible: string;
    direct_responsible: string;
    liaison: string;
    /** Masked by the server (e.g. `138****8000`); the full number only through unmask. */
    liaison_phone: string | null;
    strengths: StrengthRef[];
    active: boolean;
    is_demo: boolean;
  }

  export interface ListQuery extends PageQuery {
    q?: string;
    office_area_id?: number;
    tag_id?: number;
    parent_id?: number;
    active?: boolean;
    sort?: Sort;
  }

  export type ListResult = PageResult<Unit>;

  export interface TreeNode {
    id: number;
    name: string;
    short_name: string;
    kind: Kind;
    active: boolean;
    children: TreeNode[];
  }

  export interface TreeResult {
    items: TreeNode[];
  }

  /** Body of POST /units and PUT /units/{id}. */
  export interface SaveParams {
    name: string;
    short_name?: string;
    parent_id?: number | null;
    kind?: Kind;
    party_organization_name?: string;
    party_organization_type?: PartyOrganizationType;
    office_area_id?: number | null;
    party_member_count?: number;
    strength_tag_ids?: number[];
    first_responsible?: string;
    direct_responsible?: string;
    liaison?: string;
    /** The full number; omit to keep the stored one when editing. */
    liaison_phone?: string | null;
  }

  export interface UnmaskResult {
    phone: string;
  }
}

export const PARTY_ORGANIZATION_TYPES: readonly UnitApi.PartyOrganizationType[] = ['party_committee', 'general_branch', 'branch'];

type MutationOptions = Omit<RequestOptions, 'body' | 'query'>;

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

export function getUnit(id: number): Promise<UnitApi.Unit> {
  return requestClient.get<UnitApi.Unit>(`/units/${id}`);
}

export function getUnitTree(): Promise<UnitApi.TreeResult> {
  return requestClient.get<UnitApi.TreeResult>('/units/tree');
}

export function createUnit(params: UnitApi.SaveParams, options: MutationOptions = {}): Promise<UnitApi.Unit> {
  return requestClient.post<UnitApi.Unit>('/units', params, options);
}

export function updateUnit(id: number, params: UnitApi.SaveParams, options: MutationOptions = {}): Promise<UnitApi.Unit> {
  return requestClient.put<UnitApi.Unit>(`/units/${id}`, params, options);
}

export function deactivateUnit(id: number): Promise<UnitApi.Unit> {
  return requestClient.post<UnitApi.Unit>(`/units/${id}/deactivate`);
}

export function activateUnit(id: number): Promise<UnitApi.Unit> {
  return requestClient.post<UnitApi.Unit>(`/units/${id}/activate`);
}

/** Reveals the liaison's full phone number (audited by the server). */
export function unmaskLiaisonPhone(id: number): Promise<UnitApi.UnmaskResult> {
  return requestClient.post<UnitApi.UnmaskResult>(`/units/${id}/liaison-phone/unmask`);
}

/** Flattens the tree depth-first (for selects); `depth` counts from 0 at the roots. */
export function flattenUnitTree(nodes: UnitApi.TreeNode[], depth = 0): Array<UnitApi.TreeNode & { depth: number }> {
  return nodes.flatMap((node) => [{ ...node, depth }, ...flattenUnitTree(node.children ?? [], depth + 1)]);
}
