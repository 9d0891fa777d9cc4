/**
 * What the counter owes an order versus what it merely has not seen yet.
 *
 * Owed is derived from the order's own state (status, refund, flags) — never from the alert
 * that 我知道了 clears — so it survives acknowledging, reloads and restarts and ends only when
 * the action is done: a new order accepted (or gone), a refund or cancel request decided, a
 * failed auto-accept resolved. Information is the alert (`order.attention`) on an order that
 * owes nothing: it is news until someone has seen it.
 */
import type { Order, Platform } from './order.js';
import { isTakeaway, type TakeawayPlatform } from './platforms.js';

export const OWED_REASONS = ['auto-accept-failed', 'cancel-request', 'refund', 'new-order'] as const;
/** Most urgent first. The values are the cards' `data-owed` attribute (test/e2e/SELECTORS.md). */
export type OwedReason = (typeof OWED_REASONS)[number];

export const INFO_REASONS = ['cancelled', 'auto-accepted', 'update'] as const;
export type InfoReason = (typeof INFO_REASONS)[number];

/** Statuses before the food has left the shop: a full refund asked now calls the order off. */
const BEFORE_DISPATCH = new Set<Order['status']>(['new', 'accepted']);

/** The action the shop still owes on this order, or null. Only takeaway orders can owe. */
export function owedReason(order: Order): OwedReason | null {
  if (!isTakeaway(order.platform)) return null;
  if (order.refund?.state === 'requested') {
    return !order.refund.partial && BEFORE_DISPATCH.has(order.status) ? 'cancel-request' : 'refund';
  }
  if (order.status !== 'new') return null;
  return order.flags.includes('auto-accept-failed') ? 'auto-accept-failed' : 'new-order';
}

/** Unseen news on an order that owes nothing, or null (seen, or owed instead). */
export function infoReason(order: Order): InfoReason | null {
  if (!order.attention || owedReason(order) !== null) return null;
  switch (order.attention.reason) {
    case 'cancelled':
      return 'cancelled';
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
