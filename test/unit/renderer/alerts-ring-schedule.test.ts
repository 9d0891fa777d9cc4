import { describe, expect, it } from 'vitest';
import type { AttentionReason } from '../../../shared/order.js';
import { DEFAULT_PREFS } from '../../../renderer/src/sound/prefs.js';
import { alertGroups, MIN_GAP_MS, nextRing, rang } from '../../../renderer/src/sound/ring-schedule.js';
import { fakeOrder } from './fake-order.js';

const NOW = Date.parse('2026-11-25T04:00:10.000Z');
let n = 0;
const alerting = (reason: AttentionReason, since = '2026-11-25T04:00:00.000Z') =>
  fakeOrder({ orderId: String(++n), attention: { reason, since } });
const prefs = { ...DEFAULT_PREFS, intervalSeconds: 4 };

describe('what rings', () => {
  it('rings the most urgent reason: auto-accept failed > refund > cancelled > new order', () => {
    const orders = [
      alerting('new-order'),
      alerting('cancelled'),
      alerting('refund-requested'),
      alerting('auto-accept-failed'),
    ];
    expect(nextRing(orders, prefs, NOW, null)?.reason).toBe('auto-accept-failed');
    expect(nextRing(orders.slice(0, 3), prefs, NOW, null)?.reason).toBe('refund-requested');
    expect(nextRing(orders.slice(0, 2), prefs, NOW, null)?.reason).toBe('cancelled');
    expect(nextRing(orders.slice(0, 1), prefs, NOW, null)?.reason).toBe('new-order');
  });

  it('is silent when nothing needs attention', () => {
    expect(
      nextRing([fakeOrder(), fakeOrder({ orderId: 'b', status: 'accepted' })], prefs, NOW, null),
    ).toBeNull();
    expect(nextRing([], prefs, NOW, null)).toBeNull();
  });

  it('is silent when muted, whatever is waiting', () => {
    expect(nextRing([alerting('auto-accept-failed')], { ...prefs, muted: true }, NOW, null)).toBeNull();
  });

  it('groups the strip by reason with counts, most urgent first', () => {
    expect(
      alertGroups([
        alerting('new-order'),
        alerting('new-order'),
        alerting('cancelled'),
        fakeOrder({ orderId: 'quiet' }),
      ]),
    ).toEqual([
      { reason: 'cancelled', count: 1 },
      { reason: 'new-order', count: 2 },
    ]);
  });
});

describe('when it rings', () => {
  it('rings at once the first time', () => {
    expect(nextRing([alerting('new-order')], prefs, NOW, null)).toEqual({ reason: 'new-order', at: NOW });
  });

  it('repeats one interval after the last ring while the same alerts wait', () => {
    const orders = [alerting('new-order')];
    const last = rang(orders, 'new-order', NOW);
    expect(nextRing(orders, prefs, NOW + 100, last)).toEqual({ reason: 'new-order', at: NOW + 4000 });
    expect(nextRing(orders, { ...prefs, intervalSeconds: 30 }, NOW + 100, last)?.at).toBe(NOW + 30_000);
  });

  it('rings a fresh alert straight away, but never on top of the previous ring', () => {
    const first = alerting('new-order');
    const last = rang([first], 'new-order', NOW);
    const second = alerting('new-order', '2026-11-25T04:00:11.000Z');
    expect(nextRing([first, second], prefs, NOW + 3000, last)).toEqual({
      reason: 'new-order',
      at: NOW + 3000,
    });
    expect(nextRing([first, second], prefs, NOW + 200, last)).toEqual({
      reason: 'new-order',
      at: NOW + MIN_GAP_MS,
    });
  });

  it('switches to a more urgent reason at once instead of waiting out the interval', () => {
    const waiting = alerting('new-order');
    const last = rang([waiting], 'new-order', NOW);
    const failed = alerting('auto-accept-failed');
    expect(nextRing([waiting, failed], prefs, NOW + 2000, last)).toEqual({
      reason: 'auto-accept-failed',
      at: NOW + 2000,
    });
  });

  it('stops as soon as the last alert is acknowledged, even mid-interval', () => {
    const order = alerting('refund-requested');
    const last = rang([order], 'refund-requested', NOW);
    expect(
      nextRing(
        [{ ...order, attention: null, acknowledgedAt: '2026-11-25T04:00:11.000Z' }],
        prefs,
        NOW + 1000,
        last,
      ),
    ).toBeNull();
  });
});
