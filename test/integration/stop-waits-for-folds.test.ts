/**
 * Stopping the desk waits for every fold under way, including one another caller started while
 * an earlier fold was writing. Before, close() could return while that later fold was still
 * renaming a day file into place: the folder was torn down under it (the tests' ENOTEMPTY) and
 * an app quitting at that moment left only a temp file where the day's file belonged.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OrderBook } from '../../electron/core/storage/order-book.js';
import { OrderLog, startFixture, type Fixture } from '../support/desk-fixture.js';

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

describe('stopping the desk', () => {
  it('resolves only after a fold queued behind another one has written its day file', async () => {
    fx = await startFixture({ stores: [{ id: 'store-1', name: '湘北人家', autoAccept: false }], foldDelayMs: 60_000 });
    const log = new OrderLog(fx.desk);
    const realFold = OrderBook.prototype.fold;
    const events: string[] = [];
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((r) => (releaseFirst = r));
    let calls = 0;
    vi.spyOn(OrderBook.prototype, 'fold').mockImplementation(async function (this: OrderBook) {
      const n = ++calls;
      // The fold takes what has changed at once, then its disk is slow: the first is held until
      // released, the second takes a while (it must still be waited for).
      const writing = realFold.call(this);
      if (n === 1) await firstHeld;
      if (n === 2) await new Promise((r) => setTimeout(r, 200));
      await writing;
      events.push(`fold ${n} written`);
    });

    const a = await fx.sandbox.pushNewOrder('store-1');
    await log.waitFor((o) => o.orderId === a);
    const first = fx.desk.storage.fold(); // holds the disk
    const b = await fx.sandbox.pushNewOrder('store-1');
    await log.waitFor((o) => o.orderId === b);
    const second = fx.desk.storage.fold(); // queued behind the first; folds order b
    const stopped = fx.desk.stop().then(() => events.push('stopped'));
    releaseFirst();
    await Promise.all([first, second, stopped]);

    expect(events).toEqual(['fold 1 written', 'fold 2 written', 'stopped']);
    const day = JSON.parse(await readFile(join(fx.dataDir, 'orders', `${fx.desk.today()}.json`), 'utf8')) as { orders: { orderId: string }[] };
    expect(day.orders.map((o) => o.orderId).sort()).toEqual([a, b].sort());
  });
});
