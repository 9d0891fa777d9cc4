import { describe, expect, it } from 'vitest';
import { interpretElemePulled } from '../../../../electron/core/platforms/eleme/interpret.js';
import { elemeDeliveryMayFollow } from '../../../../electron/core/platforms/eleme/push-codes.js';
import { ORDER_ID, ORDER_TEXT, SHOP_ID, body, envelope, receive, rejection, updateOf } from './helpers.js';

const state = (s: string, role = 3) => body({ orderId: ORDER_ID, state: s, shopId: 168000001, updateTime: 1764646140, role });
const refundBody = (extra: Record<string, unknown> = {}) =>
  body({
    orderId: ORDER_ID,
    refundStatus: 'applied',
    reason: '商品少送了',
    shopId: 168000001,
    goodsList: [{ name: '米饭', quantity: 2, price: 5.0 }],
    refundType: 'normal',
    totalPrice: 68.9,
    updateTime: 1764646200,
    ...extra,
  });

describe('eleme new orders', () => {
  it('type 10: the full order as a snapshot, its store from openId, the shop id kept', () => {
    const effects = receive(envelope({ type: 10, message: ORDER_TEXT }));
    expect(effects).toHaveLength(1);
    const u = updateOf(envelope({ type: 10, message: ORDER_TEXT }));
    expect(u).toMatchObject({
      kind: 'snapshot',
      platform: 'eleme',
      orderId: ORDER_ID,
      storeId: 'store-1',
      platformStoreId: SHOP_ID,
      eventType: 'pushed:new',
      at: '2026-12-02T03:28:52.000Z',
    });
    if (u.kind !== 'snapshot') throw new Error('snapshot expected');
    expect(u.snapshot.items).toHaveLength(4);
    expect(u.snapshot.raw.message).toBe(ORDER_TEXT);
  });

  it('type 217 with only ids: a new order to ring about, kept partial, and a fetch of the full order', () => {
    const effects = receive(envelope({ type: 217, message: body({ id: ORDER_ID, shopId: 168000001 }) }));
    expect(effects).toEqual([
      {
        kind: 'order',
        update: {
          kind: 'status',
          status: 'new',
          platform: 'eleme',
          orderId: ORDER_ID,
          storeId: '',
          platformStoreId: SHOP_ID,
          eventType: 'pushed:new',
          detail: '新订单只含核心字段：正在向饿了么查询完整订单',
          at: '2025-12-02T03:28:52.053Z',
        },
      },
      { kind: 'fetch', platform: 'eleme', orderIds: [ORDER_ID], storeId: '', platformStoreId: SHOP_ID, reason: 'core-fields' },
    ]);
  });

  it('type 217 with its dishes: shown at once from its core fields, and a fetch of the full order asked for', () => {
    const core = body({ id: ORDER_ID, orderId: ORDER_ID, shopId: 168000001, daySn: 8, status: 'unprocessed', totalAmount: 68.9, income: 55.32, groups: [] });
    const effects = receive(envelope({ type: 217, message: core }));
    expect(effects.map((e) => e.kind)).toEqual(['order', 'fetch']);
    expect(effects[1]).toEqual({ kind: 'fetch', platform: 'eleme', orderIds: [ORDER_ID], storeId: '', platformStoreId: SHOP_ID, reason: 'core-fields' });
    const first = effects[0];
    if (first?.kind !== 'order' || first.update.kind !== 'snapshot') throw new Error('snapshot expected');
    expect(first.update.snapshot.daySeq).toBe(8);
    expect(first.update.snapshot.status).toBe('new');
    expect(first.update.detail).toMatch(/查询完整订单/);
  });

  it('a downgraded type 10 asks for the full order again', () => {
    const effects = receive(envelope({ type: 10, message: ORDER_TEXT.replace('"downgraded":false', '"downgraded":true') }));
    expect(effects.map((e) => (e.kind === 'fetch' ? e.reason : e.kind))).toEqual(['order', 'downgraded']);
  });

  it('an order fetched from the API merges with the push: same key, same store, same items', () => {
    const pushed = updateOf(envelope({ type: 10, message: ORDER_TEXT }));
    const pulled = interpretElemePulled(ORDER_TEXT);
    expect(pulled).toMatchObject({ kind: 'snapshot', orderId: ORDER_ID, storeId: 'store-1', platformStoreId: SHOP_ID, eventType: 'pulled' });
    if (pulled.kind !== 'snapshot' || pushed.kind !== 'snapshot') throw new Error('snapshots expected');
    expect(pulled.snapshot.items).toEqual(pushed.snapshot.items);
    expect(interpretElemePulled(ORDER_TEXT)).toEqual(pulled);
  });

  it('a new-order message that is not JSON or has no id is refused, naming why', () => {
    expect(rejection(() => receive(envelope({ type: 10, message: '{"id":' }))).reason).toMatch(/field message is not valid JSON/);
    expect(rejection(() => receive(envelope({ type: 10, message: '{"shopId":1}' }))).reason).toMatch(/no id/);
    expect(rejection(() => receive(envelope({ type: 10, message: '' }))).reason).toMatch(/missing field message/);
  });
});

