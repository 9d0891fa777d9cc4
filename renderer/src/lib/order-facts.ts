/**
 * Order facts in staff words, pure (no React): pre-order day words, cutlery, platform error
 * messages split into staff words and the technical part, status words inside text.
 */
import { dayIn } from '../../../shared/business-day.js';
import type { Order } from '../../../shared/order.js';
import { clockTime, dateFormat, type Lang } from './format.js';


/** 今天 / 明天 / 后天 / 12月3日 (Today / Tomorrow / 3 Dec) for `iso`, seen from `nowMs`. */
export function dayWord(iso: string, nowMs: number, lang: Lang, timeZone?: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const target = dayIn(timeZone, t);
  const offsets = [0, 1, 2].map((d) => dayIn(timeZone, nowMs + d * 86_400_000));
  const words = lang === 'zh' ? ['今天', '明天', '后天'] : ['Today', 'Tomorrow', 'In 2 days'];
  const i = offsets.indexOf(target);
  if (i >= 0) return words[i]!;
  const [, m, d] = target.split('-').map(Number);
  return lang === 'zh'
    ? `${m}月${d}日`
    : dateFormat('en-GB', { day: 'numeric', month: 'short', timeZone }).format(t);
}

/** 「明天 12:30」 — the pre-order's delivery day and time. */
export function whenText(iso: string, nowMs: number, lang: Lang, timeZone?: string): string {
  return `${dayWord(iso, nowMs, lang, timeZone)} ${clockTime(iso, lang, timeZone)}`;
}

/** When the kitchen should start a pre-order: `leadMinutes` before its delivery time; null for others. */
export function preOrderRemindAt(order: Order, leadMinutes: number): number | null {
  if (!order.preOrder || !order.deliveryTime) return null;
  const t = Date.parse(order.deliveryTime);
  return Number.isNaN(t) ? null : t - leadMinutes * 60_000;
}

/** Cutlery in words (shared with the printed tickets). */
export { cutleryText } from '../../../shared/order-words.js';

/**
 * A platform error as the core words it: 「<staff words>（<code and path>）」. The technical part
 * (anything in the last full-width brackets that names a path, a code or an error type) is
 * for the detail only.
 */
export function splitTechnical(message: string): { words: string; technical: string } {
  const m = /^([\s\S]*?)[（(]([^（）()]*(?:\/|_error|\(\d+\)|\d{3,})[\s\S]*)[）)]\s*$/.exec(message);
  if (!m || (m[1] ?? '').trim() === '') return { words: message, technical: '' };
  return { words: (m[1] ?? '').replace(/[：:]\s*$/, '').trim(), technical: (m[2] ?? '').trim() };
}

const STATUS_WORDS: Record<string, Record<Lang, string>> = {
  new: { zh: '待接单', en: 'new' },
  accepted: { zh: '已接单', en: 'accepted' },
  delivering: { zh: '配送中', en: 'delivering' },
  completed: { zh: '已完成', en: 'completed' },
  cancelled: { zh: '已取消', en: 'cancelled' },
};

/** Older records say 「accepted」 inside Chinese text: shown in the reader's words. */
export function statusWordsInText(text: string, lang: Lang): string {
  return text.replace(/「(new|accepted|delivering|completed|cancelled)」/g, (_, w: string) => `「${STATUS_WORDS[w]![lang]}」`);
}
