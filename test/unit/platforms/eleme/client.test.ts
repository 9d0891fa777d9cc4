import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse, stringify } from 'lossless-json';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeElemeError } from '../../../../electron/core/platforms/eleme/actions.js';
import { elemeApiSign, elemeApiSignPairs, verifyElemeApiSign } from '../../../../electron/core/platforms/eleme/api-sign.js';
import type { ElemeApiError} from '../../../../electron/core/platforms/eleme/client.js';
import { ElemeClient } from '../../../../electron/core/platforms/eleme/client.js';
import { ELEME_CANCEL_REASONS } from '../../../../electron/core/platforms/eleme/codes.js';
import { ElemeSandbox } from '../../../../electron/core/platforms/eleme/sandbox.js';
import { FakeElemeReceiver } from './sandbox-out-helpers.js';

// The worked example's key, secret and token (public documentation values).
const DOC = { key: 'wYO4C8ZLzB', secret: '8e81ef8b73593d6b24e0cd9f11cbe3132d11ab8e', token: 'ed72bdaef7b635ecf9279147d76d6a55' };
const metas = { app_key: DOC.key, timestamp: 1486217703 };

describe('API signature', () => {
  it('matches the documented worked example', () => {
    expect(elemeApiSign(DOC.secret, 'eleme.order.getOrder', DOC.token, metas, { orderId: '100027526535707064' })).toBe(
      'B450D7598455D163488A2ABEB1E0E0C5',
    );
  });

  it('signs Chinese text and "/" unescaped, and arrays as compact JSON', () => {
    const cancel = { orderId: '100027526535707064', type: 'foodSoldOut', remark: '商品售完/抱歉' };
    expect(elemeApiSignPairs(metas, cancel)).toBe(
      'app_key="wYO4C8ZLzB"orderId="100027526535707064"remark="商品售完/抱歉"timestamp=1486217703type="foodSoldOut"',
    );
    expect(elemeApiSign(DOC.secret, 'eleme.order.cancelOrderLite', DOC.token, metas, cancel)).toBe('8D8A1AF2E7325663DEC0ABC7B80C193F');
    const ids = { orderIds: ['100027526535707064', '100027526535707065'] };
    expect(elemeApiSign(DOC.secret, 'eleme.order.mgetOrders', DOC.token, metas, ids)).toBe('1FEAA4CFBDA633F498F422C8212C0764');
  });

  it('verifies case-insensitively and refuses any change', () => {
    const p = { orderId: '100027526535707064' };
    expect(verifyElemeApiSign(DOC.secret, 'eleme.order.getOrder', DOC.token, metas, p, 'b450d7598455d163488a2abeb1e0e0c5')).toBe(true);
    expect(verifyElemeApiSign(DOC.secret, 'eleme.order.getOrder', DOC.token, metas, { orderId: '100027526535707065' }, 'B450D7598455D163488A2ABEB1E0E0C5')).toBe(false);
    expect(verifyElemeApiSign(DOC.secret, 'eleme.order.getOrder', DOC.token, metas, p, undefined)).toBe(false);
  });
});

