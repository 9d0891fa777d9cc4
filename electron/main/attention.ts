/**
 * What the tray and the notifications need from `order-changed`: how many of today's orders
 * wait for staff (owe an action or have unseen news), whether a new order still waits to be
 * accepted (the tray blinks — acknowledging does not stop it, accepting does), and whether a
 * change raised an alert just now (notify once per alert, not on every update of an order
 * that is already ringing). Pure: values in, values out.
 */
import type { AttentionReason, Order } from '../../shared/order.js';
import { owedReason, type OwedReason } from '../../shared/owed.js';

export interface AttentionChange {
  /** The alert this change raised, or null (an update, an acknowledge, another day). */
  raised: AttentionReason | null;
}

export class AttentionTracker {
  /** Order key → identity of its open alert (`reason@since`), today's orders only. */
  private readonly open = new Map<string, { id: string; reason: AttentionReason }>();
  /** Order key → what it owes (derived from its state, not from the alert), today's orders only. */
  private readonly owed = new Map<string, OwedReason>();

  constructor(private readonly today: () => string) {}

  /** Start-up: learn what is already waiting without raising anything. */
  seed(orders: readonly Order[]): void {
    for (const o of orders) this.onOrder(o);
  }

  onOrder(order: Order): AttentionChange {
    const before = this.open.get(order.key);
    // A pre-order placed on an earlier day is cooked today: its reminder counts today.
    const reason = owedReason(order);
    const current = order.businessDay === this.today() || reason === 'preorder-due';
    const owes = current ? reason : null;
    if (owes) this.owed.set(order.key, owes);
    else this.owed.delete(order.key);
    if (!order.attention || !current) {
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
    this.owed.clear();
  }

  /** Orders that owe an action or have news nobody has seen. */
  get count(): number {
    return new Set([...this.open.keys(), ...this.owed.keys()]).size;
  }

  /** A new order still to be accepted (acknowledged or not: only accepting ends it). */
  get unacknowledgedNew(): boolean {
    for (const r of this.owed.values()) if (r === 'new-order' || r === 'auto-accept-failed') return true;
    return false;
  }
}
