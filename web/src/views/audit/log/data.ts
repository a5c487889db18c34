import type { AuditApi } from '@/api/audit';
import type { Column } from '@/components/table';
import zhCN from '@/locales/zh-CN';

/** The audit trail's filters, as the search form and the URL hold them. */
export interface AuditFilters {
  [key: string]: string | number | undefined;
  /** ISO 8601 instants (UTC), '' when open. */
  from: string;
  to: string;
  user: string;
  /** An action code (`auth.login`), '' for all. */
  action: string;
}

export function auditFilters(): AuditFilters {
  return { from: '', to: '', user: '', action: '' };
}

/** Every action code that has a label, in the order of the locale file: the 操作 filter's options. */
export const AUDIT_ACTIONS: string[] = Object.entries(zhCN.audit.actions).flatMap(([area, verbs]) =>
  Object.keys(verbs).map((verb) => `${area}.${verb}`),
);

/** The i18n key of an action code's label, or null when the locale files have none. */
export function auditActionKey(code: string): string | null {
  return AUDIT_ACTIONS.includes(code) ? `audit.actions.${code}` : null;
}

/** The i18n key of an object type's label, or null. */
export function auditObjectKey(type: string): string | null {
  return type in zhCN.audit.objects ? `audit.objects.${type}` : null;
}

export const auditColumns: Column[] = [
  { key: 'occurred_at', label: 'audit.occurredAt', minWidth: 160 },
  { key: 'username', label: 'audit.user', minWidth: 100 },
  { key: 'source_ip', label: 'audit.sourceIp', minWidth: 120 },
  { key: 'action', label: 'audit.action', minWidth: 150 },
  { key: 'object', label: 'audit.object', minWidth: 140 },
  { key: 'outcome', label: 'audit.outcome', width: 80, align: 'center' },
  { key: 'detail', label: 'audit.detail', minWidth: 200, tooltip: true },
];

export type AuditRow = AuditApi.Event;
