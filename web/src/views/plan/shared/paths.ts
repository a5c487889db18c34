/** Route paths of the campaign pages. */
export const PLANS_PATH = '/plans';
export const CAMPAIGN_PATH = '/campaign';
export const CHECKLIST_PATH = '/checklist';
export const RESPONSIBILITY_PATH = '/responsibility';

export function planPath(id: number): string {
  return `${PLANS_PATH}/${id}`;
}
