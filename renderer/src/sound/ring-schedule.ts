/**
 * What to ring, and when: a pure function of (orders, prefs, mute, now, what was rung last).
 * The Ringer owns the timer and the audio element; everything it decides comes from here.
 *
 * - Owed (shared/owed.ts) rings until the action is done: every `intervalSeconds` while not
 *   seen, every `seenIntervalSeconds` after 我知道了 — slower, never silent — and, in the last
 *   URGENT_MS before a platform's accept deadline, every URGENT_INTERVAL_MS at full volume.
 * - Information rings once when it appears, then stays quiet (the strip still shows it).
 */
import type { AttentionReason, Order } from '../../../shared/order.js';
import {
  acceptDeadline,
  infoReason,
  INFO_REASONS,
  owedReason,
  OWED_REASONS,
  owedSeen,
  type InfoReason,
  type OwedReason,
} from '../../../shared/owed.js';
import type { SoundPrefs } from './prefs.js';

/** The sound files are named after the alert reasons. */
export type Sound = AttentionReason;

export const OWED_SOUND: Readonly<Record<OwedReason, Sound>> = {
  'auto-accept-failed': 'auto-accept-failed',
  'cancel-request': 'refund-requested',
  refund: 'refund-requested',
  'new-order': 'new-order',
  // Its own sound (the pre-order reminder), not the new-order bell: the kitchen tells them apart.
  'preorder-due': 'preorder-due',
};
export const INFO_SOUND: Readonly<Record<InfoReason, Sound>> = {
  cancelled: 'cancelled',
  reminder: 'reminder',
  'auto-accepted': 'new-order',
  update: 'new-order',
};

/**
 * Shortest gap between two rings. A fresh alert rings at once (sound in step with the card
 * appearing), but a burst of orders must not restart the ~1.3 s sound on top of itself.
 */
export const MIN_GAP_MS = 1500;
/** How close to the accept deadline ringing turns urgent. */
export const URGENT_MS = 2 * 60_000;
/** Repeat while urgent: faster than any setting allows otherwise. */
export const URGENT_INTERVAL_MS = 2500;

export type GroupKind = 'owed' | 'info';
export interface AlertGroup {
  kind: GroupKind;
  reason: OwedReason | InfoReason;
  count: number;
}

/** Does `order` belong to the strip group (kind, reason)? The strip's counts and filter share this. */
export function inGroup(order: Order, kind: GroupKind, reason: string): boolean {
  return kind === 'owed' ? owedReason(order) === reason : infoReason(order) === reason;
}

/** The strip: owed groups first (most urgent first), then unseen information. */
export function alertGroups(orders: readonly Order[]): AlertGroup[] {
  // One pass over the day, however many reasons there are.
  const owed = new Map<string, number>();
  const info = new Map<string, number>();
  for (const o of orders) {
    const r = owedReason(o);
    if (r !== null) owed.set(r, (owed.get(r) ?? 0) + 1);
    const i = infoReason(o);
    if (i !== null) info.set(i, (info.get(i) ?? 0) + 1);
  }
  const groups: AlertGroup[] = [];
  for (const reason of OWED_REASONS) {
    const count = owed.get(reason) ?? 0;
    if (count > 0) groups.push({ kind: 'owed', reason, count });
  }
  for (const reason of INFO_REASONS) {
    const count = info.get(reason) ?? 0;
    if (count > 0) groups.push({ kind: 'info', reason, count });
  }
  return groups;
}

export function owedCount(orders: readonly Order[]): number {
  return orders.filter((o) => owedReason(o) !== null).length;
}

/** Identity of one alert: a second alert on the same order (cancel after new) is a new one. */
export function alertId(order: Order): string | null {
  return order.attention ? `${order.key}@${order.attention.reason}@${order.attention.since}` : null;
}

/** Identity of what an order owes: owing something else (new → auto-accept failed) is fresh. */
export function owedId(order: Order): string | null {
  const reason = owedReason(order);
  return reason ? `${order.key}#${reason}` : null;
}

function ids(order: Order): string[] {
  return [alertId(order), owedId(order)].filter((id): id is string => id !== null);
}

export interface LastRing {
  sound: Sound;
  /** epoch ms */
  at: number;
  /** Whether it rang for something owed (stop the sound when that is done). */
  owed: boolean;
  /** Alert and owed ids up when it rang: anything else is fresh. */
  known: ReadonlySet<string>;
}

/** What to remember after playing `plan` at `now`. */
export function rang(orders: readonly Order[], plan: RingPlan, now: number): LastRing {
  return { sound: plan.sound, at: now, owed: plan.owed, known: new Set(orders.flatMap(ids)) };
}

export interface RingPlan {
  sound: Sound;
  /** epoch ms when to play next; ≤ now means now. */
  at: number;
  /** 0–100 */
  volume: number;
  owed: boolean;
}

export interface RingInput {
  prefs: SoundPrefs;
  muted: boolean;
  now: number;
}

const firstBy = <R extends string>(order: readonly R[], present: readonly R[]): R | undefined =>
  order.find((r) => present.includes(r));

/** The next ring, or null for silence (nothing owed and nothing new, or muted). */
export function nextRing(orders: readonly Order[], input: RingInput, last: LastRing | null): RingPlan | null {
  if (input.muted) return null;
  const { prefs, now } = input;
  const owed = orders.flatMap((o) => {
    const r = owedReason(o);
    return r ? [{ o, r }] : [];
  });
  const known = last?.known ?? new Set<string>();
  const fresh = orders.filter((o) => ids(o).some((id) => !known.has(id)));
  const freshOwed = firstBy(
    OWED_REASONS,
    fresh.flatMap((o) => owedReason(o) ?? []),
  );
  const freshInfo = firstBy(
    INFO_REASONS,
    fresh.flatMap((o) => infoReason(o) ?? []),
  );
  const topOwed = firstBy(
    OWED_REASONS,
    owed.map((x) => x.r),
  );
  const earliest = last ? last.at + MIN_GAP_MS : now;

  const deadlines = owed.flatMap(({ o }) => acceptDeadline(o, prefs.acceptMinutes) ?? []);
  const urgentFrom = deadlines.length > 0 ? Math.min(...deadlines) - URGENT_MS : Infinity;
  const urgent = urgentFrom <= now;
  const volume = urgent ? 100 : prefs.volume;

  if (freshOwed || freshInfo) {
    const sound = freshOwed ? OWED_SOUND[freshOwed] : INFO_SOUND[freshInfo as InfoReason];
    return { sound, at: Math.max(now, earliest), volume, owed: topOwed !== undefined };
  }
  if (!topOwed) return null;
  const plan = { sound: OWED_SOUND[topOwed], volume, owed: true };
  if (!last) return { ...plan, at: now };
  const interval = urgent
    ? URGENT_INTERVAL_MS
    : owed.some(({ o }) => !owedSeen(o))
      ? prefs.intervalSeconds * 1000
      : prefs.seenIntervalSeconds * 1000;
  // Turning urgent mid-wait rings then, not at the end of a slow interval.
  const at = urgent ? last.at + interval : Math.min(last.at + interval, urgentFrom);
  return { ...plan, at: Math.max(at, earliest) };
}

/** Alerts in `orders` whose ids are not in `seen` (for the spoken line and notifications). */
export function newAlerts(orders: readonly Order[], seen: ReadonlySet<string>): Order[] {
  return orders.filter((o) => {
    const id = alertId(o);
    return id !== null && !seen.has(id);
  });
}
