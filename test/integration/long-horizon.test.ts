/**
 * One desk's store run through 400 business days under a controllable clock: orders every day,
 * the board browsing old days, Union orders and late pushes for past days, month reports,
 * clean restarts and crashes (the store abandoned mid-run, as a killed process leaves it, and
 * reopened on the same folder) at seeded random points, and on a few days a desk process
 * killed outright (SIGKILL) right after acknowledging a push. At the end every acknowledged
 * callback is there exactly once, on its order, on its day — and the days held in memory
 * stayed bounded the whole time.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_LOADED_DAYS } from '../../electron/core/storage/order-book.js';
import type { DeskStorage } from '../../electron/core/storage/desk-storage.js';
import { tempDir } from '../support/helpers.js';
import { accept, meituanPush, openDeskStorage, unionPush, type Push } from '../support/storage-pushes.js';
import { seededRandom } from '../../electron/core/platforms/common/sandbox-data.js';

const DAYS = 400;
/** Fold soon after a change, so crashes land before, during and after folds. */
const FOLD_MS = 10;
const DAY_MS = 86_400_000;
/** 2025-01-01 00:00 in Asia/Shanghai. */
const START = Date.UTC(2024, 11, 31, 16, 0, 0);

const CHILD = fileURLToPath(new URL('../support/storage-child.ts', import.meta.url));
/** Days on which the store runs in a child process that is killed (SIGKILL) mid-morning. */
const CHILD_DAYS = new Set([57, 163, 271, 389]);

/**
 * Accept pushes one by one in a child process, SIGKILL it right after the `killAfter`-th
 * acknowledgement (usually while it is folding), and tell which were acknowledged.
 */
async function acceptThenKill(dir: string, pushes: { clock: number; push: Push }[], killAfter: number): Promise<{ key: string; seq: number }[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, String(pushes[0]!.clock)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const { value, done } = await lines.next();
    if (done) throw new Error('store child ended early');
    return value as string;
  };
  expect(await next()).toBe('open');
  const acks: { key: string; seq: number }[] = [];
  for (const p of pushes.slice(0, killAfter)) {
    child.stdin.write(`${JSON.stringify(p)}\n`);
    const [word, key, seq] = (await next()).split(' ');
    expect(word).toBe('ack');
    acks.push({ key: key!, seq: Number(seq) });
  }
  child.kill('SIGKILL');
  await exited;
  return acks;
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function dayName(i: number): string {
  return new Date(START + i * DAY_MS + 8 * 3_600_000).toISOString().slice(0, 10);
}

interface Acked {
  key: string;
  day: string;
  seq: number;
}

