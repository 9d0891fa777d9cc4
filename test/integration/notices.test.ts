/**
 * Platform notices over real HTTP, sandbox → receiver → store: a part refund request rings like
 * a full one and is decided through the API; a store's status and a privacy-number downgrade
 * reach the stores list and the status bar; a refund type nobody knows stays on the order. Each
 * survives a restart, and a replay of the journal alone gives what the live desk showed.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../shared/store.js';
import { OrderLog, startFixture, TEST_DEVELOPER_ID, type Fixture } from '../support/desk-fixture.js';

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

async function meituanOf(f: Fixture, storeId = 'store-1'): Promise<Store['bindings']['meituan']> {
  const store = (await f.desk.listStores()).find((s) => s.id === storeId);
  if (!store) throw new Error(`no store ${storeId}`);
  return store.bindings.meituan;
}

/** Fold (twice: one may be under way with an older line), so the checkpoint is past everything, then restart. */
async function restartPastCheckpoint(f: Fixture): Promise<void> {
  await f.desk.storage.fold();
  await f.desk.storage.fold();
  await f.restart();
}

/** Start again with only the journal to go by for what is not in an order (no checkpoint, no notices file). */
const forgetAllButTheJournal = (f: Fixture) => async (): Promise<void> => {
  await rm(join(f.dataDir, 'store-notices.json'), { force: true });
  await rm(join(f.dataDir, 'checkpoint.json'), { force: true });
};

