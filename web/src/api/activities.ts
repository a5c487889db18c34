import { API_BASE, ApiError, buildUrl, CLIENT_ERROR_CODES, requestClient, toApiError, type PageQuery, type PageResult, type RequestOptions } from './client';
import type { CampaignApi } from './campaign';

/**
 * Activities (活动), attendance (签到), attachments, the ledger (台账), the linkage × month
 * coverage and the exports: docs/activities.md, the one agreement with the server.
 */
export namespace ActivityApi {
  export interface Ref {
    id: number;
    name: string;
  }

  /** 已计划 / 已举办 / 台账已提交 / 已归档 / 已取消. */
  export type State = 'planned' | 'held' | 'ledger_submitted' | 'archived' | 'cancelled';

  /** What the caller may do now (`actions` of the activity). */
  export type Action = 'edit' | 'hold' | 'submit_ledger' | 'archive' | 'return_ledger' | 'cancel' | 'amend' | 'record_part';

  /** What a ledger still lacks. */
  export type MissingItem = 'theme' | 'content' | 'outcomes' | 'place' | 'attendance' | 'photo_or_minutes' | 'minutes';

  export type AttendanceStatus = 'present' | 'leave' | 'absent';
  export type AttendanceMethod = 'qr' | 'tap' | 'manual';
  export type AttachmentKind = 'photo' | 'minutes' | 'document';
  export type LedgerEntryKind = 'archive' | 'amendment';

  export interface LedgerStatus {
    complete: boolean;
    missing: MissingItem[];
  }

  export interface AttendanceCounts {
    expected: number;
    present: number;
    leave: number;
    absent: number;
    unrecorded: number;
    /** present ÷ (expected − leave), 0..1; null when nothing is expected. */
    rate: number | null;
  }

  export interface Part {
    unit: Ref;
    content: string;
    outcomes: string;
    updated_at: string;
    version: number;
  }

  export interface Activity {
    id: number;
    alliance: Ref;
    year: number;
    month: number;
    linkage: CampaignApi.Linkage;
    kind: CampaignApi.ActivityKind;
    title: string;
    theme: string;
    content: string;
    outcomes: string;
    minutes: string;
    place: string;
    starts_at: string;
    ends_at: string;
    host_unit: Ref;
    rotation_host_unit: Ref | null;
    host_change_reason: string;
    participating_units: Ref[];
    plan_item_id: number | null;
    state: State;
    cancel_reason: string;
    version: number;
    created_by: Ref | null;
    created_at: string;
    updated_at: string;
    held_at: string | null;
    ledger_submitted_at: string | null;
    archived_at: string | null;
    actions: Action[];
    ledger: LedgerStatus;
    attendance: AttendanceCounts;
    attachment_count: number;
    photo_count: number;
    parts: Part[];
  }

  export interface ListQuery extends PageQuery {
    alliance_id?: number;
    year?: number;
    month?: number;
    /** Local dates `YYYY-MM-DD`, inclusive (the calendar). */
    from?: string;
    to?: string;
    state?: State;
    linkage?: CampaignApi.Linkage;
    kind?: CampaignApi.ActivityKind;
    host_unit_id?: number;
    plan_item_id?: number;
    q?: string;
  }

  export interface CreateParams {
    alliance_id: number;
    linkage?: CampaignApi.Linkage;
    kind?: CampaignApi.ActivityKind;
    title?: string;
    starts_at: string;
    ends_at: string;
    place?: string;
    host_unit_id?: number;
    participating_unit_ids?: number[];
    host_change_reason?: string;
    theme?: string;
    content?: string;
    outcomes?: string;
    minutes?: string;
    plan_item_id?: number;
  }

  export interface UpdateParams {
    title?: string;
    theme?: string;
    content?: string;
    outcomes?: string;
    minutes?: string;
    place?: string;
    starts_at?: string;
    ends_at?: string;
    participating_unit_ids?: number[];
    version?: number;
  }

  export interface ReasonParams {
    reason: string;
  }

  export interface PartParams {
    content: string;
    outcomes: string;
  }

  export type AmendableField = 'title' | 'theme' | 'content' | 'outcomes' | 'minutes' | 'place';

  export interface AmendParams {
    reason: string;
    changes: Partial<Record<AmendableField, string>>;
  }

  export interface FieldChange {
    field: string;
    before: unknown;
    after: unknown;
  }

  export interface Amendment {
    sequence: number;
    entry_hash: string;
    changes: FieldChange[];
    reason: string;
    created_by: Ref | null;
    created_at: string;
  }

