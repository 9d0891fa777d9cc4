/**
 * Eleme pushes through the real receiver and store over HTTP on 127.0.0.1: the URL check, an
 * order stored with its exact id, a re-sent push kept once, a bad signature answered in Eleme's
 * failure dialect and stored nowhere, a reminder shown on the order, an unmapped shop kept and
 * flagged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { elemeInbound, ELEME_PUSH_PATH } from '../../../../electron/core/platforms/eleme/routes.js';
import { Receiver } from '../../../../electron/core/receiver/server.js';
import { ownerOnlyFileBox } from '../../../../electron/core/storage/bindings.js';
import { DeskStorage, type DeskStorageOptions } from '../../../../electron/core/storage/desk-storage.js';
import { owedReason } from '../../../../shared/owed.js';
import { quietLogger, tempDir } from '../../../support/helpers.js';
import { CONFIG, ORDER_ID, ORDER_TEXT, body, envelope } from './helpers.js';

const DAY = '2026-12-02';
/** Written out, not imported: the route must answer exactly this. */
const ELEME_OK_BODY = '{"message":"ok"}';
let store: DeskStorage;
let receiver: Receiver;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const tmp = await tempDir();
  cleanup = tmp.cleanup;
  // Eleme's inbound half only (no registry entry needed): given both as the store's platform
  // and as its routes and pull reader, so the test reads the same whichever the store takes.
  const inbound = {
    routes: elemeInbound.routes,
    pulls: { eleme: elemeInbound.interpretPulled },
    platforms: [elemeInbound],
  } as unknown as Pick<DeskStorageOptions, keyof DeskStorageOptions & ('routes' | 'platforms')>;
  store = new DeskStorage({
    dataDir: tmp.dir,
    timeZone: 'Asia/Shanghai',
    stores: [{ id: 'store-1', name: '湘北人家' }],
    ...inbound,
    secretBox: ownerOnlyFileBox,
  });
  await store.open();
  receiver = new Receiver({
    routes: elemeInbound.routes,
    storage: store,
    configFor: (p) => (p === 'eleme' ? CONFIG : undefined),
    pendingBinding: () => false,
    logger: quietLogger,
  });
  await receiver.listen();
});
afterAll(async () => {
  await receiver.close();
  await store.close();
  await cleanup();
});

async function send(text: string, method = 'POST'): Promise<{ status: number; body: string }> {
  const res = await fetch(receiver.url + ELEME_PUSH_PATH, {
    method,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    ...(method === 'GET' ? {} : { body: text }),
  });
  return { status: res.status, body: await res.text() };
}

async function elemeOrders() {
  return (await store.listOrders(DAY)).filter((o) => o.platform === 'eleme');
}

