/**
 * The desk through the platform boundary: what staff see and send goes through each
 * platform's own module — cancel reasons with text codes that reach the platform's API as
 * chosen, the callback URLs labelled as the platform's console names them, nothing to cancel
 * with on a promotion platform, and a binding page only where stores bind.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../../shared/order.js';
import { DeskActionError } from '../../electron/core/api-schemas.js';
import { parseConfig } from '../../electron/core/config.js';
import { serve } from '../../electron/headless/cli.js';
import { startFixture, type Fixture } from '../support/desk-fixture.js';
import { quietLogger, tempDir, waitForEvent } from '../support/helpers.js';

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

  it('sandbox mode: simulate drives the platform’s sandbox, and says in words when there is nothing to act on', async () => {
    const { dir, cleanup } = await tempDir();
    const config = parseConfig({ stores: [{ id: 'shop-1', name: '测试店', autoAccept: false }] });
    const s = await serve({ dataDir: dir, config, sandbox: true, receiverPort: 0, consolePort: 0, tunnel: 'none', demoIntervalSeconds: 0 }, quietLogger);
    try {
      const refused = s.desk.simulate('cancel', 'shop-1');
      await expect(refused).rejects.toBeInstanceOf(DeskActionError);
      await expect(refused).rejects.toThrow('没有可以取消的订单');
      const created = waitForEvent<{ order: Order; created: boolean }>(s.desk, 'order-changed', (c) => c.created);
      await s.desk.simulate('new-order', 'shop-1');
      const { order } = await created;
      expect(order).toMatchObject({ platform: 'meituan', storeId: 'shop-1', status: 'new' });
      const cancelled = waitForEvent<{ order: Order }>(s.desk, 'order-changed', (c) => c.order.key === order.key && c.order.status === 'cancelled');
      await s.desk.simulate('cancel', 'shop-1');
      expect((await cancelled).order.status).toBe('cancelled');
    } finally {
      await s.stop();
      await cleanup();
    }
  });
});
