import { describe, expect, it } from 'vitest';
import { LINKAGES, type CampaignApi } from '@/api/campaign';
import type { PlanApi } from '@/api/plans';
import enUS from '@/locales/en-US';
import zhCN from '@/locales/zh-CN';
import {
  cellsOf,
  coverageRows,
  daysUntil,
  draftFromChecklist,
  draftOf,
  emptyItem,
  itemParams,
  itemProblems,
  missingLinkages,
  phaseDateProblems,
  yearChoices,
  yearFrom,
} from '../campaign';

const item: PlanApi.Item = {
  id: 41,
  lineage_id: 7,
  theme: '共过主题党日',
  linkage: 'theory_study',
  kind: 'theme_party_day',
  month: 7,
  planned_on: '2026-07-01',
  place: '二楼会议室',
  host_unit: { id: 5, name: '区政务服务中心' },
  participating_units: [
    { id: 5, name: '区政务服务中心' },
    { id: 6, name: '区科协' },
  ],
  checklist_item: { id: 12, name: '七一主题党日' },
};

describe('coverage', () => {
  it('builds six rows in the fixed order with twelve counts each', () => {
    const rows = coverageRows([
      { linkage: 'central_work', month: 3, count: 2 },
      { linkage: 'theory_study', month: 7, count: 1 },
      { linkage: 'theory_study', month: 12, count: 1 },
    ]);
    expect(rows.map((row) => row.linkage)).toEqual([...LINKAGES]);
    expect(rows.every((row) => row.counts.length === 12)).toBe(true);
    expect(rows[0]).toMatchObject({ linkage: 'theory_study', total: 2 });
    expect(rows[0].counts[6]).toBe(1);
    expect(rows[4].counts[2]).toBe(2);
    expect(rows[1].total).toBe(0);
  });

  it('counts the items on screen and names the linkages not covered', () => {
    const cells = cellsOf([
      { linkage: 'theory_study', month: 4 },
      { linkage: 'theory_study', month: 4 },
      { linkage: 'joint_practice', month: 6 },
      { linkage: 'team_building', month: 9 },
      { linkage: 'central_work', month: 10 },
      { linkage: '', month: 3 },
      { linkage: 'conduct_discipline', month: null },
    ]);
    expect(cells).toContainEqual({ linkage: 'theory_study', month: 4, count: 2 });
    expect(cells).toHaveLength(4);
    expect(missingLinkages(cells)).toEqual(['resource_sharing', 'conduct_discipline']);
    expect(missingLinkages([])).toEqual([...LINKAGES]);
  });
});

describe('plan item drafts', () => {
  it('round-trips an item into the PUT body keeping its id (lineage)', () => {
    expect(itemParams(draftOf(item))).toEqual({
      id: 41,
      theme: '共过主题党日',
      linkage: 'theory_study',
      kind: 'theme_party_day',
      month: 7,
      planned_on: '2026-07-01',
      place: '二楼会议室',
      host_unit_id: 5,
      participating_unit_ids: [5, 6],
      checklist_item_id: 12,
    });
  });

  it('leaves the optional fields out of a new row', () => {
    const draft = { ...emptyItem(), theme: ' 联合志愿服务 ', linkage: 'central_work' as const, kind: 'practice' as const, month: 9 };
    expect(itemParams(draft)).toEqual({
      theme: '联合志愿服务',
      linkage: 'central_work',
      kind: 'practice',
      month: 9,
      place: '',
      participating_unit_ids: [],
    });
  });

  it('starts a row from a checklist item', () => {
    const source: CampaignApi.ChecklistItem = {
      id: 3,
      year: 2026,
      linkage: 'conduct_discipline',
      kind: 'affairs_observation',
      title: '互学观摩',
      description: '',
      suggested_month: 5,
      key_date: '',
      retired_at: null,
      in_use: false,
      version: 1,
    };
    expect(draftFromChecklist(source)).toMatchObject({ theme: '互学观摩', linkage: 'conduct_discipline', kind: 'affairs_observation', month: 5, checklist_item_id: 3 });
    expect(draftFromChecklist(source).id).toBeUndefined();
  });

  it('validates every row before saving', () => {
    const good = draftOf(item);
    const blank = emptyItem();
    const wrongDate = { ...draftOf(item), planned_on: '2026-08-02' };
    expect(itemProblems([good])).toEqual([]);
    expect(itemProblems([good, blank, wrongDate])).toEqual([
      { row: 2, key: 'themeRequired' },
      { row: 2, key: 'linkageRequired' },
      { row: 2, key: 'kindRequired' },
      { row: 2, key: 'monthRequired' },
      { row: 3, key: 'plannedOnMonth' },
    ]);
    for (const problem of ['themeRequired', 'linkageRequired', 'kindRequired', 'monthRequired', 'plannedOnMonth'] as const) {
      expect(zhCN.plan[problem]).toContain('{row}');
      expect(enUS.plan[problem]).toContain('{row}');
    }
  });
});

