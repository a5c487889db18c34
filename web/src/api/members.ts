import { buildUrl, requestClient, type PageQuery, type PageResult, type RequestOptions } from './client';

export namespace MemberApi {
  export type Gender = 'male' | 'female';
  /** 正式 / 预备. */
  export type Status = 'formal' | 'probationary';

  export interface UnitRef {
    id: number;
    name: string;
  }

  export interface Member {
    id: number;
    name: string;
    gender: Gender;
    unit: UnitRef;
    post: string;
    /** Masked by the server; the full number only through unmask. */
    phone: string;
    /** `YYYY-MM-DD`. */
    joined_on: string;
    status: Status;
    active: boolean;
    created_at: string;
    updated_at: string;
  }

  /** The filters shared by the list and the export. */
  export interface Filters {
    q?: string;
    unit_id?: number;
    status?: Status;
    /** An exact phone number (the list cannot be searched by part of a number). */
    phone?: string;
    active?: boolean;
  }

  export interface ListQuery extends Filters, PageQuery {}

  export type ListResult = PageResult<Member>;

  /** Body of POST /members and PUT /members/{id}. */
  export interface SaveParams {
    name: string;
    gender: Gender;
    unit_id: number;
    post: string;
    phone: string;
    joined_on: string;
    status: Status;
  }

  /** On update the phone may be left out: the server keeps the stored number. */
  export type UpdateParams = Omit<SaveParams, 'phone'> & { phone?: string };

  export interface UnmaskResult {
    phone: string;
  }

  /**
   * One spreadsheet row as sent to preview and import. Values are passed as read (after the
   * 男/女, 正式/预备 and date normalisation) so that the server reports what is wrong.
   */
  export interface ImportRow {
    name: string;
    gender: string;
    unit_name?: string;
    unit_id?: number;
    post: string;
    phone: string;
    joined_on: string;
    status: string;
  }

  export interface RowError {
    field: string;
    message: string;
  }

  export interface RowResult {
    index: number;
    ok: boolean;
    errors: RowError[];
  }

  export interface PreviewResult {
    rows: RowResult[];
    valid_count: number;
    error_count: number;
  }

  export interface ImportResult {
    created: number;
  }

  /** `details` of the 422 answer to import: nothing was written. */
  export interface ImportErrorDetails {
    rows: RowResult[];
  }

  export type ExportColumn = 'name' | 'gender' | 'unit' | 'post' | 'phone' | 'joined_on' | 'status';
}

/** The export's columns in the order the server writes them. */
export const MEMBER_EXPORT_COLUMNS: readonly MemberApi.ExportColumn[] = ['name', 'gender', 'unit', 'post', 'phone', 'joined_on', 'status'];

type MutationOptions = Omit<RequestOptions, 'body' | 'query'>;

export function listMembers(query: MemberApi.ListQuery = {}): Promise<MemberApi.ListResult> {
  return requestClient.get<MemberApi.ListResult>('/members', { ...query });
}

export function getMember(id: number): Promise<MemberApi.Member> {
  return requestClient.get<MemberApi.Member>(`/members/${id}`);
}

export function createMember(params: MemberApi.SaveParams, options: MutationOptions = {}): Promise<MemberApi.Member> {
  return requestClient.post<MemberApi.Member>('/members', params, options);
}

/**
 * PUT requires the full `phone` (the server answers 422 without it), while lists only hold the
 * masked number: the edit dialog sends a retyped number or the one revealed through unmask.
 */
export function updateMember(id: number, params: MemberApi.UpdateParams, options: MutationOptions = {}): Promise<MemberApi.Member> {
  return requestClient.put<MemberApi.Member>(`/members/${id}`, params, options);
}

export function deactivateMember(id: number): Promise<MemberApi.Member> {
  return requestClient.post<MemberApi.Member>(`/members/${id}/deactivate`);
}

/** Reveals a member's full phone number (audited by the server). */
export function unmaskMemberPhone(id: number, options: MutationOptions = {}): Promise<MemberApi.UnmaskResult> {
  return requestClient.post<MemberApi.UnmaskResult>(`/members/${id}/unmask`, undefined, options);
}

export function previewMemberImport(rows: MemberApi.ImportRow[], options: MutationOptions = {}): Promise<MemberApi.PreviewResult> {
  return requestClient.post<MemberApi.PreviewResult>('/members/import/preview', { rows }, options);
}

/** All or nothing: a 422 carries `details.rows` (see ImportErrorDetails) and writes nothing. */
export function importMembers(rows: MemberApi.ImportRow[], options: MutationOptions = {}): Promise<MemberApi.ImportResult> {
  return requestClient.post<MemberApi.ImportResult>('/members/import', { rows }, options);
}

/** The template download (a plain GET: the session cookie authenticates, no CSRF header needed). */
export function memberTemplateUrl(): string {
  return buildUrl('/members/import-template.xlsx');
}

/**
 * The export download with the chosen columns (kept in the server's order) and the list's
 * filters. The contract's export takes q, unit_id, status and active (not the exact phone).
 */
export function memberExportUrl(columns: readonly MemberApi.ExportColumn[], filters: MemberApi.Filters = {}): string {
  const ordered = MEMBER_EXPORT_COLUMNS.filter((column) => columns.includes(column));
  return buildUrl('/members/export.xlsx', {
    columns: ordered.join(','),
    q: filters.q,
    unit_id: filters.unit_id,
    status: filters.status,
    active: filters.active,
  });
}
