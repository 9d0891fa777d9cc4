/**
 * The desk through the platform boundary: what staff see and send goes through each
 * platform's own module — cancel reasons with text codes that reach the platform's API as
 * chosen, the callback URLs labelled as the platform's console names them, nothing to cancel
 * with on a promotion platform, and a binding page only where stores bind.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DeskActionError } from '../../electron/core/api-schemas.js';
import { startFixture, type Fixture } from '../support/desk-fixture.js';

let fx: Fixture | null = null;
afterEach(async () => {
  await fx?.close();
  fx = null;
});

describe('the desk over the registry', () => {
  it('cancels with the platform’s own reason code, sent to its API as text, unchanged', async () => {
    fx = await startFixture({ stores: [{ id: 'store-1', name: '湘北人家', autoAccept: false }] });
    const f = fx;
    const reasons = await f.desk.cancelReasons('meituan');
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.every((r) => typeof r.code === 'string' && /^\d+$/.test(r.code))).toBe(true);
    const calls: Record<string, string>[] = [];
    f.sandbox.on('api', (call: { path: string; params: Record<string, string> }) => {
      if (call.path === '/waimai/order/cancel') calls.push(call.params);
    });
    const orderId = await f.sandbox.pushNewOrder('store-1');
    const chosen = reasons[1]!;
    const order = await f.desk.cancel(`meituan:${orderId}`, chosen.code, chosen.zh);
    expect(order.status).toBe('cancelled');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ orderId, reasonCode: chosen.code, reason: chosen.zh });
  });

  it('offers no cancel reasons for a promotion platform, and no binding page for it', async () => {
    fx = await startFixture();
    expect(await fx.desk.cancelReasons('union')).toEqual([]);
    await expect(fx.desk.bindUrl('union', 'store-1')).rejects.toBeInstanceOf(DeskActionError);
    // Where stores do bind, the page is the platform's own, behind a one-time link.
    expect(await fx.desk.bindUrl('meituan', 'store-1')).toMatch(/^\/binding\/[0-9a-f]{32}$/);
  });

  it('labels every callback URL as the platform’s console names it', async () => {
    fx = await startFixture();
    const urls = await fx.desk.callbackUrls();
    expect(urls.find((u) => u.path === '/meituan/order/new')).toMatchObject({ platform: 'meituan', label: '推送订单URL（新订单）' });
    expect(urls.find((u) => u.path === '/union/order')).toMatchObject({ platform: 'union', label: '美团联盟订单回推URL' });
    expect(urls.every((u) => u.label !== u.path)).toBe(true);
  });
});
