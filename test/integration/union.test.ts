/**
 * Meituan Union callbacks through real HTTP: the life of several
 * promotion orders stored field by field, duplicates and late callbacks, and every kind of bad
 * input answered with Union's exact failure body, audited with the reason, and never stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LosslessNumber } from 'lossless-json';
import { UNION_FAIL_BODY, UNION_OK_BODY, UNION_PATH } from '../../electron/core/platforms/union/routes.js';
import { UnionSandbox, type UnionBody } from '../../electron/core/platforms/union/sandbox.js';
import { OrderLog, startFixture, TEST_UNION_SECRET, type Fixture } from '../support/desk-fixture.js';

let fx: Fixture;
let union: UnionSandbox;
let log: OrderLog;
beforeAll(async () => {
  fx = await startFixture();
  union = new UnionSandbox({ callbackSecret: TEST_UNION_SECRET, receiverUrl: () => fx.desk.receiver.url, retryDelaysMs: [20, 40], duplicateRate: 0 });
  log = new OrderLog(fx.desk);
});
afterAll(async () => {
  await union.stop();
  await fx.close();
});

async function post(f: Fixture, body: string, contentType = 'application/json'): Promise<{ status: number; body: string }> {
  const res = await fetch(f.desk.receiver.url + UNION_PATH, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: res.status, body: await res.text() };
}

async function unionOrders(f: Fixture): Promise<unknown[]> {
  return (await f.desk.listOrders()).filter((o) => o.platform === 'union');
}

async function expectRejected(f: Fixture, res: { status: number; body: string }, reason: RegExp): Promise<void> {
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.body).toBe(UNION_FAIL_BODY);
  const audit = (await f.desk.storage.readAudit(f.desk.today())).filter((e) => e.type === 'callback') as { route: string; verdict: string; reason?: string }[];
  expect(audit.at(-1)).toMatchObject({ route: UNION_PATH, verdict: 'rejected' });
  expect(audit.at(-1)?.reason).toMatch(reason);
  expect(await unionOrders(f)).toHaveLength(0);
}

const body = (over: UnionBody = {}): UnionBody => ({
  orderid: new LosslessNumber('7100000000000000123'),
  sid: 'group-01',
  status: new LosslessNumber('1'),
  smstitle: '湘北人家 双人套餐',
  total: new LosslessNumber('68.8'),
  payPrice: new LosslessNumber('65.8'),
  paytime: new LosslessNumber(String(Math.floor(Date.now() / 1000))),
  tradeTypeList: [2, 3],
  ...over,
});

describe('Union callbacks with bad input', () => {
  it('answers an empty POST (a URL check) with the exact success body and stores nothing', async () => {
    expect(await post(fx, '')).toEqual({ status: 200, body: UNION_OK_BODY });
    expect(await unionOrders(fx)).toHaveLength(0);
  });

  it('rejects a tampered field', async () => {
    const json = union.signedJson(body()).replace('"payPrice":65.8', '"payPrice":6.8');
    await expectRejected(fx, await post(fx, json), /sign/);
  });

  it('rejects a number re-formatted after signing (30 signed, 30.0 sent)', async () => {
    const json = union.signedJson(body({ total: new LosslessNumber('30') })).replace('"total":30', '"total":30.0');
    await expectRejected(fx, await post(fx, json), /sign/);
  });

  it('rejects a missing sign, malformed JSON, a non-object and a missing orderid', async () => {
    await expectRejected(fx, await post(fx, JSON.stringify({ orderid: '1', status: 1 })), /missing sign/);
    await expectRejected(fx, await post(fx, '{"orderid":1,'), /malformed JSON/);
    await expectRejected(fx, await post(fx, '[1]'), /not a JSON object/);
    const { orderid: _drop, ...noId } = body();
    await expectRejected(fx, await post(fx, union.signedJson(noId)), /orderid/);
  });
});

describe('the life of Union orders', () => {
  it('stores a paid order exactly, even from a JSON body labelled text/plain', async () => {
    expect(await post(fx, union.signedJson(body({ orderid: new LosslessNumber('7100000000000000999') })), 'text/plain')).toEqual({ status: 200, body: UNION_OK_BODY });
    const o = await log.waitFor((x) => x.orderId === '7100000000000000999');
    expect(o).toMatchObject({ platform: 'union', status: 'paid', totalCents: 6580, originalCents: 6880, storeId: '' });
  });

  it('paid → completed → late paid (no move back) → duplicate (no change) → refunded after completion', async () => {
    const id = await union.pushOrder({ sid: 'group-01', smstitle: '湘北人家 双人套餐', quantity: 2, total: '68.8', payPrice: '65.8', ratio: '0.05' });
    expect(id).toMatch(/^\d{19}$/);
    const paid = await log.waitFor((o) => o.orderId === id);
    expect(paid.key).toBe(`union:${id}`);
    expect(paid).toMatchObject({ status: 'paid', storeId: '', daySeq: null, totalCents: 6580, originalCents: 6880, receivableCents: null, refund: null, attention: null });
    expect(paid.promotion).toEqual({ sid: 'group-01', title: '湘北人家 双人套餐', commissionCents: 329 });
    expect(paid.items).toEqual([expect.objectContaining({ name: '湘北人家 双人套餐', quantity: 2, priceCents: 3440 })]);
    expect(paid.raw).toMatchObject({ orderid: id, total: '68.8', payPrice: '65.8', tradeTypeList: '[2,3]' });

    const asPaid = union.getOrder(id)!;
    expect(await union.complete(id)).toBe(true);
    await log.waitFor((o) => o.orderId === id && o.status === 'completed');

    // A status-1 callback arriving late (an earlier modTime, so not an exact duplicate).
    expect(await union.send({ ...asPaid, modTime: new LosslessNumber('1700000000') })).toBe(true);
    const late = await log.waitFor((o) => o.orderId === id && o.events.length === 3);
    expect(late.status).toBe('completed');

    // The same completed callback again, byte for byte: answered ok, changes nothing.
    expect(await union.send(union.getOrder(id)!)).toBe(true);
    expect(await union.refund(id, 1)).toBe(true);
    const refunded = await log.waitFor((o) => o.orderId === id && o.status === 'refunded');
    expect(refunded.refund).toEqual({ state: 'agreed', partial: false, reason: '全额退款', amountCents: null, items: [] });
    expect(refunded.events.map((e) => [e.type, e.status])).toEqual([
      ['union:paid', 'paid'],
      ['union:completed', 'completed'],
      ['union:paid', 'completed'],
      ['union:refunded', 'refunded'],
    ]);
    expect(refunded.attention).toBeNull();
    expect(refunded.promotion?.sid).toBe('group-01');
  });

  it('records a partial refund and a risk-control 9, each straight from paid', async () => {
    const partial = await union.pushOrder({ sid: 'mini-02', smstitle: '川味小馆 麻婆豆腐饭', total: '19.9', payPrice: '19.9', ratio: '' });
    const risk = await union.pushOrder({ sid: 'mini-01', smstitle: '茶饮 招牌奶茶两杯', total: '25', payPrice: '22' });
    await union.refund(partial, 2);
    await union.refund(risk, 3);
    const p = await log.waitFor((o) => o.orderId === partial && o.status === 'refunded');
    expect(p).toMatchObject({ totalCents: 1990, originalCents: 1990, promotion: { sid: 'mini-02', title: '川味小馆 麻婆豆腐饭', commissionCents: null } });
    expect(p.refund).toMatchObject({ state: 'agreed', partial: true, reason: '部分退款' });
    const r = await log.waitFor((o) => o.orderId === risk && o.status === 'refunded');
    expect(r).toMatchObject({ totalCents: 2200, originalCents: 2500, promotion: { commissionCents: 110 } });
    expect(r.refund).toMatchObject({ state: 'agreed', partial: false, reason: '风控' });
    expect(r.events.map((e) => e.type)).toEqual(['union:paid', 'union:refunded']);
  });
});

describe('Union not configured', () => {
  it('rejects every signed callback with the failure body, and says why in the audit', async () => {
    const bare = await startFixture({ union: false });
    try {
      await expectRejected(bare, await post(bare, union.signedJson(body())), /union\.callbackSecret/);
    } finally {
      await bare.close();
    }
  });
});
