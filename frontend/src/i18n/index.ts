// vue-i18n setup and the UI language: Simplified Chinese by default, English on request.
// An explicit choice is remembered in localStorage and wins over the account's saved locale.
import { createI18n } from 'vue-i18n'
import elementEn from 'element-plus/es/locale/lang/en'
import elementZhCn from 'element-plus/es/locale/lang/zh-cn'
import { LOCALES, type Locale } from '@/api/types'
import en from './locales/en'
import zhCN from './locales/zh-CN'

const STORAGE_KEY = 'qifu.locale'
export const DEFAULT_LOCALE: Locale = 'zh-CN'

/** Element Plus's own texts (pagination, date pickers, dialogs) per UI language. */
export const elementLocales = { 'zh-CN': elementZhCn, en: elementEn } as const

function isLocale(value: unknown): value is Locale {
  return LOCALES.includes(value as Locale)
}

function rememberedLocale(): Locale | null {
  const value = globalThis.localStorage?.getItem(STORAGE_KEY)
  return isLocale(value) ? value : null
}

export const i18n = createI18n({
  legacy: false,
  locale: rememberedLocale() ?? DEFAULT_LOCALE,
  fallbackLocale: DEFAULT_LOCALE,
  messages: { 'zh-CN': zhCN, en },
})

export function currentLocale(): Locale {
  return i18n.global.locale.value as Locale
}

/** Switches the UI language; `remember` stores it as the user's explicit choice. */
export function setLocale(locale: Locale, remember = true): void {
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
  if (remember) localStorage.setItem(STORAGE_KEY, locale)
}

/** Follows a signed-in account's saved locale unless the user picked one in this browser. */
export function adoptAccountLocale(locale: Locale): void {
  if (rememberedLocale() === null) setLocale(locale, false)
}
