/** The desk's 出餐 rules before calling, in staff's words (the integration tests run them through both sandboxes). */
import { describe, expect, it } from 'vitest';
import type { Order } from '../../../shared/order.js';
import { prepareRefusal } from '../../../electron/core/floor/prepare.js';

const TZ = 'Asia/Shanghai';
const ACCEPTED = '2026-12-02T06:00:00.000Z';
const MEITUAN = { minAfterAcceptMs: 60_000, preOrderLeadMs: 3_600_000 };

function order(o: Partial<Order> = {}): Order {
  return {
    status: 'accepted',
    pickup: false,
    preOrder: false,
    deliveryTime: null,
    delivery: { code: '1001', name: '美团专送', statusCode: null, statusText: '', riderName: '', riderPhone: '', selfDelivery: false },
    prepared: null,
    events: [{ at: ACCEPTED, type: 'api:confirm', source: 'staff', detail: '', seq: 1, status: 'accepted', fingerprint: 'a' }],
    ...o,
  } as Order;
}

const at = (iso: string): number => Date.parse(iso);

describe('prepareRefusal', () => {
  it('the first minute, counted down in seconds; after it, nothing', () => {
    expect(prepareRefusal(order(), MEITUAN, at('2026-12-02T06:00:20.000Z'), TZ)).toBe('接单不到 1 分钟，平台不允许出餐，请 40 秒后再点');
    expect(prepareRefusal(order(), MEITUAN, at('2026-12-02T06:01:00.000Z'), TZ)).toBeNull();
  });

  it('a Meituan pre-order: from its reminder time (an hour before delivery) + 1 minute, said on the shop’s clock', () => {
    const pre = order({ preOrder: true, deliveryTime: '2026-12-02T10:00:00.000Z' });
    expect(prepareRefusal(pre, MEITUAN, at('2026-12-02T06:30:00.000Z'), TZ)).toBe('预订单要到 17:01 才能出餐（送达前 1 小时起），请到时再点');
    expect(prepareRefusal(pre, MEITUAN, at('2026-12-02T09:01:00.000Z'), TZ)).toBeNull();
    // A platform without that rule: the minute only.
    expect(prepareRefusal(pre, { minAfterAcceptMs: 60_000 }, at('2026-12-02T06:30:00.000Z'), TZ)).toBeNull();
  });

  it('picked up, self-delivery, cancelled, not accepted, twice; a pickup order takes its local mark at once', () => {
    const now = at('2026-12-02T06:10:00.000Z');
    const d = order().delivery!;
    expect(prepareRefusal(order({ delivery: { ...d, stage: 'picked-up' } }), MEITUAN, now, TZ)).toBe('骑手已取餐，无需出餐');
    expect(prepareRefusal(order({ status: 'delivering' }), MEITUAN, now, TZ)).toBe('骑手已取餐，无需出餐');
    expect(prepareRefusal(order({ delivery: { ...d, selfDelivery: true } }), MEITUAN, now, TZ)).toBe('自配送订单不用在平台出餐：送出时点「开始配送」');
    expect(prepareRefusal(order({ status: 'cancelled' }), MEITUAN, now, TZ)).toBe('订单已取消，不能出餐');
    expect(prepareRefusal(order({ status: 'new' }), MEITUAN, now, TZ)).toBe('请先接单，再出餐');
    expect(prepareRefusal(order({ prepared: { at: '2026-12-02T06:03:00.000Z', by: 'auto' } }), MEITUAN, now, TZ)).toBe('这单已经出餐了（14:03），无需再点');
    const pickup = order({ pickup: true, delivery: { ...d, selfDelivery: true } });
    expect(prepareRefusal(pickup, MEITUAN, at('2026-12-02T06:00:05.000Z'), TZ)).toBeNull();
    expect(prepareRefusal({ ...pickup, prepared: { at: '2026-12-02T06:03:00.000Z', by: 'staff' } }, MEITUAN, now, TZ)).toBe('这单已经备好了（14:03），无需再点');
  });
});
