/**
 * Accepting orders automatically (docs/design.md, data flow). A new order of a store with
 * auto-accept on is confirmed through the platform's API after the store's delay, retried with
 * backoff, and a failure that persists is recorded loudly on the order (flag + attention) so
 * the counter rings. Every step is journaled, so pending accepts
 * resume after a restart; one attempt at a time per order and a status check before each
 * attempt keep an order from being confirmed twice (and "already confirmed" counts as success).
 *
 * Before any of that the store's rules decide (floor/accept-rules.ts: 忙碌, the store's pause,
 * platforms and pre-orders kept for people, time windows, the limit per rolling period); the
 * decision is journaled on the order, and an order the rules turn away simply stays new: owed,
 * ringing, for a person to accept. The limit counts the store's orders the rules let through,
 * as journaled (seeded from the stored orders at start-up), so it holds across a restart. A
 * retry of a failed accept was already let through and is not counted or limited again.
 */
import type { Logger } from 'pino';
import type { Order, Platform } from '../../shared/order.js';
import { isTakeaway } from '../../shared/platforms.js';
import type { AutoAcceptDecision } from '../../shared/shop-floor.js';
import { decideAutoAccept } from './floor/accept-rules.js';
import type { OrderChange, DeskStorage } from './storage/desk-storage.js';
import type { ActionFailure, PlatformActions } from './platforms/types.js';

/** Status words for the history detail (staff read Chinese there, never `accepted`). */
const STATUS_ZH: Partial<Record<Order['status'], string>> = {
  accepted: '已接单',
  delivering: '配送中',
  completed: '已完成',
  cancelled: '已取消',
};

/** ~2 minutes of trying in all: long enough for a blip, short enough that staff step in before the platform's own deadline. */
export const DEFAULT_RETRY_DELAYS_MS = [2_000, 5_000, 10_000, 20_000, 40_000, 60_000];

export interface AutoAcceptOptions {
  storage: DeskStorage;
  actionsFor(platform: Platform): PlatformActions | undefined;
  /** The store's token for the platform's API, or undefined when the store is not bound to it. */
  tokenFor(platform: Platform, storeId: string): Promise<string | undefined>;
  /** The platform's error in words for staff. */
  describeError(platform: Platform, err: unknown): ActionFailure;
  logger: Logger;
  retryDelaysMs?: readonly number[];
  now?: () => number;
  /** The shop's time zone, for the rules' time windows (default: this machine's). */
  timeZone?: string;
}

/** The longest limit period the rules allow (a day): older let-throughs are forgotten. */
const LIMIT_HORIZON_MS = 24 * 60 * 60_000;

export class AutoAccept {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private readonly delays: readonly number[];
  private readonly now: () => number;
  /** Per store: when each order the rules let through was let through (order key → epoch ms). */
  private readonly letThrough = new Map<string, Map<string, number>>();
  private stopped = false;
  /** Orders that arrived before `resume()` seeded the limit's count: decided right after it. */
  private early: OrderChange[] | null = [];
  paused = false;

  constructor(private readonly opts: AutoAcceptOptions) {
    this.delays = opts.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    this.now = opts.now ?? Date.now;
  }

  /** Called for every order change the store makes. */
  onOrder(change: OrderChange): void {
    const { order } = change;
    // A partial record (a push without the dishes) waits until the full order fills it in.
    const arrived = (change.created && !order.flags.includes('partial')) || change.filledIn === true;
    if (!arrived || order.status !== 'new' || !isTakeaway(order.platform) || this.stopped) return;
    if (this.early) {
      // The receiver listens before start-up has read the stored orders: wait for the count.
      this.early.push(change);
      return;
    }
    const settings = this.opts.storage.registry.get(order.storeId)?.settings;
    if (!settings?.autoAccept || order.autoAcceptDecision) return;
    const now = this.now();
    const decision = decideAutoAccept({
      rules: settings.autoAcceptRules,
      order,
      now,
      timeZone: this.opts.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      busy: this.paused,
      recentAccepts: [...(this.letThrough.get(order.storeId)?.values() ?? [])],
    });
    // Counted at once, before the journal write: orders arriving together see each other.
    if (decision.accept) this.countLetThrough(order.storeId, order.key, now);
    const journaled = this.recordDecision(order.key, decision);
    if (!decision.accept) return;
    const nextAt = new Date(now + settings.autoAcceptDelaySeconds * 1000).toISOString();
    void journaled
      .then(() => this.record(order.key, { state: 'waiting', attempts: 0, nextAt, lastError: '' }, `${settings.autoAcceptDelaySeconds} 秒后自动接单`))
      .then(() => this.arm(order.key, nextAt));
  }

  private countLetThrough(storeId: string, key: string, at: number): void {
    let m = this.letThrough.get(storeId);
    if (!m) this.letThrough.set(storeId, (m = new Map()));
    m.set(key, at);
    const horizon = this.now() - LIMIT_HORIZON_MS;
    for (const [k, t] of m) if (t < horizon) m.delete(k);
  }