describe('a desk running for 400 days', () => {
  it('keeps every acknowledged callback exactly once, on its day, with bounded memory', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const random = seededRandom(20261202);
    let clock = START;
    const now = (): Date => new Date(clock);
    let store: DeskStorage = openDeskStorage(dir, now, FOLD_MS);
    cleanups.push(() => store.close());
    await store.open();

    const acked: Acked[] = [];
    const orderDay = new Map<string, string>();
    const meituanIds: string[] = [];
    const ctimes = new Map<string, number>();
    const finished = new Set<string>();
    const unionOrders: { id: string; paytime: number; status: '1' | '8' | '9' }[] = [];
    let nextId = 10_000_000;
    let maxLoaded = 0;
    let maxClean = 0;
    const sample = (): void => {
      maxLoaded = Math.max(maxLoaded, store.loadedDays);
      maxClean = Math.max(maxClean, store.loadedDays - store.unwrittenDays);
    };
    let restarts = 0;
    let crashes = 0;
    let killed = 0;

    const push = async (p: Push, day: string): Promise<void> => {
      const { seq } = await accept(store, p);
      expect(seq, `push for ${p.key} changed nothing`).toBeGreaterThan(0);
      acked.push({ key: p.key, day, seq });
      orderDay.set(p.key, day);
      sample();
    };
    const browse = async (day: string): Promise<void> => {
      await store.listOrders(day);
      sample();
    };

    for (let d = 0; d < DAYS; d++) {
      const today = dayName(d);
      if (CHILD_DAYS.has(d)) {
        // Early orders taken by a desk process that is then killed outright.
        await store.close();
        const early = [0, 1, 2, 3].map((k) => {
          const at = START + d * DAY_MS + 9 * 3_600_000 + k * 60_000;
          return { clock: at, push: meituanPush('new', String(nextId++), Math.floor(at / 1000)) };
        });
        const acks = await acceptThenKill(dir, early, 1 + Math.floor(random() * 3));
        for (const a of acks) {
          acked.push({ key: a.key, day: today, seq: a.seq });
          orderDay.set(a.key, today);
        }
        killed++;
        store = openDeskStorage(dir, now, FOLD_MS);
        await store.open();
      }
      // Lunch and dinner: a few new orders, each confirmed later the same day.
      for (const hour of [11, 18]) {
        clock = START + d * DAY_MS + hour * 3_600_000 + Math.floor(random() * 3_000_000);
        const ctime = Math.floor(clock / 1000);
        for (let n = 1 + Math.floor(random() * 2); n > 0; n--) {
          const id = String(nextId++);
          meituanIds.push(id);
          ctimes.set(id, ctime);
          await push(meituanPush('new', id, ctime), today);
          clock += 60_000;
          await push(meituanPush('confirmed', id, ctime, ctime + 60), today);
        }
      }
      // A Union order paid today.
      const paytime = Math.floor(clock / 1000);
      const union = { id: `U${nextId++}`, paytime, status: '1' as const };
      unionOrders.push(union);
      await push(unionPush(union.id, '1', paytime), today);

      clock += 3_600_000;
      const nowSec = Math.floor(clock / 1000);
      // Late pushes for past days: a Union order completed or refunded weeks on, a Meituan order finished.
      if (d > 3) {
        for (let k = 0; k < 2; k++) {
          const u = unionOrders[Math.floor(random() * (unionOrders.length - 1))]!;
          const next = u.status === '1' ? '8' : u.status === '8' ? '9' : null;
          if (!next) continue;
          u.status = next;
          await push(unionPush(u.id, next, u.paytime, nowSec + k), orderDay.get(`union:${u.id}`)!);
        }
        const old = meituanIds[Math.floor(random() * (meituanIds.length - 1))]!;
        if (!finished.has(old)) {
          finished.add(old);
          await push(meituanPush('finished', old, ctimes.get(old)!, nowSec + 5), orderDay.get(`meituan:${old}`)!);
        }
      }
      // The board: staff look at a few old days.
      for (let k = 0; k < 3 && d > 0; k++) await browse(dayName(Math.floor(random() * d)));
      // A month report now and then: every day of a past month.
      if (d % 30 === 29) for (let k = d - 29; k <= d; k++) await browse(dayName(k));

      const roll = random();
      if (roll < 0.03) {
        await store.close();
        restarts++;
        store = openDeskStorage(dir, now, FOLD_MS);
        await store.open();
      } else if (roll < 0.06) {
        // A crash: whatever was not folded yet is only in the journal.
        await store.kill();
        crashes++;
        store = openDeskStorage(dir, now, FOLD_MS);
        await store.open();
      }
    }
    expect(restarts + crashes).toBeGreaterThan(10);
    expect(killed).toBe(CHILD_DAYS.size);

    // One last crash, then a fresh start reads everything back.
    await store.kill();
    store = openDeskStorage(dir, now, FOLD_MS);
    const report = await store.open();
    expect(report.problems).toEqual([]);

    const seqsByKey = new Map<string, number[]>();
    for (const a of acked) seqsByKey.set(a.key, [...(seqsByKey.get(a.key) ?? []), a.seq]);
    const missing: string[] = [];
    for (const [key, seqs] of seqsByKey) {
      const order = await store.getOrder(key);
      if (!order) {
        missing.push(key);
        continue;
      }
      expect(order.businessDay, key).toBe(orderDay.get(key));
      for (const seq of seqs) expect(order.events.filter((e) => e.seq === seq), `${key} seq ${seq}`).toHaveLength(1);
    }
    expect(missing).toEqual([]);
    let listed = 0;
    for (let d = 0; d < DAYS; d++) {
      const orders = await store.listOrders(dayName(d));
      expect(new Set(orders.map((o) => o.key)).size).toBe(orders.length);
      for (const o of orders) expect(orderDay.get(o.key)).toBe(dayName(d));
      listed += orders.length;
    }
    expect(listed).toBe(seqsByKey.size);
    expect(store.orderCount).toBe(seqsByKey.size);
    // Memory: never more than MAX_LOADED_DAYS days already written, plus those waiting for the
    // next fold (a few, however long it runs: nowhere near the history).
    expect(maxClean).toBeLessThanOrEqual(MAX_LOADED_DAYS);
    expect(maxLoaded).toBeLessThan(40);
    expect(store.loadedDays).toBeLessThanOrEqual(MAX_LOADED_DAYS);
  }, 240_000);
});
