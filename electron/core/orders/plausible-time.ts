/**
 * Platform times are signed, not checked: a bad clock or a bug upstream can send an order
 * created in the year 11476 or 1970. Filed under such a day the order would be lost to staff
 * (or, when that day cannot even be a file name, refused again and again). So a platform time
 * outside the plausible window is replaced by the time the callback was received (the journal's
 * `at`, so a replay decides the same) and the order is flagged `time-implausible`.
 *
 * The window: not before 2015-01-01 (long before any order this app can receive) and not more
 * than a day after receipt (clocks drift and time zones get mixed up, by hours, not days).
 * A delivery time may lie ahead (pre-orders), so it may be up to 31 days after receipt.
 */
import type { OrderUpdate } from './update.js';

export const EARLIEST_PLATFORM_TIME = '2015-01-01T00:00:00.000Z';
export const MAX_AHEAD_MS = 24 * 3600_000;
export const MAX_DELIVERY_AHEAD_MS = 31 * 24 * 3600_000;

const EARLIEST_MS = Date.parse(EARLIEST_PLATFORM_TIME);

/** True when `iso` is a time within the window around `receivedAt` ('' = no time given: fine). */
export function isPlausible(iso: string, receivedAt: string, aheadMs = MAX_AHEAD_MS): boolean {
  if (iso === '') return true;
  const t = Date.parse(iso);
  const received = Date.parse(receivedAt);
  return Number.isFinite(t) && t >= EARLIEST_MS && t <= received + aheadMs;
}

/** The update with every implausible platform time replaced by `receivedAt`, and whether any was. */
export function clampPlatformTimes(u: OrderUpdate, receivedAt: string): { update: OrderUpdate; implausible: boolean } {
  let implausible = false;
  const fix = (iso: string, aheadMs = MAX_AHEAD_MS): string => {
    if (isPlausible(iso, receivedAt, aheadMs)) return iso;
    implausible = true;
    return receivedAt;
  };
  const at = fix(u.at);
  if (u.kind !== 'snapshot') return implausible ? { update: { ...u, at }, implausible } : { update: u, implausible };
  const s = u.snapshot;
  const createdAt = fix(s.createdAt);
  const deliveryTime = s.deliveryTime === null ? null : fix(s.deliveryTime, MAX_DELIVERY_AHEAD_MS);
  if (!implausible) return { update: u, implausible };
  return { update: { ...u, at, snapshot: { ...s, createdAt, deliveryTime } }, implausible };
}