  private async recordDecision(key: string, decision: AutoAcceptDecision): Promise<void> {
    try {
      await this.opts.storage.recordAction(key, { kind: 'auto-accept-decision', decision }, 'auto-accept');
    } catch (err) {
      this.opts.logger.error({ key, err: (err as Error).message }, 'auto-accept: could not journal the rules\' decision');
    }
  }

  /** After a restart: pick up every accept that was waiting or under way. */
  async resume(orders: Iterable<Order>): Promise<number> {
    let n = 0;
    for (const o of orders) {
      const d = o.autoAcceptDecision;
      if (d?.accept) this.countLetThrough(o.storeId, o.key, Date.parse(d.at));
      const s = o.autoAccept;
      // Let through, but stopped before its first step was journaled: it goes on now.
      const unstarted = d?.accept === true && !s;
      if (o.status !== 'new' || (!unstarted && (!s || (s.state !== 'waiting' && s.state !== 'trying')))) continue;
      this.arm(o.key, s?.nextAt ?? new Date(this.now()).toISOString());
      n++;
    }
    const early = this.early ?? [];
    this.early = null;
    for (const change of early) this.onOrder(change);
    return n;
  }

  /** Try now (staff pressed "retry" on a failed auto-accept). */
  retryNow(key: string): void {
    this.arm(key, new Date(this.now()).toISOString());
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  /** After stop(): resolves once no attempt is under way, so its outcome is journaled before the store closes. */
  async settled(): Promise<void> {
    await Promise.all([...this.running]);
  }

  get pending(): number {
    return this.timers.size + this.inFlight.size;
  }

  private arm(key: string, nextAt: string): void {
    if (this.stopped || this.timers.has(key)) return;
    const wait = Math.max(0, Date.parse(nextAt) - this.now());
    const t = setTimeout(() => {
      this.timers.delete(key);
      const run = this.attempt(key);
      this.running.add(run);
      void run.finally(() => this.running.delete(run));
    }, wait);
    this.timers.set(key, t);
  }

  private async record(key: string, state: NonNullable<Order['autoAccept']>, detail: string): Promise<void> {
    try {
      await this.opts.storage.recordAction(key, { kind: 'auto-accept', state, detail }, 'auto-accept');
    } catch (err) {
      this.opts.logger.error({ key, err: (err as Error).message }, 'auto-accept: could not journal a step');
    }
  }

  private async attempt(key: string): Promise<void> {
    if (this.inFlight.has(key) || this.stopped) return;
    this.inFlight.add(key);
    try {
      const order = await this.opts.storage.getOrder(key);
      if (!order) return;
      const attempts = (order.autoAccept?.attempts ?? 0) + 1;
      if (order.status !== 'new') {
        // Accepted in the merchant app, or by staff here, or cancelled: nothing left to do.
        await this.record(key, { state: 'done', attempts: attempts - 1, nextAt: null, lastError: '' }, `订单已是「${STATUS_ZH[order.status] ?? order.status}」，无需自动接单`);
        return;
      }
      const actions = this.opts.actionsFor(order.platform);
      const token = actions ? await this.opts.tokenFor(order.platform, order.storeId) : undefined;
      if (!actions || !token) {
        const why = !actions ? '平台未配置' : '门店未绑定该平台，无法自动接单';
        await this.fail(order, attempts, why);
        return;
      }
      await this.record(key, { state: 'trying', attempts, nextAt: null, lastError: order.autoAccept?.lastError ?? '' }, `第 ${attempts} 次尝试自动接单`);
      // Journaling the step awaited the disk: look once more, so a staff action or a push that
      // landed meanwhile is not answered with a second confirm.
      const current = await this.opts.storage.getOrder(key);
      if (current && current.status !== 'new') {
        await this.record(key, { state: 'done', attempts: attempts - 1, nextAt: null, lastError: '' }, `订单已是「${current.status}」，无需自动接单`);
        return;
      }
      try {
        await actions.confirm(order.orderId, token);
      } catch (err) {
        const failure = this.opts.describeError(order.platform, err);
        const delay = this.delays[attempts - 1];
        if (failure.retriable && delay !== undefined && !this.stopped) {
          const nextAt = new Date(this.now() + delay).toISOString();
          await this.record(key, { state: 'waiting', attempts, nextAt, lastError: failure.message }, `自动接单失败：${failure.message}，${Math.round(delay / 1000)} 秒后重试`);
          this.arm(key, nextAt);
        } else {
          await this.fail(order, attempts, failure.message);
        }
        return;
      }
      await this.opts.storage.recordAction(key, { kind: 'api-ok', call: 'confirm', status: 'accepted', detail: '已自动接单' }, 'auto-accept');
      await this.record(key, { state: 'done', attempts, nextAt: null, lastError: '' }, '自动接单成功');
    } catch (err) {
      this.opts.logger.error({ key, err: (err as Error).message }, 'auto-accept attempt crashed');
    } finally {
      this.inFlight.delete(key);
    }
  }

  private async fail(order: Order, attempts: number, message: string): Promise<void> {
    this.opts.logger.warn({ key: order.key, attempts, message }, 'auto-accept failed');
    await this.record(order.key, { state: 'failed', attempts, nextAt: null, lastError: message }, `自动接单失败：${message}，请手动接单`);
  }
}
