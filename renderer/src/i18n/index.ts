/**
 * i18next with Chinese first (the counter's language) and English available. Strings live
 * beside the part of the UI that shows them (`*.strings.ts`, each exporting `{ zh, en }`),
 * merged here; a test checks that English has every key Chinese has.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import app from './app.strings.js';
import board from '../components/board/board.strings.js';
import facts from '../components/board/facts.strings.js';
import cancel from '../components/board/cancel.strings.js';
import reminder from '../components/board/reminder.strings.js';
import alerts from '../components/alerts/alerts.strings.js';
import stores from '../components/stores/stores.strings.js';
import binding from '../components/stores/binding.strings.js';
import settings from '../components/settings/settings.strings.js';
import union from '../components/union/union.strings.js';
import printing from '../components/printing/printing.strings.js';
import today from '../components/today/today.strings.js';
import shift from '../components/shift/shift.strings.js';
import prepare from '../components/floor/prepare.strings.js';
import busy from '../components/floor/busy.strings.js';
import rules from '../components/floor/rules.strings.js';

export const LANGUAGES = [
  { code: 'zh-CN', label: '中文' },
  { code: 'en', label: 'English' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

/** Every strings module, by namespace (used with `t('board:…')`). */
export const STRINGS = { app, board, facts, cancel, reminder, alerts, stores, binding, settings, union, printing, today, shift, prepare, busy, rules } as const;

const STORAGE_KEY = 'waimai-desk-language';

export function initialLanguage(): Language {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return saved === 'en' || saved === 'zh-CN' ? saved : 'zh-CN';
}

export function setLanguage(lang: Language): void {
  localStorage.setItem(STORAGE_KEY, lang);
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

const resources = {
  'zh-CN': Object.fromEntries(Object.entries(STRINGS).map(([ns, s]) => [ns, s.zh])),
  en: Object.fromEntries(Object.entries(STRINGS).map(([ns, s]) => [ns, s.en])),
};

void i18n.use(initReactI18next).init({
  resources,
  ns: Object.keys(STRINGS),
  defaultNS: 'app',
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false }, // React escapes already
});

export default i18n;
