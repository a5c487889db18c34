import { requestClient, type PageQuery, type PageResult, type RequestOptions } from './client';

/**
 * The year's campaign (年度工作): phases and deadlines, the overdue overview, the home page's
 * summary, phase reports and the reference checklist (docs/campaign.md).
 */
export namespace CampaignApi {
  export interface Ref {
    id: number;
    name: string;
  }

  /** 制定计划阶段 / 组织实施阶段 / 总结提高阶段. */
  export type Phase = 'planning' | 'implementation' | 'summary';

  /** The six linkages (六联). */
  export type Linkage =
    | 'theory_study'
    | 'resource_sharing'
    | 'joint_practice'
    | 'team_building'
    | 'central_work'
    | 'conduct_discipline';

  /** Activity kinds, independent of the linkage. */
  export type ActivityKind =
    | 'theme_party_day'
    | 'party_lecture'
    | 'red_film'
    | 'study_session'
    | 'mini_training'
    | 'affairs_observation'
    | 'knowledge_contest'
    | 'alliance_meeting'
    | 'mutual_visit'
    | 'practice'
    | 'other';

  export type DeadlineCode = 'plan_due' | 'report_planning' | 'report_implementation' | 'report_summary';

  export type DeadlineStatus = 'pending' | 'done' | 'done_late' | 'overdue';

  export interface PhaseDates {
    code: Phase;
    /** Local dates `YYYY-MM-DD`. */
    starts_on: string;
    ends_on: string;
  }

  export interface Deadline {
    code: DeadlineCode;
    phase: Phase;
    due_on: string;
  }

  export interface Campaign {
    year: number;
    /** False while the year still has the default dates. */
    configured: boolean;
    phases: PhaseDates[];
    current_phase: Phase | null;
    reminder_days: number[];
    deadlines: Deadline[];
    version: number;
  }

  export interface UpdateParams {
    phases: PhaseDates[];
    reminder_days: number[];
  }

  export interface DeadlineItem {
    deadline: DeadlineCode;
    status: DeadlineStatus;
    done_at: string | null;
  }

  export interface AllianceDeadlines {
    alliance: Ref;
    items: DeadlineItem[];
    overdue: number;
  }

  export interface DeadlineOverview {
    deadlines: Deadline[];
    alliances: AllianceDeadlines[];
  }

  export interface NextDeadline {
    code: DeadlineCode;
    due_on: string;
    days_left: number;
    alliance: Ref | null;
  }

  /** GET /home/campaign: what the signed-in user's home page shows. */
  export interface Home {
    year: number;
    configured: boolean;
    current_phase: Phase | null;
    phase_ends_on: string | null;
    next_deadline: NextDeadline | null;
  }

  export interface PhaseReport {
    id: number;
    alliance: Ref;
    year: number;
    phase: Phase;
    account: string;
    submitted_by: Ref;
    submitted_at: string;
  }

  export interface PhaseReportQuery extends PageQuery {
    year?: number;
    alliance_id?: number;
    phase?: Phase;
  }

  export interface PhaseReportParams {
    alliance_id: number;
    year: number;
    phase: Phase;
    account: string;
  }

  /** 共建活动参考清单 item. */
  export interface ChecklistItem {
    id: number;
    year: number;
    linkage: Linkage;
    kind: ActivityKind;
    title: string;
    description: string;
    /** 1–12, or null when the item has a key date instead. */
    suggested_month: number | null;
    /** Free text (七一, 国庆, 宪法日 …). */
    key_date: string;
    retired_at: string | null;
    /** A plan item uses it: it can be retired, not deleted. */
    in_use: boolean;
    version: number;
  }

  export interface ChecklistQuery extends PageQuery {
    year?: number;
    linkage?: Linkage;
    include_retired?: boolean;
  }

  export interface ChecklistParams {
    year: number;
    linkage: Linkage;
    kind: ActivityKind;
    title: string;
    description: string;
    suggested_month: number | null;
    key_date: string;
  }

  export interface ChecklistUpdateParams extends ChecklistParams {
    version: number;
  }

  export interface CopyParams {
    from_year: number;
    to_year: number;
  }

  export interface CopyResult {
    copied: number;
  }
}

