import { requestClient, type PageResult, type RequestOptions } from './client';

export namespace AllianceApi {
  export interface Ref {
    id: number;
    name: string;
  }

  export type MemberRole = 'lead' | 'member';

  /** 一次活动一轮值 / 一季时间一轮值. */
  export type RotationMode = 'per_activity' | 'per_quarter';

  export interface Member {
    unit: Ref;
    role: MemberRole;
    /** `YYYY-MM-DD` */
    joined_on: string;
    /** `YYYY-MM-DD`; null while the unit is a member. */
    left_on: string | null;
    /** 第一责任人 (党组(党委)书记). */
    first_responsible: string;
    /** 直接责任人 (机关党组织书记). */
    direct_responsible: string;
    /** 联络员. */
    liaison: string;
  }

  export interface Alliance {
    id: number;
    name: string;
    batch: number;
    office_area: Ref;
    lead_unit: Ref;
    rotation_mode: RotationMode;
    founded_on: string;
    dissolved_on: string | null;
    note: string;
    /** The members on the date asked for (`?on=`, default today). */
    members: Member[];
  }

  export type EventKind = 'founded' | 'joined' | 'left' | 'lead_changed' | 'rotation_reordered' | 'updated' | 'dissolved';

  export interface Event {
    id: number;
    occurred_on: string;
    kind: EventKind;
    unit: Ref | null;
    reason: string;
    actor: string;
  }

  /** One unit's time as lead unit, as recorded: from the founding or a lead change until the next. */
  export interface LeadPeriod {
    unit: Ref;
    from: string;
    /** The day another unit took the lead; null while it still leads. */
    until: string | null;
  }

  export interface AllianceDetail extends Alliance {
    /** Every membership ever, including those that ended. */
    history: Member[];
    /** Who led when, oldest first. */
    lead_periods?: LeadPeriod[];
    events: Event[];
    /** The hosting order: unit ids of the current members. */
    rotation_order: number[];
  }

  export interface ListQuery {
    /** `YYYY-MM-DD`: the alliances as they were on that date. */
    on?: string;
  }

  export type ListResult = PageResult<Alliance>;

  /** Body of POST /alliances (committee_admin). */
  export interface CreateParams {
    name: string;
    batch?: number;
    office_area_id: number;
    lead_unit_id: number;
    member_unit_ids: number[];
    rotation_mode?: RotationMode;
    founded_on?: string;
    note?: string;
  }

  /** Body of PUT /alliances/{id}. */
  export interface UpdateParams {
    name?: string;
    batch?: number;
    office_area_id?: number;
    rotation_mode?: RotationMode;
    note?: string;
  }

  export interface ChangeLeadParams {
    unit_id: number;
    reason: string;
  }

  export interface AddMemberParams {
    unit_id: number;
    joined_on?: string;
    reason?: string;
  }

  export interface LeaveParams {
    left_on?: string;
    reason: string;
  }

  export interface DissolveParams {
    dissolved_on?: string;
    reason: string;
  }

  export interface RotationOrder {
    unit_ids: number[];
  }

  export interface Turn {
    sequence: number;
    host_unit_id: number;
    /** The host with its name. */
    host_unit?: Ref;
    /** True once the turn can no longer change (a past or current quarter). */
    fixed: boolean;
    /** per_quarter only. */
    quarter?: number;
    starts_on?: string;
    ends_on?: string;
  }

  export interface Rotation {
    alliance_id: number;
    year: number;
    rotation_mode: RotationMode;
    order: number[];
    /** `order` with names. */
    order_units?: Ref[];
    turns: Turn[];
    /** Membership events of the year, so a re-dealt rotation can be explained. */
    membership_changes: Event[];
  }
}

export const ROTATION_MODES: readonly AllianceApi.RotationMode[] = ['per_activity', 'per_quarter'];

export const ALLIANCE_EVENT_KINDS: readonly AllianceApi.EventKind[] = [
  'founded',
  'joined',
  'left',
  'lead_changed',
  'rotation_reordered',
  'updated',
  'dissolved',
];

type MutationOptions = Omit<RequestOptions, 'body' | 'query'>;

export function listAlliances(query: AllianceApi.ListQuery = {}): Promise<AllianceApi.ListResult> {
  return requestClient.get<AllianceApi.ListResult>('/alliances', { ...query });
}

export function getAlliance(id: number, on?: string): Promise<AllianceApi.AllianceDetail> {
  return requestClient.get<AllianceApi.AllianceDetail>(`/alliances/${id}`, { on });
}

export function createAlliance(params: AllianceApi.CreateParams, options: MutationOptions = {}): Promise<AllianceApi.Alliance> {
  return requestClient.post<AllianceApi.Alliance>('/alliances', params, options);
}

export function updateAlliance(
  id: number,
  params: AllianceApi.UpdateParams,
  options: MutationOptions = {},
): Promise<AllianceApi.Alliance> {
  return requestClient.put<AllianceApi.Alliance>(`/alliances/${id}`, params, options);
}

export function changeAllianceLead(
  id: number,
  params: AllianceApi.ChangeLeadParams,
  options: MutationOptions = {},
): Promise<AllianceApi.Alliance> {
  return requestClient.post<AllianceApi.Alliance>(`/alliances/${id}/lead`, params, options);
}

export function addAllianceMember(
  id: number,
  params: AllianceApi.AddMemberParams,
  options: MutationOptions = {},
): Promise<AllianceApi.Alliance> {
  return requestClient.post<AllianceApi.Alliance>(`/alliances/${id}/members`, params, options);
}

export function removeAllianceMember(
  id: number,
  unitId: number,
  params: AllianceApi.LeaveParams,
  options: MutationOptions = {},
): Promise<AllianceApi.Alliance> {
  return requestClient.post<AllianceApi.Alliance>(`/alliances/${id}/members/${unitId}/leave`, params, options);
}

export function dissolveAlliance(id: number, params: AllianceApi.DissolveParams, options: MutationOptions = {}): Promise<void> {
  return requestClient.post<void>(`/alliances/${id}/dissolve`, params, options);
}

/** Sets the hosting order; `unitIds` must list every current member once. */
export function setRotationOrder(id: number, unitIds: number[], options: MutationOptions = {}): Promise<AllianceApi.RotationOrder> {
  return requestClient.put<AllianceApi.RotationOrder>(`/alliances/${id}/rotation-order`, { unit_ids: unitIds }, options);
}

export function getRotation(id: number, year: number): Promise<AllianceApi.Rotation> {
  return requestClient.get<AllianceApi.Rotation>(`/alliances/${id}/rotation`, { year });
}
