/**
 * 出餐 through the desk and each platform's sandbox over real HTTP: reported once the first
 * minute after accepting has passed, refused before (by the desk, and by the platform when the
 * desk's check is bypassed), refused after the rider picked up, for self-delivery, when cancelled
 * and the second time, each in staff's words; the mark survives a restart. The platform's and the
 * desk's clocks are one made-up clock that the test moves on: no waiting.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../../shared/order.js';
import { parseConfig } from '../../electron/core/config.js';
import { Desk } from '../../electron/core/desk.js';
import type { PlatformOutbound } from '../../electron/core/platforms/types.js';
import { ElemeSandbox } from '../../electron/core/platforms/eleme/sandbox.js';
import { ownerOnlyFileBox } from '../../electron/core/storage/bindings.js';
import { OrderLog, startFixture } from '../support/desk-fixture.js';
import { quietLogger, tempDir } from '../support/helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** One clock for the desk and the platform, moved on by the test. */
function clock(start = Date.now()): { now: () => number; date: () => Date; advance(ms: number): void } {
  let t = start;
  return { now: () => t, date: () => new Date(t), advance: (ms) => void (t += ms) };
}

/** The platform's 出餐 call itself, past the desk's own check (the platform must refuse on its own). */
function platformCall(desk: Desk, platform: 'meituan' | 'eleme'): PlatformOutbound {
  return (desk as unknown as { outbound: Map<string, PlatformOutbound> }).outbound.get(platform)!;
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected a refusal');
}

async function platformRefusal(out: PlatformOutbound, orderId: string, token: string): Promise<string> {
  try {
    await out.actions.prepared!(orderId, token);
  } catch (err) {
    return out.describeError(err).message;
  }
  throw new Error('the platform took it');
}

