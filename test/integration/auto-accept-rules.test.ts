/**
 * Auto-accept rules through the Meituan sandbox: the limit per rolling period turns the order
 * after the limit over to a person (it stays new, owed, ringing, with the rule's words on it),
 * the count survives a restart, a retry of a failed accept is not limited again, the store's
 * pause holds until it is lifted or runs out, and 忙碌 says so on the order. Confirms are
 * counted at the sandbox's API.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OrderLog, startFixture, type Fixture } from '../support/desk-fixture.js';
import type { Desk } from '../../electron/core/desk.js';
import type { Order } from '../../shared/order.js';
import { owedReason } from '../../shared/owed.js';
import { DEFAULT_AUTO_ACCEPT_RULES, type AutoAcceptRules } from '../../shared/shop-floor.js';
import { preOrderOverrides } from '../../electron/core/platforms/meituan/sandbox-orders.js';
import { parseConfig } from '../../electron/core/config.js';
import { serve } from '../../electron/headless/cli.js';
import { quietLogger, tempDir, waitForEvent } from '../support/helpers.js';

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

const LIMIT_REASON = '自动接单：超出每 15 分钟 3 单的上限，请手动接单';

async function start(o: { now?: () => Date; retry?: number[] } = {}): Promise<{ f: Fixture; log: OrderLog; confirms: string[] }> {
  fx = await startFixture({
    stores: [{ id: 'store-1', name: '湘北人家', autoAccept: true, autoAcceptDelaySeconds: 0 }],
    ...(o.now ? { now: o.now } : {}),
    ...(o.retry ? { autoAcceptRetryDelaysMs: o.retry } : {}),
  });
  const f = fx;
  const confirms: string[] = [];
  f.sandbox.on('api', (call: { path: string; params: Record<string, string> }) => {
    if (call.path === '/waimai/order/confirm') confirms.push(call.params['orderId'] ?? '');
  });
  return { f, log: new OrderLog(f.desk), confirms };
}

const setRules = (desk: Desk, over: Partial<AutoAcceptRules>) =>
  desk.updateStoreSettings('store-1', { autoAcceptRules: { ...DEFAULT_AUTO_ACCEPT_RULES, ...over } });

/** Push a new order and wait until the rules decided it and, when let through, it was accepted. */
async function arrive(f: Fixture, log: OrderLog, overrides = {}): Promise<Order> {
  const orderId = await f.sandbox.pushNewOrder('store-1', overrides);
  const decided = await log.waitFor((o) => o.orderId === orderId && Boolean(o.autoAcceptDecision));
  if (!decided.autoAcceptDecision!.accept) return decided;
  return log.waitFor((o) => o.orderId === orderId && (o.autoAccept?.state === 'done' || o.autoAccept?.state === 'failed'));
}

