/**
 * Meituan sandbox API and order state machine (its README, "Sandbox"): exact error bodies, lenient
 * transport, and the push each command sends.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'lossless-json';
import type {
  MeituanSandbox} from '../../../../electron/core/platforms/meituan/sandbox.js';
import {
  SandboxTransitionError,
} from '../../../../electron/core/platforms/meituan/sandbox.js';
import { verifyMeituanSign } from '../../../../electron/core/platforms/meituan/sign.js';
import { SANDBOX_TEST_KEY as KEY, callApi, startPair, waitFor, type FakeReceiver } from './sandbox-helpers.js';

const SIGN_ERROR = '{"error":{"code":3,"error_type":"signature_error","message":"签名验证失败"}}';
const PARAM_ERROR = '{"error":{"code":2,"error_type":"param_error","message":"参数异常"}}';
const NOT_EXIST = '{"error":{"code":806,"error_type":"waimai_order_not_exist","message":"不存在此订单"}}';
const ALREADY = '{"error":{"code":1008,"error_type":"order_status_error","message":"订单已确认"}}';

let receiver: FakeReceiver;
let sb: MeituanSandbox;
let token: string;

let stop: () => Promise<void>;

beforeEach(async () => {
  ({ receiver, sandbox: sb, stop } = await startPair({ retryDelaysMs: [5], pushTimeoutMs: 5000 }));
  token = (await sb.bind('store-1')).token;
});
afterEach(() => stop());

const api = (path: string, params: Record<string, string>, opts?: Parameters<typeof callApi>[4]) =>
  callApi(sb.baseUrl, KEY, path, { appAuthToken: token, ...params }, opts);

/** Wait for the next push to `path` that the receiver accepted, and return its fields. */
const nextPush = async (path: string) =>
  (await waitFor<{ path: string; fields: Record<string, string> }>(sb, 'push-ok', (p) => p.path === path))
    .fields;

const payload = (fields: Record<string, string>, name: string) =>
  parse(fields[name]!) as Record<string, unknown>;

describe('API errors', () => {
  it('answers the exact bodies for bad sign, missing params, bad token and unknown order', async () => {
    const id = await sb.pushNewOrder('store-1');
    expect(await api('/waimai/order/confirm', { orderId: id }, { sign: '0'.repeat(40) })).toBe(SIGN_ERROR);
    expect(await api('/waimai/order/cancel', { orderId: id, reasonCode: '2007' })).toBe(PARAM_ERROR);
    expect(await api('/waimai/order/confirm', { orderId: id, appAuthToken: 'f'.repeat(64) })).toBe(
      PARAM_ERROR,
    );
    expect(await api('/waimai/order/confirm', { orderId: '27061900338318741' })).toBe(NOT_EXIST);
    const other = (await sb.bind('store-2')).token;
    expect(await api('/waimai/order/confirm', { orderId: id, appAuthToken: other })).toBe(PARAM_ERROR);
  });

  it('confirming twice answers 1008 订单已确认', async () => {
    const id = await sb.pushNewOrder('store-1');
    expect(await api('/waimai/order/confirm', { orderId: id })).toBe('{"data":"ok"}');
    expect(await api('/waimai/order/confirm', { orderId: id })).toBe(ALREADY);
    expect(sb.getOrder(id)?.apiCalls.map((c) => c.response)).toEqual(['{"data":"ok"}', ALREADY]);
  });

  it('is lenient on transport: query+body split, GET for queries, any timestamp format', async () => {
    const id = await sb.pushNewOrder('store-1');
    expect(
      await api(
        '/waimai/order/confirm',
        { orderId: id, timestamp: '2024-03-24 12:34:56.789' },
        { split: true },
      ),
    ).toBe('{"data":"ok"}');
    const ms = String(Date.now());
    const q = await api(
      '/waimai/order/queryById',
      { orderId: id, timestamp: ms, charset: 'UTF8' },
      { method: 'GET' },
    );
    expect(q).toContain(`"orderId":${id}`);
    const data = (parse(q) as { data: Record<string, unknown> }).data;
    expect(String(data['orderId'])).toBe(id);
    expect(Number(data['status'])).toBe(4);
    expect(typeof data['detail']).toBe('string');
    expect(await api('/waimai/order/confirm', { orderId: id, timestamp: 'yesterday' })).toBe(PARAM_ERROR);
  });

  it('failNext injects failures that a client can retry through', async () => {
    const id = await sb.pushNewOrder('store-1');
    sb.failNext('/waimai/order/confirm', 2);
    const r1 = await api('/waimai/order/confirm', { orderId: id });
    expect(JSON.parse(r1)).toMatchObject({ error: { code: 1, error_type: 'request_error' } });
    await api('/waimai/order/confirm', { orderId: id });
    expect(await api('/waimai/order/confirm', { orderId: id })).toBe('{"data":"ok"}');
    expect(sb.getOrder(id)?.times.status).toBe(4);
  });

  it('queryByEpoids lists the unconfirmed orders of the stores; poi open/close answer ok', async () => {
    const a = await sb.pushNewOrder('store-1');
    const b = await sb.pushNewOrder('store-1');
    await sb.pushNewOrder('store-9');
    await api('/waimai/order/confirm', { orderId: a });
    expect(await api('/waimai/order/queryByEpoids', { epoiIds: 'store-1,store-3' })).toBe(`{"data":[${b}]}`);
    expect(await api('/waimai/poi/close', {})).toBe('{"data":"ok"}');
    expect(sb.isStoreOpen('store-1')).toBe(false);
  });
});

