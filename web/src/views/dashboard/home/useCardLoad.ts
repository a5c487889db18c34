import { computed, onMounted, ref, shallowRef, type ComputedRef, type Ref, type ShallowRef } from 'vue';

/** The four states every home card shows: a skeleton, a retry line, an empty note, or its content. */
export type CardState = 'loading' | 'error' | 'empty' | 'ready';

export interface CardLoad<T> {
  data: ShallowRef<T | null>;
  loading: Ref<boolean>;
  failed: Ref<boolean>;
  state: ComputedRef<CardState>;
  load: () => Promise<void>;
}

/**
 * One home card's data: loaded on mount, on its own (a card that fails or waits does not hold
 * the others back), with the state the card shows. The request client has already reported a
 * failure (its message); the card shows an error line with a retry.
 */
export function useCardLoad<T>(fetch: () => Promise<T>, isEmpty: (data: T) => boolean = () => false): CardLoad<T> {
  const data = shallowRef<T | null>(null);
  const loading = ref(true);
  const failed = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    failed.value = false;
    try {
      data.value = await fetch();
    } catch {
      data.value = null;
      failed.value = true;
    } finally {
      loading.value = false;
    }
  }

  const state = computed<CardState>(() => {
    if (loading.value) return 'loading';
    if (failed.value || data.value === null) return 'error';
    return isEmpty(data.value) ? 'empty' : 'ready';
  });

  onMounted(() => void load());
  return { data, loading, failed, state, load };
}
