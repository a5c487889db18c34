import { createI18n } from 'vue-i18n';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import elementZhCn from 'element-plus/es/locale/lang/zh-cn';
import elementEn from 'element-plus/es/locale/lang/en';
import zhCN, { type MessageSchema } from './zh-CN';
import enUS from './en-US';

export const SUPPORTED_LOCALES = ['zh-CN', 'en-US'] as const;
export type AppLocale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = 'zh-CN';
const STORAGE_KEY = 'lianjian.locale';

/** The language's own name, shown in the switcher regardless of the current language. */
export const LOCALE_LABELS: Record<AppLocale, string> = {
  'zh-CN': '简体中文',
  'en-US': 'English',
};

export const elementLocales = {
  'zh-CN': elementZhCn,
  'en-US': elementEn,
} as const;

const dayjsLocales: Record<AppLocale, string> = {
  'zh-CN': 'zh-cn',
  'en-US': 'en',
};

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

function storedLocale(): AppLocale {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isAppLocale(value) ? value : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export const i18n = createI18n<[MessageSchema], AppLocale, false>({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  messages: {
    'zh-CN': zhCN,
    'en-US': enUS,
  },
});

/** Switches vue-i18n, dayjs and the document language; Element Plus follows via App.vue. */
export function applyLocale(locale: AppLocale): void {
  i18n.global.locale.value = locale;
  dayjs.locale(dayjsLocales[locale]);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage can be unavailable (private mode); the choice then lasts for this page only.
  }
}

dayjs.locale(dayjsLocales[storedLocale()]);

export const t = i18n.global.t;