describe('eleme order state changes', () => {
  it.each([
    [12, 'accepted', 'pushed:confirmed'],
    [14, 'cancelled', 'cancelled'],
    [17, 'cancelled', 'cancelled'],
    [18, 'completed', 'pushed:finished'],
  ] as const)('type %i → %s', (type, status, eventType) => {
    const u = updateOf(envelope({ type, message: state(type === 18 ? 'settled' : type === 12 ? 'valid' : 'invalid') }));
    expect(u).toMatchObject({ kind: 'status', status, eventType, orderId: ORDER_ID, platformStoreId: SHOP_ID, at: '2025-12-02T03:29:00.000Z' });
  });

  it('15 cancels the order and settles an open cancel request as agreed (the platform agreed for the shop)', () => {
    const u = updateOf(envelope({ type: 15, message: state('invalid', 2) }));
    expect(u).toMatchObject({ kind: 'refund', status: 'cancelled', eventType: 'cancelled', at: '2025-12-02T03:29:00.000Z' });
    if (u.kind !== 'refund') throw new Error('refund expected');
    expect(u.refund).toMatchObject({ state: 'agreed', partial: false });
    expect(u.detail).toBe('订单已置为无效 · 操作方：饿了么系统');
  });

  it('says who did it, and a state word that disagrees with the type', () => {
    const u = updateOf(envelope({ type: 12, message: state('settled', 5) }));
    expect(u.detail).toBe('商家已接单 · 操作方：开放平台系统 · 平台状态 settled');
    if (u.kind !== 'status') throw new Error('status expected');
    expect(u.status).toBe('accepted');
  });

  it('a state change without orderId is refused', () => {
    expect(rejection(() => receive(envelope({ type: 12, message: body({ state: 'valid' }) }))).reason).toMatch(/no orderId/);
  });
});

