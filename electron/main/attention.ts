/**
 * What the tray and the notifications need from `order-changed`: how many of today's orders
 * wait for staff, whether a new order is still unacknowledged (the tray blinks), and whether
 * a change raised an alert just now (notify once per alert, not on every update of an order
 * that is already ringing). Pure: values in, values out.
 */
import type { AttentionReason, Order } from '../../shared/order.js';

export interface AttentionChange {
  /** The alert this change raised, or null (an update, an acknowledge, another day). */
  raised: AttentionReason | null;
}

export class AttentionTracker {
  /** Order key → identity of its open alert (`reason@since`), today's orders only. */
  private readonly open = new Map<string, { id: string; reason: AttentionReason }>();

  constructor(private readonly today: () => string) {}

  /** Start-up: learn what is already waiting without raising anything. */
  seed(orders: readonly Order[]): void {
    for (const o of orders) this.onOrder(o);
  }

  onOrder(order: Order): AttentionChange {
    const before = this.open.get(order.key);
    if (!order.attention || order.businessDay !== this.today()) {
      this.open.delete(order.key);
      return { raised: null };
    }
    const id = `${order.attention.reason}@${order.attention.since}`;
    this.open.set(order.key, { id, reason: order.attention.reason });
    return { raised: before?.id === id ? null : order.attention.reason };
  }

  /** The business day turned: yesterday's alerts no longer count on the tray. */
  dayChanged(): void {
    this.open.clear();
  }

  get count(): number {
    return this.open.size;
  }

  /** A new order nobody has acknowledged yet. */
  get unacknowledgedNew(): boolean {
    for (const a of this.open.values()) if (a.reason === 'new-order') return true;
    return false;
  }
}
