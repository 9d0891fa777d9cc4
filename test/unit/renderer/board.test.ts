import { describe, expect, it } from 'vitest';
import {
  availableActions,
  countTabs,
  matchesSearch,
  ordersOfTab,
  searchOrders,
  sortForTab,
  tabOf,
  tabsNeedingAttention,
  urgencyOf,
} from '../../../renderer/src/lib/board.js';
import { fakeOrder } from './fake-order.js';

const refund = (state: 'requested' | 'agreed' | 'rejected' | 'withdrawn') => ({
  state,
  reason: '不想要了',
  partial: false,
  amountCents: null,
  items: [],
});

describe('tabs', () => {
  it('files each status under its tab', () => {
    expect(tabOf(fakeOrder({ status: 'new' }))).toBe('new');
    expect(tabOf(fakeOrder({ status: 'accepted' }))).toBe('preparing');
    expect(tabOf(fakeOrder({ status: 'delivering' }))).toBe('delivering');
    expect(tabOf(fakeOrder({ status: 'completed' }))).toBe('completed');
    expect(tabOf(fakeOrder({ status: 'cancelled' }))).toBe('refund');
  });

  it('puts a refund request in 退款/取消 whatever the status', () => {
    for (const status of ['new', 'accepted', 'delivering', 'completed'] as const) {
      expect(tabOf(fakeOrder({ status, refund: refund('requested') }))).toBe('refund');
    }
  });

  it('returns a decided refund to its status tab', () => {
    expect(tabOf(fakeOrder({ status: 'accepted', refund: refund('rejected') }))).toBe('preparing');
    expect(tabOf(fakeOrder({ status: 'accepted', refund: refund('withdrawn') }))).toBe('preparing');
  });

  it('keeps union (promotion) orders off the board', () => {
    const union = fakeOrder({ platform: 'union', status: 'paid' });
    expect(tabOf(union)).toBeNull();
    expect(countTabs([union, fakeOrder()])).toEqual({
      new: 1,
      preorder: 0,
      preparing: 0,
      delivering: 0,
      completed: 0,
      refund: 0,
    });
    expect(searchOrders([union], '7')).toEqual([]);
  });

  it('counts every tab', () => {
    const orders = [
      fakeOrder({ orderId: '1' }),
      fakeOrder({ orderId: '2' }),
      fakeOrder({ orderId: '3', status: 'accepted' }),
      fakeOrder({ orderId: '4', status: 'accepted', refund: refund('requested') }),
      fakeOrder({ orderId: '5', status: 'cancelled' }),
      fakeOrder({ orderId: '6', platform: 'eleme', status: 'completed' }),
    ];
    expect(countTabs(orders)).toEqual({ new: 2, preorder: 0, preparing: 1, delivering: 0, completed: 1, refund: 2 });
  });

  it('marks tabs that hold an unacknowledged alert', () => {
    const alerted = fakeOrder({
      status: 'accepted',
      attention: { reason: 'new-order', since: '2026-11-25T04:00:00.000Z' },
    });
    expect([...tabsNeedingAttention([alerted, fakeOrder({ orderId: '9' })])]).toEqual(['preparing']);
  });
});

describe('sorting', () => {
  const early = fakeOrder({ orderId: 'a', createdAt: '2026-11-25T04:00:00.000Z' });
  const late = fakeOrder({ orderId: 'b', createdAt: '2026-11-25T04:10:00.000Z' });

  it('shows the new order waiting longest on top', () => {
    expect(sortForTab([late, early], 'new').map((o) => o.orderId)).toEqual(['a', 'b']);
  });

  it('shows the newest first in other tabs', () => {
    const a = { ...early, status: 'completed' as const };
    const b = { ...late, status: 'completed' as const };
    expect(ordersOfTab([a, b], 'completed').map((o) => o.orderId)).toEqual(['b', 'a']);
  });

  it('puts open refund requests above cancellations in 退款/取消', () => {
    const cancelled = { ...late, status: 'cancelled' as const };
    const asking = { ...early, status: 'accepted' as const, refund: refund('requested') };
    expect(ordersOfTab([cancelled, asking], 'refund').map((o) => o.orderId)).toEqual(['a', 'b']);
  });
});

