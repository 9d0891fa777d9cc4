/**
 * Ticket words: money, times in the shop's time zone, phone numbers as dialled, cutlery. Chinese
 * only (the paper is read in the shop). Pure; the board has its own (renderer/src/lib), and
 * these follow the same meanings.
 */
import { dayIn } from '../../../../shared/business-day.js';
import type { OrderFacts, Platform } from '../../../../shared/order.js';

/** `￥25.50` from 2550: integer arithmetic; the full-width ￥ is a two-byte GB18030 character every Chinese printer font has. */
export function money(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  return `${sign}￥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function parts(t: number, timeZone: string): Record<'month' | 'day' | 'hour' | 'minute', string> {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
    formatters.set(timeZone, f);
  }
  const out = { month: '', day: '', hour: '', minute: '' };
  for (const p of f.formatToParts(t)) if (p.type in out) out[p.type as keyof typeof out] = p.value;
  return out;
}

/** `12:30` in the shop's time zone; '' for a time that does not parse. */
export function clock(iso: string, timeZone: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const p = parts(t, timeZone);
  return `${p.hour}:${p.minute}`;
}

/** `11-15 06:13` in the shop's time zone. */
export function dateTime(iso: string, timeZone: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const p = parts(t, timeZone);
  return `${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** 今天 / 明天 / 后天 / 12月3日 for `iso`, seen from `nowMs`, in the shop's calendar. */
export function dayWord(iso: string, nowMs: number, timeZone: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const target = dayIn(timeZone, t);
  const i = [0, 1, 2].map((d) => dayIn(timeZone, nowMs + d * 86_400_000)).indexOf(target);
  if (i >= 0) return ['今天', '明天', '后天'][i]!;
  const [, m, d] = target.split('-').map(Number);
  return `${m}月${d}日`;
}

/** 「明天 12:30」. */
export function when(iso: string, nowMs: number, timeZone: string): string {
  return `${dayWord(iso, nowMs, timeZone)} ${clock(iso, timeZone)}`;
}

/**
 * A phone as the customer dials it: a privacy number `13800000000_1234` (number + extension)
 * reads 「13800000000 转 1234」; nothing masked or invented (same rule as the board).
 */
export function phone(raw: string): string {
  const m = /^\s*([^_]+?)\s*[_,，#]\s*(\d+)\s*$/.exec(raw);
  return m ? `${m[1]} 转 ${m[2]}` : raw.trim();
}

/** Cutlery in words; '' when the customer did not choose (same codes as the board). */
export function cutlery(c: OrderFacts['cutlery'] | undefined): string {
  if (c === null || c === undefined) return '';
  if (c === 'needed') return '需要餐具';
  if (c === 0) return '不要餐具';
  if (c === -10) return '餐具 10 份以上';
  return `餐具 ${c} 份`;
}

/**
 * The platform's word on paper, in front of the pickup number (「美团 #18」): short enough to
 * print very large, long enough to read across a kitchen. Every platform has one (typed).
 */
export const PLATFORM_WORD: Readonly<Record<Platform, string>> = { meituan: '美团', eleme: '饿了么', union: '美团联盟' };

/** 「美团 #18」, 「美团 #—」 when the platform gave no number. */
export function pickup(platform: Platform, daySeq: number | null): string {
  return `${PLATFORM_WORD[platform]} #${daySeq === null ? '—' : daySeq}`;
}

/** The last `n` characters of an order id, for the kitchen (`…318741`). */
export function shortId(id: string, n = 6): string {
  return id.length <= n ? id : `…${id.slice(-n)}`;
}