  export interface LedgerEntry {
    sequence: number;
    kind: LedgerEntryKind;
    reason: string;
    changes: FieldChange[] | null;
    entry_hash: string;
    previous_hash: string;
    created_by: Ref | null;
    created_at: string;
  }

  export interface AttendanceRow {
    member_id: number;
    member: Ref;
    unit: Ref;
    status: AttendanceStatus | null;
    method: AttendanceMethod | null;
    recorded_at: string | null;
    recorded_by: Ref | null;
  }

  export interface UnitAttendance extends AttendanceCounts {
    unit: Ref;
  }

  export interface Attendance {
    items: AttendanceRow[];
    units: UnitAttendance[];
    total: AttendanceCounts;
  }

  export interface RosterParams {
    add_member_ids: number[];
    remove_member_ids: number[];
  }

  export interface SigninCode {
    token: string;
    url: string;
    valid_from: string;
    valid_until: string;
    open: boolean;
    svg: string;
  }

  export interface SigninInfo {
    activity: {
      title: string;
      alliance: Ref | string;
      host_unit: Ref | string;
      place: string;
      starts_at: string;
      ends_at: string;
    };
    open: boolean;
    valid_from: string;
    valid_until: string;
  }

  export interface SigninParams {
    name: string;
    phone_last4: string;
  }

  export interface SigninResult {
    member: Ref;
    unit: Ref;
    status: 'present';
    already: boolean;
  }

  export interface Attachment {
    id: number;
    kind: AttachmentKind;
    media_type: string;
    original_name: string;
    size_bytes: number;
    sha256: string;
    width: number | null;
    height: number | null;
    uploaded_by: Ref | null;
    uploaded_at: string;
    content_url: string;
    thumbnail_url: string | null;
  }

  export interface CoverageCell {
    month: number;
    planned: number;
    held: number;
    activity_ids: number[];
  }

  export interface CoverageRow {
    linkage: CampaignApi.Linkage;
    cells: CoverageCell[];
    planned: number;
    held: number;
  }

  export interface Coverage {
    alliance: Ref;
    year: number;
    months: number[];
    rows: CoverageRow[];
    planned: number;
    held: number;
  }

  export interface LedgerActivity {
    id: number;
    title: string;
    linkage: CampaignApi.Linkage;
    kind: CampaignApi.ActivityKind;
    starts_at: string;
    state: State;
    host_unit: Ref;
    ledger: LedgerStatus;
    archived_at: string | null;
    amendments: number;
  }

  export interface ChainBreak {
    sequence: number;
    activity_id: number | null;
    activity_title: string;
    reason: string;
  }

  export interface ChainStatus {
    intact: boolean;
    entries: number;
    broken: ChainBreak | null;
  }

  export interface Ledger {
    alliance: Ref;
    year: number;
    activities: LedgerActivity[];
    counts: { total: number; complete: number; archived: number; incomplete: number };
    chain: ChainStatus;
  }

  export interface Verification {
    intact: boolean;
    alliances: Array<{ alliance: Ref; entries: number; intact: boolean; broken: ChainBreak | null }>;
  }
}

export const ACTIVITY_STATES: readonly ActivityApi.State[] = ['planned', 'held', 'ledger_submitted', 'archived', 'cancelled'];
export const ACTIVITY_ACTIONS: readonly ActivityApi.Action[] = ['edit', 'hold', 'submit_ledger', 'archive', 'return_ledger', 'cancel', 'amend', 'record_part'];
export const MISSING_ITEMS: readonly ActivityApi.MissingItem[] = ['theme', 'content', 'outcomes', 'place', 'attendance', 'photo_or_minutes', 'minutes'];
export const ATTENDANCE_STATUSES: readonly ActivityApi.AttendanceStatus[] = ['present', 'leave', 'absent'];
export const ATTENDANCE_METHODS: readonly ActivityApi.AttendanceMethod[] = ['qr', 'tap', 'manual'];
export const ATTACHMENT_KINDS: readonly ActivityApi.AttachmentKind[] = ['photo', 'minutes', 'document'];
export const LEDGER_ENTRY_KINDS: readonly ActivityApi.LedgerEntryKind[] = ['archive', 'amendment'];

type MutationOptions = Omit<RequestOptions, 'body' | 'query'>;

// ---- Activities

export function listActivities(query: ActivityApi.ListQuery = {}): Promise<PageResult<ActivityApi.Activity>> {
  return requestClient.get<PageResult<ActivityApi.Activity>>('/activities', { ...query });
}

