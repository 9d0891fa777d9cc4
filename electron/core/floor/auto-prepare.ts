/**
 * Automatic 出餐 per store (docs/shop-floor.md, "出餐"): each accepted order the platform
 * delivers gets one timer, at its accept time plus the minutes of the first window holding that
 * time (the shop's clock), else the rule's `afterMinutes`, and never sooner than the platform's
 * rule. Nothing is kept but the orders themselves: at start-up the timers are armed again from
 * the stored orders, and what happened (done, failed) is on each order's history. A failure is
 * tried again a minute later, at most three times in all, and never after a definitive refusal.
 */
import type { Logger } from 'pino';
import type { Order } from '../../../shared/order.js';
import { isTakeaway } from '../../../shared/platforms.js';
import type { AutoPrepareRule, TimeWindow } from '../../../shared/shop-floor.js';
import type { Store } from '../../../shared/store.js';
import { acceptedAtMs, AUTO_PREPARE_SOURCE, earliestPrepareMs, platformDelivers, pickedUp, type Preparer, type PreparedRule } from './prepare.js';

/** Attempts in all, counted from the order's history (so a restart does not start again). */
export const AUTO_PREPARE_MAX_ATTEMPTS = 3;
export const AUTO_PREPARE_RETRY_MS = 60_000;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Minutes since midnight on the shop's clock. */
export function minuteOfDay(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).formatToParts(new Date(ms));
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

/** True when `minute` (of the day) lies in the window; `to` before `from` runs across midnight. */
export function inWindow(w: TimeWindow, minute: number): boolean {
  const from = minutesOf(w.from);
  const to = minutesOf(w.to);
  if (from === to) return true;
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}

/** The minutes after accepting the rule asks for an order accepted at `acceptedMs`. */
export function afterMinutesFor(rule: AutoPrepareRule, acceptedMs: number, timeZone: string): number {
  const minute = minuteOfDay(acceptedMs, timeZone);
  return rule.windows.find((w) => inWindow(w, minute))?.afterMinutes ?? rule.afterMinutes;
}

/** When the rule reports 出餐 for the order (ms): never sooner than the platform allows; null when never accepted. */
export function autoPrepareAtMs(order: Order, rule: AutoPrepareRule, platformRule: PreparedRule, timeZone: string): number | null {
  const accepted = acceptedAtMs(order);
  const earliest = earliestPrepareMs(order, platformRule);
  if (accepted === null || earliest === null) return null;
  return Math.max(accepted + afterMinutesFor(rule, accepted, timeZone) * 60_000, earliest);
}

export interface AutoPrepareDeps {
  preparer: Preparer;
  store(storeId: string): Store | undefined;
  now: () => number;
  timeZone: string;
  logger: Logger;
  retryMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class AutoPrepare {
  private readonly armed = new Map<string, { at: number; handle: unknown }>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly deps: AutoPrepareDeps) {
    this.setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, Math.min(ms, 2 ** 31 - 1)));
    this.clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as NodeJS.Timeout));
  }

  /** When the order is due, or null when the rule has nothing to do for it (now or ever). */
  dueAt(order: Order): number | null {
    if (!isTakeaway(order.platform) || order.status !== 'accepted' || order.prepared || !platformDelivers(order) || pickedUp(order)) return null;
    const rule = this.deps.store(order.storeId)?.settings.autoPrepare;
    const platformRule = this.deps.preparer.ruleFor(order.platform);
    if (!rule?.enabled || !platformRule) return null;
    const at = autoPrepareAtMs(order, rule, platformRule, this.deps.timeZone);
    if (at === null) return null;
    const tries = order.events.filter((e) => e.source === AUTO_PREPARE_SOURCE && e.type.startsWith('api-failed:prepared'));
    if (tries.some((e) => e.type === 'api-failed:prepared-refused') || tries.length >= AUTO_PREPARE_MAX_ATTEMPTS) return null;
    const last = tries.at(-1);
    return last ? Math.max(at, Date.parse(last.at) + (this.deps.retryMs ?? AUTO_PREPARE_RETRY_MS)) : at;
  }

  /** Every order change: arm, move or drop its timer. */
  onOrder(order: Order): void {
    if (this.stopped) return;
    const at = this.dueAt(order);
    const current = this.armed.get(order.key);
    if (at === null) {
      if (current) this.disarm(order.key);
      return;
    }
    if (current?.at === at) return;
    if (current) this.clearTimer(current.handle);
    const handle = this.setTimer(() => this.fire(order.key), Math.max(0, at - this.deps.now()));
    this.armed.set(order.key, { at, handle });
  }

  /** At start-up and after a store's settings changed: the stored orders, armed again. */
  resume(orders: Iterable<Order>): number {
    for (const o of orders) this.onOrder(o);
    return this.armed.size;
  }

  /** The orders armed, and when (tests, the detail view). */
  schedule(): { key: string; at: string }[] {
    return [...this.armed].map(([key, a]) => ({ key, at: new Date(a.at).toISOString() }));
  }

  /** Fire every timer that is due by the clock now (the timers call it too; tests move the clock and call it). */
  async poke(): Promise<void> {
    const due = [...this.armed].filter(([, a]) => a.at <= this.deps.now()).map(([key]) => key);
    await Promise.all(due.map((key) => this.run(key)));
  }

  stop(): void {
    this.stopped = true;
    for (const key of [...this.armed.keys()]) this.disarm(key);
  }

  /** Resolves once no report is under way. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private disarm(key: string): void {
    const a = this.armed.get(key);
    if (a) this.clearTimer(a.handle);
    this.armed.delete(key);
  }

  private fire(key: string): void {
    void this.run(key);
  }

  private run(key: string): Promise<void> {
    const a = this.armed.get(key);
    if (!a || this.stopped) return Promise.resolve();
    // A clock that moved back: not yet.
    if (a.at > this.deps.now()) {
      this.clearTimer(a.handle);
      this.armed.set(key, { at: a.at, handle: this.setTimer(() => this.fire(key), a.at - this.deps.now()) });
      return Promise.resolve();
    }
    this.armed.delete(key);
    const work = this.deps.preparer
      .mark(key, 'auto')
      .then(
        () => undefined,
        // A rule refusal (picked up meanwhile, cancelled) needs nothing; a platform failure is
        // on the order's history already, and its change arms the next try.
        (err: unknown) => void this.deps.logger.info({ key, err: (err as Error).message }, 'auto 出餐 not done'),
      )
      .finally(() => this.running.delete(work));
    this.running.add(work);
    return work;
  }
}
