/**
 * The end-of-shift check through both sandboxes: an order the platform took but the desk never
 * heard of (its pushes lost, accepted in the merchant's own app, so the missed-order pull does
 * not offer it) is named by the check, pulled in, on the board once; a second check finds
 * nothing missing. A platform that fails does not stop the other one being checked.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Order, Platform } from '../../shared/order.js';
import type { ShiftCheckReport, ShiftReconcile } from '../../shared/shop-floor.js';
import { parseConfig } from '../../electron/core/config.js';
import { serve, type Served } from '../../electron/headless/cli.js';
import type { ElemeSandboxModuleHandle } from '../../electron/core/platforms/eleme/index.js';
import type { MeituanSandboxHandle } from '../../electron/core/platforms/meituan/sandbox-module.js';
import { quietLogger, tempDir, waitForEvent } from '../support/helpers.js';

const STORE = 'shop-1';

let s: Served;
let dataDir = '';
let cleanup: () => Promise<void>;

// The platforms count their days in China's time: so does a Chinese shop.
const config = parseConfig({ timeZone: 'Asia/Shanghai', stores: [{ id: STORE, name: '测试店', autoAccept: false }] });
const start = () => serve({ dataDir, config, sandbox: true, receiverPort: 0, consolePort: 0, tunnel: 'none', demoIntervalSeconds: 0 }, quietLogger);

beforeEach(async () => {
  const tmp = await tempDir();
  cleanup = tmp.cleanup;
  dataDir = tmp.dir;
  s = await start();
});

afterEach(async () => {
  await s.stop();
  await cleanup();
});

const meituanSandbox = () => (s.sandboxes!.running.get('meituan') as MeituanSandboxHandle).instance;
const elemeSandbox = () => (s.sandboxes!.running.get('eleme') as ElemeSandboxModuleHandle).handle.sandbox;

async function newOrder(platform: Platform): Promise<Order> {
  const arrived = waitForEvent<{ order: Order; created: boolean }>(s.desk, 'order-changed', (c) => c.created && c.order.platform === platform);
  await s.desk.simulate('new-order', STORE, platform);
  return (await arrived).order;
}

function row(report: ShiftCheckReport, platform: Platform): ShiftReconcile {
  const r = report.platforms.find((p) => p.platform === platform && p.storeId === STORE);
  if (!r) throw new Error(`no ${platform} row in ${JSON.stringify(report.platforms)}`);
  return r;
}

describe('end-of-shift check', () => {
  it('names an order the desk never received on each platform, pulls it in once, and finds nothing the second time', async () => {
    const seen = [await newOrder('meituan'), await newOrder('eleme')];
    await s.desk.simulate('lost-order', STORE, 'meituan');
    await s.desk.simulate('lost-order', STORE, 'eleme');
    // The desk does not have them, and the missed-order pull does not find them either.
    const recovery = await s.desk.recoverMissed();
    expect(recovery.found).toBe(0);
    expect((await s.desk.listOrders()).map((o) => o.key).sort()).toEqual(seen.map((o) => o.key).sort());

    const first = await s.desk.shiftCheck();
    expect(first.day).toBe(s.desk.today());
    for (const platform of ['meituan', 'eleme'] as const) {
      const r = row(first, platform);
      expect(r.error).toBe('');
      expect(r.platformCount).toBe(2);
      expect(r.deskCount).toBe(1);
      expect(r.missing).toHaveLength(1);
      expect(r.pulled).toEqual(r.missing);
      const key = `${platform}:${r.pulled[0]}`;
      // On the board, exactly once, as the platform has it (accepted in the merchant's app), marked as pulled.
      const cards = (await s.desk.listOrderCards()).filter((c) => c.key === key);
      expect(cards).toHaveLength(1);
      expect(cards[0]?.status).toBe('accepted');
      const order = await s.desk.getOrder(key);
      expect(order?.events.some((e) => e.source === 'pull')).toBe(true);
      // Owed like any accepted order: 出餐 not reported (or, self-delivered, not delivered).
      const kinds = first.owed.filter((o) => o.key === key).map((o) => o.kind);
      if (!order?.pickup) expect(kinds.some((k) => k === 'not-prepared' || k === 'self-delivery-open')).toBe(true);
    }
    // The two orders nobody accepted are owed.
    for (const o of seen) expect(first.owed.some((w) => w.kind === 'unaccepted' && w.key === o.key)).toBe(true);

    const second = await s.desk.shiftCheck();
    for (const platform of ['meituan', 'eleme'] as const) {
      const r = row(second, platform);
      expect(r).toMatchObject({ platformCount: 2, deskCount: 2, missing: [], pulled: [], error: '' });
    }
    expect((await s.desk.listOrderCards()).length).toBe(4);
  }, 30_000);

  it('reports a platform that fails in words for staff and still checks the other', async () => {
    await s.desk.simulate('lost-order', STORE, 'meituan');
    await s.desk.simulate('lost-order', STORE, 'eleme');
    meituanSandbox().failNext('/waimai/order/queryByDaySeq', 1);
    const report = await s.desk.shiftCheck();
    const mt = row(report, 'meituan');
    expect(mt.platformCount).toBeNull();
    expect(mt.pulled).toEqual([]);
    expect(mt.error).toMatch(/美团外卖当日订单没有取到.*请稍后再点「开始检查」/);
    const el = row(report, 'eleme');
    expect(el).toMatchObject({ platformCount: 1, deskCount: 0, error: '' });
    expect(el.pulled).toHaveLength(1);

    // And the other way round: Eleme fails, Meituan's lost order comes in.
    elemeSandbox().failNext('eleme.order.getAllOrders', 1);
    const again = await s.desk.shiftCheck();
    expect(row(again, 'eleme').error).toMatch(/饿了么当日订单没有取到/);
    expect(row(again, 'meituan')).toMatchObject({ platformCount: 1, deskCount: 0, error: '' });
    expect(row(again, 'meituan').pulled).toHaveLength(1);
    expect((await s.desk.listOrders()).length).toBe(2);
  }, 30_000);

  it('lists what is still owed: unaccepted, a refund undecided, a 催单 unanswered', async () => {
    const mt = await newOrder('meituan');
    const accepted = waitForEvent<{ order: Order }>(s.desk, 'order-changed', (c) => c.order.key === mt.key && c.order.status === 'accepted');
    await s.desk.accept(mt.key);
    await accepted;
    const refund = waitForEvent<{ order: Order }>(s.desk, 'order-changed', (c) => c.order.key === mt.key && c.order.refund?.state === 'requested');
    await s.desk.simulate('refund-request', STORE, 'meituan');
    await refund;
    const hurried = waitForEvent<{ order: Order }>(s.desk, 'order-changed', (c) => c.order.platform === 'eleme' && c.order.reminder?.replied === false);
    await s.desk.simulate('reminder', STORE, 'eleme');
    const el = (await hurried).order;

    const report = await s.desk.shiftCheck();
    const kindsOf = (key: string) => report.owed.filter((o) => o.key === key).map((o) => o.kind);
    expect(kindsOf(mt.key)).toContain('refund-undecided');
    expect(kindsOf(el.key)).toContain('reminder-unanswered');
    if (el.status === 'new') expect(kindsOf(el.key)).toContain('unaccepted');
    const line = report.owed.find((o) => o.key === mt.key && o.kind === 'refund-undecided');
    expect(line).toMatchObject({ platform: 'meituan', daySeq: mt.daySeq, storeName: mt.storeName });
  }, 30_000);

  it('an order pulled in by the check is still there, once, after a restart, and the next check agrees', async () => {
    await s.desk.simulate('lost-order', STORE, 'eleme');
    const pulled = row(await s.desk.shiftCheck(), 'eleme').pulled;
    expect(pulled).toHaveLength(1);
    await s.stop();
    s = await start();
    const cards = (await s.desk.listOrderCards()).filter((c) => c.key === `eleme:${pulled[0]}`);
    expect(cards).toHaveLength(1);
    expect(row(await s.desk.shiftCheck(), 'eleme')).toMatchObject({ platformCount: 1, deskCount: 1, missing: [], pulled: [], error: '' });
  }, 30_000);
});
