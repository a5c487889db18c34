import { beforeEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { i18n } from '@/locales';
import type { ActivityApi } from '@/api/activities';
import CoverageMatrix from '../CoverageMatrix.vue';

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN';
});

const coverage: ActivityApi.Coverage = {
  alliance: { id: 1, name: '第一联盟' },
  year: 2026,
  months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  rows: [
    {
      linkage: 'theory_study',
      cells: [
        { month: 5, planned: 1, held: 1, activity_ids: [9] },
        { month: 7, planned: 1, held: 0, activity_ids: [] },
      ],
      planned: 2,
      held: 1,
    },
    { linkage: 'joint_practice', cells: [{ month: 6, planned: 0, held: 2, activity_ids: [10, 11] }], planned: 0, held: 2 },
  ],
  planned: 2,
  held: 3,
};

function mountMatrix(props: InstanceType<typeof CoverageMatrix>['$props']) {
  return mount(CoverageMatrix, { props, global: { plugins: [i18n, ElementPlus] } });
}

describe('CoverageMatrix', () => {
  it('draws the six linkages by twelve months, held against planned', () => {
    const wrapper = mountMatrix({ coverage });
    const rows = wrapper.findAll('[data-testid="coverage-row"]');
    expect(rows.map((row) => row.attributes('data-linkage'))).toEqual([
      'theory_study',
      'resource_sharing',
      'joint_practice',
      'team_building',
      'central_work',
      'conduct_discipline',
    ]);
    expect(rows[0].findAll('[data-testid="coverage-cell"]')).toHaveLength(12);
    expect(rows[0].text()).toContain('政治理论联学');
    const may = rows[0].find('[data-month="5"]');
    expect(may.text()).toBe('1/1');
    expect(may.attributes('data-state')).toBe('met');
    const july = rows[0].find('[data-month="7"]');
    expect(july.text()).toBe('0/1');
    expect(july.attributes('data-state')).toBe('short');
    expect(rows[0].find('[data-month="8"]').text()).toBe('');
    expect(rows[2].find('[data-month="6"]').attributes('data-state')).toBe('extra');
    expect(rows[1].attributes('data-held')).toBe('0');
    expect(wrapper.find('[data-testid="coverage-total"]').text()).toBe('3/2');
  });

  it('a filled cell names its linkage and month; an empty one does nothing', async () => {
    const wrapper = mountMatrix({ coverage });
    await wrapper.find('[data-testid="coverage-row"][data-linkage="theory_study"] [data-month="5"]').trigger('click');
    await wrapper.find('[data-testid="coverage-row"][data-linkage="theory_study"] [data-month="8"]').trigger('click');
    expect(wrapper.emitted('select')).toEqual([['theory_study', 5]]);
  });

  it('without data it still draws the empty grid', () => {
    const wrapper = mountMatrix({ coverage: null });
    expect(wrapper.findAll('[data-testid="coverage-row"]')).toHaveLength(6);
    expect(wrapper.find('[data-testid="coverage-total"]').text()).toBe('0/0');
  });
});
