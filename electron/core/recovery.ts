/**
 * Recovering missed orders by pull (docs/design.md, data flow: never rely on the push alone).
 * Pushes are lost while the tunnel is down, the app closed or the PC asleep, and a platform
 * retries only for a while. So at start-up, when the tunnel comes back and every few minutes,
 * ask every platform that can be asked for each bound store's unconfirmed orders and fetch in
 * full every one not already stored in full. A fetched order is journaled and applied like a
 * push (DeskStorage.acceptPull), so it rings, is auto-accepted and survives a crash alike.
 */
import type { Logger } from 'pino';
import type { RecoveryReport } from '../../shared/api.js';
import { orderKey, type Platform } from '../../shared/order.js';
import type { PlatformRecovery } from './platforms/types.js';
import type { DeskStorage } from './storage/desk-storage.js';

/** One platform that keeps the orders it pushed, and can be asked for them. */
export interface PullSource {
  platform: Platform;
  recovery: PlatformRecovery;
  /** The store's token, or undefined when the store is not bound to this platform. */
  tokenFor(storeId: string): Promise<string | undefined>;
  /** The platform error in words for staff (never holding a secret). */
  describeError(err: unknown): string;
}

export const RECOVERY_INTERVAL_MS = 5 * 60_000;

export interface RecoveryOptions {
  storage: DeskStorage;
  /** The configured platforms that can be asked (none: nothing to recover). */
  sources: readonly PullSource[];
  logger: Logger;
  intervalMs?: number;
  now?: () => Date;
  /** After every run (the desk puts the report into its status). */
  onReport(report: RecoveryReport): void;
}

export class Recovery {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<RecoveryReport> | null = null;
  private stopped = false;
  private readonly now: () => Date;
  last: RecoveryReport | null = null;
  /** The pass `start()` began: callers (and tests) that need the start-up result await it. */
  startup: Promise<RecoveryReport> | null = null;

  constructor(private readonly opts: RecoveryOptions) {
    this.now = opts.now ?? (() => new Date());
  }

  /** Run once now in the background and then every interval until stop(). */
  start(): void {
    if (this.stopped || this.timer) return;
    this.startup = this.run('start-up');
    this.timer = setInterval(() => void this.run('timer'), this.opts.intervalMs ?? RECOVERY_INTERVAL_MS);
    // The receiver and console keep the process alive; this timer alone must not.
    this.timer.unref();
  }

  /**
   * One pass over every store bound to each platform. Never rejects: a failure is in `errors`. A
   * call while a pass is under way joins it (two passes would fetch the same orders twice).
   */
  run(reason: string): Promise<RecoveryReport> {
    if (this.running) return this.running;
    const run = this.pass(reason).finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  /** Stop the timer and wait for a pass under way (it stops before its next platform call). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private async pass(reason: string): Promise<RecoveryReport> {
    const report: RecoveryReport = { reason, at: this.now().toISOString(), checkedStores: 0, found: 0, recovered: 0, errors: [] };
    const { storage, sources } = this.opts;
    for (const source of sources) {
      for (const s of storage.registry.list()) {
        if (this.stopped) break;
        const token = await source.tokenFor(s.id);
        if (!token || this.stopped) continue;
        try {
          await this.recoverStore(source, s.id, token, report);
        } catch (err) {
          report.errors.push(`门店 ${s.name}（${s.id}）补单失败：${source.describeError(err)}`);
        }
      }
    }
    if (report.errors.length > 0) this.opts.logger.warn({ reason, errors: report.errors }, 'order recovery had errors');
    if (report.recovered > 0) this.opts.logger.info({ reason, recovered: report.recovered }, 'missed orders recovered by pull');
    this.last = report;
    if (!this.stopped) this.opts.onReport(report);
    return report;
  }

  private async recoverStore(source: PullSource, storeId: string, token: string, report: RecoveryReport): Promise<void> {
    const orderIds = await source.recovery.listUnconfirmed(token, storeId);
    report.checkedStores++;
    for (const orderId of orderIds) {
      if (this.stopped) return;
      const known = await this.opts.storage.getOrder(orderKey(source.platform, orderId));
      if (known && !known.flags.includes('partial')) continue;
      report.found++;
      try {
        const orderJson = await source.recovery.fetchOrder(token, orderId);
        if (this.stopped) return;
        const changes = await this.opts.storage.acceptPull(source.platform, storeId, orderJson);
        if (changes.length > 0) report.recovered++;
      } catch (err) {
        report.errors.push(`订单 ${orderId} 补单失败：${source.describeError(err)}`);
      }
    }
  }
}
