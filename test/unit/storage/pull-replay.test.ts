/**
 * A pulled order (补单) is journaled before it is applied: a crash after the journal write but
 * before the fold must rebuild the very same order from the journal at the next start-up.
 * "Crash" here: the first store is never closed (so never folded); a second store opens the
 * same data directory, as the next process would.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { meituan as meituanPlatform } from '../../../electron/core/platforms/meituan/index.js';
import { ownerOnlyFileBox } from '../../../electron/core/storage/bindings.js';
import { DeskStorage } from '../../../electron/core/storage/desk-storage.js';
import { tempDir } from '../../support/helpers.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/meituan/order-full.form.txt');
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function orderJson(): Promise<string> {
  const form = new URLSearchParams((await readFile(FIXTURE, 'utf8')).trim());
  return form.get('order')!;
}

function openStore(dataDir: string): DeskStorage {
  const store = new DeskStorage({
    dataDir,
    timeZone: 'Asia/Shanghai',
    stores: [{ id: 'store-1', name: '湘北人家' }],
    platforms: [meituanPlatform],
    secretBox: ownerOnlyFileBox,
    // Never fold on its own during the test: the journal is all there is.
    foldDelayMs: 60_000,
    foldMaxDelayMs: 60_000,
  });
  cleanups.push(() => store.close());
  return store;
}

describe('pull records in the journal', () => {
  it('replays a pulled order identically after a crash before the fold', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const json = await orderJson();
    const first = openStore(dir);
    await first.open();
    const [change] = await first.acceptPull('meituan', 'store-1', json);
    expect(change!.created).toBe(true);
    // The store is configured but not bound: flagged as a push would be.
    expect(change!.order.flags).toEqual(['unbound-store']);
    expect(change!.order.events[0]).toMatchObject({ type: 'pulled', source: 'pull' });
    // The id is exact (17 digits would not survive a JS number).
    expect(json).toContain(`"orderId":${change!.order.orderId}`);

    const second = openStore(dir);
    const report = await second.open();
    expect(report.replayed).toBe(1);
    const replayed = await second.getOrder(change!.order.key);
    expect(replayed).toEqual(change!.order);

    // The same answer pulled again is not a second event, let alone a second order.
    expect(await second.acceptPull('meituan', 'store-1', json)).toEqual([]);
    expect(second.orderCount).toBe(1);
    const audit = await second.readAudit(second.dayOf(replayed!.events[0]!.at));
    expect(audit.filter((r) => r.type === 'pull').map((r) => (r as { orderJson: string }).orderJson)).toEqual([json, json]);
  });

  it('flags an order of a store this app does not know', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const json = (await orderJson()).replace('"ePoiId":"store-1"', '"ePoiId":"elsewhere"');
    const store = openStore(dir);
    await store.open();
    const [change] = await store.acceptPull('meituan', 'store-1', json);
    expect(change!.order.flags).toEqual(['unknown-store']);
  });

  it('journals nothing for an answer that is not an order', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const store = openStore(dir);
    await store.open();
    await expect(store.acceptPull('meituan', 'store-1', '{"status":2}')).rejects.toThrow(/orderId/);
    expect(await store.readAudit(store.today())).toEqual([]);
  });
});