describe('search', () => {
  const seven = fakeOrder({ orderId: '27061900338318741', daySeq: 7 });
  const seventeen = fakeOrder({
    orderId: '27061900338318999',
    daySeq: 17,
    customer: { ...seven.customer, phone: '13912345678' },
  });

  it('finds #7 and not #17', () => {
    expect(matchesSearch(seven, '#7')).toBe(true);
    expect(matchesSearch(seventeen, '#7')).toBe(false);
    expect(matchesSearch(seven, ' 7 ')).toBe(true);
    expect(matchesSearch(seventeen, '7')).toBe(false);
    expect(matchesSearch(seventeen, '# 17')).toBe(true);
  });

  it('finds a phone by its last four digits, including a privacy extension', () => {
    expect(matchesSearch(seventeen, '5678')).toBe(true);
    expect(matchesSearch(seven, '1234')).toBe(true); // 13800000000_1234
    expect(matchesSearch(seven, '0000')).toBe(true);
    expect(matchesSearch(seven, '5678')).toBe(false);
  });

  it('finds any part of the order id, case-insensitively', () => {
    const eleme = fakeOrder({ platform: 'eleme', orderId: '3012AbCd998877', daySeq: 3 });
    expect(matchesSearch(eleme, 'abcd')).toBe(true);
    expect(matchesSearch(eleme, '  ABCD9 ')).toBe(true);
    expect(matchesSearch(seven, '00338318')).toBe(true);
    expect(matchesSearch(seven, 'zzz')).toBe(false);
  });

  it('searches across every tab of the day', () => {
    const done = fakeOrder({ orderId: 'x1', daySeq: 7, status: 'completed' });
    const asking = fakeOrder({
      orderId: 'x2',
      daySeq: 7,
      platform: 'eleme',
      status: 'accepted',
      refund: refund('requested'),
    });
    expect(
      searchOrders([done, asking, seventeen], '#7')
        .map((o) => o.orderId)
        .sort(),
    ).toEqual(['x1', 'x2']);
  });
});

describe('actions and urgency', () => {
  it('offers accept only to new orders and refund decisions only to open requests', () => {
    expect(availableActions(fakeOrder()).accept).toBe(true);
    expect(availableActions(fakeOrder({ status: 'accepted' })).accept).toBe(false);
    expect(
      availableActions(fakeOrder({ status: 'accepted', refund: refund('requested') })).refundDecision,
    ).toBe(true);
    expect(availableActions(fakeOrder({ status: 'completed' })).cancel).toBe(false);
  });

  it('lets the shop move an order only when it delivers itself or the customer collects', () => {
    const platformRider = fakeOrder({ status: 'accepted' });
    expect(availableActions(platformRider).markDelivering).toBe(false);
    const self = fakeOrder({
      status: 'accepted',
      delivery: {
        code: '0000',
        name: '商家自配送',
        statusCode: null,
        statusText: '',
        riderName: '',
        riderPhone: '',
        selfDelivery: true,
      },
    });
    expect(availableActions(self)).toMatchObject({ markDelivering: true, markDelivered: true });
    expect(availableActions({ ...self, status: 'delivering' })).toMatchObject({
      markDelivering: false,
      markDelivered: true,
    });
    expect(availableActions(fakeOrder({ status: 'accepted', pickup: true })).markDelivered).toBe(true);
  });

  it('colours a new order by how long it has waited: green, then amber at 3 min, red at 8', () => {
    const order = fakeOrder({ createdAt: '2026-11-25T04:00:00.000Z' });
    const at = (min: number): number => Date.parse('2026-11-25T04:00:00.000Z') + min * 60_000;
    expect(urgencyOf(order, at(2.9))).toBe('ok');
    expect(urgencyOf(order, at(3))).toBe('warn');
    expect(urgencyOf(order, at(7.9))).toBe('warn');
    expect(urgencyOf(order, at(8))).toBe('late');
    expect(urgencyOf({ ...order, status: 'accepted' }, at(30))).toBeNull();
  });
});
