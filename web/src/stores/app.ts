import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { applyLocale, elementLocales, i18n, type AppLocale } from '@/locales';

export const MOBILE_QUERY = '(max-width: 768px)';
const COLLAPSE_KEY = 'lianjian.sidebarCollapsed';

function readCollapsed(): boolean {
  try {
    return globalThis.localStorage?.getItem(COLLAPSE_KEY) === '1';
  } catch {
    return false;
  }
}

/** Layout state: language, sidebar collapse (desktop) and drawer (phones ≤ 768 px). */
export const useAppStore = defineStore('app', () => {
  const locale = ref<AppLocale>(i18n.global.locale.value);
  const sidebarCollapsed = ref(readCollapsed());
  const isMobile = ref(false);
  const drawerOpen = ref(false);

  const elementLocale = computed(() => elementLocales[locale.value]);

  function setLocale(next: AppLocale): void {
    locale.value = next;
    applyLocale(next);
  }

  function setMobile(value: boolean): void {
    isMobile.value = value;
    if (!value) drawerOpen.value = false;
  }

  /** The header's menu button: opens the drawer on phones, collapses the sidebar otherwise. */
  function toggleMenu(): void {
    if (isMobile.value) {
      drawerOpen.value = !drawerOpen.value;
      return;
    }
    sidebarCollapsed.value = !sidebarCollapsed.value;
    try {
      globalThis.localStorage?.setItem(COLLAPSE_KEY, sidebarCollapsed.value ? '1' : '0');
    } catch {
      // Not persisted; fine.
    }
  }

  function closeDrawer(): void {
    drawerOpen.value = false;
  }

  return { locale, sidebarCollapsed, isMobile, drawerOpen, elementLocale, setLocale, setMobile, toggleMenu, closeDrawer };
});