describe('phase dates', () => {
  const defaults = [
    { starts_on: '2026-04-01', ends_on: '2026-04-30' },
    { starts_on: '2026-05-01', ends_on: '2026-11-30' },
    { starts_on: '2026-12-01', ends_on: '2026-12-31' },
  ];

  it('accepts the default dates', () => {
    expect(phaseDateProblems(2026, defaults)).toEqual([null, null, null]);
  });

  it('names what is wrong with each phase', () => {
    expect(phaseDateProblems(2026, [{ starts_on: '', ends_on: '2026-04-30' }, defaults[1], defaults[2]])[0]).toBe('datesRequired');
    expect(phaseDateProblems(2026, [{ starts_on: '2026-04-30', ends_on: '2026-04-01' }, defaults[1], defaults[2]])[0]).toBe('datesOrder');
    expect(phaseDateProblems(2026, [defaults[0], defaults[1], { starts_on: '2026-12-01', ends_on: '2027-01-10' }])[2]).toBe('datesInYear');
    expect(phaseDateProblems(2026, [defaults[0], { starts_on: '2026-04-30', ends_on: '2026-11-30' }, defaults[2]])).toEqual([null, 'datesOverlap', null]);
  });
});

describe('years and days', () => {
  it('offers the years around this one and reads a year from the URL', () => {
    expect(yearChoices(2026)).toEqual([2027, 2026, 2025, 2024, 2023]);
    expect(yearFrom('2025', 2026)).toBe(2025);
    expect(yearFrom('abc', 2026)).toBe(2026);
    expect(yearFrom(undefined, 2026)).toBe(2026);
  });

  it('counts whole local days to a date', () => {
    const today = new Date(2026, 3, 23, 23, 30);
    expect(daysUntil('2026-04-30', today)).toBe(7);
    expect(daysUntil('2026-04-23', today)).toBe(0);
    expect(daysUntil('2026-04-20', today)).toBe(-3);
  });
});

describe('labels', () => {
  it('every code the pages show has a label in both languages', () => {
    const sections = [
      [zhCN.campaign.linkages, enUS.campaign.linkages],
      [zhCN.campaign.kinds, enUS.campaign.kinds],
      [zhCN.campaign.phases, enUS.campaign.phases],
      [zhCN.campaign.deadlines, enUS.campaign.deadlines],
      [zhCN.campaign.deadlineStatuses, enUS.campaign.deadlineStatuses],
      [zhCN.plan.states, enUS.plan.states],
      [zhCN.plan.stepActions, enUS.plan.stepActions],
    ] as const;
    for (const [zh, en] of sections) expect(Object.keys(en)).toEqual(Object.keys(zh));
    expect(zhCN.campaign.linkages.conduct_discipline).toBe('作风纪律联抓');
    expect(zhCN.campaign.deadlines.plan_due).toBe('活动计划提交');
    expect(zhCN.campaign.deadlineStatuses).toEqual({ pending: '未到期', done: '已完成', done_late: '逾期完成', overdue: '已逾期' });
    expect(zhCN.inbox.kinds.deadline_reminder).toBeTruthy();
  });
});

describe('routes', () => {
  it('the campaign paths resolve to their pages', async () => {
    const { createMemoryHistory, createRouter } = await import('vue-router');
    const { routes } = await import('@/router/routes');
    const { CAMPAIGN_PATH, CHECKLIST_PATH, planPath, PLANS_PATH, RESPONSIBILITY_PATH } = await import('@/views/plan/shared/paths');
    const router = createRouter({ history: createMemoryHistory(), routes });
    expect(router.resolve(CAMPAIGN_PATH).name).toBe('campaign');
    expect(router.resolve(CHECKLIST_PATH).name).toBe('checklist');
    expect(router.resolve(PLANS_PATH).name).toBe('plans');
    expect(router.resolve(planPath(7)).name).toBe('plan-detail');
    expect(router.resolve(RESPONSIBILITY_PATH).name).toBe('responsibility');
    expect(router.resolve('/plans/abc').name).toBe('not-found');
  });
});
