/**
 * 催单 whose push never reached the desk, through Eleme's sandbox over real HTTP: the desk asks
 * Eleme for the shop's unanswered reminders (`getUnreplyReminders`) at start-up and when the
 * tunnel comes back, records each one it did not have on its order (journaled, news that rings),
 * and never records the same reminder twice: not at the next start, not when its push comes late.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../../shared/order.js';
import { parseConfig } from '../../electron/core/config.js';
import type { ElemeSandboxModuleHandle } from '../../electron/core/platforms/eleme/index.js';
import type { ElemeSandbox } from '../../electron/core/platforms/eleme/sandbox.js';
import { serve, type Served } from '../../electron/headless/cli.js';
import { quietLogger, tempDir, waitForEvent } from '../support/helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const config = parseConfig({ stores: [{ id: 'shop-1', name: '湘北人家', autoAccept: false }] });

async function start(dir: string): Promise<{ s: Served; eleme: ElemeSandbox }> {
  const s = await serve({ dataDir: dir, config, sandbox: true, receiverPort: 0, consolePort: 0, tunnel: 'none', demoIntervalSeconds: 0 }, quietLogger);
  let stopped = false;
  cleanups.push(async () => {
    if (!stopped) await s.stop();
  });
  const stop = s.stop.bind(s);
  s.stop = async () => {
    stopped = true;
    await stop();
  };
  const eleme = (s.sandboxes!.running.get('eleme') as ElemeSandboxModuleHandle).handle.sandbox;
  return { s, eleme };
}

/** A new Eleme order at shop-1, filled in by its fetch, accepted through Eleme's API. */
async function acceptedOrder(s: Served): Promise<Order> {
  const filled = waitForEvent<{ order: Order }>(s.desk, 'order-changed', (c) => c.order.platform === 'eleme' && c.order.items.length > 0);
  await s.desk.simulate('new-order', 'shop-1', 'eleme');
  const { order } = await filled;
  return s.desk.accept(order.key);
}

const reminderEvents = (o: Order): number => o.events.filter((e) => e.type === 'reminder').length;

describe('unanswered 催单 pulled from Eleme', () => {
  it('a 催单 made while its push was lost is on the order after start, rings once, and not again after a second start', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);

    // First run: an accepted order; the customer hurries it, and the push never arrives.
    const first = await start(dir);
    const order = await acceptedOrder(first.s);
    const { remindId } = await first.eleme.remind(order.orderId, { lost: true });
    expect((await first.s.desk.getOrder(order.key))!.reminder).toBeUndefined();
    await first.s.stop();

    // Second start: the pull finds it and records it on the order, as news with its own alert.
    const second = await start(dir);
    const report = await second.s.desk.reminderPull.startup!;
    expect(report).toMatchObject({ reason: 'start-up', listed: 1, recorded: 1, errors: [] });
    const hurried = (await second.s.desk.getOrder(order.key))!;
    expect(hurried.reminder).toMatchObject({ id: remindId, replied: false });
    expect(hurried.flags).toContain('reminder');
    expect(hurried.attention?.reason).toBe('reminder');
    expect(reminderEvents(hurried)).toBe(1);
    expect(hurried.events.at(-1)).toMatchObject({ type: 'reminder', source: 'reminder-pull' });
    // Staff saw it (我知道了) but have not answered yet.
    await second.s.desk.acknowledge(order.key);
    await second.s.stop();

    // Third start: Eleme still lists it (unanswered), the desk already has it: nothing rings again.
    const third = await start(dir);
    const again = await third.s.desk.reminderPull.startup!;
    expect(again).toMatchObject({ listed: 1, recorded: 0, errors: [] });
    const still = (await third.s.desk.getOrder(order.key))!;
    expect(still.attention).toBeNull();
    expect(still.reminder).toMatchObject({ id: remindId, replied: false });
    expect(reminderEvents(still)).toBe(1);
    expect(still.events).toHaveLength(hurried.events.length + 1); // + acknowledged

    // The lost push arrives after all (a late re-send, its own request id): the same reminder, no news.
    const shopId = third.eleme.shopForStore('shop-1')!;
    const late = await third.eleme.push(45, shopId, { orderId: order.orderId, remindId, shopId: Number(shopId) });
    expect(late.ok).toBe(true);
    const afterPush = (await third.s.desk.getOrder(order.key))!;
    expect(afterPush.attention).toBeNull();
    expect(afterPush.events).toHaveLength(still.events.length);

    // Answered: Eleme lists nothing any more.
    await third.s.desk.replyReminder(order.key, 'inCooking', '');
    expect(await third.s.desk.reminderPull.run('staff')).toMatchObject({ listed: 0, recorded: 0 });
  }, 60_000);

  it('when the tunnel comes back, a 催单 lost meanwhile is pulled in (with recovery)', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const { s, eleme } = await start(dir);
    await s.desk.reminderPull.startup;
    const order = await acceptedOrder(s);
    const { remindId } = await eleme.remind(order.orderId, { lost: true });
    const rang = waitForEvent<{ order: Order }>(s.desk, 'order-changed', (c) => c.order.key === order.key && c.order.attention?.reason === 'reminder');
    await s.desk.recoverMissed('tunnel-restored');
    const { order: hurried } = await rang;
    expect(hurried.reminder).toMatchObject({ id: remindId, replied: false });
    await s.desk.settled();
    expect(s.desk.reminderPull.last).toMatchObject({ reason: 'tunnel-restored', recorded: 1 });
  }, 30_000);
});
