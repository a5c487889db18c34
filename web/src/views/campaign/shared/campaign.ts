import dayjs from 'dayjs';
import { LINKAGES, PHASES, type CampaignApi } from '@/api/campaign';
import type { PlanApi } from '@/api/plans';

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info';

/** i18n keys of the codes the pages show (both locales hold them; the locale test checks). */
export const phaseLabelKey = (phase: string): string => `campaign.phases.${phase}`;
export const linkageLabelKey = (linkage: string): string => `campaign.linkages.${linkage}`;
export const kindLabelKey = (kind: string): string => `campaign.kinds.${kind}`;
export const deadlineLabelKey = (code: string): string => `campaign.deadlines.${code}`;
export const deadlineStatusLabelKey = (status: string): string => `campaign.deadlineStatuses.${status}`;
export const planStateLabelKey = (state: string): string => `plan.states.${state}`;
export const planActionLabelKey = (action: string): string => `plan.actions.${action}`;
export const stepActionLabelKey = (action: string): string => `plan.stepActions.${action}`;
export const planFieldLabelKey = (field: string): string => `plan.fields.${field}`;

const DEADLINE_TAGS: Record<CampaignApi.DeadlineStatus, TagType> = {
  pending: 'info',
  done: 'success',
  done_late: 'warning',
  overdue: 'danger',
};

export function deadlineStatusTag(status: CampaignApi.DeadlineStatus): TagType {
  return DEADLINE_TAGS[status] ?? 'info';
}

const PLAN_TAGS: Record<PlanApi.State, TagType> = {
  draft: 'info',
  submitted: 'primary',
  approved: 'success',
  returned: 'danger',
};

export function planStateTag(state: PlanApi.State): TagType {
  return PLAN_TAGS[state] ?? 'info';
}

export const MONTHS: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/** The year the pages open on: this year in the browser's calendar. */
export function currentYear(now: Date = new Date()): number {
  return now.getFullYear();
}

/** The years a selector offers: a few before and one after the given year. */
export function yearChoices(around: number, before = 3, after = 1): number[] {
  const years: number[] = [];
  for (let year = around + after; year >= around - before; year -= 1) years.push(year);
  return years;
}

/** A year from a route query value, or the fallback. */
export function yearFrom(value: unknown, fallback: number): number {
  const number = typeof value === 'string' ? Number(value) : NaN;
  return Number.isInteger(number) && number >= 2000 && number <= 2100 ? number : fallback;
}

export interface CoverageRow {
  linkage: CampaignApi.Linkage;
  counts: number[];
  total: number;
}

/**
 * The linkage × month grid: six rows in the fixed order of the linkages, twelve counts each,
 * from the server's cells (or, when editing, from the items on screen).
 */
export function coverageRows(cells: readonly PlanApi.CoverageCell[], months: readonly number[] = MONTHS): CoverageRow[] {
  return LINKAGES.map((linkage) => {
    const counts = months.map((month) =>
      cells.filter((cell) => cell.linkage === linkage && cell.month === month).reduce((sum, cell) => sum + cell.count, 0),
    );
    return { linkage, counts, total: counts.reduce((sum, count) => sum + count, 0) };
  });
}

/** The cells of a list of items (the editor's live grid, before the server has seen them). */
export function cellsOf(items: ReadonlyArray<{ linkage: string | null | undefined; month: number | null | undefined }>): PlanApi.CoverageCell[] {
  const counts = new Map<string, PlanApi.CoverageCell>();
  for (const item of items) {
    if (!item.linkage || !item.month) continue;
    const key = `${item.linkage}:${item.month}`;
    const cell = counts.get(key) ?? { linkage: item.linkage as CampaignApi.Linkage, month: item.month, count: 0 };
    cell.count += 1;
    counts.set(key, cell);
  }
  return [...counts.values()];
}

