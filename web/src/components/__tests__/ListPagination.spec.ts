import { beforeEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { defineComponent, ref } from 'vue';
import { i18n } from '@/locales';
import { useAppStore } from '@/stores/app';
import ListPagination from '../ListPagination.vue';

let pinia: Pinia;

function mountPager(options: { total: number; page?: number; pageSize?: number; compact?: boolean; jumper?: boolean }) {
  const page = ref(options.page ?? 1);
  const pageSize = ref(options.pageSize ?? 20);
  const changes: Array<[number, number]> = [];
  const Host = defineComponent({
    components: { ListPagination },
    setup: () => ({
      page,
      pageSize,
      props: options,
      onChange: () => changes.push([page.value, pageSize.value]),
    }),
    template: `<ListPagination v-model:page="page" v-model:page-size="pageSize" :total="props.total"
      :compact="props.compact" :jumper="props.jumper" test-id="demo-pagination" @change="onChange" />`,
  });
  const wrapper = mount(Host, { global: { plugins: [pinia, i18n, ElementPlus] } });
  return { wrapper, page, pageSize, changes };
}

beforeEach(() => {
  pinia = createPinia();
  setActivePinia(pinia);
});

describe('ListPagination', () => {
  it('puts the test id on the el-pagination element and follows the layout options', () => {
    const { wrapper } = mountPager({ total: 95, jumper: true });
    const pager = wrapper.find('[data-testid="demo-pagination"]');
    expect(pager.exists()).toBe(true);
    expect(pager.classes()).toContain('el-pagination');
    expect(pager.classes()).toContain('is-background');
    expect(pager.find('.el-pagination__sizes').exists()).toBe(true);
    expect(pager.find('.el-pagination__jump').exists()).toBe(true);
  });

  it('drops the size selector and the jumper on phones', async () => {
    useAppStore().setMobile(true);
    const { wrapper } = mountPager({ total: 95, jumper: true });
    const pager = wrapper.find('[data-testid="demo-pagination"]');
    expect(pager.find('.el-pagination__sizes').exists()).toBe(false);
    expect(pager.find('.el-pagination__jump').exists()).toBe(false);
  });

  it('updates the page and emits change when a page is chosen', async () => {
    const { wrapper, page, changes } = mountPager({ total: 95 });
    await wrapper.find('[data-testid="demo-pagination"] .btn-next').trigger('click');
    expect(page.value).toBe(2);
    expect(changes).toEqual([[2, 20]]);
  });

  it('goes back to page 1 and emits change when the page size changes', async () => {
    const { wrapper, page, pageSize, changes } = mountPager({ total: 95, page: 3 });
    // What el-pagination emits when another size is picked in its select.
    const pager = wrapper.findComponent({ name: 'ElPagination' });
    pager.vm.$emit('update:page-size', 50);
    pager.vm.$emit('size-change', 50);
    await wrapper.vm.$nextTick();
    expect(pageSize.value).toBe(50);
    expect(page.value).toBe(1);
    expect(changes).toEqual([[1, 50]]);
  });

  it('compact: no sizes, no background, hidden while everything fits on one page', async () => {
    const small = mountPager({ total: 20, compact: true });
    expect(small.wrapper.find('[data-testid="demo-pagination"]').exists()).toBe(false);
    const big = mountPager({ total: 21, compact: true });
    const pager = big.wrapper.find('[data-testid="demo-pagination"]');
    expect(pager.exists()).toBe(true);
    expect(pager.classes()).not.toContain('is-background');
    expect(pager.find('.el-pagination__sizes').exists()).toBe(false);
  });
});