describe('出餐 through the Meituan sandbox', () => {
  it('refuses in the first minute, reports after it, refuses twice, after pickup, for self-delivery and cancelled; survives a restart', async () => {
    const c = clock();
    const f = await startFixture({ stores: [{ id: 'store-1', name: '湘北人家', autoAccept: false }], now: c.date, sandboxNow: c.now });
    cleanups.push(() => f.close());
    const log = new OrderLog(f.desk);
    const token = f.sandbox.tokenFor('store-1')!;
    const called = (orderId: string): number => f.sandbox.getOrder(orderId)!.apiCalls.filter((x) => x.path === '/waimai/order/preparationMealComplete').length;
    const arrive = async (overrides: Parameters<typeof f.sandbox.pushNewOrder>[1]): Promise<Order> => {
      const id = await f.sandbox.pushNewOrder('store-1', { caution: '不要辣', pickType: 0, ...overrides });
      return log.waitFor((o) => o.orderId === id);
    };

    const o = await arrive({ logisticsCode: '1001' });
    await f.desk.accept(o.key);
    // The first minute: the desk says how long to wait; the platform, asked anyway, refuses too.
    expect(await refusal(f.desk.markPrepared(o.key))).toMatch(/^接单不到 1 分钟，平台不允许出餐，请 60 秒后再点$/);
    c.advance(20_000);
    expect(await refusal(f.desk.markPrepared(o.key))).toContain('请 40 秒后再点');
    expect(await platformRefusal(platformCall(f.desk, 'meituan'), o.orderId, token)).toBe('接单不到 1 分钟，平台不允许出餐，请稍后再点');
    expect(f.sandbox.getOrder(o.orderId)!.preparedAt).toBeUndefined();

    c.advance(41_000);
    const done = await f.desk.markPrepared(o.key);
    expect(done.prepared).toEqual({ at: c.date().toISOString(), by: 'staff' });
    expect(done.events.at(-1)).toMatchObject({ type: 'api:prepared', source: 'staff', detail: '已出餐' });
    expect(f.sandbox.getOrder(o.orderId)!.preparedAt).toBe(Math.floor(c.now() / 1000));
    expect(f.sandbox.getOrder(o.orderId)!.apiCalls.map((x) => x.path)).toContain('/waimai/order/preparationMealComplete');

    // Twice: the desk knows; the platform refuses as well.
    expect(await refusal(f.desk.markPrepared(o.key))).toMatch(/^这单已经出餐了（\d\d:\d\d），无需再点$/);
    // Refused by the desk's own check: the platform was not asked (asked twice before: too early, then OK).
    expect(called(o.orderId)).toBe(2);
    expect(await platformRefusal(platformCall(f.desk, 'meituan'), o.orderId, token)).toBe('这单已经出过餐了，无需再点');

    // After the rider picked up.
    const picked = await arrive({ logisticsCode: '1002' });
    await f.desk.accept(picked.key);
    c.advance(90_000);
    await f.sandbox.ship(picked.orderId, 20);
    await log.waitFor((x) => x.key === picked.key && x.status === 'delivering');
    expect(await refusal(f.desk.markPrepared(picked.key))).toBe('骑手已取餐，无需出餐');
    expect(called(picked.orderId)).toBe(0);
    expect(await platformRefusal(platformCall(f.desk, 'meituan'), picked.orderId, token)).toBe('骑手已取餐，无需出餐');

    // The shop's own rider.
    const own = await arrive({ logisticsCode: '0000' });
    await f.desk.accept(own.key);
    c.advance(90_000);
    expect(await refusal(f.desk.markPrepared(own.key))).toMatch(/^自配送订单不用在平台出餐/);
    expect(called(own.orderId)).toBe(0);
    expect(await platformRefusal(platformCall(f.desk, 'meituan'), own.orderId, token)).toBe('自配送/到店自取订单不用在平台出餐');

    // Cancelled.
    const gone = await arrive({ logisticsCode: '1001' });
    await f.desk.accept(gone.key);
    c.advance(90_000);
    await f.sandbox.cancel(gone.orderId, '2006', '用户要求取消');
    await log.waitFor((x) => x.key === gone.key && x.status === 'cancelled');
    expect(await refusal(f.desk.markPrepared(gone.key))).toBe('订单已取消，不能出餐');
    expect(called(gone.orderId)).toBe(0);
    expect(await platformRefusal(platformCall(f.desk, 'meituan'), gone.orderId, token)).toBe('订单已取消，不能出餐');

    // A pickup order: no platform call, a local 已备好 mark.
    const calls = f.sandbox.getOrder(o.orderId)!.apiCalls.length;
    const pickup = await arrive({ logisticsCode: '0000', pickType: 1, caution: '到店自取' });
    await f.desk.accept(pickup.key);
    const ready = await f.desk.markPrepared(pickup.key);
    expect(ready.prepared?.by).toBe('staff');
    expect(ready.events.at(-1)).toMatchObject({ type: 'ready:local', detail: '已备好（到店自取）' });
    expect(f.sandbox.getOrder(pickup.orderId)!.apiCalls.map((x) => x.path)).not.toContain('/waimai/order/preparationMealComplete');
    expect(f.sandbox.getOrder(o.orderId)!.apiCalls.length).toBe(calls);

    // Journaled: the marks come back after a restart.
    await f.restart();
    expect((await f.desk.getOrder(o.key))!.prepared).toEqual(done.prepared);
    expect((await f.desk.getOrder(pickup.key))!.prepared).toEqual(ready.prepared);
    expect((await f.desk.listOrderCards()).find((x) => x.key === o.key)!.prepared).toEqual(done.prepared);
  }, 30_000);

  it('a failed platform call is kept on the order’s history in staff’s words', async () => {
    const c = clock();
    const f = await startFixture({ stores: [{ id: 'store-1', name: '湘北人家', autoAccept: false }], now: c.date, sandboxNow: c.now });
    cleanups.push(() => f.close());
    const log = new OrderLog(f.desk);
    const id = await f.sandbox.pushNewOrder('store-1', { logisticsCode: '1001', pickType: 0, caution: '' });
    const o = await log.waitFor((x) => x.orderId === id);
    await f.desk.accept(o.key);
    c.advance(61_000);
    f.sandbox.failNext('/waimai/order/preparationMealComplete', 1);
    const message = await refusal(f.desk.markPrepared(o.key));
    expect(message).toMatch(/^美团服务器异常/);
    const after = (await f.desk.getOrder(o.key))!;
    expect(after.prepared ?? null).toBeNull();
    expect(after.events.at(-1)).toMatchObject({ type: 'api-failed:prepared', detail: message });
    expect((await f.desk.markPrepared(o.key)).prepared?.by).toBe('staff');
  });
});