export const PHASES: readonly CampaignApi.Phase[] = ['planning', 'implementation', 'summary'];

export const LINKAGES: readonly CampaignApi.Linkage[] = [
  'theory_study',
  'resource_sharing',
  'joint_practice',
  'team_building',
  'central_work',
  'conduct_discipline',
];

export const ACTIVITY_KINDS: readonly CampaignApi.ActivityKind[] = [
  'theme_party_day',
  'party_lecture',
  'red_film',
  'study_session',
  'mini_training',
  'affairs_observation',
  'knowledge_contest',
  'alliance_meeting',
  'mutual_visit',
  'practice',
  'other',
];

export const DEADLINE_CODES: readonly CampaignApi.DeadlineCode[] = [
  'plan_due',
  'report_planning',
  'report_implementation',
  'report_summary',
];

export const DEADLINE_STATUSES: readonly CampaignApi.DeadlineStatus[] = ['pending', 'done', 'done_late', 'overdue'];

type MutationOptions = Omit<RequestOptions, 'body' | 'query'>;

export function getCampaign(year: number): Promise<CampaignApi.Campaign> {
  return requestClient.get<CampaignApi.Campaign>(`/campaigns/${year}`);
}

export function updateCampaign(year: number, params: CampaignApi.UpdateParams, options: MutationOptions = {}): Promise<CampaignApi.Campaign> {
  return requestClient.put<CampaignApi.Campaign>(`/campaigns/${year}`, params, options);
}

export function getDeadlineOverview(year: number): Promise<CampaignApi.DeadlineOverview> {
  return requestClient.get<CampaignApi.DeadlineOverview>(`/campaigns/${year}/deadlines`);
}

/** The home page's card; silent: the home page shows nothing rather than an error toast. */
export function getHomeCampaign(options: Omit<RequestOptions, 'body' | 'query'> = {}): Promise<CampaignApi.Home> {
  return requestClient.get<CampaignApi.Home>('/home/campaign', undefined, options);
}

export function listPhaseReports(query: CampaignApi.PhaseReportQuery = {}): Promise<PageResult<CampaignApi.PhaseReport>> {
  return requestClient.get<PageResult<CampaignApi.PhaseReport>>('/phase-reports', { ...query });
}

export function submitPhaseReport(params: CampaignApi.PhaseReportParams, options: MutationOptions = {}): Promise<CampaignApi.PhaseReport> {
  return requestClient.post<CampaignApi.PhaseReport>('/phase-reports', params, options);
}

export function listChecklistItems(query: CampaignApi.ChecklistQuery = {}): Promise<PageResult<CampaignApi.ChecklistItem>> {
  return requestClient.get<PageResult<CampaignApi.ChecklistItem>>('/checklist-items', { ...query });
}

export function createChecklistItem(params: CampaignApi.ChecklistParams, options: MutationOptions = {}): Promise<CampaignApi.ChecklistItem> {
  return requestClient.post<CampaignApi.ChecklistItem>('/checklist-items', params, options);
}

export function updateChecklistItem(
  id: number,
  params: CampaignApi.ChecklistUpdateParams,
  options: MutationOptions = {},
): Promise<CampaignApi.ChecklistItem> {
  return requestClient.put<CampaignApi.ChecklistItem>(`/checklist-items/${id}`, params, options);
}

export function retireChecklistItem(id: number, options: MutationOptions = {}): Promise<CampaignApi.ChecklistItem> {
  return requestClient.post<CampaignApi.ChecklistItem>(`/checklist-items/${id}/retire`, undefined, options);
}

export function restoreChecklistItem(id: number, options: MutationOptions = {}): Promise<CampaignApi.ChecklistItem> {
  return requestClient.post<CampaignApi.ChecklistItem>(`/checklist-items/${id}/restore`, undefined, options);
}

/** 409 `checklist_item_in_use` when a plan item uses it (retire it instead). */
export function deleteChecklistItem(id: number, options: MutationOptions = {}): Promise<void> {
  return requestClient.delete<void>(`/checklist-items/${id}`, options);
}

export function copyChecklist(params: CampaignApi.CopyParams, options: MutationOptions = {}): Promise<CampaignApi.CopyResult> {
  return requestClient.post<CampaignApi.CopyResult>('/checklist-items/copy', params, options);
}
