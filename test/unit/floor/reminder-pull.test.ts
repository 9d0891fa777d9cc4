/**
 * The 催单 pull on its own, against a real store and a fake platform: a listed reminder whose
 * order the desk lacks is fetched first; each reminder is journaled before it is applied (a
 * crash before the fold replays it); the same reminder id is never recorded twice; a failing
 * platform leaves words in the report and the rest of the pass goes on.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ReminderPull, type ReminderSource } from '../../../electron/core/floor/reminder-pull.js';
import { applyUpdate } from '../../../electron/core/orders/reduce.js';
import { meituan as meituanPlatform } from '../../../electron/core/platforms/meituan/index.js';
import { ownerOnlyFileBox } from '../../../electron/core/storage/bindings.js';
import { DeskStorage } from '../../../electron/core/storage/desk-storage.js';
import { quietLogger, tempDir } from '../../support/helpers.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/meituan/order-full.form.txt');
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function orderJson(): Promise<{ json: string; orderId: string }> {
  const form = new URLSearchParams((await readFile(FIXTURE, 'utf8')).trim());
  const json = form.get('order')!;
  return { json, orderId: meituanPlatform.interpretPulled!(json).orderId };
}

function openStore(dataDir: string): DeskStorage {
  const store = new DeskStorage({
    dataDir,
    timeZone: 'Asia/Shanghai',
    stores: [
      { id: 'store-1', name: '湘北人家' },
      { id: 'store-2', name: '川味小馆' },
    ],
    platforms: [meituanPlatform],
    secretBox: ownerOnlyFileBox,
    // Never fold on its own: the journal is all there is.
    foldDelayMs: 60_000,
    foldMaxDelayMs: 60_000,
  });
  cleanups.push(() => store.close());
  return store;
}

/** A platform that lists `listed` for store-1 (store-2 as `store2` says) and answers fetches with `json`. */
function source(o: { listed: () => { reminderId: string; orderId: string }[]; json?: string; store2?: () => never; fetchFails?: boolean }) {
  const calls = { list: 0, fetch: 0 };
  const s: ReminderSource = {
    platform: 'meituan',
    list: async (_token, store) => {
      calls.list++;
      if (store.storeId === 'store-2') {
        if (o.store2) o.store2();
        return [];
      }
      return o.listed();
    },
    fetchOrder: async () => {
      calls.fetch++;
      if (o.fetchFails || !o.json) throw new Error('平台暂不可用');
      return o.json;
    },
    tokenFor: async (id) => `token-${id}`,
    platformStoreId: () => '',
    describeError: (err) => (err as Error).message,
  };
  return { s, calls };
}

describe('ReminderPull', () => {
  it('fetches an order it lacks first, records the reminder as news, and replays it after a crash', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const { json, orderId } = await orderJson();
    const store = openStore(dir);
    await store.open();
    const { s, calls } = source({ listed: () => [{ reminderId: 'r-1', orderId }], json });
    const pull = new ReminderPull({ storage: store, sources: [s], logger: quietLogger });
    const report = await pull.run('start-up');
    expect(report).toMatchObject({ checkedStores: 2, listed: 1, recorded: 1, errors: [] });
    expect(calls.fetch).toBe(1);
    const order = (await store.getOrder(`meituan:${orderId}`))!;
    expect(order.reminder).toMatchObject({ id: 'r-1', replied: false });
    expect(order.flags).toContain('reminder');
    expect(order.attention?.reason).toBe('reminder');
    expect(order.events.map((e) => e.source)).toEqual(['pull', 'reminder-pull']);

    // A crash before the fold: the next process replays the same order from the journal.
    const next = openStore(dir);
    expect((await next.open()).replayed).toBe(2);
    expect(await next.getOrder(order.key)).toEqual(order);
  });

  it('never records the same reminder twice: listed twice, pulled again, or already pushed', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const { json, orderId } = await orderJson();
    const store = openStore(dir);
    await store.open();
    let listed = [
      { reminderId: 'r-1', orderId },
      { reminderId: 'r-1', orderId },
    ];
    const { s, calls } = source({ listed: () => listed, json });
    const pull = new ReminderPull({ storage: store, sources: [s], logger: quietLogger });
    expect(await pull.run('start-up')).toMatchObject({ listed: 1, recorded: 1 });
    expect(await pull.run('staff')).toMatchObject({ listed: 1, recorded: 0 });
    expect(calls.fetch).toBe(1);
    // A second 催单 on the same order is new; the first, listed with it, is not.
    listed = [
      { reminderId: 'r-1', orderId },
      { reminderId: 'r-2', orderId },
    ];
    expect(await pull.run('staff')).toMatchObject({ listed: 2, recorded: 1 });
    // r-1 again after r-2 replaced it on the card: still known by its pulled event.
    expect(await pull.run('staff')).toMatchObject({ listed: 2, recorded: 0 });
    const order = (await store.getOrder(`meituan:${orderId}`))!;
    expect(order.reminder?.id).toBe('r-2');
    expect(order.events.filter((e) => e.type === 'reminder')).toHaveLength(2);
    // A reminder the desk has is not even journaled again.
    const audit = await store.readAudit(store.dayOf(order.events[0]!.at));
    expect(audit.filter((r) => r.type === 'reminder-pull').map((r) => (r as { reminderId: string }).reminderId)).toEqual(['r-1', 'r-2']);
  });

  it('keeps going past a failing store or fetch, and says what failed', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const { orderId } = await orderJson();
    const store = openStore(dir);
    await store.open();
    const { s } = source({
      listed: () => [{ reminderId: 'r-1', orderId }],
      fetchFails: true,
      store2: () => {
        throw new Error('授权已失效');
      },
    });
    const report = await new ReminderPull({ storage: store, sources: [s], logger: quietLogger }).run('start-up');
    expect(report.recorded).toBe(0);
    expect(report.errors).toEqual([`订单 ${orderId} 的催单没有补回：平台暂不可用`, '门店 川味小馆（store-2）读取未回复催单失败：授权已失效']);
    expect(await store.getOrder(`meituan:${orderId}`)).toBeUndefined();
  });

  it('the reducer takes a reminder id the order already has as no news (a reply stands)', async () => {
    const { json } = await orderJson();
    const ctx = (seq: number, fingerprint: string) => ({ seq, at: '2026-12-02T10:00:00.000Z', source: 'test', fingerprint, flags: [], dayOf: () => '2026-12-02' });
    const base = applyUpdate(undefined, meituanPlatform.interpretPulled!(json), ctx(1, 'a')).order;
    const u = { kind: 'reminder' as const, platform: 'meituan' as const, orderId: base.orderId, storeId: '', eventType: 'reminder', detail: '', at: '', reminder: { id: 'r-1', replied: false } };
    const hurried = applyUpdate(base, u, ctx(2, 'b'));
    expect(hurried.order.attention?.reason).toBe('reminder');
    const replied = { ...hurried.order, reminder: { ...hurried.order.reminder!, replied: true }, attention: null };
    const again = applyUpdate(replied, u, ctx(3, 'c'));
    expect(again.changed).toBe(false);
    expect(again.order.reminder?.replied).toBe(true);
    // Another reminder id is news again.
    expect(applyUpdate(replied, { ...u, reminder: { id: 'r-2', replied: false } }, ctx(4, 'd')).order.attention?.reason).toBe('reminder');
  });
});
