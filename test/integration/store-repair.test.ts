/**
 * Damage on disk is never silent and never fatal: an unreadable journal line is reported, a
 * NUL-filled checkpoint is moved aside and the whole journal replayed, a damaged day file is
 * rebuilt from every journal that mentions its orders (a late push weeks on included), and a
 * lost or damaged order index is rebuilt from the day files. Driven at the store with a
 * controllable clock; "a crash" is the store abandoned without folding and opened again.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeskStorage } from '../../electron/core/storage/desk-storage.js';
import { tempDir } from '../support/helpers.js';
import { accept, meituanPush, openDeskStorage } from '../support/storage-pushes.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** 2025-03-01 12:00 in Asia/Shanghai. */
const T0 = Date.UTC(2025, 2, 1, 4, 0, 0);
const DAY_MS = 86_400_000;

async function setup(foldDelayMs = 1): Promise<{ dir: string; clock: { t: number }; open: () => Promise<DeskStorage> }> {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const clock = { t: T0 };
  const open = async (): Promise<DeskStorage> => {
    const store = openDeskStorage(dir, () => new Date(clock.t), foldDelayMs);
    cleanups.push(() => store.close());
    await store.open();
    return store;
  };
  return { dir, clock, open };
}

const sec = (ms: number): number => Math.floor(ms / 1000);
const nulFill = async (path: string): Promise<void> => writeFile(path, Buffer.alloc((await readFile(path)).length));

describe('damaged store files', () => {
  it('reports an unreadable line in the journal not yet folded, and keeps the orders around it', async () => {
    const { dir, open } = await setup(60_000);
    const first = await open();
    for (const id of ['101', '102', '103']) await accept(first, meituanPush('new', id, sec(T0)));
    await first.kill();
    const file = join(dir, 'journal', '2025-03-01.jsonl');
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines[1] = 'x'.repeat(lines[1]!.length); // the second push's line, damaged in place
    await writeFile(file, lines.join('\n'));

    const second = await open();
    expect(second.problems.join('\n')).toMatch(/日志 2025-03-01\.jsonl .*无法读取.*\(an unreadable journal line/);
    expect((await second.listOrders('2025-03-01')).map((o) => o.orderId).sort()).toEqual(['101', '103']);
  });

  it('moves a NUL-filled checkpoint aside, says so, and replays the whole journal without doubling anything', async () => {
    const { dir, open } = await setup();
    const first = await open();
    await accept(first, meituanPush('new', '201', sec(T0)));
    await accept(first, meituanPush('confirmed', '201', sec(T0), sec(T0) + 60));
    await first.close();
    await nulFill(join(dir, 'checkpoint.json'));

    const second = await open();
    expect(second.problems.join('\n')).toMatch(/checkpoint\.json 损坏.*\(checkpoint unreadable/);
    expect((await readdir(dir)).some((f) => f.startsWith('checkpoint.json.corrupt-'))).toBe(true);
    const order = await second.getOrder('meituan:201');
    expect(order?.status).toBe('accepted');
    expect(order?.events.map((e) => e.seq)).toEqual([1, 2]);
  });

  it('rebuilds a damaged day from every journal that mentions its orders, a late push weeks on included', async () => {
    const { dir, clock, open } = await setup();
    let store = await open();
    await accept(store, meituanPush('new', '301', sec(T0)));
    clock.t = T0 + 20 * DAY_MS; // three weeks on: the order is finished
    await accept(store, meituanPush('finished', '301', sec(T0), sec(clock.t)));
    await store.close();
    await nulFill(join(dir, 'orders', '2025-03-01.json'));

    store = await open();
    const order = await store.getOrder('meituan:301');
    expect(store.problems.join('\n')).toMatch(/2025-03-01 的订单文件损坏/);
    expect(order?.status).toBe('completed');
    expect(order?.events.map((e) => e.seq)).toEqual([1, 2]);
  });

  it('merges a push for an order of a damaged day found after start-up instead of starting it afresh', async () => {
    const { dir, clock, open } = await setup();
    let store = await open();
    await accept(store, meituanPush('new', '401', sec(T0)));
    clock.t = T0 + 10 * DAY_MS;
    await store.close();
    await nulFill(join(dir, 'orders', '2025-03-01.json'));

    store = await open();
    const { changes } = await accept(store, meituanPush('finished', '401', sec(T0), sec(clock.t)));
    expect(changes.map((c) => c.created)).toEqual([false]);
    expect(changes[0]!.order.events.map((e) => e.seq)).toEqual([1, 2]);
  });

  for (const [damage, how] of [
    ['deleted', (path: string) => rm(path)],
    ['NUL-filled', nulFill],
    ['cut mid-line', async (path: string) => writeFile(path, (await readFile(path)).subarray(0, -7))],
  ] as const) {
    it(`rebuilds an order index that was ${damage} from the day files, says so, and later pushes merge`, async () => {
      const { dir, clock, open } = await setup();
      let store = await open();
      await accept(store, meituanPush('new', '501', sec(T0)));
      clock.t = T0 + DAY_MS;
      await accept(store, meituanPush('new', '502', sec(clock.t)));
      await store.close();
      await how(join(dir, 'orders', 'index.jsonl'));

      store = await open();
      expect(store.problems.join('\n')).toMatch(/订单索引丢失或损坏，已从每日订单文件重建（2 单）/);
      expect(store.orderCount).toBe(2);
      // A staff action reaches the order…
      expect(await store.recordAction('meituan:501', { kind: 'acknowledge' }, 'staff')).toBeDefined();
      // …and a later push merges into it: no second record, not created again.
      clock.t = T0 + 2 * DAY_MS;
      const { changes } = await accept(store, meituanPush('finished', '501', sec(T0), sec(clock.t)));
      expect(changes.map((c) => c.created)).toEqual([false]);
      expect(changes[0]!.order.events.length).toBeGreaterThanOrEqual(3);
      expect((await store.listOrders('2025-03-01')).map((o) => o.orderId)).toEqual(['501']);
      await store.close();
      // Rebuilt for good: the next start has nothing to report.
      store = await open();
      expect(store.problems).toEqual([]);
    });
  }
});