describe('Meituan notices', () => {
  it('a part refund request rings with its dishes and amount, survives a restart, and is agreed through the API', async () => {
    fx = await startFixture();
    const log = new OrderLog(fx.desk);
    const id = await fx.sandbox.pushNewOrder('store-1');
    await log.waitFor((o) => o.orderId === id && o.status === 'accepted');
    await fx.desk.acknowledge(`meituan:${id}`);
    const dish = fx.sandbox.getOrder(id)!.input.dishes[0]!;

    // The sandbox's default part refund: notifyType `part`, one of the first dish.
    const push = await fx.sandbox.partRefund(id, { reason: '商品缺货' });
    expect(push.answer).toBe('{"data":"OK"}');
    const asked = await log.waitFor((o) => o.orderId === id && o.refund?.state === 'requested');
    expect(asked.attention?.reason).toBe('refund-requested');
    expect(asked.refund).toEqual({
      state: 'requested',
      reason: '商品缺货',
      partial: true,
      amountCents: Math.round(dish.price * 100),
      items: [{ name: dish.name, quantity: 1, refundCents: Math.round(dish.price * 100) }],
    });
    expect(asked.status).toBe('accepted');
    expect(asked.events.at(-1)?.type).toBe('part-refund:requested');

    const desk = await fx.restart();
    log.follow(desk);
    const after = await desk.getOrder(`meituan:${id}`);
    expect(after?.refund).toEqual(asked.refund);
    expect(after?.attention?.reason).toBe('refund-requested');

    const agreed = await desk.agreeRefund(`meituan:${id}`, '同意部分退款');
    expect(agreed.refund).toMatchObject({ state: 'agreed', partial: true });
    expect(agreed.attention).toBeNull();
    expect(fx.sandbox.getOrder(id)!.apiCalls.map((c) => c.path)).toContain('/waimai/order/agreeRefund');
    // Meituan's answer is a part-refund push: the order goes on, it is not cancelled.
    const pushed = await log.waitFor((o) => o.orderId === id && o.events.some((e) => e.type === 'part-refund:agreed'));
    expect(pushed.status).toBe('accepted');
    expect(pushed.refund?.state).toBe('agreed');
    expect(pushed.attention).toBeNull();
  });

  it('keeps the latest store status per store, shows it in the stores list and the status bar, and keeps it over a restart and a replay', async () => {
    fx = await startFixture({ stores: [{ id: 'store-1', name: '湘北人家' }, { id: 'store-2', name: '川味小馆' }], bind: ['store-1', 'store-2'] });
    // Asked from Meituan once bound (the pass is over before the push, so it cannot answer after it).
    await fx.desk.refreshStoreStates();
    expect((await meituanOf(fx)).status).toMatchObject({ state: 'open', detail: expect.stringContaining('本机查询') });

    expect((await fx.sandbox.pushPoiStatus('store-1', 120, '午休')).answer).toBe('{"data":"OK"}');
    const resting = await meituanOf(fx);
    expect(resting.status).toMatchObject({ state: 'resting', code: 120, detail: expect.stringContaining('午休') });
    expect(resting.bound).toBe(true);
    // The other store is untouched: still as Meituan answered when asked.
    expect((await meituanOf(fx, 'store-2')).status?.state).toBe('open');
    expect((await fx.desk.status()).storeWarnings).toEqual([
      expect.objectContaining({ storeId: 'store-1', storeName: '湘北人家', platform: 'meituan', kind: 'resting' }),
    ]);

    await restartPastCheckpoint(fx);
    expect((await meituanOf(fx)).status).toEqual(resting.status);
    await fx.restart(forgetAllButTheJournal(fx));
    expect((await meituanOf(fx)).status).toEqual(resting.status);
    expect((await fx.desk.status()).storeWarnings?.map((w) => w.kind)).toEqual(['resting']);

    await fx.sandbox.pushPoiStatus('store-1', 121, '开始营业');
    expect((await meituanOf(fx)).status).toMatchObject({ state: 'open', code: 121 });
    expect((await fx.desk.status()).storeWarnings).toEqual([]);
    // The journal replayed from its start over the kept file, and with nothing but the journal:
    // the older "resting" line never wins over the newer "open".
    await fx.restart(() => rm(join(fx!.dataDir, 'checkpoint.json')));
    expect((await meituanOf(fx)).status).toMatchObject({ state: 'open', code: 121 });
    await fx.restart(forgetAllButTheJournal(fx));
    expect((await meituanOf(fx)).status).toMatchObject({ state: 'open', code: 121 });
  });

  it('records a privacy-number downgrade on every store and warns about it, over a restart and a replay', async () => {
    fx = await startFixture({ stores: [{ id: 'store-1', name: '湘北人家' }, { id: 'store-2', name: '川味小馆' }], bind: ['store-1'] });
    expect((await fx.sandbox.pushPrivacyDowngrade()).answer).toBe('{"data":"OK"}');
    for (const id of ['store-1', 'store-2']) expect((await meituanOf(fx, id)).privacyDowngradedAt).toMatch(/^\d{4}-/);
    const warned = (await fx.desk.status()).storeWarnings?.filter((w) => w.kind === 'privacy-downgrade');
    expect(warned?.map((w) => w.storeId)).toEqual(['store-1', 'store-2']);

    const at = (await meituanOf(fx)).privacyDowngradedAt;
    await restartPastCheckpoint(fx);
    expect((await meituanOf(fx)).privacyDowngradedAt).toBe(at);
    await fx.restart(forgetAllButTheJournal(fx));
    expect((await meituanOf(fx, 'store-2')).privacyDowngradedAt).toBe(at);
  });

  it('keeps a notice about a store it cannot place anywhere else on that store', async () => {
    fx = await startFixture();
    // An unbind for another Meituan business line: the Waimai binding stays, the notice is kept.
    // (The raw push waits for {"data":"OK"}, so the sandbox sends it a few times: one notice.)
    await fx.sandbox.push('/meituan/store/unbound', { developerId: TEST_DEVELOPER_ID, ePoiId: 'store-1', businessId: '1', timestamp: '1700000000000' });
    const b = await meituanOf(fx);
    expect(b.bound).toBe(true);
    expect(b.notices).toEqual([expect.objectContaining({ type: 'unbind-other-business', detail: expect.stringContaining('businessId 1') })]);
    await restartPastCheckpoint(fx);
    expect((await meituanOf(fx)).notices).toEqual(b.notices);
    await fx.restart(forgetAllButTheJournal(fx));
    expect((await meituanOf(fx)).notices).toEqual(b.notices);
  });

  it('keeps a refund type it does not know as an event and a flag on the order, over a restart', async () => {
    fx = await startFixture();
    const log = new OrderLog(fx.desk);
    const id = await fx.sandbox.pushNewOrder('store-1');
    await log.waitFor((o) => o.orderId === id && o.status === 'accepted');
    const orderRefund = `{"orderId":${id},"notifyType":"refundAppeal","reason":"顾客申诉"}`;
    const push = await fx.sandbox.push('/meituan/order/refund', { developerId: TEST_DEVELOPER_ID, ePoiId: 'store-1', orderRefund });
    expect(push.answer).toBe('{"data":"OK"}');
    const kept = await log.waitFor((o) => o.orderId === id && o.flags.includes('notice'));
    expect(kept.events.at(-1)).toMatchObject({
      type: 'notice:refund:refundAppeal',
      source: '/meituan/order/refund',
      detail: expect.stringContaining('顾客申诉'),
    });
    expect(kept.refund).toBeNull();
    expect(kept.status).toBe('accepted');
    const desk = await fx.restart();
    const after = await desk.getOrder(`meituan:${id}`);
    expect(after?.flags).toContain('notice');
    expect(after?.events.map((e) => e.type)).toContain('notice:refund:refundAppeal');
  });
});