describe('eleme cancel requests and refunds', () => {
  it.each([
    [20, 'requested', 'refund:requested', undefined],
    [21, 'withdrawn', 'refund:withdrawn', undefined],
    [22, 'rejected', 'refund:rejected', undefined],
    [23, 'agreed', 'refund:agreed', 'cancelled'],
    [25, 'agreed', 'refund:agreed', 'cancelled'],
    [26, 'rejected', 'refund:rejected', undefined],
    [30, 'requested', 'refund:requested', undefined],
    [31, 'withdrawn', 'refund:withdrawn', undefined],
    [32, 'rejected', 'refund:rejected', undefined],
    [33, 'agreed', 'refund:agreed', 'cancelled'],
    [35, 'agreed', 'refund:agreed', 'cancelled'],
    [36, 'rejected', 'refund:rejected', undefined],
  ] as const)('type %i → refund %s', (type, refundState, eventType, status) => {
    const u = updateOf(envelope({ type, message: refundBody() }));
    if (u.kind !== 'refund') throw new Error('refund expected');
    expect(u.eventType).toBe(eventType);
    expect(u.status).toBe(status);
    expect(u.refund).toEqual({
      state: refundState,
      reason: '商品少送了',
      partial: false,
      amountCents: 6890,
      items: [{ name: '米饭', quantity: 2, refundCents: 500 }],
    });
  });

  it('an arbitration request keeps the refund refused, with the customer’s appeal as its reason', () => {
    for (const type of [24, 34]) {
      const u = updateOf(envelope({ type, message: refundBody({ reason: '商家拒绝不合理' }) }));
      if (u.kind !== 'refund') throw new Error('refund expected');
      expect(u.refund.state).toBe('rejected');
      expect(u.refund.reason).toBe('顾客已申请饿了么客服仲裁：商家拒绝不合理');
    }
  });

  it('a part refund carries its items and amount, and an agreed one does not cancel the order', () => {
    const ask = updateOf(envelope({ type: 30, message: refundBody({ refundType: 'part', totalPrice: 5.0 }) }));
    if (ask.kind !== 'refund') throw new Error('refund expected');
    expect(ask.eventType).toBe('part-refund:requested');
    expect(ask.refund).toMatchObject({ partial: true, amountCents: 500, state: 'requested' });
    const agreed = updateOf(envelope({ type: 33, message: refundBody({ refundType: 'part', totalPrice: 5.0 }) }));
    if (agreed.kind !== 'refund') throw new Error('refund expected');
    expect(agreed.refund.state).toBe('agreed');
    expect(agreed.status).toBeUndefined();
  });

  it('type 39 (part cancel during fulfilment) is an agreed part refund', () => {
    const u = updateOf(envelope({ type: 39, message: refundBody({ refundType: 'part', totalPrice: 19.9 }) }));
    if (u.kind !== 'refund') throw new Error('refund expected');
    expect(u.refund).toMatchObject({ state: 'agreed', partial: true, amountCents: 1990 });
    expect(u.status).toBeUndefined();
  });
});

describe('eleme reminders (催单)', () => {
  it('45 flags the order with the reminder id the reply needs; 46 records the reply', () => {
    const asked = updateOf(envelope({ type: 45, message: body({ orderId: ORDER_ID, remindId: '7000000000000000003', shopId: 168000001 }) }));
    expect(asked).toMatchObject({ kind: 'reminder', orderId: ORDER_ID, eventType: 'reminder', reminder: { id: '7000000000000000003', replied: false } });
    const replied = updateOf(envelope({ type: 46, message: body({ orderId: ORDER_ID, reminderId: '7000000000000000003', content: '已出餐' }) }));
    expect(replied).toMatchObject({ kind: 'reminder', eventType: 'reminder:replied', reminder: { id: '7000000000000000003', replied: true } });
    expect(replied.detail).toMatch(/已出餐/);
  });

  it('a reminder naming no order is kept in the journal only (answered ok, nothing to show)', () => {
    expect(receive(envelope({ type: 45, message: body({ remindId: '1' }) }))).toEqual([]);
  });
});

