import type { AllianceApi } from '@/api/alliances';
import type { ApplicationApi } from '@/api/applications';
import { allianceOfUnit, freeUnits, type UnitLike } from '@/views/alliance/shared/alliance';

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info';

const STATE_TAGS: Record<ApplicationApi.State, TagType> = {
  submitted: 'info',
  consulting: 'warning',
  under_review: 'primary',
  approved: 'success',
  rejected: 'danger',
  withdrawn: 'info',
};

export function stateTagType(state: ApplicationApi.State): TagType {
  return STATE_TAGS[state] ?? 'info';
}

/** i18n keys of the labels (the keys exist in both locales; a test checks them). */
export function stateLabelKey(state: string): string {
  return `application.states.${state}`;
}

export function kindLabelKey(kind: string): string {
  return `application.kinds.${kind}`;
}

export function actionLabelKey(action: string): string {
  return `application.actions.${action}`;
}

export function confirmationLabelKey(confirmation: string): string {
  return `application.confirmations.${confirmation}`;
}

export function isOpenState(state: ApplicationApi.State): boolean {
  return state === 'submitted' || state === 'consulting' || state === 'under_review';
}

/** Alliances a unit may apply to join: none while it is in one; otherwise every alliance not dissolved. */
export function joinableAlliances(alliances: readonly AllianceApi.Alliance[], unitId: number | null | undefined): AllianceApi.Alliance[] {
  if (unitId === null || unitId === undefined) return [];
  if (allianceOfUnit(alliances, unitId)) return [];
  return alliances.filter((alliance) => !alliance.dissolved_on);
}

/** The alliance a unit may apply to leave: its own, unless it leads it (the lead must be changed first). */
export function leavableAlliance(alliances: readonly AllianceApi.Alliance[], unitId: number | null | undefined): AllianceApi.Alliance | null {
  const alliance = allianceOfUnit(alliances, unitId);
  if (!alliance || alliance.lead_unit.id === unitId) return null;
  return alliance;
}

/** Co-applicants for a new alliance: the other units that are free. */
export function foundCoApplicantChoices<T extends UnitLike>(
  units: readonly T[],
  alliances: readonly AllianceApi.Alliance[],
  unitId: number | null | undefined,
): T[] {
  if (unitId === null || unitId === undefined) return [];
  if (allianceOfUnit(alliances, unitId)) return [];
  return freeUnits(units, alliances, [unitId]);
}

/** The proposed lead: the applicant or one of the chosen co-applicants. */
export function foundLeadChoices<T extends UnitLike>(units: readonly T[], unitId: number | null | undefined, coApplicantIds: readonly number[]): T[] {
  const allowed = new Set<number>(coApplicantIds);
  if (unitId !== null && unitId !== undefined) allowed.add(unitId);
  return units.filter((unit) => allowed.has(unit.id));
}

/** Opinion is required when disagreeing (consult, confirm) or rejecting (decide). */
export function opinionRequired(action: ApplicationApi.Action, agree: boolean): boolean {
  if (action === 'withdraw') return false;
  return !agree;
}

/** Steps in the order they happened. */
export function sortedSteps(steps: readonly ApplicationApi.Step[]): ApplicationApi.Step[] {
  return [...steps].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
}