describe('what the client sends', () => {
  let server: Server;
  let base = '';
  const bodies: { raw: string; headers: Record<string, unknown> }[] = [];
  let answer = '{"id":"x","result":null,"error":null}';
  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => {
        bodies.push({ raw, headers: { ...req.headers, path: req.url, method: req.method } });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(answer);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => {
    bodies.length = 0;
    answer = '{"id":"x","result":null,"error":null}';
  });

  const client = () => new ElemeClient({ appKey: DOC.key, appSecret: DOC.secret, host: `${base}/`, now: () => 1486217703_123 });

  it('posts the NOP envelope to /api/v1: request id, seconds, params always an object, signed over exactly what is sent', async () => {
    await client().cancel(DOC.token, '100027526535707064', 'foodSoldOut', '商品售完/抱歉');
    await client().call('eleme.user.getUser', DOC.token, {});
    const [cancel, user] = bodies;
    expect(cancel!.headers['path']).toBe('/api/v1');
    expect(cancel!.headers['method']).toBe('POST');
    expect(cancel!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(cancel!.raw).toContain('"remark":"商品售完/抱歉"'); // not \u escaped, "/" as is
    const body = parse(cancel!.raw) as Record<string, unknown>;
    expect(body['nop']).toBe('1.0.0');
    expect(body['id']).toMatch(/^[0-9A-F]{32}\|1486217703123$/);
    expect(cancel!.headers['x-eleme-requestid']).toBe(body['id']);
    expect(stringify(body['metas'])).toBe('{"app_key":"wYO4C8ZLzB","timestamp":1486217703}');
    expect(body['signature']).toBe('8D8A1AF2E7325663DEC0ABC7B80C193F');
    expect(user!.raw).toContain('"params":{}');
  });

  it('sends a shop id as a bare number with every digit', async () => {
    answer = '{"id":"x","result":["1234567890123456789"],"error":null}';
    expect(await client().getUnprocessOrders(DOC.token, '9007199254740993')).toEqual(['1234567890123456789']);
    expect(bodies[0]!.raw).toContain('"params":{"shopId":9007199254740993}');
  });

  it('takes an "already accepted" business error as success', async () => {
    answer = '{"id":"x","result":null,"error":{"code":"BIZ_ORDER_STATUS","message":"订单已接单，请勿重复操作"}}';
    expect(await client().confirm(DOC.token, '1')).toEqual({ alreadyConfirmed: true });
  });

  it('cuts the token and the secret out of whatever the server echoes', async () => {
    answer = `{"id":"x","result":null,"error":{"code":"UNAUTHORIZED","message":"token ${DOC.token} 无效 (secret ${DOC.secret})"}}`;
    const err = (await client().confirm(DOC.token, '1').catch((e: unknown) => e)) as ElemeApiError;
    expect(err.code).toBe('UNAUTHORIZED');
    for (const text of [err.message, err.platformMessage, describeElemeError(err).message]) {
      expect(text).not.toContain(DOC.token);
      expect(text).not.toContain(DOC.secret);
    }
  });

  it('keeps merchant account ids beyond 2^53 exact', async () => {
    answer = '{"id":"x","result":{"userId":5486031036067039666,"userName":"店主","authorizedShops":[{"id":168830001,"name":"湘北人家"}]},"error":null}';
    expect(await client().getUser(DOC.token)).toEqual({
      accountId: '5486031036067039666',
      accountName: '店主',
      shops: [{ shopId: '168830001', name: '湘北人家' }],
    });
  });
});

describe('against the sandbox', () => {
  const receiver = new FakeElemeReceiver();
  let sandbox: ElemeSandbox;
  let client: ElemeClient;
  let token = '';
  /** The platform's clock ahead of the real one by this much (the 出餐 minute). */
  let skew = 0;
  const SHOP = '168830001';

  beforeAll(async () => {
    await receiver.start();
  });
  afterAll(() => receiver.stop());
  beforeEach(async () => {
    receiver.seen.length = 0;
    skew = 0;
    sandbox = new ElemeSandbox({ appKey: 'sbKey', appSecret: 'sbSecret-0001', receiverUrl: receiver.url, duplicateRate: 0, retryDelaysMs: [], now: () => Date.now() + skew });
    await sandbox.start();
    client = new ElemeClient({ appKey: 'sbKey', appSecret: 'sbSecret-0001', host: sandbox.baseUrl });
    token = sandbox.auth.grantDirect([SHOP]).accessToken;
  });
  afterEach(() => sandbox.stop());

  it('accepts an order; accepting again is success too', async () => {
    const id = await sandbox.pushNewOrder(SHOP);
    expect(await client.confirm(token, id)).toEqual({ alreadyConfirmed: false });
    expect(sandbox.getOrder(id)?.status).toBe('valid');
    const pushed = await receiver.waitFor((p) => p.type === 12);
    expect(pushed.body['orderId']).toBe(id);
    expect(pushed.body['state']).toBe('valid');
    expect(await client.confirm(token, id)).toEqual({ alreadyConfirmed: true });
    expect(sandbox.getOrder(id)?.apiCalls.map((c) => c.action)).toEqual([
      'eleme.order.confirmOrderLite',
      'eleme.order.confirmOrderLite',
      'eleme.order.getOrder',
    ]);
  });

  it('cancels with a string reason code: before acceptance 14, after 17', async () => {
    const a = await sandbox.pushNewOrder(SHOP);
    await client.cancel(token, a, 'foodSoldOut', '今天卖完了');
    expect((await receiver.waitFor((p) => p.type === 14)).body['orderId']).toBe(a);
    const b = await sandbox.pushNewOrder(SHOP);
    await client.confirm(token, b);
    await client.cancel(token, b, 'restaurantTooBusy', '太忙了');
    expect((await receiver.waitFor((p) => p.type === 17)).body['orderId']).toBe(b);
    expect(sandbox.getOrder(b)?.status).toBe('invalid');
    const err = (await client.cancel(token, b, 'foodSoldOut', '').catch((e: unknown) => e)) as ElemeApiError;
    expect(err.code).toMatch(/^BIZ_/);
    expect(describeElemeError(err)).toMatchObject({ retriable: false });
    expect(describeElemeError(err).message).toContain('饿了么没有接受这个操作');
    expect(ELEME_CANCEL_REASONS[0]).toEqual({ code: 'foodSoldOut', zh: '商品已售完', en: 'Sold out' });
  });

  it('agrees to a cancel request and refuses a refund request', async () => {
    const a = await sandbox.pushNewOrder(SHOP);
    await client.confirm(token, a);
    await sandbox.requestCancel(a, '点错了');
    await client.agreeRefund(token, a);
    const agreed = await receiver.waitFor((p) => p.type === 23);
    expect(agreed.body['refundStatus']).toBe('successful');
    expect(sandbox.getOrder(a)?.status).toBe('invalid');

    const b = await sandbox.pushNewOrder(SHOP);
    await client.confirm(token, b);
    await sandbox.complete(b);
    await sandbox.requestRefund(b, '少送了米饭');
    expect(await client.getRefundOrders(token, SHOP)).toEqual([b]);
    await client.disagreeRefund(token, b, '已核实足量');
    expect((await receiver.waitFor((p) => p.type === 32)).body['reason']).toBe('已核实足量');
    expect(await client.getRefundOrders(token, SHOP)).toEqual([]);
  });

  it('delivers by itself: out for delivery, then delivered (and completed)', async () => {
    const id = await sandbox.pushNewOrder(SHOP);
    await client.confirm(token, id);
    await client.startDeliveryBySelf(token, id, '13800001111');
    await client.completeDeliveryBySelf(token, id, '13800001111');
    await receiver.waitFor((p) => p.type === 18);
    expect(receiver.seen.filter((p) => p.fields['message']?.includes(id)).map((p) => p.type)).toEqual([217, 12, 55, 56, 18]);
    expect(sandbox.getOrder(id)?.status).toBe('settled');
  });

  it('answers a 催单 by its remind id, and marks food ready', async () => {
    const id = await sandbox.pushNewOrder(SHOP);
    await client.confirm(token, id);
    const { remindId } = await sandbox.remind(id);
    expect(await client.getUnreplyReminders(token, SHOP)).toEqual([{ remindId, orderId: id }]);
    await client.replyReminder(token, remindId, 'inCooking');
    expect((await receiver.waitFor((p) => p.type === 46)).body['remindId']).toBe(remindId);
    expect(await client.getUnreplyReminders(token, SHOP)).toEqual([]);
    await expect(client.replyReminder(token, remindId, 'custom', '')).rejects.toMatchObject({ kind: 'api' });
    // 出餐: not within the first minute after accepting (the platform's rule), then once.
    await expect(client.setOrderPrepared(token, id)).rejects.toMatchObject({ code: 'BIZ_ORDER_STATUS_ERROR', platformMessage: '接单1分钟内不能出餐' });
    skew = 61_000;
    await client.setOrderPrepared(token, id);
    expect(sandbox.getOrder(id)?.prepared).toBe(true);
  });

  it('reads orders exactly: get, batch get, unprocessed ids for recovery', async () => {
    const a = await sandbox.pushNewOrder(SHOP);
    const b = await sandbox.pushNewOrder(SHOP);
    await client.confirm(token, b);
    const text = await client.getOrderJson(token, a);
    expect(text).toContain(`"id":"${a}"`);
    expect(text).toContain(`"shopId":${SHOP}`);
    expect(text).toMatch(/"totalPrice":\d+\.\d+/); // yuan as sent, never re-printed through a double
    expect(Object.keys(await client.mgetOrdersJson(token, [a, b, '1']))).toEqual([a, b]);
    expect(await client.getUnprocessOrders(token, SHOP)).toEqual([a]);
  });

  it('pulls back pushes the platform gave up on, with an empty token', async () => {
    receiver.script({ status: 500, body: 'busy' });
    const id = await sandbox.pushNewOrder(SHOP);
    const failed = (await client.getPushFailMsg({})) as { total: unknown; list: Record<string, unknown>[] };
    expect(failed.list).toHaveLength(1);
    expect(String(failed.list[0]!['message'])).toContain(id);
    await client.confirmPullMsg({ msgIds: [String(failed.list[0]!['msgId'])] });
    expect(((await client.getPushFailMsg({})) as { list: unknown[] }).list).toEqual([]);
  });

  it('puts failures into words for staff, with whether a retry may help, and never a secret', async () => {
    const id = await sandbox.pushNewOrder(SHOP);
    sandbox.failNext('eleme.order.confirmOrderLite', 1);
    const busy = await client.confirm(token, id).catch((e: unknown) => e);
    expect(describeElemeError(busy)).toMatchObject({ retriable: true });
    expect(describeElemeError(busy).message).toContain('饿了么服务器异常');

    const wrongSecret = new ElemeClient({ appKey: 'sbKey', appSecret: 'not-the-secret', host: sandbox.baseUrl });
    const sig = (await wrongSecret.confirm(token, id).catch((e: unknown) => e)) as ElemeApiError;
    expect(sig.code).toBe('INVALID_SIGNATURE');
    expect(describeElemeError(sig).message).toContain('appSecret');
    expect(describeElemeError(sig).retriable).toBe(false);

    const skewed = new ElemeClient({ appKey: 'sbKey', appSecret: 'sbSecret-0001', host: sandbox.baseUrl, now: () => Date.now() - 3600_000 });
    expect(await skewed.confirm(token, id).catch((e: unknown) => (e as ElemeApiError).code)).toBe('INVALID_TIMESTAMP');

    sandbox.auth.expireAccessTokens();
    const expired = (await client.confirm(token, id).catch((e: unknown) => e)) as ElemeApiError;
    expect(expired.code).toBe('UNAUTHORIZED');
    expect(describeElemeError(expired).message).toContain('重新授权');
    for (const e of [busy, sig, expired]) {
      expect((e as Error).message).not.toContain(token);
      expect((e as Error).message).not.toContain('sbSecret-0001');
    }

    const other = sandbox.auth.grantDirect(['168830002']).accessToken;
    expect(await client.confirm(other, id).catch((e: unknown) => (e as ElemeApiError).code)).toBe('PERMISSION_DENIED');
  });

  it('a platform that cannot be reached is a retriable network failure', async () => {
    const url = sandbox.baseUrl;
    await sandbox.stop();
    const gone = new ElemeClient({ appKey: 'sbKey', appSecret: 'sbSecret-0001', host: url, timeoutMs: 2000 });
    const err = (await gone.confirm(token, '1').catch((e: unknown) => e)) as ElemeApiError;
    expect(err.kind).toBe('network');
    expect(describeElemeError(err)).toMatchObject({ retriable: true });
    expect(describeElemeError(err).message).toContain('无法连接饿了么接口');
    await sandbox.start(); // afterEach stops it again
  });
});
