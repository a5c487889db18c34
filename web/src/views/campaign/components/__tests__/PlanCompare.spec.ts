import { beforeEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import type { PlanApi } from '@/api/plans';
import { i18n } from '@/locales';
import PlanCompare from '../PlanCompare.vue';

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN';
});

function item(id: number, lineage: number, overrides: Partial<PlanApi.Item> = {}): PlanApi.Item {
  return {
    id,
    lineage_id: lineage,
    theme: `活动${lineage}`,
    linkage: 'theory_study',
    kind: 'theme_party_day',
    month: 4,
    planned_on: null,
    place: '会议室',
    host_unit: { id: 5, name: '区政务服务中心' },
    participating_units: [],
    checklist_item: null,
    ...overrides,
  };
}

function mountCompare(comparison: PlanApi.Comparison) {
  return mount(PlanCompare, { props: { comparison }, global: { plugins: [i18n, ElementPlus] } });
}

describe('PlanCompare', () => {
  it('lists added, removed and changed items, highlighting the changed fields', () => {
    const wrapper = mountCompare({
      from: 1,
      to: 2,
      added: [item(21, 9, { theme: '作风纪律检查', linkage: 'conduct_discipline', kind: 'affairs_observation' })],
      removed: [item(12, 3, { theme: '旧活动' })],
      changed: [
        {
          before: item(11, 2, { month: 4, place: '会议室' }),
          after: item(22, 2, { month: 6, place: '党建活动基地' }),
          fields: ['month', 'place'],
        },
      ],
      fields: [{ field: 'support', old: { venues: '', funds: '', people: '' }, new: { venues: '党建活动基地', funds: '', people: '' } }],
    });
    expect(wrapper.get('[data-testid="plan-compare"]').attributes('data-from')).toBe('1');
    const added = wrapper.findAll('[data-testid="plan-compare-added-item"]');
    expect(added).toHaveLength(1);
    expect(added[0].text()).toContain('作风纪律检查');
    expect(added[0].text()).toContain('作风纪律联抓');
    expect(wrapper.get('[data-testid="plan-compare-removed-item"]').text()).toContain('旧活动');
    const changed = wrapper.get('[data-testid="plan-compare-changed-item"]');
    expect(changed.attributes('data-fields')).toBe('month,place');
    const newValues = changed.findAll('[data-testid="plan-compare-new"]');
    expect(newValues.map((node) => node.attributes('data-field'))).toEqual(['month', 'place']);
    expect(newValues.map((node) => node.text())).toEqual(['6月', '党建活动基地']);
    expect(changed.findAll('[data-testid="plan-compare-old"]').map((node) => node.text())).toEqual(['4月', '会议室']);
    // Unchanged fields are shown but not highlighted.
    expect(changed.findAll('.compare-value.highlight')).toHaveLength(4);
    // Support is shown part by part, only the parts that changed, with Chinese labels.
    const support = wrapper.get('[data-testid="plan-compare-field-new"]');
    expect(support.attributes('data-field')).toBe('venues');
    expect(support.text()).toBe('党建活动基地');
    expect(wrapper.get('[data-testid="plan-compare-fields"]').text()).toContain('场地保障');
  });

  it('says when the two versions are the same', () => {
    const wrapper = mountCompare({ from: 1, to: 2, added: [], removed: [], changed: [], fields: [] });
    expect(wrapper.find('[data-testid="plan-compare-empty"]').exists()).toBe(true);
    expect(wrapper.text()).toContain('两个版本没有差异');
  });
});
