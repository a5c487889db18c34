import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { useList } from '../useList';

interface Filters {
  [key: string]: string | number | undefined;
  q: string;
  unit_id: number | undefined;
}

function setup() {
  const fetch = vi.fn(async (filters: Filters, page: { page: number; page_size: number }) => ({
    items: [{ id: page.page, q: filters.q }],
    total: 45,
  }));
  let list!: ReturnType<typeof useList<{ id: number; q: string }, Filters>>;
  const Page = defineComponent({
    setup() {
      list = useList<{ id: number; q: string }, Filters>({
        filters: () => ({ q: '', unit_id: undefined }),
        numbers: ['unit_id'],
        fetch,
      });
      return () => h('div');
    },
  });
  const Other = defineComponent({ render: () => h('div') });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/units', component: Page },
      { path: '/other', component: Other },
    ],
  });
  const App = defineComponent({ render: () => h(RouterView) });
  return { fetch, router, App, list: () => list };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('useList', () => {
  it('loads, searches from page 1 and writes the filters and page into the URL', async () => {
    const { fetch, router, App, list } = setup();
    await router.push('/units');
    mount(App, { global: { plugins: [router] } });
    await flushPromises();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(list().total.value).toBe(45);

    list().query.q = '  审计 ';
    list().query.unit_id = 7;
    list().page.value = 3;
    await list().search();
    await flushPromises();
    // The search starts at page 1 with trimmed text, and the URL says so.
    expect(fetch).toHaveBeenLastCalledWith({ q: '审计', unit_id: 7 }, { page: 1, page_size: 20 });
    expect(router.currentRoute.value.query).toEqual({ q: '审计', unit_id: '7' });

    list().page.value = 2;
    await list().load();
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ q: '审计', unit_id: '7', page: '2' });
  });

  it('restores the filters and the page from the URL (Back, reload)', async () => {
    const { fetch, router, App, list } = setup();
    await router.push('/units?q=%E5%AE%A1%E8%AE%A1&unit_id=7&page=2');
    mount(App, { global: { plugins: [router] } });
    await flushPromises();
    expect(list().query.q).toBe('审计');
    expect(list().query.unit_id).toBe(7);
    expect(list().page.value).toBe(2);
    expect(fetch).toHaveBeenCalledWith({ q: '审计', unit_id: 7 }, { page: 2, page_size: 20 });
  });

  it('reads the URL again when it changes under the page (the menu entry without a query)', async () => {
    const { fetch, router, App, list } = setup();
    await router.push('/units?q=x&page=3');
    mount(App, { global: { plugins: [router] } });
    await flushPromises();
    await router.push('/units');
    await flushPromises();
    expect(list().query.q).toBe('');
    expect(list().page.value).toBe(1);
    expect(fetch).toHaveBeenLastCalledWith({ q: '', unit_id: undefined }, { page: 1, page_size: 20 });
  });

  it('reset goes back to the default filters', async () => {
    const { router, App, list } = setup();
    await router.push('/units?q=x');
    mount(App, { global: { plugins: [router] } });
    await flushPromises();
    await list().reset();
    await flushPromises();
    expect(list().query.q).toBe('');
    expect(router.currentRoute.value.query).toEqual({});
  });
});
