/**
 * Auto-accept looks at the order again right before calling the platform: an order staff
 * accepted or cancelled while it waited, or that Meituan cancelled by a push, is not confirmed
 * (a second confirm is an error at best, and confirming a cancelled order is worse). Counted at
 * the sandbox platform's API.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { OrderLog, startFixture, type Fixture } from '../support/desk-fixture.js';
import type { Order } from '../../shared/order.js';

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

type Meddle = (fx: Fixture, key: string, orderId: string) => Promise<unknown>;

async function confirmsAfter(meddle: Meddle): Promise<{ confirms: number; status: string; order: Order }> {
  fx = await startFixture({ stores: [{ id: 'store-1', name: '湘北人家', autoAccept: true, autoAcceptDelaySeconds: 1 }] });
  const f = fx;
  const confirms: string[] = [];
  f.sandbox.on('api', (call: { path: string; params: Record<string, string> }) => {
    if (call.path === '/waimai/order/confirm') confirms.push(call.params['orderId'] ?? '');
  });
  const log = new OrderLog(f.desk);
  const orderId = await f.sandbox.pushNewOrder('store-1');
  const key = `meituan:${orderId}`;
  await log.waitFor((o) => o.orderId === orderId && o.autoAccept?.state === 'waiting');
  await meddle(f, key, orderId);
  await log.waitFor((o) => o.orderId === orderId && (o.autoAccept?.state === 'done' || o.autoAccept?.state === 'failed'));
  const order = (await f.desk.getOrder(key))!;
  return { confirms: confirms.filter((id) => id === orderId).length, status: order.status, order };
}

describe('auto-accept re-checks the order before confirming', () => {
  it('does not confirm an order staff accepted while it waited', async () => {
    const r = await confirmsAfter((f, key) => f.desk.accept(key));
    expect(r.status).toBe('accepted');
    expect(r.confirms).toBe(1); // staff's own
    // Its history says why in staff words, not the machine word 「accepted」.
    const done = r.order.events.find((e) => e.type === 'auto-accept:done');
    expect(done?.detail).toBe('订单已是「已接单」，无需自动接单');
  });

  it('does not confirm an order staff cancelled while it waited', async () => {
    const r = await confirmsAfter(async (f, key) => {
      const [reason] = await f.desk.cancelReasons('meituan');
      return f.desk.cancel(key, reason!.code, reason!.zh);
    });
    expect(r.status).toBe('cancelled');
    expect(r.confirms).toBe(0);
  });

  it('does not confirm an order Meituan cancelled by a push while it waited', async () => {
    const log = { cancelled: false };
    const r = await confirmsAfter(async (f, key, orderId) => {
      const res = await f.sandbox.cancel(orderId, '1001', '用户取消');
      log.cancelled = res.ok;
      expect((await f.desk.getOrder(key))?.status).toBe('cancelled');
    });
    expect(log.cancelled).toBe(true);
    expect(r.status).toBe('cancelled');
    expect(r.confirms).toBe(0);
  });
});

describe('auto-accept across a stop', () => {
  it('finishes and journals an attempt under way when the desk stops, so a restart does not confirm again', async () => {
    fx = await startFixture({ stores: [{ id: 'store-1', name: '湘北人家', autoAccept: true, autoAcceptDelaySeconds: 0 }] });
    const f = fx;
    const confirms: string[] = [];
    f.sandbox.on('api', (call: { path: string; params: Record<string, string> }) => {
      if (call.path === '/waimai/order/confirm') confirms.push(call.params['orderId'] ?? '');
    });
    const log = new OrderLog(f.desk);
    const orderId = await f.sandbox.pushNewOrder('store-1');
    // "trying" is journaled right before the platform call: stop while that call is out.
    await log.waitFor((o) => o.orderId === orderId && o.autoAccept?.state === 'trying');
    const desk = await f.restart();
    log.follow(desk);
    const after = await desk.getOrder(`meituan:${orderId}`);
    expect(after?.status).toBe('accepted');
    expect(after?.autoAccept?.state).toBe('done');
    expect(confirms.filter((id) => id === orderId)).toHaveLength(1);
  });
});
