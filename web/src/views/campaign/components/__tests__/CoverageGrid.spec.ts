import { describe, expect, it, beforeEach } from 'vitest';
import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { i18n } from '@/locales';
import CoverageGrid from '../CoverageGrid.vue';

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN';
});

function mountGrid(props: InstanceType<typeof CoverageGrid>['$props']) {
  return mount(CoverageGrid, { props, global: { plugins: [i18n, ElementPlus] } });
}

describe('CoverageGrid', () => {
  it('draws six linkage rows by twelve months with the counts', () => {
    const wrapper = mountGrid({
      cells: [
        { linkage: 'theory_study', month: 4, count: 2 },
        { linkage: 'joint_practice', month: 6, count: 1 },
        { linkage: 'team_building', month: 9, count: 1 },
        { linkage: 'central_work', month: 10, count: 3 },
      ],
    });
    const rows = wrapper.findAll('[data-testid="plan-coverage-row"]');
    expect(rows).toHaveLength(6);
    expect(rows.map((row) => row.attributes('data-linkage'))).toEqual([
      'theory_study',
      'resource_sharing',
      'joint_practice',
      'team_building',
      'central_work',
      'conduct_discipline',
    ]);
    expect(rows[0].findAll('td[data-month]')).toHaveLength(12);
    expect(rows[0].find('td[data-month="4"]').text()).toBe('2');
    expect(rows[0].find('td[data-month="5"]').text()).toBe('');
    expect(rows[4].attributes('data-total')).toBe('3');
    expect(rows[1].classes()).toContain('coverage-missing');
  });

  it('warns with the Chinese names of the uncovered linkages', () => {
    const wrapper = mountGrid({
      cells: [
        { linkage: 'theory_study', month: 4, count: 1 },
        { linkage: 'joint_practice', month: 6, count: 1 },
        { linkage: 'team_building', month: 9, count: 1 },
        { linkage: 'central_work', month: 10, count: 1 },
      ],
    });
    const warning = wrapper.get('[data-testid="plan-coverage-warning"]');
    expect(warning.attributes('data-missing')).toBe('resource_sharing,conduct_discipline');
    expect(warning.text()).toContain('优势资源联享、作风纪律联抓');
    expect(wrapper.find('[data-testid="plan-coverage-ok"]').exists()).toBe(false);
  });

  it('trusts the server list when given and says so when all six are covered', () => {
    const warned = mountGrid({ cells: [], missing: ['central_work'] });
    expect(warned.get('[data-testid="plan-coverage-warning"]').text()).toContain('中心工作联动');
    const covered = mountGrid({ cells: [], missing: [] });
    expect(covered.find('[data-testid="plan-coverage-warning"]').exists()).toBe(false);
    expect(covered.get('[data-testid="plan-coverage-ok"]').text()).toContain('六联');
  });
});
