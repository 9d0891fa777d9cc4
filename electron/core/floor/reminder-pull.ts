/**
 * 催单 the desk never heard of, pulled from the platform (docs/shop-floor.md, "催单"). A
 * customer's hurry-up push is lost like any other while the desk is closed or the tunnel is
 * down, and a platform keeps re-sending it only for a while; a platform that can list the
 * reminders still waiting for the shop's reply (`PlatformOutbound.unrepliedReminders`) is asked
 * at start-up, when the tunnel comes back and on 补单.
 *
 * Each listed reminder the desk does not have on its order is journaled (a `reminder-pull`
 * record) and applied through the same reducer as the push, so it shows, rings and survives a
 * restart the same way. An order the desk lacks is fetched first through the pull path
 * recovery uses. A reminder id the order already carries, or was pulled once, is never
 * recorded again: it rings once, however often it is listed.
 */
import type { Logger } from 'pino';
import { orderKey, type Order, type Platform } from '../../../shared/order.js';
import type { PlatformStoreRef } from '../../../shared/shop-floor.js';
import type { OrderUpdate } from '../orders/update.js';
import type { DeskStorage } from '../storage/desk-storage.js';

/** A listed 催单 the desk had not heard of: journaled, then applied as a `reminder` update. */
export interface ReminderPullRecord {
  type: 'reminder-pull';
  platform: Platform;
  /** The store whose token listed it (and whose shop it is). */
  storeId: string;
  orderId: string;
  reminderId: string;
}

/** The identity of a pulled reminder on its order's events: the same id listed again is the same fact. */
export function reminderPullFingerprint(rec: Pick<ReminderPullRecord, 'platform' | 'reminderId'>): string {
  return `reminder-pull:${rec.platform}:${rec.reminderId}`;
}

/**
 * Pure: the pulled reminder as the update its push would have made. The list gives no time,
 * so the reminder is dated when it was pulled (the journal's time).
 */
export function pulledReminderUpdate(rec: ReminderPullRecord): OrderUpdate {
  return {
    kind: 'reminder',
    platform: rec.platform,
    orderId: rec.orderId,
    storeId: rec.storeId,
    eventType: 'reminder',
    detail: '顾客催单（平台列出的未回复催单），请尽快出餐并回复',
    at: '',
    reminder: { id: rec.reminderId, replied: false },
  };
}

/** True when the order already carries this reminder (pushed or pulled before). */
export function hasReminder(order: Order, platform: Platform, reminderId: string): boolean {
  if (order.reminder?.id === reminderId) return true;
  const fp = reminderPullFingerprint({ platform, reminderId });
  return order.events.some((e) => e.fingerprint === fp);
}

/** One platform that can list a store's unanswered 催单. */
export interface ReminderSource {
  platform: Platform;
  list(token: string, store: PlatformStoreRef): Promise<{ reminderId: string; orderId: string }[]>;
  /** The order's text as the platform answers (recovery's fetch), for an order the desk lacks; absent: such a reminder is skipped. */
  fetchOrder?(token: string, orderId: string): Promise<string>;
  tokenFor(storeId: string): Promise<string | undefined>;
  /** The platform's own shop id for the store ('' when the platform names our store id). */
  platformStoreId(storeId: string): string;
  /** The platform error in words for staff (never holding a secret). */
  describeError(err: unknown): string;
}

export interface ReminderPullReport {
  reason: string;
  at: string;
  checkedStores: number;
  /** Reminders listed by the platforms. */
  listed: number;
  /** Of those, recorded on their orders now. */
  recorded: number;
  errors: string[];
}

export interface ReminderPullOptions {
  storage: Pick<DeskStorage, 'registry' | 'getOrder' | 'acceptPull' | 'acceptReminderPull'>;
  sources: readonly ReminderSource[];
  logger: Logger;
  now?: () => Date;
}

export class ReminderPull {
  private running: Promise<ReminderPullReport> | null = null;
  private stopped = false;
  private readonly now: () => Date;
  last: ReminderPullReport | null = null;
  /** The start-up pass (tests and callers that need its result await it). */
  startup: Promise<ReminderPullReport> | null = null;

  constructor(private readonly opts: ReminderPullOptions) {
    this.now = opts.now ?? (() => new Date());
  }

  /** The start-up pass, in the background, once `after` (recovery's own start-up pass) has settled. */
  start(after?: Promise<unknown> | null): void {
    if (this.stopped || this.startup) return;
    this.startup = Promise.resolve(after)
      .catch(() => undefined)
      .then(() => this.run('start-up'));
  }

  /** One pass over every bound store of each source. Never rejects; a call during a pass joins it. */
  run(reason: string): Promise<ReminderPullReport> {
    if (this.running) return this.running;
    const run = this.pass(reason).finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  /** No new pass, and the one under way stops before its next platform call. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
    await this.startup;
  }

  private async pass(reason: string): Promise<ReminderPullReport> {
    const report: ReminderPullReport = { reason, at: this.now().toISOString(), checkedStores: 0, listed: 0, recorded: 0, errors: [] };
    for (const source of this.opts.sources) {
      for (const store of this.opts.storage.registry.list()) {
        if (this.stopped) break;
        try {
          const token = await source.tokenFor(store.id);
          if (!token || this.stopped) continue;
          await this.pullStore(source, store.id, token, report);
        } catch (err) {
          report.errors.push(`门店 ${store.name}（${store.id}）读取未回复催单失败：${source.describeError(err)}`);
        }
      }
    }
    if (report.errors.length > 0) this.opts.logger.warn({ reason, errors: report.errors }, 'reminder pull had errors');
    if (report.recorded > 0) this.opts.logger.info({ reason, recorded: report.recorded }, 'unanswered reminders recorded by pull');
    this.last = report;
    return report;
  }

  private async pullStore(source: ReminderSource, storeId: string, token: string, report: ReminderPullReport): Promise<void> {
    const listed = await source.list(token, { storeId, platformStoreId: source.platformStoreId(storeId) });
    report.checkedStores++;
    const seen = new Set<string>();
    for (const { reminderId, orderId } of listed) {
      if (this.stopped) return;
      if (!reminderId || !orderId || seen.has(reminderId)) continue;
      seen.add(reminderId);
      report.listed++;
      const key = orderKey(source.platform, orderId);
      try {
        let order = await this.opts.storage.getOrder(key);
        if (!order) {
          if (!source.fetchOrder) continue;
          const text = await source.fetchOrder(token, orderId);
          if (this.stopped) return;
          await this.opts.storage.acceptPull(source.platform, storeId, text);
          order = await this.opts.storage.getOrder(key);
          if (!order) throw new Error('平台返回的订单无法读取');
        }
        if (hasReminder(order, source.platform, reminderId)) continue;
        if (this.stopped) return;
        const changes = await this.opts.storage.acceptReminderPull({ type: 'reminder-pull', platform: source.platform, storeId, orderId, reminderId });
        if (changes.length > 0) report.recorded++;
      } catch (err) {
        report.errors.push(`订单 ${orderId} 的催单没有补回：${source.describeError(err)}`);
      }
    }
  }
}
