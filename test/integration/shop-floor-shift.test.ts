/**
 * A whole sandbox shift of both platforms from the one desk, as the counter works it: orders
 * accepted automatically, a 催单 answered, a rush under 忙碌 (auto-accept paused, every store
 * resting on both platforms, an order accepted by hand, the stores open again after), automatic
 * 出餐 reported by the rule, and the end-of-shift check finding the order whose push was lost.
 * Real clocks: the automatic 出餐 waits out the platforms' one minute, so this test is slow by
 * design; every wait is for an event or a poll.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order, Platform } from '../../shared/order.js';
import { parseConfig } from '../../electron/core/config.js';
import { serve, type Served } from '../../electron/headless/cli.js';
import { quietLogger, tempDir, waitForEvent } from '../support/helpers.js';

const STORE = 'shop-1';
const PLATFORMS = ['meituan', 'eleme'] as const;

let s: Served;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const tmp = await tempDir();
  cleanup = tmp.cleanup;
  const config = parseConfig({ timeZone: 'Asia/Shanghai', stores: [{ id: STORE, name: '湘北人家', autoAccept: true }] });
  s = await serve({ dataDir: tmp.dir, config, sandbox: true, receiverPort: 0, consolePort: 0, tunnel: 'none', demoIntervalSeconds: 0 }, quietLogger);
  await s.desk.updateStoreSettings(STORE, { autoPrepare: { enabled: true, windows: [], afterMinutes: 1 } });
}, 60_000);

afterAll(async () => {
  await s?.stop();
  await cleanup?.();
});

/** A customer orders on `platform`; resolves with the order once `until` holds for it. */
async function order(platform: Platform, until: (o: Order) => boolean): Promise<Order> {
  const created = waitForEvent<{ order: Order; created: boolean }>(s.desk, 'order-changed', (c) => c.created && c.order.platform === platform);
  await s.desk.simulate('new-order', STORE, platform);
  const key = (await created).order.key;
  await expect.poll(async () => until((await s.desk.getOrder(key))!), { timeout: 30_000 }).toBe(true);
  return (await s.desk.getOrder(key))!;
}

const storeStates = async (): Promise<Record<string, string | undefined>> => {
  const store = (await s.desk.listStores()).find((x) => x.id === STORE)!;
  return Object.fromEntries(PLATFORMS.map((p) => [p, store.bindings[p].status?.state]));
};

describe('a sandbox shift of both platforms, from the one window', () => {
  it('orders, a 催单, a rush under 忙碌, automatic 出餐 and the end-of-shift check', async () => {
    // Orders come in on both platforms and are accepted by the desk.
    const done = (o: Order): boolean => o.status === 'accepted' && o.autoAccept?.state === 'done';
    const accepted = [await order('meituan', done), await order('eleme', done)];

    // A customer urges on Eleme: it is on the order, and answered from here through Eleme's API.
    const hurried = waitForEvent<{ order: Order }>(s.desk, 'order-changed', (c) => c.order.platform === 'eleme' && c.order.reminder?.replied === false);
    await s.desk.simulate('reminder', STORE, 'eleme');
    const urged = (await hurried).order;
    const [reply] = await s.desk.reminderReplies('eleme');
    const answered = await s.desk.replyReminder(urged.key, reply!.code, reply!.code === 'custom' ? '马上出餐' : '');
    expect(answered.reminder?.replied).toBe(true);

    // The rush: 忙碌 with every store resting on both platforms.
    const busy = await s.desk.setBusy({ minutes: 30, restStores: true });
    expect(busy.busy?.stores.map((x) => [x.platform, x.error])).toEqual(expect.arrayContaining([['meituan', ''], ['eleme', '']]));
    await expect.poll(storeStates, { timeout: 15_000 }).toEqual({ meituan: 'resting', eleme: 'resting' });
    // An order that still comes in waits for a person, says why, and is owed.
    const held = await order('meituan', (o) => o.autoAcceptDecision != null);
    expect(held.status).toBe('new');
    expect(held.autoAcceptDecision).toMatchObject({ accept: false });
    expect(held.autoAcceptDecision?.reason).toMatch(/忙碌/);
    expect(held.attention?.reason).toBe('new-order');
    expect((await s.desk.accept(held.key)).status).toBe('accepted');
    // The rush is over: the stores the desk rested are open again, and auto-accept is back.
    const after = await s.desk.setBusy(null);
    expect(after.busy ?? null).toBeNull();
    expect(after.autoAcceptPaused).toBe(false);
    await expect.poll(storeStates, { timeout: 15_000 }).toEqual({ meituan: 'open', eleme: 'open' });

    // Automatic 出餐: every accepted order the platform delivers is reported by the rule, once its minute has passed.
    const delivered = [...accepted, held].filter((o) => !o.pickup && !o.delivery?.selfDelivery);
    expect(delivered.length).toBeGreaterThan(0);
    for (const o of delivered) {
      await expect.poll(async () => (await s.desk.getOrder(o.key))?.prepared?.by, { timeout: 120_000, interval: 500 }).toBe('auto');
      const prepared = (await s.desk.getOrder(o.key))!;
      const acceptedAt = prepared.events.find((e) => e.status === 'accepted')!.at;
      expect(Date.parse(prepared.prepared!.at) - Date.parse(acceptedAt)).toBeGreaterThanOrEqual(60_000);
    }

    // End of shift: an order whose push never arrived is found on the platform's day list and brought in.
    await s.desk.simulate('lost-order', STORE, 'meituan');
    const before = (await s.desk.listOrders()).length;
    const check = await s.desk.shiftCheck();
    const mt = check.platforms.find((p) => p.platform === 'meituan' && p.storeId === STORE)!;
    expect(mt.error).toBe('');
    expect(mt.pulled).toHaveLength(1);
    expect((await s.desk.listOrders()).length).toBe(before + 1);
    expect(check.platforms.find((p) => p.platform === 'eleme')).toMatchObject({ missing: [], error: '' });
    // Nothing is left unaccepted and the 催单 was answered: the check does not list them.
    expect(check.owed.filter((w) => w.kind === 'unaccepted' || w.kind === 'reminder-unanswered')).toEqual([]);
  }, 240_000);
});
