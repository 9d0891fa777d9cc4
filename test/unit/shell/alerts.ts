/** Orders as `order-changed` carries them, for the tray and notification tests. */
import type { AttentionReason, Order } from '../../../shared/order.js';
import { fakeOrder } from '../renderer/fake-order.js';

export const TODAY = '2026-03-01';

export function alerting(key: string, reason: AttentionReason | null, since = '2026-03-01T10:00:00Z', over: Partial<Order> = {}): Order {
  const orderId = key.split(':')[1] ?? key;
  return fakeOrder({ orderId, businessDay: TODAY, attention: reason ? { reason, since } : null, ...over });
}