describe('state machine and pushes', () => {
  it('confirm → delivering → delivered, each with its push', async () => {
    const id = await sb.pushNewOrder('store-1');
    const apiEvent = waitFor<{ path: string; response: string }>(sb, 'api');
    let push = nextPush('/meituan/order/confirmed');
    await api('/waimai/order/confirm', { orderId: id });
    expect(await apiEvent).toMatchObject({ path: '/waimai/order/confirm', response: '{"data":"ok"}' });
    let f = await push;
    expect(verifyMeituanSign(KEY, f, f['sign'])).toBe(true);
    expect(Number(payload(f, 'order')['status'])).toBe(4);

    push = nextPush('/meituan/order/shipping');
    await api('/waimai/order/delivering', {
      orderId: id,
      courierName: '店员小李',
      courierPhone: '13900001111',
    });
    f = await push;
    expect(payload(f, 'shippingStatus')).toMatchObject({
      shippingStatus: expect.anything(),
      dispatcherName: '店员小李',
    });
    expect(f['shippingStatus']).toContain(`"orderId":${id}`);
    expect(sb.getOrder(id)?.times.status).toBe(6);

    push = nextPush('/meituan/order/finished');
    await api('/waimai/order/delivered', { orderId: id });
    expect(Number(payload(await push, 'order')['status'])).toBe(8);
    const refused = JSON.parse(
      await api('/waimai/order/cancel', { orderId: id, reasonCode: '2007', reason: '其他原因' }),
    );
    expect(refused.error).toMatchObject({ code: 1008, error_type: 'order_status_error' });
  });

  it('cancel via API sends orderCancel with a string reasonCode', async () => {
    const id = await sb.pushNewOrder('store-1');
    const push = nextPush('/meituan/order/cancelled');
    expect(await api('/waimai/order/cancel', { orderId: id, reasonCode: '2009', reason: '商品已售完' })).toBe(
      '{"data":"ok"}',
    );
    const f = await push;
    expect(Object.keys(f).sort()).toEqual(['developerId', 'ePoiId', 'orderCancel', 'sign']);
    expect(f['orderCancel']).toBe(`{"orderId":${id},"reasonCode":"2009","reason":"商品已售完"}`);
    expect(sb.getOrder(id)?.times.status).toBe(9);
  });

  it('refund apply → agree via API cancels the order; reject without a request is refused', async () => {
    const id = await sb.pushNewOrder('store-1');
    await api('/waimai/order/confirm', { orderId: id });
    const refused = JSON.parse(await api('/waimai/order/rejectRefund', { orderId: id, reason: '无' }));
    expect(refused.error.code).toBe(1008);
    await sb.refund(id, 'apply', '不想要了');
    expect(receiver.at('/meituan/order/refund').at(-1)?.fields['orderRefund']).toBe(
      `{"orderId":${id},"notifyType":"apply","reason":"不想要了"}`,
    );
    const push = nextPush('/meituan/order/refund');
    expect(await api('/waimai/order/agreeRefund', { orderId: id, reason: '同意' })).toBe('{"data":"ok"}');
    expect(payload(await push, 'orderRefund')).toMatchObject({ notifyType: 'agree', reason: '同意' });
    expect(sb.getOrder(id)?.times.status).toBe(9);
  });

  it('driver methods: merchant-app confirm, shipping 0/10/20/40, finish; illegal ones throw', async () => {
    const id = await sb.pushNewOrder('store-1', { logisticsCode: '1001' });
    await expect(sb.ship(id, 20)).rejects.toBeInstanceOf(SandboxTransitionError);
    await sb.confirmFromMerchantApp(id);
    for (const s of [0, 10, 20, 40] as const) await sb.ship(id, s);
    const ships = receiver.at('/meituan/order/shipping').map((r) => payload(r.fields, 'shippingStatus'));
    expect(ships.map((p) => Number(p['shippingStatus']))).toEqual([0, 10, 20, 40]);
    expect(String(ships[2]!['time'])).toMatch(/^\d{10}$/);
    expect(sb.getOrder(id)?.times.status).toBe(6);
    await sb.finish(id);
    expect(sb.getOrder(id)?.history.map((h) => h.event)).toEqual([
      'new',
      'merchant-app:confirm',
      'logistics:ship:0',
      'logistics:ship:10',
      'logistics:ship:20',
      'logistics:ship:40',
      'platform:finish',
    ]);
    await expect(sb.cancel(id, '2006', '用户要求取消')).rejects.toThrow('订单已完成');
    expect(await api('/waimai/order/confirm', { orderId: id })).toContain('"code":1008');
  });

  it('part refund is pushed as flat signed fields with a food JSON array', async () => {
    const id = await sb.pushNewOrder('store-1');
    await sb.partRefund(id, { reason: '缺货' });
    const [r] = receiver.at('/meituan/order/part-refund');
    const f = r!.fields;
    expect(Object.keys(f).sort()).toEqual([
      'developerId',
      'ePoiId',
      'food',
      'money',
      'notifyType',
      'orderId',
      'reason',
      'sign',
    ]);
    expect(f['orderId']).toBe(id);
    expect(verifyMeituanSign(KEY, f, f['sign'])).toBe(true);
    expect(Array.isArray(JSON.parse(f['food']!))).toBe(true);
    expect(f['money']).toMatch(/^\d+(\.\d{1,2})?$/);
  });
});