describe('limit per rolling period', () => {
  it('accepts 3 in 15 minutes, turns the 4th over to a person, and still counts them after a restart', async () => {
    const { f, log, confirms } = await start();
    await setRules(f.desk, { limit: { orders: 3, minutes: 15 } });
    for (let i = 0; i < 3; i++) expect((await arrive(f, log)).status).toBe('accepted');

    const fourth = await arrive(f, log);
    expect(fourth.autoAcceptDecision).toMatchObject({ accept: false, reason: LIMIT_REASON });
    const stored = (await f.desk.getOrder(fourth.key))!;
    expect(stored.status).toBe('new');
    expect(owedReason(stored)).toBe('new-order');
    expect(stored.attention?.reason).toBe('new-order'); // it rings like any new order
    expect(stored.autoAccept).toBeNull();
    expect(stored.events.some((e) => e.type === 'auto-accept:decision' && e.detail === LIMIT_REASON)).toBe(true);
    expect(confirms).toHaveLength(3);
    // The card form the board lists carries the decision too.
    const card = (await f.desk.listOrderCards()).find((c) => c.key === fourth.key);
    expect(card?.autoAcceptDecision?.reason).toBe(LIMIT_REASON);

    const desk = await f.restart();
    log.follow(desk);
    expect((await desk.getOrder(fourth.key))?.autoAcceptDecision?.reason).toBe(LIMIT_REASON);
    const fifth = await arrive(f, log);
    expect(fifth.autoAcceptDecision).toMatchObject({ accept: false, reason: LIMIT_REASON });
    expect((await desk.getOrder(fifth.key))?.status).toBe('new');
    expect(confirms).toHaveLength(3);

    // Staff accept the one turned over to them by hand.
    expect((await desk.accept(fourth.key)).status).toBe('accepted');
  });

  it('does not limit a retry of a failed accept it already let through', async () => {
    const { f, log, confirms } = await start({ retry: [20] });
    await setRules(f.desk, { limit: { orders: 1, minutes: 15 } });
    f.sandbox.failNext('/waimai/order/confirm', 2);
    const first = await arrive(f, log);
    expect(first.autoAccept?.state).toBe('failed');
    expect(first.autoAcceptDecision?.accept).toBe(true);

    const second = await arrive(f, log);
    expect(second.autoAcceptDecision?.reason).toBe('自动接单：超出每 15 分钟 1 单的上限，请手动接单');

    await f.desk.retryAutoAccept(first.key);
    await log.waitFor((o) => o.key === first.key && o.status === 'accepted');
    expect(confirms.filter((id) => id === first.orderId).length).toBeGreaterThanOrEqual(1);
    expect((await f.desk.getOrder(second.key))?.status).toBe('new');
  });
});

describe('pause, 忙碌, pre-orders', () => {
  it('the store pause turns orders over to a person until 恢复; its end is on the shop clock', async () => {
    let clock = Date.parse('2026-12-02T06:00:00Z'); // 14:00 in Shanghai
    const { f, log } = await start({ now: () => new Date(clock) });
    await setRules(f.desk, { pausedUntil: new Date(clock + 30 * 60_000).toISOString() });
    const paused = await arrive(f, log);
    expect(paused.autoAcceptDecision).toMatchObject({ accept: false, reason: '自动接单已暂停至 14:30' });
    expect((await f.desk.getOrder(paused.key))?.status).toBe('new');

    // It ends by itself: the desk's clock passes 14:30.
    clock += 31 * 60_000;
    expect((await arrive(f, log)).status).toBe('accepted');

    // Paused again, then 恢复 (pausedUntil null) before the time.
    await setRules(f.desk, { pausedUntil: new Date(clock + 60 * 60_000).toISOString() });
    expect((await arrive(f, log)).autoAcceptDecision?.accept).toBe(false);
    await setRules(f.desk, { pausedUntil: null });
    expect((await arrive(f, log)).status).toBe('accepted');
  });

  it('忙碌 (the global pause) says so on the order and accepts nothing', async () => {
    const { f, log, confirms } = await start();
    await f.desk.setAutoAcceptPaused(true);
    const o = await arrive(f, log);
    expect(o.autoAcceptDecision).toMatchObject({ accept: false, reason: '忙碌中，自动接单已暂停' });
    await f.desk.setAutoAcceptPaused(false);
    expect((await arrive(f, log)).status).toBe('accepted');
    expect(confirms).toHaveLength(1);
  });

  it('pre-orders by hand: the pre-order waits, an ordinary order is accepted', async () => {
    const { f, log } = await start();
    await setRules(f.desk, { preOrders: 'manual' });
    const pre = await arrive(f, log, preOrderOverrides(Math.floor(Date.now() / 1000), 3 * 3600));
    expect(pre.preOrder).toBe(true);
    expect(pre.autoAcceptDecision).toMatchObject({ accept: false, reason: '预订单需手动接单' });
    expect((await arrive(f, log)).status).toBe('accepted');
  });

  it('a store with auto-accept off gets no decision at all', async () => {
    const { f, log } = await start();
    await f.desk.updateStoreSettings('store-1', { autoAccept: false });
    const orderId = await f.sandbox.pushNewOrder('store-1');
    const o = await log.waitFor((x) => x.orderId === orderId);
    expect((await f.desk.getOrder(o.key))?.autoAcceptDecision ?? null).toBeNull();
  });
});

