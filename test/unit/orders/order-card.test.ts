/**
 * The card form the board lists (`toOrderCard`): no raw payload, and of the history only what a
 * card reads — so every card shows exactly what it showed with the full order.
 */
import { describe, expect, it } from 'vitest';
import { cardEvents, toOrderCard } from '../../../shared/order-card.js';
import type { Order, OrderEvent } from '../../../shared/order.js';
import { acceptedAtOf, prepUrgencyOf } from '../../../renderer/src/lib/board.js';
import { owedReason } from '../../../shared/owed.js';
import { historyOrder } from '../../bench/history.js';

function ev(seq: number, type: string, status: Order['status'], detail = ''): OrderEvent {
  return { at: `2026-11-25T04:${String(seq).padStart(2, '0')}:00.000Z`, type, source: 'test', detail, seq, status, fingerprint: `f${seq}` };
}

const of = (status: Order['status']): Pick<Order, 'status' | 'preOrder' | 'deliveryTime'> => ({ status, preOrder: false, deliveryTime: null });

const history: OrderEvent[] = [
  ev(1, 'pushed:new', 'new'),
  ev(2, 'notice:unknown-refund-type', 'new', '平台说了一件我们不认识的事'),
  ev(3, 'api:confirm', 'accepted', '已接单'),
  ev(4, 'acknowledged', 'accepted'),
  ev(5, 'pushed:confirmed', 'accepted'),
  ev(6, 'notice:other', 'accepted', '最新的通知'),
  ev(7, 'pushed:shipping', 'accepted'),
];

describe('the card form of an order', () => {
  it('keeps the first event that left it accepted (while it is) and the newest notice, in their order', () => {
    expect(cardEvents(history, of('accepted')).map((e) => e.seq)).toEqual([3, 6]);
    // Out for delivery or done, no card shows how long it waited to go out.
    expect(cardEvents(history, of('delivering')).map((e) => e.seq)).toEqual([6]);
    expect(cardEvents([ev(1, 'pushed:new', 'new')], of('new'))).toEqual([]);
    // The card's notice flag reads the newest notice's words.
    expect(cardEvents(history, of('completed')).filter((e) => e.type.startsWith('notice:')).at(-1)?.detail).toBe('最新的通知');
  });

  it('has no raw payload and every other field as the full order has it', () => {
    const full: Order = { ...historyOrder(7, '2026-11-25'), status: 'accepted', events: history, raw: { order: '{"orderId":1,"big":"…"}', sign: 'abc' } };
    const card = toOrderCard(full);
    expect(card.raw).toEqual({});
    const { raw: _r1, events: _e1, ...rest } = full;
    const { raw: _r2, events: _e2, ...cardRest } = card;
    expect(cardRest).toEqual(rest);
    expect(JSON.stringify(card).length).toBeLessThan(JSON.stringify(full).length * 0.8);
    // An order already in card form stays the same card.
    expect(toOrderCard(card)).toEqual(card);
  });

  it('shows the same 待出餐 time as the full order', () => {
    const full: Order = { ...historyOrder(8, '2026-11-25'), status: 'accepted', events: history };
    const card = toOrderCard(full);
    const now = Date.parse('2026-11-25T04:30:00.000Z');
    expect(acceptedAtOf(card)).toBe(acceptedAtOf(full));
    expect(acceptedAtOf(card)).toBe(history[2]!.at);
    expect(prepUrgencyOf(card, now)).toEqual(prepUrgencyOf(full, now));
  });

  it('owes the same as the full order: a pre-order due to start cooking rings until 开始制作', () => {
    const deliveryTime = '2026-11-25T12:30:00.000Z';
    const earlier = '2026-11-25T12:00:00.000Z';
    const pre: Order = { ...historyOrder(9, '2026-11-25'), status: 'accepted', preOrder: true, deliveryTime, attention: null };
    const cooking = (seq: number, type: string, detail: string): OrderEvent => ({ ...ev(seq, type, 'accepted'), detail });
    // A reminder for an earlier delivery time does not count; the one for the current time does.
    const due: Order = { ...pre, events: [ev(1, 'pushed:new', 'new'), ev(2, 'api:confirm', 'accepted'), cooking(3, 'cooking:due', earlier), ev(4, 'pushed:confirmed', 'accepted'), cooking(5, 'cooking:due', deliveryTime)] };
    expect(owedReason(due)).toBe('preorder-due');
    expect(owedReason(toOrderCard(due))).toBe('preorder-due');
    const started: Order = { ...due, events: [...due.events, cooking(6, 'cooking:started', deliveryTime)] };
    expect(owedReason(started)).toBeNull();
    expect(owedReason(toOrderCard(started))).toBeNull();
    // Only what the model reads is kept: the accepted event and the current time's steps.
    expect(toOrderCard(started).events.map((e) => e.seq)).toEqual([2, 5, 6]);
  });
});
