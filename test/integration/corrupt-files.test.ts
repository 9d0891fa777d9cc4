/**
 * A file that fails to parse at start-up is moved aside and reported, never silently replaced
 * (docs/design.md, Storage) — and the counter still opens: orders are rebuilt from the journal.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OrderLog, startFixture, type Fixture } from '../support/desk-fixture.js';

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

describe('unreadable files at start-up', () => {
  it('moves a damaged day file aside, says so, and rebuilds the day from the journal', async () => {
    fx = await startFixture({ stores: [{ id: 'store-1', name: '湘北人家', autoAccept: false }] });
    const log = new OrderLog(fx.desk);
    const a = await fx.sandbox.pushNewOrder('store-1');
    const b = await fx.sandbox.pushNewOrder('store-1');
    await log.waitFor((o) => o.orderId === b);
    const day = fx.desk.today();
    const dayFile = join(fx.dataDir, 'orders', `${day}.json`);

    const desk = await fx.restart(async () => {
      // Power cut mid-write: the file is full of NUL bytes.
      const size = (await readFile(dayFile)).length;
      await writeFile(dayFile, Buffer.alloc(size));
    });
    const status = await desk.status();
    expect(status.problems.join('\n')).toMatch(new RegExp(`${day}.*损坏`));
    const aside = (await readdir(join(fx.dataDir, 'orders'))).filter((f) => f.startsWith(`${day}.json.corrupt-`));
    expect(aside).toHaveLength(1);
    expect((await readFile(join(fx.dataDir, 'orders', aside[0]!)))[0]).toBe(0);
    const orders = await desk.listOrders(day);
    expect(orders.map((o) => o.orderId).sort()).toEqual([a, b].sort());
    expect(orders.every((o) => o.items.length > 0)).toBe(true);
  });

  it('rebuilds a NUL-filled order index: orders reachable, staff act on them, a later push merges', async () => {
    fx = await startFixture({ stores: [{ id: 'store-1', name: '湘北人家', autoAccept: false }] });
    const log = new OrderLog(fx.desk);
    const orderId = await fx.sandbox.pushNewOrder('store-1');
    await log.waitFor((o) => o.orderId === orderId);
    const key = `meituan:${orderId}`;
    const index = join(fx.dataDir, 'orders', 'index.jsonl');

    const desk = await fx.restart(async () => writeFile(index, Buffer.alloc((await readFile(index)).length)));
    log.follow(desk);
    expect((await desk.status()).problems.join('\n')).toMatch(/订单索引丢失或损坏.*\(order index/);
    expect((await desk.getOrder(key))?.orderId).toBe(orderId);
    // Staff accept through the platform's API…
    expect((await desk.accept(key)).status).toBe('accepted');
    // …and the platform's next push for it is the same order, not a new one ringing again.
    const seen = log.seen.length;
    await fx.sandbox.finish(orderId);
    const finished = await log.waitFor((o) => o.orderId === orderId && o.status === 'completed');
    expect(finished.events.some((e) => e.type === 'pushed:new')).toBe(true);
    expect(finished.attention).toBeNull();
    expect(log.seen.slice(seen).every((o) => o.events.length > 1)).toBe(true);
    expect((await desk.listOrders(finished.businessDay)).filter((o) => o.orderId === orderId)).toHaveLength(1);
  });

  it('reports a damaged bindings file and starts with the store unbound rather than refusing to open', async () => {
    fx = await startFixture();
    expect((await fx.desk.listStores())[0]!.bindings.meituan.bound).toBe(true);
    const desk = await fx.restart(() => writeFile(join(fx!.dataDir, 'bindings.json'), '{"v":1,"bindings":{'));
    expect((await desk.status()).problems.join('\n')).toMatch(/绑定文件损坏/);
    expect((await desk.listStores())[0]!.bindings.meituan.bound).toBe(false);
    expect((await readdir(fx.dataDir)).some((f) => f.startsWith('bindings.json.corrupt-'))).toBe(true);
  });
});