/** The linkages no cell covers, in the fixed order. */
export function missingLinkages(cells: readonly PlanApi.CoverageCell[]): CampaignApi.Linkage[] {
  const covered = new Set(cells.filter((cell) => cell.count > 0).map((cell) => cell.linkage));
  return LINKAGES.filter((linkage) => !covered.has(linkage));
}

/** The three phases in order, with today's one marked (from the server's `current_phase`). */
export function orderedPhases(campaign: Pick<CampaignApi.Campaign, 'phases'>): CampaignApi.PhaseDates[] {
  return PHASES.map((code) => campaign.phases.find((phase) => phase.code === code)).filter(
    (phase): phase is CampaignApi.PhaseDates => phase !== undefined,
  );
}

export type PhaseDateProblem = 'datesRequired' | 'datesOrder' | 'datesInYear' | 'datesOverlap';

/**
 * What is wrong with the phase dates, per phase (the server checks the same): each filled in,
 * end not before start, within the year, in order without overlapping.
 */
export function phaseDateProblems(year: number, phases: ReadonlyArray<{ starts_on: string; ends_on: string }>): Array<PhaseDateProblem | null> {
  const problems: Array<PhaseDateProblem | null> = phases.map((phase) => {
    if (!phase.starts_on || !phase.ends_on) return 'datesRequired';
    if (phase.ends_on < phase.starts_on) return 'datesOrder';
    if (!phase.starts_on.startsWith(`${year}-`) || !phase.ends_on.startsWith(`${year}-`)) return 'datesInYear';
    return null;
  });
  for (let index = 1; index < phases.length; index += 1) {
    if (problems[index] || problems[index - 1]) continue;
    if (phases[index].starts_on <= phases[index - 1].ends_on) problems[index] = 'datesOverlap';
  }
  return problems;
}

/** Days left until a local date (negative once past), counted in whole local days. */
export function daysUntil(date: string, today: Date = new Date()): number {
  return dayjs(date).startOf('day').diff(dayjs(today).startOf('day'), 'day');
}

/** An editable plan item as the editor holds it. */
export interface ItemDraft {
  /** Key of the row on screen. */
  key: string;
  /** The item's id in the version being edited (keeps its lineage), absent for a new one. */
  id?: number;
  theme: string;
  linkage: CampaignApi.Linkage | '';
  kind: CampaignApi.ActivityKind | '';
  month: number | null;
  planned_on: string;
  place: string;
  host_unit_id: number | null;
  participating_unit_ids: number[];
  checklist_item_id: number | null;
  checklist_title: string;
}

let draftCounter = 0;

export function emptyItem(): ItemDraft {
  draftCounter += 1;
  return {
    key: `new-${draftCounter}`,
    theme: '',
    linkage: '',
    kind: '',
    month: null,
    planned_on: '',
    place: '',
    host_unit_id: null,
    participating_unit_ids: [],
    checklist_item_id: null,
    checklist_title: '',
  };
}

export function draftOf(item: PlanApi.Item): ItemDraft {
  return {
    key: `item-${item.id}`,
    id: item.id,
    theme: item.theme,
    linkage: item.linkage,
    kind: item.kind,
    month: item.month,
    planned_on: item.planned_on ?? '',
    place: item.place,
    host_unit_id: item.host_unit?.id ?? null,
    participating_unit_ids: item.participating_units.map((unit) => unit.id),
    checklist_item_id: item.checklist_item?.id ?? null,
    checklist_title: item.checklist_item?.name ?? '',
  };
}

/** A new row started from a checklist item: its title, linkage, kind and suggested month. */
export function draftFromChecklist(source: CampaignApi.ChecklistItem): ItemDraft {
  return {
    ...emptyItem(),
    theme: source.title,
    linkage: source.linkage,
    kind: source.kind,
    month: source.suggested_month,
    checklist_item_id: source.id,
    checklist_title: source.title,
  };
}

export interface DraftProblem {
  row: number;
  key: 'themeRequired' | 'linkageRequired' | 'kindRequired' | 'monthRequired' | 'plannedOnMonth';
}

