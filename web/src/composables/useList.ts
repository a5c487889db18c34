import { reactive, ref, shallowRef, watch, type Ref } from 'vue';
import { useRoute, useRouter, type LocationQuery } from 'vue-router';
import { DEFAULT_PAGE_SIZE, type PageResult } from '@/api/client';

/** A filter value as a search form holds it. */
export type FilterValue = string | number | undefined;
export type FilterModel = Record<string, FilterValue>;

export interface ListOptions<Row, Filters extends FilterModel> {
  /** The filters of an untouched page (also what 重置 goes back to). */
  filters: () => Filters;
  /** The filters holding numbers (ids): read back from the URL as numbers. */
  numbers?: ReadonlyArray<keyof Filters>;
  /** Loads one page for the filters. */
  fetch: (filters: Filters, page: { page: number; page_size: number }) => Promise<PageResult<Row>>;
  pageSize?: number;
  /** Keep filters and page in the URL query (default true), so Back restores them. */
  url?: boolean;
  /** Load on creation (default true). */
  immediate?: boolean;
}

function sameQuery(a: Record<string, string>, b: LocationQuery): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const value = b[key];
    if ((a[key] ?? null) !== (typeof value === 'string' ? value : null)) return false;
  }
  return true;
}

/**
 * A list page's state: the search form's model (`query`), the filters of the rows on screen
 * (`applied`), rows, total, page, page size and loading, with `search` (back to page 1),
 * `reset` (default filters), `load` (reload this page).
 *
 * Filters and page live in the URL query (`?q=…&page=2`), written with `router.replace` after
 * each search, so Back from a detail page, or a reload, shows the same list again; a change of
 * the URL (Back and Forward between two searches, the menu entry without a query) is read back.
 */
export function useList<Row, Filters extends FilterModel>(options: ListOptions<Row, Filters>) {
  const defaultPageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const route = options.url === false ? null : useRoute();
  const router = options.url === false ? null : useRouter();
  const numbers = new Set<string>((options.numbers ?? []) as string[]);

  const query = reactive(options.filters()) as Filters;
  const applied = shallowRef<Filters>({ ...options.filters() });
  const rows = ref([]) as Ref<Row[]>;
  const total = ref(0);
  const page = ref(1);
  const pageSize = ref(defaultPageSize);
  const loading = ref(false);
  let request = 0;

  function fromUrl(url: LocationQuery): void {
    const defaults = options.filters();
    for (const key of Object.keys(defaults)) {
      const raw = url[key];
      let value: FilterValue = defaults[key];
      if (typeof raw === 'string') {
        if (numbers.has(key)) {
          const number = Number(raw);
          value = raw !== '' && Number.isFinite(number) ? number : defaults[key];
        } else {
          value = raw;
        }
      }
      (query as FilterModel)[key] = value;
    }
    const pageNumber = Number(url.page);
    page.value = Number.isInteger(pageNumber) && pageNumber > 0 ? pageNumber : 1;
    const size = Number(url.page_size);
    pageSize.value = Number.isInteger(size) && size > 0 && size <= 100 ? size : defaultPageSize;
  }

  /** The URL query for the current state: only what differs from an untouched page. */
  function toUrl(): Record<string, string> {
    const defaults = options.filters();
    const result: Record<string, string> = {};
    for (const [key, value] of Object.entries(applied.value)) {
      if (value === undefined || value === defaults[key]) continue;
      result[key] = String(value);
    }
    if (page.value !== 1) result.page = String(page.value);
    if (pageSize.value !== defaultPageSize) result.page_size = String(pageSize.value);
    return result;
  }

  async function load(): Promise<void> {
    const current = { ...(query as object) } as Filters;
    for (const [key, value] of Object.entries(current)) {
      if (typeof value === 'string') (current as FilterModel)[key] = value.trim();
    }
    applied.value = current;
    if (route && router && !sameQuery(toUrl(), route.query)) {
      await router.replace({ query: toUrl() }).catch(() => undefined);
    }
    const mine = ++request;
    loading.value = true;
    try {
      const result = await options.fetch(current, { page: page.value, page_size: pageSize.value });
      if (mine !== request) return;
      rows.value = result.items;
      total.value = result.total;
    } catch {
      if (mine !== request) return;
      rows.value = [];
      total.value = 0;
    } finally {
      if (mine === request) loading.value = false;
    }
  }

  function search(): Promise<void> {
    page.value = 1;
    return load();
  }

  function reset(): Promise<void> {
    Object.assign(query, options.filters());
    return search();
  }

  if (route) {
    const path = route.path;
    fromUrl(route.query);
    // Back/Forward between two searches, or the menu entry (no query): show what the URL says.
    watch(
      () => route.query,
      (next) => {
        if (route.path !== path || sameQuery(toUrl(), next)) return;
        fromUrl(next);
        void load();
      },
    );
  }
  if (options.immediate !== false) void load();

  return { query, applied, rows, total, page, pageSize, loading, load, search, reset };
}
