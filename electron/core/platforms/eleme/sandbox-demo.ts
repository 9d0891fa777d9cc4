/**
 * The Eleme sandbox's demo loop: a new order every tick for one of the demo stores' shops;
 * older orders walked forward the way real ones go once the desk has accepted them (courier
 * on the way, picked up, delivered, completed), with the odd 催单, cancel request or customer
 * who gives up waiting. Bounded: stops creating after `maxOrders` and ends once every order is
 * settled or a fixed number of extra ticks has passed. One timer at a time, cleared by stop().
 */
import type { SandboxEOrder } from './sandbox-orders.js';

export interface ElemeDemoHost {
  pushNewOrder(shopId: string): Promise<string>;
  getOrder(orderId: string): SandboxEOrder | undefined;
  courier(orderId: string, type: number): Promise<unknown>;
  complete(orderId: string): Promise<unknown>;
  userCancel(orderId: string, reason?: string): Promise<unknown>;
  requestCancel(orderId: string, reason?: string): Promise<unknown>;
  remind(orderId: string): Promise<unknown>;
}

export interface ElemeDemoOptions {
  shopIds: readonly string[];
  intervalMs: number;
  maxOrders: number;
}

const SETTLE_TICKS = 40;
/** Ticks a new order waits for the shop before the customer gives up. */
const PATIENCE_TICKS = 8;

export class ElemeDemoLoop {
  private timer: NodeJS.Timeout | null = null;
  private created = 0;
  private ticksAfterLast = 0;
  private readonly active = new Map<string, { age: number }>();
  private stopped = false;

  constructor(
    private readonly host: ElemeDemoHost,
    private readonly random: () => number,
    private readonly opts: ElemeDemoOptions,
    private readonly onDone: (created: number) => void,
  ) {
    if (!opts.shopIds.length) throw new Error('the Eleme demo needs at least one shop');
    if (!(opts.intervalMs > 0)) throw new Error('the Eleme demo needs intervalMs > 0');
  }

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.tick().then(() => {
        if (this.stopped) return;
        const settled = this.created >= this.opts.maxOrders && (this.active.size === 0 || this.ticksAfterLast > SETTLE_TICKS);
        if (settled) this.onDone(this.created);
        else this.schedule();
      });
    }, this.opts.intervalMs);
  }

  private async tick(): Promise<void> {
    for (const [orderId, seen] of [...this.active]) {
      seen.age++;
      await this.advance(orderId, seen.age).catch(() => undefined); // a refused step just waits
    }
    if (this.created < this.opts.maxOrders) {
      this.created++;
      const shopId = this.opts.shopIds[Math.floor(this.random() * this.opts.shopIds.length) % this.opts.shopIds.length]!;
      const id = await this.host.pushNewOrder(shopId).catch(() => null);
      if (id) this.active.set(id, { age: 0 });
    } else this.ticksAfterLast++;
  }

  private async advance(orderId: string, age: number): Promise<void> {
    const o = this.host.getOrder(orderId);
    if (!o || o.status === 'settled' || o.status === 'invalid') {
      this.active.delete(orderId);
      return;
    }
    if (o.request) return; // the shop decides
    if (o.status === 'unprocessed') {
      if (age > PATIENCE_TICKS) await this.host.userCancel(orderId, '等太久了，不要了');
      return;
    }
    // Accepted: one step forward per tick, with the odd customer intervening.
    const roll = this.random();
    if (!o.delivery && roll < 0.05) return void (await this.host.requestCancel(orderId, '临时有事，不要了'));
    if (roll > 0.95 && o.reminders.length === 0) return void (await this.host.remind(orderId));
    if (o.selfDelivery) return; // the shop delivers it and says so
    const next = !o.delivery ? 53 : o.delivery.state === 'tobeFetched' ? 55 : o.delivery.state === 'delivering' ? 56 : null;
    if (next !== null) await this.host.courier(orderId, next);
    else await this.host.complete(orderId);
  }
}