describe('Eleme pushes over HTTP', () => {
  it('answers the URL check (GET, or an empty POST) with {"message":"ok"} and stores nothing', async () => {
    expect(await send('', 'GET')).toEqual({ status: 200, body: ELEME_OK_BODY });
    expect(await send('')).toEqual({ status: 200, body: ELEME_OK_BODY });
    expect(await elemeOrders()).toHaveLength(0);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const audit = await store.readAudit(today);
    expect(audit.filter((e) => e.type === 'callback' && e.verdict === 'check').length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a bad signature in Eleme’s dialect (not 200, not ok) and stores nothing', async () => {
    const res = await send(envelope({ type: 10, message: ORDER_TEXT, secret: 'wrong_secret' }));
    expect(res.status).toBe(403);
    expect(res.body).not.toBe(ELEME_OK_BODY);
    expect(JSON.parse(res.body)).toEqual({ message: expect.stringMatching(/signature does not match/) as unknown });
    expect(await elemeOrders()).toHaveLength(0);
  });

  it('stores a new order with its exact 19-digit id and answers ok; the same push again is kept once', async () => {
    const push = envelope({ type: 10, message: ORDER_TEXT, requestId: '2311582597839852666', userIdBare: true });
    expect(await send(push)).toEqual({ status: 200, body: ELEME_OK_BODY });
    expect(await send(push)).toEqual({ status: 200, body: ELEME_OK_BODY });
    const orders = await elemeOrders();
    expect(orders).toHaveLength(1);
    const [order] = orders;
    expect(order).toMatchObject({ key: `eleme:${ORDER_ID}`, orderId: ORDER_ID, storeId: 'store-1', status: 'new', daySeq: 7, totalCents: 6890 });
    expect(order?.events.map((e) => e.type)).toEqual(['pushed:new']);
    expect(order?.attention?.reason).toBe('new-order');
  });

  it('moves the same record along: accepted, then a reminder flagged with its id, then replied', async () => {
    const state = body({ orderId: ORDER_ID, state: 'valid', shopId: 168000001, updateTime: 1796182140, role: 3 });
    expect((await send(envelope({ type: 12, message: state }))).body).toBe(ELEME_OK_BODY);
    await send(envelope({ type: 45, message: body({ orderId: ORDER_ID, remindId: '7000000000000000003', shopId: 168000001 }) }));
    let [order] = await elemeOrders();
    expect(order?.status).toBe('accepted');
    expect(order?.flags).toContain('reminder');
    expect(order?.reminder).toMatchObject({ id: '7000000000000000003', replied: false });
    // News for the counter (rings once, spoken), until answered.
    expect(order?.attention?.reason).toBe('reminder');
    await send(envelope({ type: 46, message: body({ orderId: ORDER_ID, remindId: '7000000000000000003', shopId: 168000001 }) }));
    [order] = await elemeOrders();
    expect(order?.flags).not.toContain('reminder');
    expect(order?.reminder?.replied).toBe(true);
    // Answered in Eleme's own app: nothing left to see here.
    expect(order?.attention).toBeNull();
  });

  it('keeps an order from a shop whose code is not one of our stores, flagged unknown-store', async () => {
    const other = ORDER_TEXT.replaceAll(ORDER_ID, '3029851217004929602').replace('"openId":"store-1"', '"openId":"store-9"');
    expect((await send(envelope({ type: 10, message: other }))).body).toBe(ELEME_OK_BODY);
    const order = (await elemeOrders()).find((o) => o.orderId === '3029851217004929602');
    expect(order?.storeId).toBe('store-9');
    expect(order?.flags).toContain('unknown-store');
  });

  it('a 217 with only ids rings as a partial order; the fetched full order fills the same record', async () => {
    const id = '3029851217004929603';
    const full = ORDER_TEXT.replaceAll(ORDER_ID, id);
    const push = envelope({ type: 217, message: body({ id, shopId: 168000001 }), timestamp: String(Date.now()) });
    expect((await send(push)).body).toBe(ELEME_OK_BODY);
    const first = await store.getOrder(`eleme:${id}`);
    expect(first).toMatchObject({ status: 'new', flags: ['partial'], attention: { reason: 'new-order' } });
    await store.acceptPull('eleme', 'store-1', full);
    const order = await store.getOrder(`eleme:${id}`);
    expect(order).toMatchObject({ storeId: 'store-1', daySeq: 7, totalCents: 6890, status: 'new' });
    expect(order?.flags).not.toContain('partial');
    expect(order?.items).toHaveLength(4);
    expect(order?.events.map((e) => e.type)).toEqual(['pushed:new', 'pulled']);
  });

  it('a cancel request left unanswered ends with the order cancelled and nothing owed (20 then 15)', async () => {
    const id = '3029851217004929604';
    await send(envelope({ type: 10, message: ORDER_TEXT.replaceAll(ORDER_ID, id) }));
    const change = body({ orderId: id, state: 'valid', shopId: 168000001, updateTime: 1796182140, role: 3 });
    await send(envelope({ type: 12, message: change }));
    const ask = body({ orderId: id, refundStatus: 'applied', reason: '不想要了', shopId: 168000001, goodsList: [], refundType: 'normal', totalPrice: 68.9, updateTime: 1796182150 });
    await send(envelope({ type: 20, message: ask }));
    expect(owedReason((await store.getOrder(`eleme:${id}`))!)).toBe('cancel-request');
    await send(envelope({ type: 15, message: body({ orderId: id, state: 'invalid', shopId: 168000001, updateTime: 1796183050, role: 2 }) }));
    const order = (await store.getOrder(`eleme:${id}`))!;
    expect(order.status).toBe('cancelled');
    expect(order.refund?.state).toBe('agreed');
    expect(owedReason(order)).toBeNull();
    expect(order.attention?.reason).toBe('cancelled');
  });
});
