/**
 * How numbers, times and phone numbers look at the counter. Pure: the caller passes the clock,
 * the language and (for tests) the time zone; the screen uses the browser's zone, which is the
 * shop's.
 */
import type { Platform } from '../../../shared/order.js';
import { PLATFORM_IDENTITIES } from '../../../shared/platforms.js';

export type Lang = 'zh' | 'en';

/** i18next language code → the strings we have. */
export function langOf(code: string | undefined): Lang {
  return code?.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

const LOCALE: Record<Lang, string> = { zh: 'zh-CN', en: 'en-GB' };

/** `¥25.50` from 2550 — integer arithmetic, so no float ever shows `¥25.499999`. */
export function formatMoney(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Intl formatters are slow to build and every card formats a few times per render: one per
 * locale and options, kept.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

/**
 * `name` names the options when a caller formats thousands of times (a busy day's cards): the
 * key is then built without serializing them. Two option sets must never share a name.
 */
export function dateFormat(
  locale: string,
  options: Intl.DateTimeFormatOptions,
  name?: string,
): Intl.DateTimeFormat {
  const key =
    name === undefined
      ? `d|${locale}|${JSON.stringify(options)}`
      : `n|${locale}|${name}|${options.timeZone ?? ''}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f as Intl.DateTimeFormat;
}

function relativeFormat(locale: string): Intl.RelativeTimeFormat {
  const key = `r|${locale}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.RelativeTimeFormat(locale, { numeric: 'always' })));
  return f as Intl.RelativeTimeFormat;
}

/** "刚刚", "3分钟前", "2 hours ago" … */
export function relativeTime(iso: string, nowMs: number, lang: Lang): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const seconds = Math.max(0, Math.round((nowMs - t) / 1000));
  if (seconds < 60) return lang === 'zh' ? '刚刚' : 'just now';
  const rtf = relativeFormat(LOCALE[lang]);
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return rtf.format(-minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return rtf.format(-hours, 'hour');
  return rtf.format(-Math.floor(hours / 24), 'day');
}

/** Whole minutes since `iso` (never negative). */
export function minutesSince(iso: string, nowMs: number): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : Math.max(0, Math.floor((nowMs - t) / 60_000));
}

/**
 * The shop's time zone (DeskStatus.timeZone: the counter PC's, or the config's). Times on
 * screen are the shop's, whatever the browser showing them thinks; App sets it once known.
 */
let shopTimeZone: string | undefined;
export function setShopTimeZone(timeZone: string | undefined): void {
  shopTimeZone = timeZone;
}

/** `12:05` in the shop's time zone (24-hour clock in both languages: kitchens read it that way). */
export function clockTime(iso: string, lang: Lang, timeZone?: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  return dateFormat(
    LOCALE[lang],
    {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: timeZone ?? shopTimeZone,
    },
    'clock',
  ).format(t);
}

/** `11-25 12:05:09` — for the detail view and the event history (same digits in both languages). */
export function dateTime(iso: string, timeZone?: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const parts = dateFormat(
    'en-CA',
    {
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZone: timeZone ?? shopTimeZone,
    },
    'date-time',
  ).formatToParts(t);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

/** Phone as the customer dials it (shared with the printed tickets). */
export { phoneDisplay } from '../../../shared/order-words.js';

/** A platform's name for people (美团外卖 / Meituan Waimai), from its identity line. */
export function platformName(platform: Platform, lang: Lang): string {
  return PLATFORM_IDENTITIES[platform].label[lang];
}

/** `#7`, or `#—` when the platform did not say (partial records). */
export function daySeqText(daySeq: number | null): string {
  return daySeq === null ? '#—' : `#${daySeq}`;
}

/**
 * A platform's short mark in front of pickup numbers (`美#12`, `饿#12`), so two platforms' #12
 * never meet at the pickup shelf as the same number. It lives in the platform's identity line;
 * this is that data by platform and language.
 */
export const PLATFORM_SHORT: Readonly<Record<Platform, Record<Lang, string>>> = Object.fromEntries(
  Object.values(PLATFORM_IDENTITIES).map((p) => [p.id, p.short]),
) as Record<Platform, Record<Lang, string>>;

export function platformShort(platform: Platform, lang: Lang): string {
  return PLATFORM_IDENTITIES[platform].short[lang];
}

/** `美#12` (`MT#12`), or `美#—` when the platform did not say. */
export function pickupLabel(platform: Platform, daySeq: number | null, lang: Lang): string {
  return `${platformShort(platform, lang)}${daySeqText(daySeq)}`;
}

/** `美团外卖 #7`: the platform prefix keeps two platforms' numbers from colliding at the pickup shelf. */
export function daySeqLabel(platform: Platform, daySeq: number | null, lang: Lang): string {
  return `${platformName(platform, lang)} ${daySeqText(daySeq)}`;
}
