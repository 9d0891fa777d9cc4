/**
 * Rider status on the order: the demo's 「骑手下一步」 moves the newest accepted order's rider
 * one step on each platform, pushed as the platform pushes it, and the desk shows where the
 * rider is (sent, assigned with name and phone, at the shop, picked up, delivered).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../../shared/order.js';
import { parseConfig } from '../../electron/core/config.js';
import type { ElemeSandboxModuleHandle } from '../../electron/core/platforms/eleme/index.js';
import type { MeituanSandboxHandle } from '../../electron/core/platforms/meituan/sandbox-module.js';
import { serve, type Served } from '../../electron/headless/cli.js';
import { OrderLog } from '../support/desk-fixture.js';
import { quietLogger, tempDir } from '../support/helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(): Promise<Served> {
  const { dir, cleanup } = await tempDir();
  const config = parseConfig({ stores: [{ id: 'shop-1', name: '湘北人家', autoAccept: true, autoAcceptDelaySeconds: 0 }] });
  const s = await serve({ dataDir: dir, config, sandbox: true, receiverPort: 0, consolePort: 0, tunnel: 'none', demoIntervalSeconds: 0 }, quietLogger);
  cleanups.push(async () => {
    await s.stop();
    await cleanup();
  });
  return s;
}

describe('rider status', () => {
  it('Meituan: each step of the rider shows on the order, with the rider’s name and phone', async () => {
    const s = await start();
    const log = new OrderLog(s.desk);
    const mt = (s.sandboxes!.running.get('meituan') as MeituanSandboxHandle).instance;
    const id = await mt.pushNewOrder('shop-1', { logisticsCode: '1001', pickType: 0, caution: '' });
    await log.waitFor((o) => o.orderId === id && o.status === 'accepted');
    const stages: (string | null | undefined)[] = [];
    for (const want of ['sent', 'assigned', 'arrived', 'picked-up', 'delivered'] as const) {
      await s.desk.simulate('rider', 'shop-1', 'meituan');
      const o: Order = await log.waitFor((x) => x.orderId === id && x.delivery?.stage === want);
      stages.push(o.delivery?.stage);
      if (want === 'assigned') expect(o.delivery).toMatchObject({ riderName: expect.stringMatching(/\S/), riderPhone: expect.stringMatching(/^1\d{10}$/) });
      if (want === 'picked-up') expect(o.status).toBe('delivering');
      if (want === 'delivered') expect(o.status).toBe('completed');
    }
    expect(stages).toEqual(['sent', 'assigned', 'arrived', 'picked-up', 'delivered']);
    await expect(s.desk.simulate('rider', 'shop-1', 'meituan')).rejects.toThrow(/没有等骑手的订单/);
  });

  it('Eleme: the waybill pushes move the rider along the same steps', async () => {
    const s = await start();
    const log = new OrderLog(s.desk);
    const el = (s.sandboxes!.running.get('eleme') as ElemeSandboxModuleHandle).handle.sandbox;
    const id = await el.pushNewOrder(el.shopForStore('shop-1')!, { type: 10 });
    await log.waitFor((o) => o.orderId === id && o.status === 'accepted');
    for (const want of ['sent', 'assigned', 'arrived', 'picked-up', 'delivered'] as const) {
      await s.desk.simulate('rider', 'shop-1', 'eleme');
      const o = await log.waitFor((x) => x.orderId === id && x.delivery?.stage === want);
      if (want === 'assigned') expect(o.delivery).toMatchObject({ riderName: expect.stringMatching(/\S/), riderPhone: expect.stringMatching(/\d{11}/) });
    }
    await log.waitFor((x) => x.orderId === id && x.status === 'completed');
    await expect(s.desk.simulate('rider', 'shop-1', 'eleme')).rejects.toThrow(/没有等骑手的订单/);
  });
});
