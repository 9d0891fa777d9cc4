import { describe, expect, it } from 'vitest';
import type { AttentionReason, Order } from '../../../shared/order.js';
import { DEFAULT_PREFS } from '../../../renderer/src/sound/prefs.js';
import {
  alertGroups,
  MIN_GAP_MS,
  nextRing,
  rang,
  URGENT_INTERVAL_MS,
  URGENT_MS,
  type LastRing,
} from '../../../renderer/src/sound/ring-schedule.js';
import { fakeOrder } from './fake-order.js';

const CREATED = '2026-11-25T04:00:00.000Z';
const NOW = Date.parse(CREATED) + 10_000;
let n = 0;
const alerting = (reason: AttentionReason, over: Partial<Order> = {}): Order =>
  fakeOrder({ orderId: String(++n), createdAt: CREATED, attention: { reason, since: CREATED }, ...over });
const prefs = { ...DEFAULT_PREFS, intervalSeconds: 4, seenIntervalSeconds: 20 };
const input = (now = NOW, muted = false) => ({ prefs, muted, now });

/** Ring whatever is planned at `at` and return what the ringer remembers. */
function ringNow(orders: Order[], at = NOW, last: LastRing | null = null): LastRing {
  const plan = nextRing(orders, input(at), last);
  if (!plan) throw new Error('expected a ring');
  return rang(orders, plan, at);
}

describe('owed rings until done', () => {
  it('an owed new order rings at once, then every interval', () => {
    const orders = [alerting('new-order')];
    expect(nextRing(orders, input(), null)).toMatchObject({ sound: 'new-order', at: NOW, owed: true });
    const last = ringNow(orders);
    expect(nextRing(orders, input(NOW + 1000), last)?.at).toBe(NOW + 4000);
  });

  it('我知道了 (attention cleared) slows the repeat to the seen interval but never silences', () => {
    const order = alerting('new-order');
    const last = ringNow([order]);
    const seen = { ...order, attention: null };
    expect(nextRing([seen], input(NOW + 1000), last)).toMatchObject({ sound: 'new-order', at: NOW + 20_000 });
  });

  it('stops when the action is done (accepted), and a failed auto-accept rings its own sound', () => {
    const order = alerting('new-order');
    const last = ringNow([order]);
    expect(nextRing([{ ...order, status: 'accepted', attention: null }], input(NOW + 1000), last)).toBeNull();
    const failed = { ...order, flags: ['auto-accept-failed' as const] };
    expect(nextRing([failed], input(NOW + 2000), last)).toMatchObject({
      sound: 'auto-accept-failed',
      at: NOW + 2000,
    });
  });

  it('an open refund owes a decision even after it was acknowledged', () => {
    const order = fakeOrder({
      orderId: 'r',
      status: 'delivering',
      refund: { state: 'requested', reason: '', partial: false, amountCents: null, items: [] },
      attention: null,
    });
    expect(nextRing([order], input(), null)).toMatchObject({ sound: 'refund-requested', owed: true });
  });

  it('rings faster and at full volume near the accept deadline', () => {
    const order = { ...alerting('new-order'), attention: null };
    const deadline = Date.parse(CREATED) + prefs.acceptMinutes.meituan * 60_000;
    const early = ringNow([order]);
    // A slow seen repeat is cut short when the urgent window starts.
    expect(nextRing([order], input(NOW + 1000), early)?.at).toBe(
      Math.min(NOW + 20_000, deadline - URGENT_MS),
    );
    const t = deadline - URGENT_MS + 1000;
    const last = ringNow([order], t, early);
    const plan = nextRing([order], input(t + 100), last);
    expect(plan).toMatchObject({ volume: 100, at: t + URGENT_INTERVAL_MS });
    expect(nextRing([order], input(NOW + 1000), early)?.volume).toBe(prefs.volume);
  });

  it('is silent while muted, whatever is owed', () => {
    expect(
      nextRing([alerting('auto-accept-failed', { flags: ['auto-accept-failed'] })], input(NOW, true), null),
    ).toBeNull();
  });
});

describe('information rings once', () => {
  it('an auto-accepted order rings once and does not repeat', () => {
    const order = alerting('new-order', { status: 'accepted' });
    const last = ringNow([order]);
    expect(last.sound).toBe('new-order');
    expect(nextRing([order], input(NOW + 60_000), last)).toBeNull();
  });

  it('a new order that is then auto-accepted does not ring a second time', () => {
    const order = alerting('new-order');
    const last = ringNow([order]);
    expect(nextRing([{ ...order, status: 'accepted' }], input(NOW + 5000), last)).toBeNull();
  });

  it('a customer cancellation rings once at once, even while something owed repeats slowly', () => {
    const owed = { ...alerting('new-order'), attention: null };
    const last = ringNow([owed]);
    const cancelled = alerting('cancelled', { status: 'cancelled' });
    expect(nextRing([owed, cancelled], input(NOW + 100), last)).toMatchObject({
      sound: 'cancelled',
      at: NOW + MIN_GAP_MS,
    });
    const after = ringNow([owed, cancelled], NOW + MIN_GAP_MS, last);
    expect(nextRing([owed, cancelled], input(NOW + 2000), after)?.sound).toBe('new-order');
  });
});

describe('the strip', () => {
  it('groups owed first, then unseen information, with counts', () => {
    const groups = alertGroups([
      alerting('new-order'),
      { ...alerting('new-order'), attention: null },
      alerting('new-order', { status: 'accepted' }),
      alerting('new-order', { status: 'completed' }),
      alerting('cancelled', { status: 'cancelled' }),
      fakeOrder({ orderId: 'done', status: 'completed' }),
    ]);
    expect(groups).toEqual([
      { kind: 'owed', reason: 'new-order', count: 2 },
      { kind: 'info', reason: 'cancelled', count: 1 },
      { kind: 'info', reason: 'auto-accepted', count: 2 },
    ]);
  });
});
