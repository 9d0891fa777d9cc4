/**
 * What to ring, and when: a pure function of (orders, prefs, now, what was rung last).
 * The Ringer owns the timer and the audio element; everything it decides comes from here,
 * so priority, repeat and "stop at once" are unit-tested without a browser.
 */
import type { AttentionReason, Order } from '../../../shared/order.js';
import type { SoundPrefs } from './prefs.js';

/** Most urgent first: a failed auto-accept loses the order unless someone acts. */
export const REASON_PRIORITY: readonly AttentionReason[] = [
  'auto-accept-failed',
  'refund-requested',
  'cancelled',
  'new-order',
];

/**
 * Shortest gap between two rings. A fresh alert rings at once (sound in step with the card
 * appearing), but a burst of orders must not restart the ~1.3 s sound on top of itself.
 */
export const MIN_GAP_MS = 1500;

export interface AlertGroup {
  reason: AttentionReason;
  count: number;
}

/** Orders that need attention, grouped by reason, most urgent first. */
export function alertGroups(orders: readonly Order[]): AlertGroup[] {
  const counts = new Map<AttentionReason, number>();
  for (const o of orders)
    if (o.attention) counts.set(o.attention.reason, (counts.get(o.attention.reason) ?? 0) + 1);
  return REASON_PRIORITY.filter((r) => counts.has(r)).map((reason) => ({
    reason,
    count: counts.get(reason) ?? 0,
  }));
}

export function mostUrgent(orders: readonly Order[]): AttentionReason | null {
  return alertGroups(orders)[0]?.reason ?? null;
}

export interface LastRing {
  reason: AttentionReason;
  /** epoch ms */
  at: number;
  /** Ids (`alertId`) of the alerts that were up when it rang: anything else is fresh. */
  alerts: ReadonlySet<string>;
}

/** What to remember after playing `reason` at `now`. */
export function rang(orders: readonly Order[], reason: AttentionReason, now: number): LastRing {
  return { reason, at: now, alerts: new Set(orders.map(alertId).filter((id): id is string => id !== null)) };
}

export interface RingPlan {
  reason: AttentionReason;
  /** epoch ms when to play next; ≤ now means now. */
  at: number;
}

/**
 * The next ring, or null for silence (nothing needs attention, or sound is muted).
 * - nothing rung yet, or a more urgent reason appeared → now;
 * - an alert raised after the last ring → now (but not within MIN_GAP_MS of it);
 * - otherwise the same reason again one interval after the last ring.
 */
export function nextRing(
  orders: readonly Order[],
  prefs: SoundPrefs,
  now: number,
  last: LastRing | null,
): RingPlan | null {
  if (prefs.muted) return null;
  const reason = mostUrgent(orders);
  if (!reason) return null;
  if (!last) return { reason, at: now };
  const earliest = last.at + MIN_GAP_MS;
  const escalated = REASON_PRIORITY.indexOf(reason) < REASON_PRIORITY.indexOf(last.reason);
  // By id, not by comparing `since` with our clock: the main side's clock may differ.
  const fresh = newAlerts(orders, last.alerts).length > 0;
  if (escalated || fresh) return { reason, at: Math.max(now, earliest) };
  return { reason, at: Math.max(last.at + prefs.intervalSeconds * 1000, earliest) };
}

/** Identity of one alert: a second alert on the same order (cancel after new) is a new one. */
export function alertId(order: Order): string | null {
  return order.attention ? `${order.key}@${order.attention.reason}@${order.attention.since}` : null;
}

/** Alerts in `orders` whose ids are not in `seen` (for the spoken line and notifications). */
export function newAlerts(orders: readonly Order[], seen: ReadonlySet<string>): Order[] {
  return orders.filter((o) => {
    const id = alertId(o);
    return id !== null && !seen.has(id);
  });
}
