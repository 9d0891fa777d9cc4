/**
 * Auto-accept rules (docs/shop-floor.md, "Auto-accept rules"): whether a store's new order may
 * be accepted automatically, and why not, in staff's words. Pure: the caller gives the time,
 * the shop's time zone, whether 忙碌 has paused auto-accept everywhere, and when this store's
 * earlier orders were let through (for the limit per rolling period).
 */
import type { Order } from '../../../shared/order.js';
import { PLATFORM_IDENTITIES, isTakeaway, platformsOfKind } from '../../../shared/platforms.js';
import type { AutoAcceptDecision, AutoAcceptRules, TimeWindow } from '../../../shared/shop-floor.js';
import { DEFAULT_AUTO_ACCEPT_RULES } from '../../../shared/shop-floor.js';

export interface AcceptRulesInput {
  /** The store's rules; absent = all day, no limit, pre-orders too, every platform. */
  rules: AutoAcceptRules | undefined;
  order: Pick<Order, 'platform' | 'preOrder'>;
  /** Epoch ms. */
  now: number;
  /** The shop's IANA time zone (windows and the pause's clock time are read in it). */
  timeZone: string;
  /** 忙碌 (or the tray's pause): auto-accept paused for every store. */
  busy: boolean;
  /** Epoch ms of this store's orders the rules let through before (any order; older ones are ignored). */
  recentAccepts: readonly number[];
}

const TAKEAWAY = platformsOfKind('takeaway');

export const BUSY_REASON = '忙碌中，自动接单已暂停';
export const PRE_ORDER_REASON = '预订单需手动接单';

const clockFormatters = new Map<string, Intl.DateTimeFormat>();

function clockFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = clockFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clockFormatters.set(timeZone, f);
  }
  return f;
}

/** `HH:MM` of an instant on the shop's clock. */
export function clockIn(timeZone: string, at: number): string {
  const parts = clockFormatter(timeZone).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('hour').padStart(2, '0')}:${get('minute').padStart(2, '0')}`;
}

/** Minutes since midnight of `HH:MM`; NaN when it is not a time. */
export function minutesOf(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
}

/**
 * Whether the clock time `at` (minutes since midnight) is inside the window: `from` included,
 * `to` not; `to` before `from` runs across midnight; `from` equal to `to` is the whole day.
 */
export function inWindow(window: TimeWindow, at: number): boolean {
  const from = minutesOf(window.from);
  const to = minutesOf(window.to);
  if (Number.isNaN(from) || Number.isNaN(to)) return false;
  if (from === to) return true;
  return from < to ? at >= from && at < to : at >= from || at < to;
}

/** What the rules decide for one new order, the reason in staff's words. */
export function decideAutoAccept(input: AcceptRulesInput): AutoAcceptDecision {
  const rules = input.rules ?? DEFAULT_AUTO_ACCEPT_RULES;
  const at = new Date(input.now).toISOString();
  const no = (reason: string): AutoAcceptDecision => ({ accept: false, reason, at });
  if (input.busy) return no(BUSY_REASON);

  const pausedUntil = rules.pausedUntil === null ? Number.NaN : Date.parse(rules.pausedUntil);
  if (pausedUntil > input.now) return no(`自动接单已暂停至 ${clockIn(input.timeZone, pausedUntil)}`);

  const { platform } = input.order;
  if (isTakeaway(platform) && (rules.manualPlatforms as readonly string[]).includes(platform)) {
    return no(`本店${PLATFORM_IDENTITIES[platform].label.zh}订单需手动接单`);
  }

  if (input.order.preOrder && rules.preOrders === 'manual') return no(PRE_ORDER_REASON);

  if (rules.windows.length > 0) {
    const clock = clockIn(input.timeZone, input.now);
    if (!rules.windows.some((w) => inWindow(w, minutesOf(clock)))) {
      const spans = rules.windows.map((w) => `${w.from}–${w.to}`).join('、');
      return no(`自动接单：不在自动接单时段（${spans}），请手动接单`);
    }
  }

  if (rules.limit) {
    const since = input.now - rules.limit.minutes * 60_000;
    const taken = input.recentAccepts.filter((t) => t > since && t <= input.now).length;
    if (taken >= rules.limit.orders) {
      return no(`自动接单：超出每 ${rules.limit.minutes} 分钟 ${rules.limit.orders} 单的上限，请手动接单`);
    }
    return { accept: true, reason: `按规则自动接单（每 ${rules.limit.minutes} 分钟第 ${taken + 1} 单，上限 ${rules.limit.orders} 单）`, at };
  }
  return { accept: true, reason: '按规则自动接单', at };
}

/**
 * Rules as read back from the settings file: a file from before the rules existed has none
 * (undefined: the defaults), and one written by another version keeps what is well formed and
 * takes the default for the rest, so a settings file never stops the desk from starting.
 */
export function readAutoAcceptRules(raw: unknown): AutoAcceptRules | undefined {
  if (raw === undefined || raw === null || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const d = DEFAULT_AUTO_ACCEPT_RULES;
  const isTime = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(minutesOf(v));
  const windows = Array.isArray(r['windows'])
    ? (r['windows'] as unknown[]).flatMap((w) => {
        const o = (w ?? {}) as Record<string, unknown>;
        return isTime(o['from']) && isTime(o['to']) ? [{ from: o['from'], to: o['to'] }] : [];
      })
    : d.windows;
  const l = r['limit'] as Record<string, unknown> | null | undefined;
  const count = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;
  const limit = l && count(l['orders']) && count(l['minutes']) ? { orders: l['orders'], minutes: Math.min(l['minutes'], 24 * 60) } : null;
  const manualPlatforms = Array.isArray(r['manualPlatforms'])
    ? (r['manualPlatforms'] as unknown[]).filter((p): p is AutoAcceptRules['manualPlatforms'][number] => (TAKEAWAY as readonly unknown[]).includes(p))
    : d.manualPlatforms;
  const paused = r['pausedUntil'];
  return {
    windows,
    limit,
    preOrders: r['preOrders'] === 'manual' ? 'manual' : 'auto',
    manualPlatforms,
    pausedUntil: typeof paused === 'string' && !Number.isNaN(Date.parse(paused)) ? paused : null,
  };
}
