import { requestClient, type PageQuery, type PageResult, type RequestOptions } from './client';
import type { CampaignApi } from './campaign';

/** Annual plans (活动计划): one per alliance and year, reviewed by the committee, every version kept. */
export namespace PlanApi {
  export interface Ref {
    id: number;
    name: string;
  }

  /** 草稿 / 待审核 / 已通过 / 已退回. */
  export type State = 'draft' | 'submitted' | 'approved' | 'returned';

  /** What the caller may do now (`actions` of the plan). */
  export type Action = 'edit' | 'submit' | 'approve' | 'return' | 'revise';

  /** The action a step of the review records. */
  export type StepAction = 'create' | 'save' | 'submit' | 'approve' | 'return' | 'revise';

  export interface Contact {
    name: string;
    duty: string;
    phone: string;
  }

  export interface Support {
    venues: string;
    funds: string;
    people: string;
  }

  export interface Item {
    id: number;
    /** The same across versions: comparison matches items by it. */
    lineage_id: number;
    theme: string;
    linkage: CampaignApi.Linkage;
    kind: CampaignApi.ActivityKind;
    month: number;
    planned_on: string | null;
    place: string;
    host_unit: Ref | null;
    participating_units: Ref[];
    checklist_item: Ref | null;
  }

  export interface CoverageCell {
    linkage: CampaignApi.Linkage;
    month: number;
    count: number;
  }

  export interface Coverage {
    months: number[];
    cells: CoverageCell[];
    missing_linkages: CampaignApi.Linkage[];
  }

  export interface Step {
    action: StepAction;
    version_number: number;
    user: Ref;
    unit: Ref | null;
    opinion: string;
    state_after: State;
    created_at: string;
  }

  export interface Plan {
    id: number;
    alliance: Ref;
    lead_unit: Ref;
    year: number;
    version_number: number;
    state: State;
    rotation_mode: 'per_activity' | 'per_quarter';
    contacts: Contact[];
    support: Support;
    items: Item[];
    coverage: Coverage;
    steps: Step[];
    row_version: number;
    actions: Action[];
  }

  export interface Summary {
    id: number;
    alliance: Ref;
    year: number;
    state: State;
    version_number: number;
    item_count: number;
    missing_linkages: CampaignApi.Linkage[];
    submitted_at: string | null;
    updated_at: string;
  }

  export interface ListQuery extends PageQuery {
    year?: number;
    alliance_id?: number;
    state?: State;
  }

  export interface CreateParams {
    alliance_id: number;
    year: number;
  }

  export interface ItemParams {
    /** An item of the same version: keeps its lineage. */
    id?: number;
    theme: string;
    linkage: CampaignApi.Linkage;
    kind: CampaignApi.ActivityKind;
    month: number;
    planned_on?: string;
    place: string;
    /** Absent: the rotation's host for the month. */
    host_unit_id?: number;
    participating_unit_ids: number[];
    checklist_item_id?: number;
  }

  export interface UpdateParams {
    contacts: Contact[];
    support: Support;
    items: ItemParams[];
    row_version?: number;
  }

  export interface OpinionParams {
    opinion: string;
  }

  export interface Version {
    number: number;
    state: State;
    item_count: number;
    submitted_at: string | null;
    decided_at: string | null;
    created_at: string;
  }

  export interface ChangedItem {
    before: Item;
    after: Item;
    fields: string[];
  }

  export interface FieldChange {
    field: string;
    old: unknown;
    new: unknown;
  }

  export interface Comparison {
    from: number;
    to: number;
    added: Item[];
    removed: Item[];
    changed: ChangedItem[];
    fields: FieldChange[];
  }
}

export const PLAN_STATES: readonly PlanApi.State[] = ['draft', 'submitted', 'approved', 'returned'];

type MutationOptions = Omit<RequestOptions, 'body' | 'query'>;

export function listPlans(query: PlanApi.ListQuery = {}): Promise<PageResult<PlanApi.Summary>> {
  return requestClient.get<PageResult<PlanApi.Summary>>('/plans', { ...query });
}

export function getPlan(id: number): Promise<PlanApi.Plan> {
  return requestClient.get<PlanApi.Plan>(`/plans/${id}`);
}

/** 409 `plan_exists` when the alliance already has a plan for the year. */
export function createPlan(params: PlanApi.CreateParams, options: MutationOptions = {}): Promise<PlanApi.Plan> {
  return requestClient.post<PlanApi.Plan>('/plans', params, options);
}

export function updatePlan(id: number, params: PlanApi.UpdateParams, options: MutationOptions = {}): Promise<PlanApi.Plan> {
  return requestClient.put<PlanApi.Plan>(`/plans/${id}`, params, options);
}

export function submitPlan(id: number, options: MutationOptions = {}): Promise<PlanApi.Plan> {
  return requestClient.post<PlanApi.Plan>(`/plans/${id}/submit`, {}, options);
}

export function approvePlan(id: number, params: PlanApi.OpinionParams, options: MutationOptions = {}): Promise<PlanApi.Plan> {
  return requestClient.post<PlanApi.Plan>(`/plans/${id}/approve`, params, options);
}

/** The opinion is required. */
export function returnPlan(id: number, params: PlanApi.OpinionParams, options: MutationOptions = {}): Promise<PlanApi.Plan> {
  return requestClient.post<PlanApi.Plan>(`/plans/${id}/return`, params, options);
}

/** An approved plan opens its next version as a draft, items copied. */
export function revisePlan(id: number, options: MutationOptions = {}): Promise<PlanApi.Plan> {
  return requestClient.post<PlanApi.Plan>(`/plans/${id}/revise`, {}, options);
}

export function listPlanVersions(id: number): Promise<PageResult<PlanApi.Version>> {
  return requestClient.get<PageResult<PlanApi.Version>>(`/plans/${id}/versions`);
}

export function getPlanVersion(id: number, number: number): Promise<PlanApi.Plan> {
  return requestClient.get<PlanApi.Plan>(`/plans/${id}/versions/${number}`);
}

export function comparePlanVersions(id: number, from: number, to: number): Promise<PlanApi.Comparison> {
  return requestClient.get<PlanApi.Comparison>(`/plans/${id}/compare`, { from, to });
}
