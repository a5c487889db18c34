import { auditActionKey } from '@/views/audit/log/data';
import { actionLabelKey } from '@/views/application/shared/application';

type Translate = (key: string, values?: Record<string, unknown>) => string;
type Exists = (key: string) => boolean;

/** A to-do's expected action as a label: an application's step, a deadline's code, a plan action. */
export function todoActionLabel(action: string, t: Translate, te: Exists): string {
  for (const key of [actionLabelKey(action), `campaign.deadlines.${action}`, `plan.actions.${action}`]) {
    if (te(key)) return t(key);
  }
  return action;
}

/** A notification's kind (`application`, `deadline.reminder`) as a label; '' when unknown. */
export function notificationKindLabel(kind: string, t: Translate, te: Exists): string {
  const key = `inbox.kinds.${kind.replace(/\./g, '_')}`;
  return te(key) ? t(key) : '';
}

/** An audit action code as its label (never the raw code). */
export function auditActionLabel(code: string, t: Translate): string {
  const key = auditActionKey(code);
  return key ? t(key) : t('audit.unknownAction');
}
