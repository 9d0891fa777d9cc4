/**
 * Every kind of bad input through real HTTP: each gets a clear
 * failure in Meituan's dialect and an audit entry, nothing is stored, and the receiver keeps
 * working for the next good push.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meituanSign } from '../../electron/core/platforms/meituan/sign.js';
import { MAX_BODY_BYTES } from '../../electron/core/receiver/server.js';
import { OrderLog, startFixture, TEST_DEVELOPER_ID, TEST_SIGN_KEY, type Fixture } from '../support/desk-fixture.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture({ stores: [{ id: 'store-1', name: '湘北人家', autoAccept: false }] });
});
afterAll(async () => {
  await fx.close();
});

const ORDER = '{"orderId":27061900338318741,"status":2,"daySeq":"3","ePoiId":"store-1","ctime":1764043200,"utime":1764043200,"total":25.5,"originalPrice":28,"shippingFee":3,"caution":"少辣","detail":"[]","extras":"[{}]"}';

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

function signed(fields: Record<string, string>): Record<string, string> {
  return { ...fields, sign: meituanSign(TEST_SIGN_KEY, fields) };
}

async function post(path: string, body: string | Buffer, contentType = 'application/x-www-form-urlencoded', method = 'POST'): Promise<{ status: number; body: string }> {
  const res = await fetch(fx.desk.receiver.url + path, { method, headers: { 'content-type': contentType }, body: method === 'GET' ? undefined : body });
  return { status: res.status, body: await res.text() };
}

async function audit(): Promise<{ route: string; verdict: string; reason?: string }[]> {
  const day = fx.desk.today();
  return (await fx.desk.storage.readAudit(day)).filter((e) => e.type === 'callback') as { route: string; verdict: string; reason?: string }[];
}

async function expectRejected(res: { status: number; body: string }, status: number, reasonPart: RegExp, route: string): Promise<void> {
  expect(res.status).toBe(status);
  const body = JSON.parse(res.body) as { data?: string; reason?: string; error?: string };
  expect(body.data ?? 'NOT OK').not.toMatch(/^ok$/i);
  const last = (await audit()).at(-1)!;
  expect(last.route).toBe(route);
  expect(last.verdict).toBe('rejected');
  expect(last.reason).toMatch(reasonPart);
  expect(await fx.desk.listOrders()).toHaveLength(0);
}

describe('the receiver with bad input', () => {
  it('answers a parameterless console check with the success body and stores nothing', async () => {
    const res = await post('/meituan/order/new', '');
    expect(res).toEqual({ status: 200, body: '{"data":"OK"}' });
    const get = await post('/meituan/store/bound', '', '', 'GET');
    expect(get.body).toBe('{"data":"success"}');
    expect((await audit()).at(-1)?.verdict).toBe('check');
    expect(await fx.desk.listOrders()).toHaveLength(0);
  });

  it('rejects a wrong signature', async () => {
    const fields = signed({ developerId: TEST_DEVELOPER_ID, ePoiId: 'store-1', order: ORDER });
    fields['order'] = ORDER.replace('少辣', '多辣');
    await expectRejected(await post('/meituan/order/new', form(fields)), 403, /sign/i, '/meituan/order/new');
  });

  it('rejects a missing sign', async () => {
    await expectRejected(await post('/meituan/order/new', form({ developerId: TEST_DEVELOPER_ID, ePoiId: 'store-1', order: ORDER })), 401, /sign/i, '/meituan/order/new');
  });

  it('rejects a missing payload field', async () => {
    await expectRejected(await post('/meituan/order/new', form(signed({ developerId: TEST_DEVELOPER_ID, ePoiId: 'store-1' }))), 400, /order/, '/meituan/order/new');
  });

  it('rejects malformed order JSON', async () => {
    await expectRejected(await post('/meituan/order/new', form(signed({ developerId: TEST_DEVELOPER_ID, ePoiId: 'store-1', order: '{"orderId":1,' }))), 400, /JSON|json/, '/meituan/order/new');
  });

  it('rejects another developer’s push', async () => {
    const fields = { developerId: '999999', ePoiId: 'store-1', order: ORDER };
    await expectRejected(await post('/meituan/order/new', form(signed(fields))), 403, /developerId/, '/meituan/order/new');
  });

  it('rejects an oversized body', async () => {
    const big = form(signed({ developerId: TEST_DEVELOPER_ID, ePoiId: 'store-1', order: ORDER, pad: 'x'.repeat(MAX_BODY_BYTES) }));
    await expectRejected(await post('/meituan/order/new', big), 413, /larger/, '/meituan/order/new');
  });

  it('rejects a wrong method and an unknown route', async () => {
    await expectRejected(await post('/meituan/order/new', 'a=1', 'application/x-www-form-urlencoded', 'PUT'), 405, /method/, '/meituan/order/new');
    const res = await post('/admin/orders', 'a=1');
    expect(res.status).toBe(404);
    const last = (await audit()).at(-1)!;
    expect(last).toMatchObject({ route: '/admin/orders', verdict: 'rejected' });
  });

  it('rejects an unsigned binding callback no one asked for, and keeps the token out of the journal', async () => {
    const res = await post('/meituan/store/bound', form({ ePoiId: 'store-2', appAuthToken: 'f'.repeat(64), businessId: '2', timestamp: '1764043200000' }));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(JSON.parse(res.body).data).not.toBe('success');
    const journal = JSON.stringify(await fx.desk.storage.readAudit(fx.desk.today()));
    expect(journal).not.toContain('f'.repeat(64));
    expect(journal).not.toContain(fx.sandbox.tokenFor('store-1'));
  });

  it('still takes a good push after all that', async () => {
    const log = new OrderLog(fx.desk);
    const orderId = await fx.sandbox.pushNewOrder('store-1');
    const order = await log.waitFor((o) => o.orderId === orderId);
    expect(order.status).toBe('new');
    expect(await fx.desk.listOrders()).toHaveLength(1);
  });
});
