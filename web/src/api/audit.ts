import { buildUrl, requestClient, type PageQuery, type PageResult } from './client';

export namespace AuditApi {
  export type Outcome = 'success' | 'failure';

  export interface Event {
    id: number;
    /** ISO 8601 timestamp (UTC). */
    occurred_at: string;
    user_id: number | null;
    username: string;
    source_ip: string;
    action: string;
    object_type: string;
    object_id: string | number | null;
    outcome: Outcome;
    detail: string;
  }

  export interface ListQuery extends PageQuery {
    /** ISO 8601, inclusive. */
    from?: string;
    /** ISO 8601, inclusive. */
    to?: string;
    user?: string;
    action?: string;
  }

  export type ListResult = PageResult<Event>;

  export interface Verification {
    ok: boolean;
    checked: number;
    first_broken_id: number | null;
    /** Records the signed checkpoint counts that the table no longer holds (truncation). */
    missing?: number;
    /** What is wrong, in Chinese; empty when ok. */
    problem?: string;
  }
}

export function listAuditEvents(query: AuditApi.ListQuery = {}): Promise<AuditApi.ListResult> {
  return requestClient.get<AuditApi.ListResult>('/audit-events', { ...query });
}

export function verifyAuditChain(): Promise<AuditApi.Verification> {
  return requestClient.get<AuditApi.Verification>('/audit-events/verification');
}

/**
 * The signed audit archive of the local dates `from` to `to` (`YYYY-MM-DD`, both inclusive): a
 * ZIP holding audit.xlsx, the chain proof proof.json and its Ed25519 signature proof.sig, for the
 * auditor only; fetched with useDownload.
 */
export function auditArchiveUrl(from: string, to: string): string {
  return buildUrl('/audit/archive', { from, to });
}
