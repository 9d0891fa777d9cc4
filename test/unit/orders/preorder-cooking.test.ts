/**
 * A pre-order's cooking reminder as the desk keeps it: `due` raises an alert and makes the order
 * owe 开始制作 (once per delivery time), `started` ends both; the tray counts it, even for a
 * pre-order placed on an earlier day, and stops counting once it is started.
 */
import { describe, expect, it } from 'vitest';
import type { Order } from '../../../shared/order.js';
import { owedReason } from '../../../shared/owed.js';
import { applyAction, type FactContext } from '../../../electron/core/orders/reduce.js';
import { AttentionTracker } from '../../../electron/main/attention.js';
import { fakeOrder } from '../renderer/fake-order.js';

let seq = 0;
const ctx = (source = 'staff'): FactContext => ({
  seq: ++seq,
  at: `2026-11-25T04:00:${String(seq % 60).padStart(2, '0')}.000Z`,
  source,
  fingerprint: `action:${seq}`,
  flags: [],
  dayOf: (iso) => iso.slice(0, 10),
});
const pre = (over: Partial<Order> = {}): Order =>
  fakeOrder({ preOrder: true, status: 'accepted', deliveryTime: '2026-11-25T06:00:00.000Z', attention: null, ...over });
const due = (o: Order) => applyAction(o, { kind: 'cooking', step: 'due' }, ctx('reminder'));
const start = (o: Order) => applyAction(o, { kind: 'cooking', step: 'started' }, ctx());

describe('the cooking reminder on the order', () => {
  it('due raises an alert and owes 开始制作; started ends both; each counts once', () => {
    const raised = due(pre());
    expect(raised.changed).toBe(true);
    expect(raised.order.attention?.reason).toBe('preorder-due');
    expect(owedReason(raised.order)).toBe('preorder-due');
    expect(raised.order.events.at(-1)).toMatchObject({ type: 'cooking:due', detail: '2026-11-25T06:00:00.000Z' });
    // A second window asking again changes nothing (no second alert).
    expect(due(raised.order).changed).toBe(false);

    // 我知道了 clears the alert, not what is owed.
    const acked = applyAction(raised.order, { kind: 'acknowledge' }, ctx()).order;
    expect(acked.attention).toBeNull();
    expect(owedReason(acked)).toBe('preorder-due');

    const done = start(raised.order);
    expect(done.changed).toBe(true);
    expect(done.order.attention).toBeNull();
    expect(owedReason(done.order)).toBeNull();
    // Started: neither a second start nor a late due brings it back.
    expect(start(done.order).changed).toBe(false);
    expect(due(done.order).changed).toBe(false);
  });

  it('is not raised on an order not yet accepted, not a pre-order, or without a time', () => {
    expect(due(pre({ status: 'new' })).changed).toBe(false);
    expect(due(pre({ preOrder: false })).changed).toBe(false);
    expect(due(pre({ deliveryTime: null })).changed).toBe(false);
  });

  it('a changed delivery time is a new reminder', () => {
    const done = start(due(pre()).order).order;
    const moved = { ...done, deliveryTime: '2026-11-25T08:00:00.000Z' };
    expect(owedReason(moved)).toBeNull();
    expect(owedReason(due(moved).order)).toBe('preorder-due');
  });
});

describe('the tray', () => {
  it('counts a due pre-order (placed yesterday too) until it is started', () => {
    const tracker = new AttentionTracker(() => '2026-11-25');
    const yesterday = pre({ businessDay: '2026-11-24' });
    expect(tracker.onOrder(yesterday).raised).toBeNull();
    expect(tracker.count).toBe(0);
    const raised = due(yesterday).order;
    expect(tracker.onOrder(raised).raised).toBe('preorder-due');
    expect(tracker.count).toBe(1);
    tracker.onOrder(applyAction(raised, { kind: 'acknowledge' }, ctx()).order);
    expect(tracker.count).toBe(1);
    tracker.onOrder(start(raised).order);
    expect(tracker.count).toBe(0);
  });
});
