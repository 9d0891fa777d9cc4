import { describe, expect, it } from 'vitest';
import type { Order, OrderRefund } from '../../../shared/order.js';
import { acceptDeadline, infoReason, owedReason } from '../../../shared/owed.js';
import { fakeOrder } from './fake-order.js';

const refund = (over: Partial<OrderRefund> = {}): OrderRefund => ({
  state: 'requested',
  reason: '',
  partial: false,
  amountCents: null,
  items: [],
  ...over,
});
const since = '2026-11-25T04:00:00.000Z';

describe('what is owed comes from the order, not from the alert', () => {
  it('a new order owes an accept whether or not it was acknowledged', () => {
    expect(owedReason(fakeOrder({ status: 'new', attention: null }))).toBe('new-order');
    expect(owedReason(fakeOrder({ status: 'new', attention: { reason: 'new-order', since } }))).toBe(
      'new-order',
    );
    expect(owedReason(fakeOrder({ status: 'accepted' }))).toBeNull();
  });

  it('a failed auto-accept, a refund and a cancel request each owe their own action', () => {
    expect(owedReason(fakeOrder({ status: 'new', flags: ['auto-accept-failed'] }))).toBe(
      'auto-accept-failed',
    );
    expect(owedReason(fakeOrder({ status: 'accepted', refund: refund() }))).toBe('cancel-request');
    expect(owedReason(fakeOrder({ status: 'accepted', refund: refund({ partial: true }) }))).toBe('refund');
    expect(owedReason(fakeOrder({ status: 'delivering', refund: refund() }))).toBe('refund');
    expect(owedReason(fakeOrder({ status: 'delivering', refund: refund({ state: 'agreed' }) }))).toBeNull();
    expect(owedReason(fakeOrder({ platform: 'union', status: 'new' } as Partial<Order>))).toBeNull();
  });

  it('a 催单 waiting for its reply is information, not owed; replied, it is nothing', () => {
    const hurried = fakeOrder({
      platform: 'eleme',
      status: 'accepted',
      flags: ['reminder'],
      reminder: { id: 'r1', at: since, replied: false },
      attention: { reason: 'reminder', since },
    });
    expect(owedReason(hurried)).toBeNull();
    expect(infoReason(hurried)).toBe('reminder');
    expect(infoReason({ ...hurried, reminder: { id: 'r1', at: since, replied: true } })).toBeNull();
    // On a new order the accept is owed first; the 催单 shows on the card meanwhile.
    expect(owedReason({ ...hurried, status: 'new' })).toBe('new-order');
  });

  it('information is an unseen alert on an order that owes nothing', () => {
    const accepted = fakeOrder({ status: 'accepted', attention: { reason: 'new-order', since } });
    expect(infoReason(accepted)).toBe('auto-accepted');
    expect(infoReason({ ...accepted, attention: null })).toBeNull();
    expect(infoReason(fakeOrder({ status: 'cancelled', attention: { reason: 'cancelled', since } }))).toBe(
      'cancelled',
    );
    expect(infoReason(fakeOrder({ status: 'new', attention: { reason: 'new-order', since } }))).toBeNull();
  });

  it('the accept deadline is the platform window after creation, only while an accept is owed', () => {
    const o = fakeOrder({ status: 'new', createdAt: since });
    expect(acceptDeadline(o, { meituan: 5 })).toBe(Date.parse(since) + 5 * 60_000);
    expect(acceptDeadline({ ...o, status: 'accepted' }, { meituan: 5 })).toBeNull();
  });
});
