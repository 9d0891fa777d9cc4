/**
 * What the counter owes an order versus what it merely has not seen yet.
 *
 * Owed is derived from the order's own state (status, refund, flags) — never from the alert
 * that 我知道了 clears — so it survives acknowledging, reloads and restarts and ends only when
 * the action is done: a new order accepted (or gone), a refund or cancel request decided, a
 * failed auto-accept resolved, a pre-order whose cooking time has come started (开始制作).
 * Information is the alert (`order.attention`) on an order that owes nothing: it is news until
 * someone has seen it. A customer's 催单 waiting for a reply is information (it rings once);
 * the card keeps asking for the reply until it is sent.
 *
 * A pre-order due to start cooking is owed, not news: the kitchen has to act on it, and it
 * must not be lost to 我知道了 or 全部知道了 any more than a new order may. Its "due" and
 * "started" are facts recorded on the order itself (events `cooking:due` / `cooking:started`
 * carrying the delivery time they were for), so every window, the tray and a restart agree.
 */
import type { Order, Platform } from './order.js';
import { isTakeaway, type TakeawayPlatform } from './platforms.js';

export const OWED_REASONS = ['auto-accept-failed', 'cancel-request', 'refund', 'new-order', 'preorder-due'] as const;
/** Most urgent first. The values are the cards' `data-owed` attribute (test/e2e/SELECTORS.md). */
export type OwedReason = (typeof OWED_REASONS)[number];

export const INFO_REASONS = ['cancelled', 'reminder', 'auto-accepted', 'update'] as const;
export type InfoReason = (typeof INFO_REASONS)[number];

/** Statuses before the food has left the shop: a full refund asked now calls the order off. */
const BEFORE_DISPATCH = new Set<Order['status']>(['new', 'accepted']);

/** The action the shop still owes on this order, or null. Only takeaway orders can owe. */
export function owedReason(order: Order): OwedReason | null {
  if (!isTakeaway(order.platform)) return null;
  if (order.refund?.state === 'requested') {
    return !order.refund.partial && BEFORE_DISPATCH.has(order.status) ? 'cancel-request' : 'refund';
  }
  if (order.status === 'accepted') return cookingDue(order) ? 'preorder-due' : null;
  if (order.status !== 'new') return null;
  return order.flags.includes('auto-accept-failed') ? 'auto-accept-failed' : 'new-order';
}

const cookingEvent = (order: Order, type: 'cooking:due' | 'cooking:started'): boolean =>
  order.deliveryTime !== null && order.events.some((e) => e.type === type && e.detail === order.deliveryTime);

/** Staff have said cooking started (开始制作) for this pre-order's current delivery time. */
export function cookingStarted(order: Order): boolean {
  return order.preOrder && cookingEvent(order, 'cooking:started');
}

/** The pre-order's cooking reminder has come (for its current delivery time) and not been started. */
export function cookingDue(order: Order): boolean {
  return order.preOrder && cookingEvent(order, 'cooking:due') && !cookingEvent(order, 'cooking:started');
}

/** Unseen news on an order that owes nothing, or null (seen, or owed instead). */
export function infoReason(order: Order): InfoReason | null {
  if (!order.attention || owedReason(order) !== null) return null;
  switch (order.attention.reason) {
    case 'cancelled':
      return 'cancelled';
    case 'reminder':
      // The customer's 催单, while it waits for the shop's reply.
      return order.reminder && !order.reminder.replied ? 'reminder' : null;
    case 'new-order':
      // The alert of a new order that is no longer new: accepted without staff (auto-accept).
      return order.status === 'cancelled' ? 'cancelled' : 'auto-accepted';
    default:
      // A refund or failure the platform or someone else has settled meanwhile.
      return 'update';
  }
}

/** Staff have pressed 我知道了 on an owed order: it may ring slower, never stop. */
export function owedSeen(order: Order): boolean {
  return order.attention === null;
}

/**
 * Minutes a platform gives the shop to accept a new order before it cancels it itself
 * (Meituan cancels with 2001 商家超时接单). The exact window is the platform's and is not in
 * the order, so this is a setting; the defaults err short, so the countdown never promises
 * time that is not there.
 */
export const DEFAULT_ACCEPT_MINUTES: Readonly<Record<TakeawayPlatform, number>> = {
  meituan: 5,
  eleme: 5,
};

/** Epoch ms by which the order must be accepted, or null when it owes no accept. */
export function acceptDeadline(order: Order, minutes: Partial<Record<Platform, number>>): number | null {
  const reason = owedReason(order);
  if (reason !== 'new-order' && reason !== 'auto-accept-failed') return null;
  const created = Date.parse(order.createdAt);
  if (!Number.isFinite(created)) return null;
  const window = minutes[order.platform] ?? DEFAULT_ACCEPT_MINUTES.meituan;
  return created + window * 60_000;
}
