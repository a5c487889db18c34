import { requestClient, type RequestOptions } from './client';

export namespace FormationApi {
  export interface Ref {
    id: number;
    name: string;
  }

  export interface Weights {
    adjacency: number;
    size: number;
    strengths: number;
  }

  export type LeadCriterion = 'organization_level' | 'party_affairs_strengths' | 'party_member_count';
  export type LeadReason = LeadCriterion | 'unit_id' | 'existing_alliance' | 'only_unit';
  export type Solver = 'exact' | 'heuristic';

  /** Each part 0–100, higher is better; the figures behind them explain the parts. */
  export interface Score {
    total: number;
    adjacency: number;
    size: number;
    strengths: number;
    pairs: number;
    pairs_same_area: number;
    member_count_min: number;
    member_count_max: number;
    tags_covered: number[];
    tags_total: number;
  }

  export interface Group {
    unit_ids: number[];
    lead_unit_id: number;
    lead_reason: LeadReason;
    alliance_id: number | null;
    score: Score;
  }

  export interface UnitFacts {
    id: number;
    name: string;
    short_name: string;
    office_area: Ref | null;
    party_member_count: number;
    party_organization_type: string;
    party_affairs_strengths: number;
    strengths: Ref[];
    alliance: Ref | null;
  }

  /** Body of POST /formation/suggestions. */
  export interface SuggestParams {
    unit_ids: number[];
    min_size?: number;
    max_size?: number;
    weights?: Weights;
    time_limit_ms?: number;
    must_together?: [number, number][];
    must_apart?: [number, number][];
    lead_rule?: LeadCriterion[];
    keep_existing_alliances?: boolean;
    seed?: number;
  }

  export interface Suggestion {
    groups: Group[];
    objective: number;
    proven_optimal: boolean;
    bound: number | null;
    solver: Solver;
    columns: number;
    iterations: number;
    elapsed_ms: number;
    tags_total: number;
    units: UnitFacts[];
  }

  export interface ScoreParams {
    groups: { unit_ids: number[] }[];
    weights?: Weights;
    lead_rule?: LeadCriterion[];
  }

  export interface Scored {
    objective: number;
    tags_total: number;
    groups: Group[];
  }

  export interface AdoptParams {
    unit_ids: number[];
    lead_unit_id: number;
    name: string;
    batch?: number;
    office_area_id?: number;
    founded_on?: string;
    note?: string;
  }

  export interface Adopted {
    id: number;
    name: string;
    lead_unit: Ref;
    office_area: Ref;
  }

  export interface TurnSlot {
    month: number;
    date?: string | null;
  }

  export interface UnitCalendar {
    unit_id: number;
    unavailable_months: number[];
    unavailable_dates?: string[];
  }

  export interface RotationParams {
    alliance_id: number;
    year: number;
    turns?: TurnSlot[];
    calendars: UnitCalendar[];
  }

  export type RotationProblemKind = 'turn_without_host' | 'unit_short_of_turns' | 'no_fair_assignment';

  export interface RotationPlan {
    fair: boolean;
    complete: boolean;
    fair_share: number;
    minimum_turns: number;
    maximum_turns: number;
    repeated_hosts: number;
    turns: { month: number; date: string | null; host_unit_id: number | null }[];
    turns_per_unit: { unit_id: number; turns: number }[];
    problems: { kind: RotationProblemKind; turn: number | null; unit_id: number | null; message: string }[];
    order: number[];
    solver: string;
  }
}

export const DEFAULT_WEIGHTS: FormationApi.Weights = { adjacency: 0.5, size: 0.25, strengths: 0.25 };
export const LEAD_CRITERIA: readonly FormationApi.LeadCriterion[] = [
  'organization_level',
  'party_affairs_strengths',
  'party_member_count',
];

type MutationOptions = Omit<RequestOptions, 'body' | 'query'>;

export function suggestGroups(params: FormationApi.SuggestParams, options: MutationOptions = {}): Promise<FormationApi.Suggestion> {
  return requestClient.post<FormationApi.Suggestion>('/formation/suggestions', params, options);
}

export function scoreGroups(params: FormationApi.ScoreParams, options: MutationOptions = {}): Promise<FormationApi.Scored> {
  return requestClient.post<FormationApi.Scored>('/formation/score', params, options);
}

export function adoptGroup(params: FormationApi.AdoptParams, options: MutationOptions = {}): Promise<FormationApi.Adopted> {
  return requestClient.post<FormationApi.Adopted>('/formation/adoptions', params, options);
}

export function previewRotation(params: FormationApi.RotationParams, options: MutationOptions = {}): Promise<FormationApi.RotationPlan> {
  return requestClient.post<FormationApi.RotationPlan>('/formation/rotation/preview', params, options);
}

export function adoptRotation(params: FormationApi.RotationParams, options: MutationOptions = {}): Promise<FormationApi.RotationPlan> {
  return requestClient.post<FormationApi.RotationPlan>('/formation/rotation/adoptions', params, options);
}