describe('eleme delivery states', () => {
  const waybill = (extra: Record<string, unknown> = {}) =>
    body({ orderId: ORDER_ID, shopId: 168000001, state: 'delivering', subState: 'noSubstate', name: '张师傅', phone: '13900000000', updateAt: 1764646500123, ...extra });

  it('55 picked up → delivering, with the rider; the time is in ms', () => {
    const u = updateOf(envelope({ type: 55, message: waybill() }));
    expect(u).toMatchObject({
      kind: 'delivery',
      eventType: 'shipping:55',
      status: 'delivering',
      at: '2025-12-02T03:35:00.123Z',
      delivery: { statusCode: 55, statusText: '骑手配送中', riderName: '张师傅', riderPhone: '13900000000' },
    });
  });

  it('56 delivered → completed; 53 and 60 change no status; 71 is self-delivery', () => {
    const done = updateOf(envelope({ type: 56, message: waybill({ state: 'completed' }) }));
    if (done.kind !== 'delivery') throw new Error('delivery expected');
    expect(done.status).toBe('completed');
    const fetching = updateOf(envelope({ type: 53, message: waybill({ state: 'tobeFetched' }) }));
    if (fetching.kind !== 'delivery') throw new Error('delivery expected');
    expect(fetching.status).toBeUndefined();
    const late = updateOf(envelope({ type: 60, message: waybill({ state: 'exception', subState: 'merchantCallLateError', remark: '呼叫晚了' }) }));
    expect(late.detail).toMatch(/^配送失败：呼叫配送晚 张师傅 13900000000 呼叫晚了$/);
    const self = updateOf(envelope({ type: 71, message: waybill({ state: 'selfDelivery', name: '', phone: '' }) }));
    if (self.kind !== 'delivery') throw new Error('delivery expected');
    expect(self.delivery).toEqual({ statusCode: 71, statusText: '商家自行配送', selfDelivery: true, name: '商家自配送', stage: null });
    // Where the rider is, in staff's words.
    expect(fetching.delivery.stage).toBe('assigned');
    expect(done.delivery.stage).toBe('delivered');
    if (late.kind !== 'delivery') throw new Error('delivery expected');
    expect(late.delivery.stage).toBe('exception');
  });

  it('along the normal path a late state never moves back; a failure or cancel is always taken, and anything after it', () => {
    expect(elemeDeliveryMayFollow(null, 51)).toBe(true);
    expect(elemeDeliveryMayFollow(53, 55)).toBe(true);
    expect(elemeDeliveryMayFollow(55, 53)).toBe(false);
    expect(elemeDeliveryMayFollow(56, 52)).toBe(false);
    expect(elemeDeliveryMayFollow(55, 57)).toBe(true);
    expect(elemeDeliveryMayFollow(60, 52)).toBe(true);
    expect(elemeDeliveryMayFollow(54, 71)).toBe(true);
  });
});

describe('eleme authorization and other types', () => {
  it('100: unbind, naming the Eleme shop for the core to map to our stores', () => {
    const effects = receive(envelope({ type: 100, message: body({ shopId: 168000001, appId: 62933118, appName: '接单台', relieveOAuthTime: '2026-12-02T11:48:14' }) }));
    expect(effects).toEqual([{ kind: 'unbind', platform: 'eleme', storeIds: [], platformStoreIds: [SHOP_ID] }]);
  });

  it('a type we do not handle that names an order is kept on it as a notice', () => {
    const u = updateOf(envelope({ type: 218, message: body({ orderId: ORDER_ID, shopId: 168000001 }) }));
    expect(u).toMatchObject({ kind: 'notice', eventType: 'notice:eleme-218', orderId: ORDER_ID });
  });

  it('a shop-level type (audits, shop status) is answered ok and changes nothing', () => {
    expect(receive(envelope({ type: 221, message: body({ shopId: 168000001, status: 'pass' }) }))).toEqual([]);
    expect(receive(envelope({ type: 91, message: body({ shopId: 168000001 }) }))).toEqual([]);
  });

  it('91 with the shop\'s state: a store status for the store its shop serves (isOpen 1 open, 0 resting; a closed or holiday busyLevel is resting)', () => {
    const status = (message: Record<string, unknown>) => receive(envelope({ type: 91, message: body({ shopId: 168000001, ...message }) }));
    expect(status({ isOpen: 0, busyLevel: 'busyLevelClosed' })).toEqual([
      { kind: 'notice', platform: 'eleme', storeId: '', platformStoreId: SHOP_ID, type: 'poi-status', detail: '店铺休息中', storeState: 'resting', code: 0 },
    ]);
    expect(status({ isOpen: 1 })).toMatchObject([{ storeState: 'open', code: 1, detail: '店铺营业中' }]);
    expect(status({ isOpen: 1, busyLevel: 'busyLevelHoliday' })).toMatchObject([{ storeState: 'resting', detail: '店铺休假中' }]);
    expect(status({ isOpen: 7 })).toMatchObject([{ storeState: 'unknown', code: 7 }]);
  });
});