export function getActivity(id: number): Promise<ActivityApi.Activity> {
  return requestClient.get<ActivityApi.Activity>(`/activities/${id}`);
}

export function createActivity(params: ActivityApi.CreateParams, options: MutationOptions = {}): Promise<ActivityApi.Activity> {
  return requestClient.post<ActivityApi.Activity>('/activities', params, options);
}

export function updateActivity(id: number, params: ActivityApi.UpdateParams, options: MutationOptions = {}): Promise<ActivityApi.Activity> {
  return requestClient.patch<ActivityApi.Activity>(`/activities/${id}`, params, options);
}

export function holdActivity(id: number, options: MutationOptions = {}): Promise<ActivityApi.Activity> {
  return requestClient.post<ActivityApi.Activity>(`/activities/${id}/hold`, {}, options);
}

/** 422 `ledger_incomplete` with `details.missing` while the ledger is incomplete. */
export function submitLedger(id: number, options: MutationOptions = {}): Promise<ActivityApi.Activity> {
  return requestClient.post<ActivityApi.Activity>(`/activities/${id}/submit-ledger`, {}, options);
}

export function archiveActivity(id: number, options: MutationOptions = {}): Promise<ActivityApi.Activity> {
  return requestClient.post<ActivityApi.Activity>(`/activities/${id}/archive`, {}, options);
}

export function returnLedger(id: number, params: ActivityApi.ReasonParams, options: MutationOptions = {}): Promise<ActivityApi.Activity> {
  return requestClient.post<ActivityApi.Activity>(`/activities/${id}/return-ledger`, params, options);
}

export function cancelActivity(id: number, params: ActivityApi.ReasonParams, options: MutationOptions = {}): Promise<ActivityApi.Activity> {
  return requestClient.post<ActivityApi.Activity>(`/activities/${id}/cancel`, params, options);
}

/** 有分有合: one participating unit's own part. */
export function savePart(id: number, unitId: number, params: ActivityApi.PartParams, options: MutationOptions = {}): Promise<ActivityApi.Part> {
  return requestClient.put<ActivityApi.Part>(`/activities/${id}/parts/${unitId}`, params, options);
}

export function amendActivity(id: number, params: ActivityApi.AmendParams, options: MutationOptions = {}): Promise<ActivityApi.Amendment> {
  return requestClient.post<ActivityApi.Amendment>(`/activities/${id}/amendments`, params, options);
}

export function listLedgerEntries(id: number): Promise<{ items: ActivityApi.LedgerEntry[] }> {
  return requestClient.get<{ items: ActivityApi.LedgerEntry[] }>(`/activities/${id}/ledger-entries`);
}

// ---- Attendance

export function getAttendance(id: number): Promise<ActivityApi.Attendance> {
  return requestClient.get<ActivityApi.Attendance>(`/activities/${id}/attendance`);
}

export function recordAttendance(
  id: number,
  params: { member_id: number; status: ActivityApi.AttendanceStatus },
  options: MutationOptions = {},
): Promise<ActivityApi.AttendanceRow> {
  return requestClient.post<ActivityApi.AttendanceRow>(`/activities/${id}/attendance`, params, options);
}

export function adjustRoster(id: number, params: ActivityApi.RosterParams, options: MutationOptions = {}): Promise<ActivityApi.Attendance> {
  return requestClient.put<ActivityApi.Attendance>(`/activities/${id}/roster`, params, options);
}

export function getSigninCode(id: number, options: Omit<RequestOptions, 'body' | 'query'> = {}): Promise<ActivityApi.SigninCode> {
  return requestClient.get<ActivityApi.SigninCode>(`/activities/${id}/signin-code`, undefined, options);
}

/** Public: what the QR code's page shows. A forged token 404s. */
export function getSignin(token: string, options: Omit<RequestOptions, 'body' | 'query'> = {}): Promise<ActivityApi.SigninInfo> {
  return requestClient.get<ActivityApi.SigninInfo>(`/signin/${encodeURIComponent(token)}`, undefined, { skipAuthRedirect: true, ...options });
}

/**
 * Public: 422 `signin_mismatch`, 410 `signin_closed`, 429 with Retry-After. Sent directly (not
 * through the client's toast): the page shows each answer itself, and a 429's `Retry-After`
 * header lands in the error's `details.retry_after` (seconds).
 */