describe('出餐 through the Eleme sandbox', () => {
  it('refuses in the first minute, reports after it, refuses twice, after pickup and for self-delivery', async () => {
    const c = clock();
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    let receiver = '';
    const sandbox = new ElemeSandbox({ appKey: 'prep-app', appSecret: 'prep-secret-0001', receiverUrl: () => receiver, duplicateRate: 0, now: c.now, newOrderType: 10 });
    await sandbox.start();
    cleanups.push(() => sandbox.stop());
    const desk = await Desk.start({
      dataDir: dir,
      config: parseConfig({
        stores: [{ id: 'store-1', name: '湘北人家', autoAccept: false }],
        eleme: { appKey: 'prep-app', appSecret: 'prep-secret-0001', apiBase: sandbox.baseUrl, redirectUri: 'http://127.0.0.1:9/eleme/oauth' },
        timeZone: 'Asia/Shanghai',
      }),
      sandbox: false,
      logger: quietLogger,
      secretBox: ownerOnlyFileBox,
      foldDelayMs: 20,
      now: c.date,
    });
    cleanups.push(() => desk.stop());
    receiver = desk.receiver.url;
    const shopId = '168830001';
    const back = await sandbox.approve(await desk.bindingPageUrl('bind', 'store-1', 'eleme'), [shopId]);
    await desk.completeBinding('eleme', back.searchParams);
    const token = (await desk.credentials.tokenFor('eleme', 'store-1'))!;
    const log = new OrderLog(desk);
    const arrive = async (): Promise<Order> => {
      const id = await sandbox.pushNewOrder(shopId);
      const o = await log.waitFor((x) => x.orderId === id && x.items.length > 0);
      return desk.accept(o.key);
    };
    const out = platformCall(desk, 'eleme');

    const o = await arrive();
    expect(await refusal(desk.markPrepared(o.key))).toBe('接单不到 1 分钟，平台不允许出餐，请 60 秒后再点');
    expect(await platformRefusal(out, o.orderId, token)).toBe('接单不到 1 分钟，平台不允许出餐，请稍后再点');
    c.advance(60_000);
    const done = await desk.markPrepared(o.key);
    expect(done.prepared).toEqual({ at: c.date().toISOString(), by: 'staff' });
    expect(sandbox.getOrder(o.orderId)!.prepared).toBe(true);
    expect(await refusal(desk.markPrepared(o.key))).toMatch(/^这单已经出餐了/);
    expect(await platformRefusal(out, o.orderId, token)).toBe('这单已经出过餐了，无需再点');

    // The rider picked it up (55).
    const picked = await arrive();
    c.advance(90_000);
    await sandbox.courier(picked.orderId, 53);
    await sandbox.courier(picked.orderId, 55);
    await log.waitFor((x) => x.key === picked.key && x.delivery?.stage === 'picked-up');
    expect(await refusal(desk.markPrepared(picked.key))).toBe('骑手已取餐，无需出餐');
    expect(await platformRefusal(out, picked.orderId, token)).toBe('骑手已取餐，无需出餐');

    // The shop switched to its own rider (71).
    const own = await arrive();
    c.advance(90_000);
    await sandbox.courier(own.orderId, 71, '', '');
    await log.waitFor((x) => x.key === own.key && x.delivery?.selfDelivery === true);
    expect(await refusal(desk.markPrepared(own.key))).toMatch(/^自配送订单不用在平台出餐/);
    expect(await platformRefusal(out, own.orderId, token)).toBe('自配送/到店自取订单不用在平台出餐');
  }, 30_000);
});

