/**
 * A customer's 催单 still waiting for the shop's reply, on an order still under way: what the
 * board's 催单 view shows and the alert strip's 顾客催单 counts, until it is answered (here or in
 * the platform's own app) or the order ends.
 */
import type { Order } from './order.js';
import { isTakeaway } from './platforms.js';

const UNDER_WAY = new Set<Order['status']>(['new', 'accepted', 'delivering']);

export function reminderWaiting(order: Pick<Order, 'platform' | 'status' | 'reminder'>): boolean {
  return isTakeaway(order.platform) && !!order.reminder && !order.reminder.replied && UNDER_WAY.has(order.status);
}