export async function signin(token: string, params: ActivityApi.SigninParams): Promise<ActivityApi.SigninResult> {
  let response: Response;
  try {
    response = await fetch(buildUrl(`/signin/${encodeURIComponent(token)}`), {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
      credentials: 'same-origin',
      body: JSON.stringify(params),
    });
  } catch {
    throw new ApiError(0, CLIENT_ERROR_CODES.network, 'network');
  }
  if (!response.ok) {
    const error = await toApiError(response);
    const retry = response.headers.get('Retry-After');
    if (retry !== null && error.details.retry_after === undefined) {
      const seconds = Number(retry);
      error.details.retry_after = Number.isFinite(seconds) ? seconds : Math.max(0, Math.round((Date.parse(retry) - Date.now()) / 1000));
    }
    throw error;
  }
  return (await response.json()) as ActivityApi.SigninResult;
}

/** One tap by a signed-in member on the roster. */
export function signinMe(id: number, options: MutationOptions = {}): Promise<ActivityApi.SigninResult> {
  return requestClient.post<ActivityApi.SigninResult>(`/activities/${id}/attendance/me`, {}, options);
}

// ---- Attachments

export function listAttachments(id: number): Promise<{ items: ActivityApi.Attachment[] }> {
  return requestClient.get<{ items: ActivityApi.Attachment[] }>(`/activities/${id}/attachments`);
}

export function deleteAttachment(id: number, options: MutationOptions = {}): Promise<void> {
  return requestClient.delete<void>(`/attachments/${id}`, options);
}

/**
 * A URL the server sent (`content_url`, `thumbnail_url`): used as is when absolute or under
 * /api/, else taken as a path of the API.
 */
export function serverUrl(url: string): string {
  if (/^(https?:)?\/\//.test(url) || url.startsWith(`${API_BASE}/`) || url.startsWith('data:') || url.startsWith('blob:')) return url;
  return buildUrl(url);
}

export function attachmentContentUrl(id: number): string {
  return buildUrl(`/attachments/${id}/content`);
}

export function attachmentThumbnailUrl(id: number): string {
  return buildUrl(`/attachments/${id}/thumbnail`);
}

/** The URL an upload goes to: the raw bytes are the body, the name and kind in the query. */
export function attachmentUploadUrl(activityId: number, filename: string, kind?: ActivityApi.AttachmentKind): string {
  return buildUrl(`/activities/${activityId}/attachments`, { filename, kind });
}

export interface UploadOptions {
  kind?: ActivityApi.AttachmentKind;
  /** Called with 0..1 as the bytes go out. */
  onProgress?: (fraction: number) => void;
  /** Aborts the upload. */
  signal?: AbortSignal;
}

/**
 * Uploads one file as the raw request body (`?filename=…&kind=…`), with upload progress through
 * XMLHttpRequest (fetch cannot report it). Errors come back as ApiError like every other call;
 * the caller shows them.
 */
export function uploadAttachment(activityId: number, file: Blob & { name?: string }, options: UploadOptions = {}): Promise<ActivityApi.Attachment> {
  const url = attachmentUploadUrl(activityId, file.name ?? 'file', options.kind);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      const response = new Response(xhr.responseText || null, { status: xhr.status, headers: { 'Content-Type': 'application/json' } });
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          options.onProgress?.(1);
          resolve(JSON.parse(xhr.responseText) as ActivityApi.Attachment);
        } catch (cause) {
          reject(cause);
        }
      } else {
        void toApiError(response).then(reject, reject);
      }
    };
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}

// ---- Coverage and the ledger

export function getCoverage(allianceId: number, year: number): Promise<ActivityApi.Coverage> {
  return requestClient.get<ActivityApi.Coverage>(`/alliances/${allianceId}/coverage`, { year });
}

export function getLedger(allianceId: number, year: number): Promise<ActivityApi.Ledger> {
  return requestClient.get<ActivityApi.Ledger>('/ledger', { alliance_id: allianceId, year });
}

export function verifyLedger(): Promise<ActivityApi.Verification> {
  return requestClient.get<ActivityApi.Verification>('/ledger/verify');
}

// ---- Exports (downloaded through `downloadWithProgress`)

export function activityPdfUrl(id: number): string {
  return buildUrl(`/activities/${id}/ledger.pdf`);
}

export function ledgerXlsxUrl(allianceId: number, year: number): string {
  return buildUrl(`/alliances/${allianceId}/ledger.xlsx`, { year });
}

export function ledgerBinderUrl(allianceId: number, year: number): string {
  return buildUrl(`/alliances/${allianceId}/ledger-binder.pdf`, { year });
}

export { API_BASE };
