/**
 * An impossible platform time becomes the receipt time (the journal's `at`), flagged; a
 * plausible one — including a pre-order's delivery time days ahead — is left alone.
 */
import { describe, expect, it } from 'vitest';
import { applyUpdate, type FactContext } from '../../../electron/core/orders/reduce.js';
import { clampPlatformTimes, EARLIEST_PLATFORM_TIME } from '../../../electron/core/orders/plausible-time.js';
import type { OrderUpdate } from '../../../electron/core/orders/update.js';
import { NO_DELIVERY_FIELDS } from '../../../electron/core/orders/update.js';

const AT = '2026-11-25T04:00:00.000Z';
const ctx: FactContext = { seq: 1, at: AT, source: '/meituan/order/new', fingerprint: 'f', flags: [], dayOf: (iso) => iso.slice(0, 10) };

function update(createdAt: string, at = '', deliveryTime: string | null = null): OrderUpdate {
  return {
    kind: 'snapshot',
    platform: 'meituan',
    orderId: '1',
    storeId: 'store-1',
    eventType: 'pushed:new',
    detail: '',
    at,
    snapshot: {
      platform: 'meituan',
      orderId: '1',
      orderIdView: '1',
      storeId: 'store-1',
      storeName: '',
      daySeq: 1,
      status: 'new',
      items: [],
      totalCents: 0,
      originalCents: 0,
      ...NO_DELIVERY_FIELDS,
      deliveryTime,
      promotion: null,
      createdAt,
      raw: {},
    },
  };
}

describe('implausible platform times', () => {
  it.each([
    ['the year 11476', '+011476-03-01T00:00:00.000Z'],
    ['1970', '1970-01-01T00:00:01.000Z'],
    ['just before the window', '2014-12-31T23:59:59.000Z'],
    ['more than a day ahead', '2026-11-26T04:00:01.000Z'],
    ['not a time', 'garbage'],
  ])('files an order created in %s under the receipt time, flagged', (_what, createdAt) => {
    const r = applyUpdate(undefined, update(createdAt), ctx);
    expect(r.order.createdAt).toBe(AT);
    expect(r.order.businessDay).toBe('2026-11-25');
    expect(r.order.flags).toContain('time-implausible');
  });

  it('leaves plausible times alone: the window edges, and a pre-order delivering in a week', () => {
    for (const createdAt of [EARLIEST_PLATFORM_TIME, '2026-11-26T04:00:00.000Z', '2026-11-25T03:00:00.000Z']) {
      const r = applyUpdate(undefined, update(createdAt, '', '2026-12-02T04:00:00.000Z'), ctx);
      expect(r.order).toMatchObject({ createdAt, deliveryTime: '2026-12-02T04:00:00.000Z', flags: [] });
    }
  });

  it('also catches an impossible event time and delivery time', () => {
    expect(clampPlatformTimes(update('', '3000-01-01T00:00:00.000Z'), AT)).toMatchObject({ implausible: true, update: { at: AT } });
    expect(clampPlatformTimes(update('', '', '2027-06-01T00:00:00.000Z'), AT)).toMatchObject({ implausible: true, update: { snapshot: { deliveryTime: AT } } });
  });
});
