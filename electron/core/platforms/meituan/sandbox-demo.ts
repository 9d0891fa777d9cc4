/**
 * Demo / load loop for the sandbox: a new order every tick for one of the bound stores, older ones
 * walked forward the way real orders go (README.md here, "Sandbox"), with the odd cancel and refund request.
 * Bounded: stops creating after maxOrders and stops altogether once every order is settled or
 * a fixed number of extra ticks has passed. One timer at a time, cleared by stop().
 */
import { pick } from '../common/sandbox-data.js';
import { preOrderOverrides, type SandboxOrderInput } from './sandbox-orders.js';
import type { RefundNotifyType, SandboxOrderState, ShippingStatus } from './sandbox-state.js';
import { STATUS } from './sandbox-state.js';

export interface DemoOptions {
  ePoiIds: string[];
  intervalMs: number;
  maxOrders?: number;
}

/** The driver methods of MeituanSandbox the loop uses (the sandbox itself is passed). */
export interface DemoHost {
  pushNewOrder(ePoiId: string, overrides?: Partial<SandboxOrderInput>): Promise<string>;
  getOrder(orderId: string): SandboxOrderState | undefined;
  confirmFromMerchantApp(orderId: string): Promise<unknown>;
  ship(orderId: string, shippingStatus: ShippingStatus): Promise<unknown>;
  finish(orderId: string): Promise<unknown>;
  cancel(orderId: string, reasonCode: string, reason: string): Promise<unknown>;
  refund(orderId: string, notifyType: RefundNotifyType, reason: string): Promise<unknown>;
}

/**
 * Quiet ticks allowed after the last order was created for the rest to settle. Only a tick with
 * no push or platform call still under way counts: on a slow machine the orders get as many
 * steps as on a fast one, and the loop still ends (every call ends, retries are bounded).
 */
const SETTLE_TICKS = 40;

export class DemoLoop {
  private timer: NodeJS.Timeout | null = null;
  private created = 0;
  private ticksAfterLast = 0;
  private ticksAfterCreating = 0;
  /** Pushes and platform calls started by the loop and not yet ended. */
  private inFlight = 0;
  /** orderId → ticks spent in the current status. */
  private readonly active = new Map<string, { status: number; age: number }>();
  private readonly max: number;

  constructor(
    private readonly host: DemoHost,
    private readonly random: () => number,
    private readonly opts: DemoOptions,
    /** Called once when the loop ends by itself. */
    private readonly onDone: (created: number) => void,
  ) {
    this.max = opts.maxOrders ?? 50;
    if (!opts.ePoiIds.length) throw new Error('startDemo needs at least one ePoiId');
    if (!(opts.intervalMs > 0)) throw new Error('startDemo needs intervalMs > 0');
  }

  get running(): boolean {
    return this.timer !== null;
  }

  start(): void {
    this.schedule();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.tick();
      const quiet = this.inFlight === 0 && (this.active.size === 0 || this.ticksAfterLast > SETTLE_TICKS);
      // A call that never ends must not keep the demo alive for ever.
      const settled = this.created >= this.max && (quiet || this.ticksAfterCreating > 10 * SETTLE_TICKS);
      if (settled) this.onDone(this.created);
      else this.schedule();
    }, this.opts.intervalMs);
  }

  private tick(): void {
    for (const [orderId, seen] of [...this.active]) this.advance(orderId, seen);
    if (this.created < this.max) {
      this.created++;
      // One order in ten is a pre-order for two to eight hours ahead, on the quarter hour.
      const pre =
        this.random() < 0.1
          ? preOrderOverrides(Math.floor(Date.now() / 1000), 2 * 3600 + Math.floor(this.random() * 24) * 900)
          : {};
      this.track(
        this.host.pushNewOrder(pick(this.random, this.opts.ePoiIds), pre).then((id) => void this.active.set(id, { status: STATUS.NEW, age: 0 })),
      );
    } else {
      this.ticksAfterCreating++;
      if (this.inFlight === 0) this.ticksAfterLast++;
    }
  }

  /** Count a call while it is under way; its failure is ignored (the demo goes on). */
  private track(p: Promise<unknown>): void {
    this.inFlight++;
    void p.catch(() => undefined).finally(() => this.inFlight--);
  }

  /** One step for one order; failures (e.g. the app changed the order meanwhile) are ignored. */
  private advance(orderId: string, seen: { status: number; age: number }): void {
    const o = this.host.getOrder(orderId);
    if (!o) return void this.active.delete(orderId);
    const s = o.times.status;
    if (s !== seen.status) Object.assign(seen, { status: s, age: 0 });
    seen.age++;
    const r = this.random();
    const h = this.host;
    const quiet = (p: Promise<unknown>): void => this.track(p);
    if (o.refund === 'apply') {
      if (seen.age >= 2)
        quiet(h.refund(orderId, pick(this.random, ['agree', 'reject', 'cancelRefund'] as const), '沙箱演示'));
      return;
    }
    switch (s) {
      case STATUS.NEW:
        // Give the app two ticks to confirm by API; then the merchant app does, or the order times out.
        if (seen.age < 3) return;
        if (r < 0.85) quiet(h.confirmFromMerchantApp(orderId));
        else quiet(h.cancel(orderId, '2001', '商家超时接单'));
        return;
      case STATUS.CONFIRMED: {
        if (r < 0.04) return quiet(h.cancel(orderId, '2006', '用户要求取消'));
        // A pre-order waits, accepted, until its time: the demo leaves it there.
        if (o.input.isPre === 1) return void this.active.delete(orderId);
        const selfOrPickup = o.input.pickType === 1 || o.input.logisticsCode === '0000';
        if (selfOrPickup) return seen.age >= 3 ? quiet(h.finish(orderId)) : undefined;
        const next: ShippingStatus =
          o.times.logisticsStatus === null ? 0 : o.times.logisticsStatus === 0 ? 10 : 20;
        return quiet(h.ship(orderId, next));
      }
      case STATUS.DELIVERING:
        if (seen.age < 2) return;
        if (o.times.logisticsStatus !== 40 && o.input.logisticsCode !== '0000')
          return quiet(h.ship(orderId, 40));
        return quiet(h.finish(orderId));
      case STATUS.COMPLETED:
        // Now and then the customer asks for a refund after delivery (once per order).
        if (o.refund === null && r < 0.1) return quiet(h.refund(orderId, 'apply', '菜品洒漏'));
        this.active.delete(orderId);
        return;
      default:
        this.active.delete(orderId);
    }
  }
}