/** What must be fixed before the items can be saved (row numbers from 1). */
export function itemProblems(items: readonly ItemDraft[]): DraftProblem[] {
  const problems: DraftProblem[] = [];
  items.forEach((item, index) => {
    const row = index + 1;
    if (!item.theme.trim()) problems.push({ row, key: 'themeRequired' });
    if (!item.linkage) problems.push({ row, key: 'linkageRequired' });
    if (!item.kind) problems.push({ row, key: 'kindRequired' });
    if (!item.month) problems.push({ row, key: 'monthRequired' });
    else if (item.planned_on && Number(item.planned_on.slice(5, 7)) !== item.month) problems.push({ row, key: 'plannedOnMonth' });
  });
  return problems;
}

/** The PUT body's item for a draft: optional fields left out when empty. */
export function itemParams(item: ItemDraft): PlanApi.ItemParams {
  const params: PlanApi.ItemParams = {
    theme: item.theme.trim(),
    linkage: item.linkage as CampaignApi.Linkage,
    kind: item.kind as CampaignApi.ActivityKind,
    month: item.month ?? 0,
    place: item.place.trim(),
    participating_unit_ids: [...item.participating_unit_ids],
  };
  if (item.id !== undefined) params.id = item.id;
  if (item.planned_on) params.planned_on = item.planned_on;
  if (item.host_unit_id !== null) params.host_unit_id = item.host_unit_id;
  if (item.checklist_item_id !== null) params.checklist_item_id = item.checklist_item_id;
  return params;
}

/** A field's value of an item as text for the comparison view. */
export function itemFieldText(
  item: PlanApi.Item,
  field: string,
  label: (key: string, params?: Record<string, unknown>) => string,
): string {
  switch (field) {
    case 'linkage':
      return label(linkageLabelKey(item.linkage));
    case 'kind':
      return label(kindLabelKey(item.kind));
    case 'month':
      return label('campaign.month', { month: item.month });
    case 'planned_on':
      return item.planned_on ?? '';
    case 'host_unit':
      return item.host_unit?.name ?? '';
    case 'participating_units':
      return item.participating_units.map((unit) => unit.name).join('、');
    case 'checklist_item':
      return item.checklist_item?.name ?? '';
    default: {
      const value = (item as unknown as Record<string, unknown>)[field];
      return value === null || value === undefined ? '' : String(value);
    }
  }
}

/** The item fields the comparison shows, in order. */
export const ITEM_FIELDS = ['theme', 'linkage', 'kind', 'month', 'planned_on', 'place', 'host_unit', 'participating_units', 'checklist_item'] as const;

/**
 * The comparison's contacts and support changes as rows: support is split into venues, funds
 * and people (only those that differ), contacts stay one row.
 */
export function fieldChangeRows(changes: readonly PlanApi.FieldChange[]): PlanApi.FieldChange[] {
  const rows: PlanApi.FieldChange[] = [];
  for (const change of changes) {
    const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
    if (change.field === 'support' && (isObject(change.old) || isObject(change.new))) {
      const before = isObject(change.old) ? change.old : {};
      const after = isObject(change.new) ? change.new : {};
      for (const part of ['venues', 'funds', 'people']) {
        if ((before[part] ?? '') !== (after[part] ?? '')) rows.push({ field: part, old: before[part] ?? '', new: after[part] ?? '' });
      }
    } else {
      rows.push(change);
    }
  }
  return rows;
}

/** Contacts / support values of the comparison's `fields` as readable text. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    return value
      .map((entry) => {
        if (typeof entry === 'object' && entry !== null) {
          return Object.values(entry as Record<string, unknown>)
            .filter((part) => part !== '' && part !== null && part !== undefined)
            .join(' ');
        }
        return String(entry);
      })
      .join('；');
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, part]) => `${key}: ${String(part ?? '')}`)
      .join('；');
  }
  return String(value);
}
