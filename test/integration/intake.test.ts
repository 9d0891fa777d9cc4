/**
 * Sandbox → receiver → store → auto-accept → sandbox API, over real HTTP on loopback
 * (the whole intake path). What a shop would notice: the order shows up once, complete and exact,
 * is accepted through the platform, and everything after it lands on the same record.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../../shared/order.js';
import { OrderLog, startFixture, type Fixture } from '../support/desk-fixture.js';

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

const yuanToCents = (y: number): number => Math.round(y * 100);

describe('a Meituan order from push to accepted', () => {
  it('stores the pushed order field by field and accepts it through the API', async () => {
    fx = await startFixture();
    const log = new OrderLog(fx.desk);
    const orderId = await fx.sandbox.pushNewOrder('store-1', { caution: '少辣，不要香菜', recipientAddress: '望城坡小区3栋502@#湖南省长沙市岳麓区望城坡' });
    const accepted = await log.waitFor((o) => o.orderId === orderId && o.status === 'accepted' && o.autoAccept?.state === 'done');
    const platformSide = fx.sandbox.getOrder(orderId)!;

    // The platform saw exactly one confirm and now has the order confirmed.
    expect(platformSide.apiCalls.filter((c) => c.path === '/waimai/order/confirm')).toHaveLength(1);
    expect(platformSide.times.status).toBe(4);

    const input = platformSide.input;
    expect(BigInt(orderId) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(accepted.key).toBe(`meituan:${orderId}`);
    expect(accepted.orderId).toBe(input.orderId);
    expect(accepted.storeId).toBe('store-1');
    expect(accepted.daySeq).toBe(Number(input.daySeq));
    expect(accepted.note).toBe('少辣，不要香菜');
    expect(accepted.customer.address).toBe('望城坡小区3栋502');
    expect(accepted.customer.addressGeo).toBe('湖南省长沙市岳麓区望城坡');
    expect(accepted.customer.phone).toBe(input.recipientPhone);
    expect(accepted.items.map((i) => [i.name, i.quantity, i.priceCents, i.spec])).toEqual(
      input.dishes.map((d) => [d.name, d.quantity, yuanToCents(d.price), d.spec]),
    );
    expect(accepted.shippingFeeCents).toBe(yuanToCents(input.shippingFee));
    expect(accepted.flags).toEqual([]);
    expect(accepted.attention?.reason).toBe('new-order');
    expect(accepted.businessDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // One record, its history in order: pushed, auto-accept steps, the API call.
    const types = accepted.events.map((e) => e.type);
    expect(types[0]).toBe('pushed:new');
    expect(types).toContain('api:confirm');
    expect(types.at(-1)).toBe('auto-accept:done');

    // The platform then pushes the confirmed order; it lands on the same record.
    const confirmedPush = await log.waitFor((o) => o.orderId === orderId && o.events.some((e) => e.type === 'pushed:confirmed'));
    expect(confirmedPush.status).toBe('accepted');
    const all = await fx.desk.listOrders(accepted.businessDay);
    expect(all.filter((o) => o.orderId === orderId)).toHaveLength(1);
  });

  it('ignores a duplicate push and never moves an order backwards on a late one', async () => {
    fx = await startFixture({ stores: [{ id: 'store-1', name: '湘北人家', autoAccept: false }] });
    const log = new OrderLog(fx.desk);
    const orderId = await fx.sandbox.pushNewOrder('store-1');
    const created = await log.waitFor((o) => o.orderId === orderId);
    const newFields = Object.fromEntries(Object.entries(created.raw).map(([k, v]) => [k, String(v)]));

    await fx.sandbox.confirmFromMerchantApp(orderId);
    const confirmed = await log.waitFor((o) => o.orderId === orderId && o.status === 'accepted');
    const eventsBefore = confirmed.events.length;

    // The same new-order push again, late (after the confirmed one): nothing changes.
    const { sign: _sign, ...unsigned } = newFields;
    const again = await fx.sandbox.push('/meituan/order/new', unsigned);
    expect(again.ok).toBe(true);
    const stored = (await fx.desk.getOrder(`meituan:${orderId}`))!;
    expect(stored.status).toBe('accepted');
    expect(stored.events).toHaveLength(eventsBefore);
    expect((await fx.desk.listOrders(stored.businessDay)).filter((o) => o.orderId === orderId)).toHaveLength(1);
  });

  it('retries a failed accept with backoff and succeeds', async () => {
    fx = await startFixture();
    const log = new OrderLog(fx.desk);
    fx.sandbox.failNext('/waimai/order/confirm', 2);
    const orderId = await fx.sandbox.pushNewOrder('store-1');
    const done = await log.waitFor((o) => o.orderId === orderId && o.autoAccept?.state === 'done');
    expect(done.status).toBe('accepted');
    expect(done.autoAccept?.attempts).toBe(3);
    expect(done.events.filter((e) => e.type === 'auto-accept:waiting').length).toBeGreaterThanOrEqual(2);
    expect(fx.sandbox.getOrder(orderId)!.times.status).toBe(4);
  });

  it('flags a persistent accept failure loudly and leaves the order for staff', async () => {
    fx = await startFixture({ autoAcceptRetryDelaysMs: [20, 20] });
    const log = new OrderLog(fx.desk);
    fx.sandbox.failNext('/waimai/order/confirm', 10);
    const orderId = await fx.sandbox.pushNewOrder('store-1');
    const failed = await log.waitFor((o) => o.orderId === orderId && o.autoAccept?.state === 'failed');
    expect(failed.status).toBe('new');
    expect(failed.flags).toContain('auto-accept-failed');
    expect(failed.attention?.reason).toBe('auto-accept-failed');
    expect(failed.autoAccept?.lastError).toMatch(/美团/);
    expect(fx.sandbox.getOrder(orderId)!.times.status).toBe(2);
  });

  it('follows cancellation and refund pushes, and agrees a refund through the API', async () => {
    fx = await startFixture();
    const log = new OrderLog(fx.desk);
    const a = await fx.sandbox.pushNewOrder('store-1');
    await log.waitFor((o) => o.orderId === a && o.status === 'accepted');
    await fx.desk.acknowledge(`meituan:${a}`);
    await fx.sandbox.refund(a, 'apply', '餐品洒了');
    const asked = await log.waitFor((o) => o.orderId === a && o.refund?.state === 'requested');
    expect(asked.refund?.reason).toBe('餐品洒了');
    expect(asked.attention?.reason).toBe('refund-requested');

    const agreed = await fx.desk.agreeRefund(`meituan:${a}`, '同意退款');
    expect(agreed.refund?.state).toBe('agreed');
    expect(fx.sandbox.getOrder(a)!.apiCalls.some((c) => c.path === '/waimai/order/agreeRefund')).toBe(true);
    // The platform's own agree push cancels the order.
    await log.waitFor((o) => o.orderId === a && o.status === 'cancelled');

    const b = await fx.sandbox.pushNewOrder('store-1');
    await log.waitFor((o) => o.orderId === b && o.status === 'accepted');
    await fx.sandbox.cancel(b, '2006', '用户要求取消');
    const cancelled = await log.waitFor((o) => o.orderId === b && o.status === 'cancelled');
    expect(cancelled.attention?.reason).toBe('cancelled');
    expect(cancelled.events.at(-1)?.detail).toContain('用户要求取消');
  });

  it('keeps and flags an order for a store this shop does not know', async () => {
    fx = await startFixture();
    const log = new OrderLog(fx.desk);
    const orderId = await fx.sandbox.pushNewOrder('store-nobody-knows');
    const kept: Order = await log.waitFor((o) => o.orderId === orderId);
    expect(kept.flags).toContain('unknown-store');
    expect(kept.attention?.reason).toBe('new-order');
    expect(kept.status).toBe('new');
  });

  it('resumes a pending auto-accept after a restart and keeps every order', async () => {
    fx = await startFixture({ stores: [{ id: 'store-1', name: '湘北人家', autoAccept: true, autoAcceptDelaySeconds: 1 }] });
    const log = new OrderLog(fx.desk);
    const orderId = await fx.sandbox.pushNewOrder('store-1');
    await log.waitFor((o) => o.orderId === orderId && o.autoAccept?.state === 'waiting');
    const desk = await fx.restart();
    log.follow(desk);
    const before = await desk.getOrder(`meituan:${orderId}`);
    expect(before?.status).toBe('new');
    const done = await log.waitFor((o) => o.orderId === orderId && o.autoAccept?.state === 'done');
    expect(done.status).toBe('accepted');
    expect(fx.sandbox.getOrder(orderId)!.apiCalls.filter((c) => c.path === '/waimai/order/confirm')).toHaveLength(1);
  });
});
