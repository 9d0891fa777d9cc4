import { describe, expect, it } from 'vitest';
import {
  availableActions,
  countTabs,
  matchesSearch,
  oldestNewOrder,
  ordersOfTab,
  prepUrgencyOf,
  isFinishedOrder,
  searchOrders,
  sortForTab,
  tabOf,
  ordersInGroup,
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
      reminder: 0,
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
    expect(countTabs(orders)).toEqual({ new: 2, preorder: 0, preparing: 1, delivering: 0, reminder: 0, completed: 1, refund: 2 });
  });

  it('marks tabs that hold an unseen alert or an order that owes an action', () => {
    const alerted = fakeOrder({
      status: 'accepted',
      attention: { reason: 'new-order', since: '2026-11-25T04:00:00.000Z' },
    });
    const seenDone = fakeOrder({ orderId: '8', status: 'completed', attention: null });
    expect([...tabsNeedingAttention([alerted, seenDone])]).toEqual(['preparing']);
    // A new order acknowledged but not accepted still owes: its tab stays marked.
    expect([...tabsNeedingAttention([fakeOrder({ orderId: '9', attention: null })])]).toEqual(['new']);
  });

  it('the orders behind a strip count are exactly the ones it counted', () => {
    const owed = fakeOrder({ orderId: '1', attention: null });
    const accepted = fakeOrder({
      orderId: '2',
      status: 'accepted',
      attention: { reason: 'new-order', since: '2026-11-25T04:00:00.000Z' },
    });
    // Same tab (新订单), another count: a failed auto-accept is not behind 「待接单」.
    const failed = fakeOrder({ orderId: '3', flags: ['auto-accept-failed'] });
    expect(ordersInGroup([owed, accepted, failed], 'owed', 'new-order').map((o) => o.key)).toEqual([owed.key]);
    expect(ordersInGroup([owed, accepted, failed], 'owed', 'auto-accept-failed').map((o) => o.key)).toEqual([failed.key]);
    expect(ordersInGroup([owed, accepted], 'info', 'auto-accepted').map((o) => o.key)).toEqual([accepted.key]);
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

  it('understands full-width digits, 12号, 「12号」 and a platform prefix', () => {
    for (const q of ['７', '＃７', '7号', '「7号」', '「７号」', '美#7', '美团 #7', '第7单', 'MT#7']) {
      expect(matchesSearch(seven, q), q).toBe(true);
      expect(matchesSearch(seventeen, q), q).toBe(false);
    }
    expect(matchesSearch(seventeen, '17号')).toBe(true);
    expect(matchesSearch(seven, '饿#7')).toBe(false); // a Meituan order is not Eleme's #7
    expect(matchesSearch(seventeen, '５６７８')).toBe(true); // phone tail, full-width
  });

  it('finds a customer by name and an order by a dish', () => {
    const named = fakeOrder({
      daySeq: 3,
      customer: { ...seven.customer, name: '王先生' },
      items: [{ ...seven.items[0]!, name: '宫保鸡丁盖饭' }],
    });
    expect(matchesSearch(named, '王先生')).toBe(true);
    expect(matchesSearch(named, '宫保')).toBe(true);
    expect(matchesSearch(named, '鱼香')).toBe(false);
    expect(matchesSearch(seven, '王先生')).toBe(false);
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

describe('the rush', () => {
  const acceptedAt = '2026-11-25T04:00:00.000Z';
  const accepted = fakeOrder({
    status: 'accepted',
    events: [
      { at: '2026-11-25T03:58:00.000Z', type: 'pushed:new', source: 'push', detail: '', seq: 1, status: 'new', fingerprint: 'a' },
      { at: acceptedAt, type: 'api:confirm', source: 'staff', detail: '', seq: 2, status: 'accepted', fingerprint: 'b' },
    ],
  });
  const at = (minutes: number): number => Date.parse(acceptedAt) + minutes * 60_000;

  it('times an accepted order from its acceptance, in the waiting colours', () => {
    expect(prepUrgencyOf(accepted, at(3))).toEqual({ minutes: 3, urgency: 'ok' });
    expect(prepUrgencyOf(accepted, at(16))).toEqual({ minutes: 16, urgency: 'warn' });
    expect(prepUrgencyOf(accepted, at(30))).toEqual({ minutes: 30, urgency: 'late' });
    expect(prepUrgencyOf(fakeOrder({ status: 'new' }), at(30))).toBeNull();
    expect(prepUrgencyOf({ ...accepted, status: 'delivering' }, at(30))).toBeNull();
  });

  it('takes the oldest new order for the keyboard, and folds only finished orders', () => {
    const older = fakeOrder({ orderId: 'a', createdAt: '2026-11-25T03:00:00.000Z' });
    const newer = fakeOrder({ orderId: 'b', createdAt: '2026-11-25T03:05:00.000Z' });
    expect(oldestNewOrder([newer, accepted, older])?.orderId).toBe('a');
    expect(oldestNewOrder([accepted])).toBeNull();
    expect(isFinishedOrder(fakeOrder({ status: 'completed' }))).toBe(true);
    expect(isFinishedOrder(fakeOrder({ status: 'cancelled' }))).toBe(true);
    expect(isFinishedOrder(accepted)).toBe(false);
    expect(
      isFinishedOrder(
        fakeOrder({
          status: 'completed',
          refund: { state: 'requested', reason: '', partial: false, amountCents: null, items: [] },
        }),
      ),
    ).toBe(false);
  });
});
