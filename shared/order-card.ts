/**
 * The card form of an order (`OrderCard`, shared/api.ts): what the board's list carries. A busy
 * day is 2,000 orders; their `raw` payloads and full histories are a third of the bytes and no
 * card shows them, so the list leaves them out and the detail view fetches the full order.
 */
import type { OrderCard } from './api.js';
import type { Order, OrderEvent } from './order.js';

/** The pre-order cooking steps the owed model reads (shared/owed.ts `cookingDue`, `cookingStarted`). */
const COOKING = new Set(['cooking:due', 'cooking:started']);

/**
 * The events a card, the ringer and the alert strip read, in their original order: while the
 * order is accepted, the first event that left it `accepted` (renderer/src/lib/board.ts
 * `acceptedAtOf`: the 待出餐 timer, shown only in that status); the newest `notice:` one (the
 * notice flag's detail); and a pre-order's cooking reminder and start for its current delivery
 * time (whether it is owed: 该做预订单 rings until 开始制作).
 */
export function cardEvents(events: readonly OrderEvent[], order: Pick<Order, 'status' | 'preOrder' | 'deliveryTime'>): OrderEvent[] {
  let accepted = -1;
  let notice = -1;
  let prepareFailed = -1;
  const cooking = order.preOrder && order.deliveryTime !== null;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (accepted < 0 && order.status === 'accepted' && e.status === 'accepted') accepted = i;
    if (e.type.startsWith('notice:')) notice = i;
    // The newest failed 出餐 (the card says an automatic one did not go through).
    if (e.type.startsWith('api-failed:prepared')) prepareFailed = i;
  }
  const keep: OrderEvent[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (i === accepted || i === notice || i === prepareFailed || (cooking && COOKING.has(e.type) && e.detail === order.deliveryTime)) keep.push(e);
  }
  return keep;
}

const NO_RAW: Record<string, never> = Object.freeze({}) as Record<string, never>;

/** The card form of `order` (an order already in card form comes back as an equal card). */
export function toOrderCard(order: Order | OrderCard): OrderCard {
  return { ...order, raw: NO_RAW, events: cardEvents(order.events, order) };
}