describe('automatic 出餐 through the Meituan sandbox', () => {
  it('reports 12 minutes after an accept inside 11:00–13:30, records a failure and tries again, and resumes after a restart', async () => {
    // 11:30 in Shanghai.
    const c = clock(Date.parse('2026-12-02T03:30:00Z'));
    const f = await startFixture({ stores: [{ id: 'store-1', name: '湘北人家', autoAccept: false }], now: c.date, sandboxNow: c.now });
    cleanups.push(() => f.close());
    const log = new OrderLog(f.desk);
    const rule = { enabled: true, windows: [{ from: '11:00', to: '13:30', afterMinutes: 12 }], afterMinutes: 8 };
    await f.desk.updateStoreSettings('store-1', { autoPrepare: rule });
    const arrive = async (): Promise<Order> => {
      const id = await f.sandbox.pushNewOrder('store-1', { logisticsCode: '1001', pickType: 0, caution: '' });
      const o = await log.waitFor((x) => x.orderId === id);
      return f.desk.accept(o.key);
    };

    const o = await arrive();
    expect(f.desk.autoPrepare.schedule()).toEqual([{ key: o.key, at: new Date(c.now() + 12 * 60_000).toISOString() }]);
    c.advance(11 * 60_000);
    await f.desk.autoPrepare.poke();
    expect((await f.desk.getOrder(o.key))!.prepared ?? null).toBeNull();
    c.advance(60_000);
    await f.desk.autoPrepare.poke();
    const done = await log.waitFor((x) => x.key === o.key && x.prepared != null);
    expect(done.prepared).toEqual({ at: c.date().toISOString(), by: 'auto' });
    expect(done.events.at(-1)).toMatchObject({ type: 'api:prepared', source: 'auto-prepare', detail: '已出餐（自动）' });
    expect(f.sandbox.getOrder(o.orderId)!.preparedAt).toBe(Math.floor(c.now() / 1000));
    expect(f.desk.autoPrepare.schedule()).toEqual([]);

    // 14:00 (outside the window): 8 minutes. The platform fails once: on the history, tried a minute later.
    c.advance(2 * 3600_000 + 18 * 60_000);
    const second = await arrive();
    expect(f.desk.autoPrepare.schedule()).toEqual([{ key: second.key, at: new Date(c.now() + 8 * 60_000).toISOString() }]);
    f.sandbox.failNext('/waimai/order/preparationMealComplete', 1);
    c.advance(8 * 60_000);
    await f.desk.autoPrepare.poke();
    const failed = await log.waitFor((x) => x.key === second.key && x.events.some((e) => e.type === 'api-failed:prepared'));
    expect(failed.events.at(-1)).toMatchObject({ source: 'auto-prepare', detail: expect.stringMatching(/^美团服务器异常/) });
    await expect.poll(() => f.desk.autoPrepare.schedule()).toEqual([{ key: second.key, at: new Date(c.now() + 60_000).toISOString() }]);

    // The desk stops before the retry is due and starts again after: the stored order arms it again and it fires.
    await f.restart(async () => void c.advance(5 * 60_000));
    log.follow(f.desk);
    expect((await f.desk.listStores())[0]!.settings.autoPrepare).toEqual(rule);
    const resumed = await log.waitFor((x) => x.key === second.key && x.prepared != null);
    expect(resumed.prepared).toEqual({ at: c.date().toISOString(), by: 'auto' });
    expect(f.sandbox.getOrder(second.orderId)!.preparedAt).toBeDefined();
  }, 30_000);
});
