import { requestClient, type PageResult, type RequestOptions } from './client';

export namespace ApplicationApi {
  export interface Ref {
    id: number;
    name: string;
  }

  /** 入盟申请 / 组建新联盟申请 / 退出联盟申请. */
  export type Kind = 'join' | 'found' | 'leave';

  /** 已提交 / 协商中 / 审批中 / 已批准 / 未通过 / 已撤回. */
  export type State = 'submitted' | 'consulting' | 'under_review' | 'approved' | 'rejected' | 'withdrawn';

  export type StepAction = 'submit' | 'consult' | 'confirm' | 'decide' | 'withdraw';

  /** What the signed-in user may do now (never `submit`). */
  export type Action = Exclude<StepAction, 'submit'>;

  export type Confirmation = 'pending' | 'agreed' | 'declined';

  export interface CoApplicant {
    unit: Ref;
    confirmation: Confirmation;
  }

  export interface Step {
    id: number;
    action: StepAction;
    unit: Ref | null;
    user: Ref;
    /** null for submit and withdraw. */
    agree: boolean | null;
    opinion: string;
    state_after: State;
    created_at: string;
  }

  export interface Application {
    id: number;
    kind: Kind;
    state: State;
    applicant_unit: Ref;
    applicant_user: Ref;
    /** The alliance to join or leave; null for found. */
    alliance: Ref | null;
    reason: string;
    /** found: the proposed alliance name. */
    name: string | null;
    proposed_office_area: Ref | null;
    proposed_lead_unit: Ref | null;
    co_applicants: CoApplicant[];
    created_alliance_id: number | null;
    created_at: string;
    updated_at: string;
    closed_at: string | null;
    steps: Step[];
    available_actions: Action[];
  }

  export interface ListQuery {
    state?: State;
    kind?: Kind;
    /** Only the applications of the user's own unit. */
    mine?: boolean;
    page?: number;
    page_size?: number;
  }

  export type ListResult = PageResult<Application>;

  export interface JoinParams {
    kind: 'join';
    unit_id: number;
    alliance_id: number;
    reason: string;
  }

  export interface LeaveParams {
    kind: 'leave';
    unit_id: number;
    alliance_id: number;
    reason: string;
  }

  export interface FoundParams {
    kind: 'found';
    unit_id: number;
    name: string;
    office_area_id: number;
    lead_unit_id: number;
    co_applicant_unit_ids: number[];
    reason: string;
    rotation_mode?: 'per_activity' | 'per_quarter';
  }

  export type CreateParams = JoinParams | LeaveParams | FoundParams;

  /** Body of consult (lead unit) and confirm (a found co-applicant). */
  export interface OpinionParams {
    agree: boolean;
    opinion: string;
  }

  /** Body of decide (committee). */
  export interface DecideParams {
    approve: boolean;
    opinion: string;
  }

  export interface WithdrawParams {
    opinion?: string;
  }
}

export const APPLICATION_KINDS: readonly ApplicationApi.Kind[] = ['join', 'found', 'leave'];

export const APPLICATION_STATES: readonly ApplicationApi.State[] = [
  'submitted',
  'consulting',
  'under_review',
  'approved',
  'rejected',
  'withdrawn',
];

type MutationOptions = Omit<RequestOptions, 'body' | 'query'>;

export function listApplications(query: ApplicationApi.ListQuery = {}): Promise<ApplicationApi.ListResult> {
  return requestClient.get<ApplicationApi.ListResult>('/applications', { ...query });
}

export function getApplication(id: number): Promise<ApplicationApi.Application> {
  return requestClient.get<ApplicationApi.Application>(`/applications/${id}`);
}

export function createApplication(
  params: ApplicationApi.CreateParams,
  options: MutationOptions = {},
): Promise<ApplicationApi.Application> {
  return requestClient.post<ApplicationApi.Application>('/applications', params, options);
}

export function consultApplication(
  id: number,
  params: ApplicationApi.OpinionParams,
  options: MutationOptions = {},
): Promise<ApplicationApi.Application> {
  return requestClient.post<ApplicationApi.Application>(`/applications/${id}/consult`, params, options);
}

export function confirmApplication(
  id: number,
  params: ApplicationApi.OpinionParams,
  options: MutationOptions = {},
): Promise<ApplicationApi.Application> {
  return requestClient.post<ApplicationApi.Application>(`/applications/${id}/confirm`, params, options);
}

export function decideApplication(
  id: number,
  params: ApplicationApi.DecideParams,
  options: MutationOptions = {},
): Promise<ApplicationApi.Application> {
  return requestClient.post<ApplicationApi.Application>(`/applications/${id}/decide`, params, options);
}

export function withdrawApplication(
  id: number,
  params: ApplicationApi.WithdrawParams = {},
  options: MutationOptions = {},
): Promise<ApplicationApi.Application> {
  return requestClient.post<ApplicationApi.Application>(`/applications/${id}/withdraw`, params, options);
}
