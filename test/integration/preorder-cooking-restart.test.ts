/**
 * A pre-order's cooking reminder is kept by the desk: after a restart the order still owes
 * 开始制作 (and still carries the alert), and once started it stays started.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { meituan as meituanPlatform } from '../../electron/core/platforms/meituan/index.js';
import type { CallbackRecord, DeskStorage } from '../../electron/core/storage/desk-storage.js';
import { owedReason } from '../../shared/owed.js';
import { tempDir } from '../support/helpers.js';
import { openDeskStorage } from '../support/storage-pushes.js';

const FORM = new URLSearchParams(
  readFileSync(join(import.meta.dirname, '../fixtures/meituan/order-full.form.txt'), 'utf8').trim(),
);
const ORDER = JSON.parse(FORM.get('order')!) as Record<string, unknown>;
/** 2025-03-01 12:00 in Asia/Shanghai; the pre-order is due at 18:00. */
const T0 = Date.UTC(2025, 2, 1, 4, 0, 0);
const DUE = Date.UTC(2025, 2, 1, 10, 0, 0);
const KEY = 'meituan:601';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** An accepted (status 4) pre-order push, as the receiver hands it over once verified. */
async function pushAcceptedPreOrder(store: DeskStorage): Promise<void> {
  const ctime = Math.floor(T0 / 1000);
  const order = {
    ...ORDER,
    orderId: 601,
    orderIdView: '60101',
    ctime,
    utime: ctime,
    status: 4,
    isPre: 1,
    deliveryTime: DUE / 1000,
    daySeq: 1,
  };
  const fields = { developerId: FORM.get('developerId')!, ePoiId: 'store-1', order: JSON.stringify(order) };
  const record: CallbackRecord = {
    type: 'callback',
    route: '/meituan/order/confirmed',
    platform: 'meituan',
    verdict: 'accepted',
    http: 200,
    fields,
  };
  const route = meituanPlatform.routes.find((r) => r.path === record.route)!;
  await store.acceptCallback(record, route.interpret(fields));
}

describe('the cooking reminder across a restart', () => {
  it('stays owed until started, and stays started', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const open = async (): Promise<DeskStorage> => {
      const store = openDeskStorage(dir, () => new Date(T0));
      cleanups.push(() => store.close());
      await store.open();
      return store;
    };

    let store = await open();
    await pushAcceptedPreOrder(store);
    const pushed = (await store.listOrders('2025-03-01')).find((o) => o.key === KEY)!;
    expect(pushed).toMatchObject({ status: 'accepted', preOrder: true });
    expect(owedReason(pushed)).toBeNull();
    await store.recordAction(KEY, { kind: 'cooking', step: 'due' }, 'reminder');
    await store.close();

    store = await open();
    const afterRestart = (await store.listOrders('2025-03-01')).find((o) => o.key === KEY)!;
    expect(owedReason(afterRestart)).toBe('preorder-due');
    expect(afterRestart.attention?.reason).toBe('preorder-due');
    await store.recordAction(KEY, { kind: 'cooking', step: 'started' }, 'staff');
    await store.close();

    store = await open();
    const started = (await store.listOrders('2025-03-01')).find((o) => o.key === KEY)!;
    expect(owedReason(started)).toBeNull();
    expect(started.attention).toBeNull();
    expect(started.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['cooking:due', 'cooking:started']),
    );
  });
});
