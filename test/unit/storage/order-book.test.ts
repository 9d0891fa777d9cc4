/**
 * The order book's memory rules: whatever days are loaded or dropped, a put is never lost —
 * not for a past day after browsing many others, not for a day with unwritten changes, not for
 * a day whose write is still in flight — and the days held in memory stay bounded.
 */
import * as fsp from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../../../shared/order.js';
import type { StoreFs } from '../../../electron/core/storage/disk.js';
import { MAX_LOADED_DAYS, OrderBook } from '../../../electron/core/storage/order-book.js';
import { tempDir } from '../../support/helpers.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function order(id: string, day: string): Order {
  return { key: `meituan:${id}`, orderId: id, businessDay: day, status: 'new' } as unknown as Order;
}

function day(n: number): string {
  return new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10);
}

async function book(fs?: StoreFs): Promise<{ book: OrderBook; dir: string }> {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const b = new OrderBook(dir, () => undefined, fs);
  await b.open();
  return { book: b, dir };
}

async function reopened(dir: string): Promise<OrderBook> {
  const b = new OrderBook(dir);
  await b.open();
  return b;
}

describe('order book memory', () => {
  it('keeps a put for a past day made after browsing more days than it holds', async () => {
    const { book: b, dir } = await book();
    // A day's orders, written back each day as the store does.
    for (let i = 0; i < 20; i++) {
      await b.put(order(`o${i}`, day(i)));
      await b.fold();
    }
    for (let i = 0; i < 20; i++) await b.list(day(i));
    await b.put(order('late', day(2)));
    expect(await b.get('meituan:late')).toBeDefined();
    await b.fold();
    const again = await reopened(dir);
    expect((await again.list(day(2))).map((o) => o.orderId).sort()).toEqual(['late', 'o2']);
    for (let i = 0; i < 20; i++) expect(await again.get(`meituan:o${i}`), `o${i}`).toBeDefined();
  });

  it('never drops a day with changes not yet written, however many days are read', async () => {
    const { book: b, dir } = await book();
    await b.put(order('unwritten', day(0)));
    for (let i = 1; i < 30; i++) await b.list(day(i));
    expect(await b.get('meituan:unwritten')).toBeDefined();
    await b.fold();
    expect(await (await reopened(dir)).get('meituan:unwritten')).toBeDefined();
  });

  it('never drops a day while its write is in flight, so a put meanwhile keeps both orders', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let held = false;
    const slowFs: StoreFs = {
      ...fsp,
      rename: async (from, to) => {
        if (!held && String(to).endsWith(`${day(0)}.json`)) {
          held = true;
          await gate;
        }
        return fsp.rename(from, to);
      },
    };
    const { book: b, dir } = await book(slowFs);
    await b.put(order('first', day(0)));
    const folding = b.fold();
    await expect.poll(() => held).toBe(true);
    // The board browses other days while day 0 is being written.
    for (let i = 1; i <= MAX_LOADED_DAYS + 4; i++) await b.list(day(i));
    await b.put(order('second', day(0)));
    release();
    await folding;
    await b.fold();
    expect((await (await reopened(dir)).list(day(0))).map((o) => o.orderId).sort()).toEqual(['first', 'second']);
  });

  it('holds a bounded number of days however many are read', async () => {
    const { book: b } = await book();
    for (let i = 0; i < 60; i++) {
      await b.put(order(`o${i}`, day(i)));
      if (i % 5 === 0) await b.fold();
    }
    await b.fold();
    for (let i = 0; i < 60; i++) await b.list(day(i));
    expect(b.loadedDays).toBeLessThanOrEqual(MAX_LOADED_DAYS);
    for (let i = 0; i < 60; i++) expect(await b.get(`meituan:o${i}`)).toBeDefined();
  });
});
