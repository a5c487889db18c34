/**
 * An audit record's detail in Chinese. The server stores details as structured JSON
 * (`audit::detail` in server/src/audit/detail.hpp): `{"unit":{"id":5,"name":"区科协"},"left_on":"2026-11-29"}`,
 * or the `changes` of an update (`{"changes":[{"field":"note","old":"…","new":"…"}]}`). Each key is
 * labelled from `audit.fields`, each code from the locale map its key names, references by name.
 * Records written before details were structured (and refusals written in Chinese) are plain
 * text and shown as they are.
 */

/** What the renderer needs of vue-i18n. */
export interface Translator {
  t: (key: string) => string;
  te: (key: string) => boolean;
}

/** Detail keys whose values are codes labelled by an existing locale map (key → map's path). */
const CODE_LABELS: Record<string, string> = {
  roles: 'role',
  application_kind: 'application.kinds',
  application_state: 'application.states',
  plan_state: 'plan.states',
  activity_state: 'activity.states',
  linkage: 'campaign.linkages',
  phase: 'campaign.phases',
  kind: 'campaign.kinds',
  rotation_mode: 'alliance.rotationModes',
  method: 'activity.attendance.methods',
  status: 'activity.attendance.statuses',
  attachment_kind: 'activity.attachments.kinds',
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The i18n key of a detail key's or changed field's label (`support.funds` → `audit.fields.support_funds`). */
export function fieldLabelKey(field: string): string {
  return `audit.fields.${field.replace(/\./g, '_')}`;
}

function fieldLabel(field: string, i18n: Translator): string {
  const key = fieldLabelKey(field);
  return i18n.te(key) ? i18n.t(key) : i18n.t('audit.fields.other');
}

function isReference(value: Json): value is { id: Json; name: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'name' in value;
}

/** One value of the key `key`, in Chinese; '' when there is nothing to show. */
function valueText(key: string, value: Json, i18n: Translator): string {
  if (value === null || value === '') return '';
  if (Array.isArray(value)) {
    return value.map((item) => valueText(key, item, i18n)).filter(Boolean).join('、');
  }
  if (isReference(value)) return String(value.name ?? '');
  if (typeof value === 'boolean') {
    const own = `audit.values.${key}.${value}`;
    return i18n.te(own) ? i18n.t(own) : i18n.t(value ? 'common.yes' : 'common.no');
  }
  if (typeof value === 'object') return '';
  const text = String(value);
  const own = `audit.values.${key}.${text}`;
  if (i18n.te(own)) return i18n.t(own);
  const map = CODE_LABELS[key];
  if (map && i18n.te(`${map}.${text}`)) return i18n.t(`${map}.${text}`);
  return text;
}

/** One change of an update: `备注：旧 → 新`; personal data and internal ids without their values. */
function changeText(change: Json, i18n: Translator): string {
  if (typeof change !== 'object' || change === null || Array.isArray(change)) return '';
  const field = String(change.field ?? '');
  const label = fieldLabel(field, i18n);
  if (change.personal === true || /_ids?$/.test(field)) return `${label}${i18n.t('audit.changed')}`;
  const before = valueText(field, change.old ?? null, i18n) || i18n.t('audit.empty');
  const after = valueText(field, change.new ?? null, i18n) || i18n.t('audit.empty');
  return `${label}：${before} → ${after}`;
}

/** The detail of an audit record as one line of Chinese. */
export function describeDetail(detail: string, i18n: Translator): string {
  if (!detail) return '';
  let parsed: Json;
  try {
    parsed = JSON.parse(detail) as Json;
  } catch {
    return detail;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return detail;
  const parts: string[] = [];
  for (const [key, value] of Object.entries(parsed)) {
    if (key === 'changes' && Array.isArray(value)) {
      parts.push(...value.map((change) => changeText(change, i18n)).filter(Boolean));
      continue;
    }
    const text = valueText(key, value, i18n);
    if (text) parts.push(`${fieldLabel(key, i18n)}：${text}`);
  }
  return parts.join('；');
}