describe('settings files', () => {
  it('a settings file from before the rules still loads (no rules: all day), and damaged rules fall back part by part', async () => {
    const seed = (dir: string) =>
      writeFile(
        join(dir, 'settings.json'),
        JSON.stringify({
          v: 1,
          stores: {
            'store-1': { autoAccept: true, autoAcceptDelaySeconds: 0 },
            'store-2': { autoAccept: true, autoAcceptDelaySeconds: 0, autoAcceptRules: { windows: 'all', limit: { orders: 2, minutes: 15 }, preOrders: 'later' } },
          },
        }),
      );
    fx = await startFixture({
      stores: [
        { id: 'store-1', name: '湘北人家' },
        { id: 'store-2', name: '川味小馆' },
      ],
      seed,
    });
    const stores = await fx.desk.listStores();
    expect(stores.find((s) => s.id === 'store-1')?.settings).toEqual({ autoAccept: true, autoAcceptDelaySeconds: 0 });
    expect(stores.find((s) => s.id === 'store-2')?.settings.autoAcceptRules).toEqual({ ...DEFAULT_AUTO_ACCEPT_RULES, limit: { orders: 2, minutes: 15 } });
    const log = new OrderLog(fx.desk);
    expect((await arrive(fx, log)).status).toBe('accepted');
    // Saved rules are in the file for the next start.
    await setRules(fx.desk, { windows: [{ from: '22:00', to: '02:00' }] });
    const desk = await fx.restart();
    expect((await desk.listStores()).find((s) => s.id === 'store-1')?.settings.autoAcceptRules?.windows).toEqual([{ from: '22:00', to: '02:00' }]);
  });
});

describe('per platform, both sandboxes', () => {
  it('a store that takes Eleme by hand: the Eleme order (filled in after its short push) waits, the Meituan one is accepted', async () => {
    const { dir, cleanup } = await tempDir();
    const config = parseConfig({ stores: [{ id: 'shop-1', name: '湘北人家', autoAccept: true, autoAcceptDelaySeconds: 0 }] });
    const s = await serve({ dataDir: dir, config, sandbox: true, receiverPort: 0, consolePort: 0, tunnel: 'none', demoIntervalSeconds: 0 }, quietLogger);
    try {
      await s.desk.updateStoreSettings('shop-1', { autoAcceptRules: { ...DEFAULT_AUTO_ACCEPT_RULES, manualPlatforms: ['eleme'] } });
      const decided = (platform: string) =>
        waitForEvent<{ order: Order }>(s.desk, 'order-changed', (c) => c.order.platform === platform && Boolean(c.order.autoAcceptDecision)).then((c) => c.order);
      const elemeDecided = decided('eleme');
      await s.desk.simulate('new-order', 'shop-1', 'eleme');
      const eleme = await elemeDecided;
      expect(eleme.autoAcceptDecision).toMatchObject({ accept: false, reason: '本店饿了么订单需手动接单' });
      expect(eleme.flags).not.toContain('partial');

      const accepted = waitForEvent<{ order: Order }>(s.desk, 'order-changed', (c) => c.order.platform === 'meituan' && c.order.status === 'accepted');
      await s.desk.simulate('new-order', 'shop-1', 'meituan');
      expect((await accepted).order.autoAcceptDecision?.accept).toBe(true);
      expect((await s.desk.getOrder(eleme.key))?.status).toBe('new');
    } finally {
      await s.stop();
      await cleanup();
    }
  });
});
