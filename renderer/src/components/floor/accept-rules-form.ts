/**
 * The auto-accept rules editor's form: what staff type (strings) to the rules the core keeps,
 * with the checks the core's schema makes said in staff's words first. Pure, so it is unit-tested.
 */
import type { TakeawayPlatform } from '../../../../shared/platforms.js';
import { DEFAULT_AUTO_ACCEPT_RULES, type AutoAcceptRules } from '../../../../shared/shop-floor.js';

export const MAX_WINDOWS = 12;
/** Pause choices on the stores page, minutes. */
export const PAUSE_CHOICES = [15, 30, 60] as const;

export interface RulesForm {
  windows: { from: string; to: string }[];
  limitOn: boolean;
  limitOrders: string;
  limitMinutes: string;
  preOrders: 'auto' | 'manual';
  manualPlatforms: TakeawayPlatform[];
}

/** A problem with the form, as a key of the `rules:invalid` words and its values. */
export interface FormError {
  key: 'time' | 'same' | 'tooMany' | 'orders' | 'minutes';
  values?: Record<string, string | number>;
}

export function formOf(rules: AutoAcceptRules | undefined): RulesForm {
  const r = rules ?? DEFAULT_AUTO_ACCEPT_RULES;
  return {
    windows: r.windows.map((w) => ({ ...w })),
    limitOn: r.limit !== null,
    limitOrders: String(r.limit?.orders ?? 20),
    limitMinutes: String(r.limit?.minutes ?? 15),
    preOrders: r.preOrders,
    manualPlatforms: [...r.manualPlatforms],
  };
}

/** `9:5`, `0930`, ` 11:00 ` → `09:05`, `09:30`, `11:00`; null when it is not a time of day. */
export function normalizeTime(text: string): string | null {
  const s = text.trim().replace('：', ':');
  const m = /^(\d{1,2}):(\d{1,2})$/.exec(s) ?? /^(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

function wholeIn(text: string, min: number, max: number): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

/** The rules the form says (keeping the stored pause), or every problem with it. */
export function rulesOf(form: RulesForm, pausedUntil: string | null): { rules: AutoAcceptRules; errors: [] } | { rules: null; errors: FormError[] } {
  const errors: FormError[] = [];
  if (form.windows.length > MAX_WINDOWS) errors.push({ key: 'tooMany', values: { max: MAX_WINDOWS } });
  const windows = form.windows.map((w, i) => {
    const from = normalizeTime(w.from);
    const to = normalizeTime(w.to);
    if (from === null || to === null) errors.push({ key: 'time', values: { n: i + 1 } });
    else if (from === to) errors.push({ key: 'same', values: { n: i + 1 } });
    return { from: from ?? '', to: to ?? '' };
  });
  let limit: AutoAcceptRules['limit'] = null;
  if (form.limitOn) {
    const orders = wholeIn(form.limitOrders, 1, 1000);
    const minutes = wholeIn(form.limitMinutes, 1, 24 * 60);
    if (orders === null) errors.push({ key: 'orders' });
    if (minutes === null) errors.push({ key: 'minutes' });
    if (orders !== null && minutes !== null) limit = { orders, minutes };
  }
  if (errors.length > 0) return { rules: null, errors };
  return { rules: { windows, limit, preOrders: form.preOrders, manualPlatforms: [...form.manualPlatforms], pausedUntil }, errors: [] };
}

/** Whether the store's auto-accept is paused at `now` by its own pause (not 忙碌). */
export function pausedAt(rules: AutoAcceptRules | undefined, now: number): boolean {
  const until = rules?.pausedUntil ? Date.parse(rules.pausedUntil) : Number.NaN;
  return until > now;
}

/** `mm:ss` (or `h:mm:ss`) left until `until`, never negative. */
export function countdown(until: string, now: number): string {
  const s = Math.max(0, Math.ceil((Date.parse(until) - now) / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

const PLATFORM_EN: Record<string, string> = { 美团外卖: 'Meituan Waimai', 饿了么: 'Eleme' };

/**
 * The rules' reason (the core writes it in staff's Chinese, electron/core/floor/accept-rules.ts)
 * in English, for the English page: the core's few sentences are matched whole; anything else
 * is shown as it came.
 */
export function reasonInEnglish(reason: string): string {
  let m: RegExpExecArray | null;
  if (reason === '忙碌中，自动接单已暂停') return 'Busy: auto-accept paused';
  if (reason === '预订单需手动接单') return 'Pre-orders are accepted by hand';
  if (reason === '按规则自动接单') return 'Accepted automatically by the rules';
  if ((m = /^自动接单已暂停至 (\d\d:\d\d)$/.exec(reason))) return `Auto-accept paused until ${m[1]}`;
  if ((m = /^本店(.+)订单需手动接单$/.exec(reason))) return `This store accepts ${PLATFORM_EN[m[1]!] ?? m[1]} orders by hand`;
  if ((m = /^自动接单：不在自动接单时段（(.+)），请手动接单$/.exec(reason))) return `Outside the auto-accept hours (${m[1]!.replaceAll('、', ', ')}); accept by hand`;
  if ((m = /^自动接单：超出每 (\d+) 分钟 (\d+) 单的上限，请手动接单$/.exec(reason))) return `Over the limit of ${m[2]} orders per ${m[1]} minutes; accept by hand`;
  if ((m = /^按规则自动接单（每 (\d+) 分钟第 (\d+) 单，上限 (\d+) 单）$/.exec(reason))) return `Accepted automatically by the rules (order ${m[2]} of ${m[3]} in ${m[1]} minutes)`;
  return reason;
}
