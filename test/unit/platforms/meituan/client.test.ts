import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  MeituanApiError,
  MeituanClient,
  releaseBindingUrl,
  storemapUrl,
} from '../../../../electron/core/platforms/meituan/client.js';
import { meituanSign, verifyMeituanSign } from '../../../../electron/core/platforms/meituan/sign.js';

const KEY = 'demoSignKey0001';
const TOKEN = 'tok_abc123_secret_store_token';
const NOW = 1700000000_456;

interface Seen {
  method: string;
  path: string;
  contentType: string;
  params: Record<string, string>;
}

let server: Server;
let base = '';
let seen: Seen[] = [];
/** What the fake platform answers next: a body (HTTP 200), or a handler. */
let answer: string | ((req: IncomingMessage, res: ServerResponse) => void) = '{"data":"ok"}';

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const params = Object.fromEntries(new URLSearchParams(req.method === 'GET' ? url.search : body));
      seen.push({
        method: req.method ?? '',
        path: url.pathname,
        contentType: req.headers['content-type'] ?? '',
        params,
      });
      if (typeof answer === 'function') return answer(req, res);
      // The legacy API served success as text/plain: the client must not care.
      res.writeHead(200, { 'content-type': 'text/plain;charset=UTF-8' }).end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen = [];
  answer = '{"data":"ok"}';
});

function client(timeoutMs = 2000): MeituanClient {
  return new MeituanClient({ signKey: KEY, apiBase: base, timeoutMs, now: () => NOW });
}

async function apiError(p: Promise<unknown>): Promise<MeituanApiError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof MeituanApiError) return err;
    throw err;
  }
  throw new Error('expected MeituanApiError');
}

describe('MeituanClient: requests', () => {
  it('confirm: POST form with system params, signed over everything sent', async () => {
    await expect(client().confirm(TOKEN, '27061900338318741')).resolves.toEqual({ alreadyConfirmed: false });
    const [req] = seen;
    expect(req).toMatchObject({ method: 'POST', path: '/waimai/order/confirm' });
    expect(req!.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(req!.params).toEqual({
      appAuthToken: TOKEN,
      charset: 'utf-8',
      timestamp: '1700000000',
      orderId: '27061900338318741',
      sign: meituanSign(KEY, {
        appAuthToken: TOKEN,
        charset: 'utf-8',
        timestamp: '1700000000',
        orderId: '27061900338318741',
      }),
    });
    expect(verifyMeituanSign(KEY, req!.params, req!.params.sign)).toBe(true);
  });

  it('sends each command to its path with its business params, never an empty one', async () => {
    const c = client();
    await c.cancel(TOKEN, '1', '2006', '顾客 要求+取消');
    await c.agreeRefund(TOKEN, '2', '同意');
    await c.rejectRefund(TOKEN, '3', '已出餐');
    await c.delivering(TOKEN, '4', '', undefined);
    await c.delivering(TOKEN, '5', '王师傅', '13900000000');
    await c.delivered(TOKEN, '6');
    const business = seen.map(({ path, params }) => {
      expect(verifyMeituanSign(KEY, params, params.sign)).toBe(true);
      const { appAuthToken: _t, charset: _c, timestamp: _ts, sign: _s, ...rest } = params;
      return [path, rest];
    });
    expect(business).toEqual([
      ['/waimai/order/cancel', { orderId: '1', reasonCode: '2006', reason: '顾客 要求+取消' }],
      ['/waimai/order/agreeRefund', { orderId: '2', reason: '同意' }],
      ['/waimai/order/rejectRefund', { orderId: '3', reason: '已出餐' }],
      ['/waimai/order/delivering', { orderId: '4' }],
      ['/waimai/order/delivering', { orderId: '5', courierName: '王师傅', courierPhone: '13900000000' }],
      ['/waimai/order/delivered', { orderId: '6' }],
    ]);
  });

  it('accepts "OK" in any case as command success, anything else is an error', async () => {
    answer = '{"data":"OK"}';
    await expect(client().delivered(TOKEN, '1')).resolves.toBeUndefined();
    answer = '{"data":"maybe"}';
    expect(await apiError(client().delivered(TOKEN, '1'))).toMatchObject({
      type: 'bad_response',
      retriable: false,
    });
  });

  it('queryById: GET with query params, order normalized with exact ids', async () => {
    answer =
      '{"data":{"orderId":27061900338318741,"orderIdView":2706190033831874123,"status":4,"total":25.5,"daySeq":"2",' +
      '"ePoiId":"store-1","detail":"[{\\"food_name\\":\\"米饭\\",\\"quantity\\":1,\\"price\\":2}]"}}';
    const o = await client().queryById(TOKEN, '27061900338318741');
    expect(seen[0]).toMatchObject({ method: 'GET', path: '/waimai/order/queryById' });
    expect(verifyMeituanSign(KEY, seen[0]!.params, seen[0]!.params.sign)).toBe(true);
    expect(o).toMatchObject({
      orderId: '27061900338318741',
      orderIdView: '2706190033831874123',
      status: 'accepted',
      totalCents: 2550,
      storeId: 'store-1',
    });
    expect(o.items).toMatchObject([{ name: '米饭', priceCents: 200 }]);
  });

  it('queryByEpoids: POST epoiIds comma-separated; ids and full orders both understood', async () => {
    answer = '{"data":[27061900338318741,"27061900338318742",{"orderId":27061900338318743,"status":2}]}';
    const r = await client().queryByEpoids(TOKEN, ['store-1', 'store-2']);
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/waimai/order/queryByEpoids' });
    expect(seen[0]!.params.epoiIds).toBe('store-1,store-2');
    expect(r.orderIds).toEqual(['27061900338318741', '27061900338318742', '27061900338318743']);
    expect(r.orders.map((o) => [o.orderId, o.status])).toEqual([['27061900338318743', 'new']]);
  });
});

describe('MeituanClient: errors', () => {
  it('turns the error object into a typed, non-retriable error', async () => {
    answer = '{"error":{"code":3,"error_type":"signature_error","message":"签名验证失败"}}';
    const e = await apiError(client().cancel(TOKEN, '1', '2007', '其他'));
    expect(e).toMatchObject({ code: 3, type: 'signature_error', retriable: false });
    expect(e.message).toContain('签名验证失败');
    answer = '{"error":{"code":806,"error_type":"waimai_order_not_exist","message":"不存在此订单"}}';
    expect(await apiError(client().queryById(TOKEN, '1'))).toMatchObject({ code: 806, retriable: false });
    answer = '{"error":{"code":2,"error_type":"param_error","message":"参数异常"}}';
    expect(await apiError(client().delivered(TOKEN, '1'))).toMatchObject({ code: 2, retriable: false });
  });

  it('code 1 (server exception) and HTTP 5xx are retriable', async () => {
    answer = '{"error":{"code":1,"error_type":"request_error","message":"服务器异常"}}';
    expect(await apiError(client().delivered(TOKEN, '1'))).toMatchObject({ code: 1, retriable: true });
    answer = (_req, res) => res.writeHead(502).end('<html>bad gateway</html>');
    expect(await apiError(client().delivered(TOKEN, '1'))).toMatchObject({ type: 'http', retriable: true });
    answer = 'not json at all';
    expect(await apiError(client().delivered(TOKEN, '1'))).toMatchObject({
      type: 'bad_response',
      retriable: false,
    });
  });

  it('confirm: "already confirmed" (sandbox code 1008, or the message) is success', async () => {
    answer = '{"error":{"code":1008,"error_type":"order_status_error","message":"订单已确认"}}';
    await expect(client().confirm(TOKEN, '1')).resolves.toEqual({ alreadyConfirmed: true });
    answer = '{"error":{"code":999,"error_type":"order_status_error","message":"商家已接单"}}';
    await expect(client().confirm(TOKEN, '1')).resolves.toEqual({ alreadyConfirmed: true });
    answer = '{"error":{"code":806,"error_type":"waimai_order_not_exist","message":"不存在此订单"}}';
    expect(await apiError(client().confirm(TOKEN, '1'))).toMatchObject({ code: 806 });
    // Only confirm is idempotent: the same answer to cancel stays an error.
    answer = '{"error":{"code":1008,"error_type":"order_status_error","message":"订单已确认"}}';
    expect(await apiError(client().cancel(TOKEN, '1', '2007', 'x'))).toMatchObject({ code: 1008 });
  });

  it('a server that does not answer in time gives a retriable timeout', async () => {
    answer = () => {}; // never answers
    const e = await apiError(client(150).confirm(TOKEN, '1'));
    expect(e).toMatchObject({ type: 'timeout', retriable: true, code: null });
  });

  it('a refused connection is a retriable network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const c = new MeituanClient({ signKey: KEY, apiBase: `http://127.0.0.1:${port}` });
    expect(await apiError(c.queryById(TOKEN, '1'))).toMatchObject({ type: 'network', retriable: true });
  });

  it('never puts the signKey or the token in an error message', async () => {
    answer = `{"error":{"code":2,"error_type":"param_error","message":"bad appAuthToken ${TOKEN} for key ${KEY}"}}`;
    const e = await apiError(client().delivered(TOKEN, '1'));
    expect(e.message).not.toContain(TOKEN);
    expect(e.message).not.toContain(KEY);
    expect(e.message).toContain('***');
    const failing = new MeituanClient({
      signKey: KEY,
      fetch: () => Promise.reject(new TypeError(`fetch failed for ${base}/x?appAuthToken=${TOKEN}`)),
    });
    const n = await apiError(failing.queryById(TOKEN, '1'));
    expect(n.message).not.toContain(TOKEN);
    expect(n).toMatchObject({ type: 'network', retriable: true });
  });
});

describe('MeituanClient: does a store token still work', () => {
  it('asks with a cheap read (the store\'s unconfirmed orders) under the token', async () => {
    answer = '{"data":[]}';
    await expect(client().stillAuthorized(TOKEN, 'store-1')).resolves.toBe(true);
    expect(seen).toMatchObject([{ method: 'POST', path: '/waimai/order/queryByEpoids', params: { appAuthToken: TOKEN, epoiIds: 'store-1' } }]);
  });

  it('param_error (code 2, how a dead token is answered) means dead', async () => {
    answer = '{"error":{"code":2,"error_type":"param_error","message":"参数异常"}}';
    await expect(client().stillAuthorized(TOKEN, 'store-1')).resolves.toBe(false);
  });

  it('anything else cannot tell: a signature error, a server exception, no answer', async () => {
    answer = '{"error":{"code":3,"error_type":"signature_error","message":"签名验证失败"}}';
    await expect(client().stillAuthorized(TOKEN, 'store-1')).rejects.toBeInstanceOf(MeituanApiError);
    answer = '{"error":{"code":1,"error_type":"request_error","message":"服务器异常"}}';
    await expect(client().stillAuthorized(TOKEN, 'store-1')).rejects.toBeInstanceOf(MeituanApiError);
    answer = (_req, res) => void res.writeHead(503).end();
    await expect(client().stillAuthorized(TOKEN, 'store-1')).rejects.toMatchObject({ retriable: true });
  });
});

describe('store mapping URLs', () => {
  it('storemap: businessId 2, ms timestamp, no charset, no signKey, signed over every URL param', () => {
    const url = new URL(
      storemapUrl({ developerId: '100001', signKey: KEY, ePoiId: 'store-1', timestamp: 1700000000000 }),
    );
    expect(url.origin + url.pathname).toBe('https://open-erp.meituan.com/storemap');
    const params = Object.fromEntries(url.searchParams);
    // The worked store-mapping example (platforms/meituan/README.md, "Worked examples").
    expect(params).toEqual({
      developerId: '100001',
      businessId: '2',
      ePoiId: 'store-1',
      timestamp: '1700000000000',
      sign: '869dfc480900a03f8a5e9e547d0231710d86d36b',
    });
    expect(url.href).not.toContain(KEY);
  });

  it('storemap with name and callback: URL-encoded, the sign covers them decoded', () => {
    const href = storemapUrl({
      authBase: 'http://127.0.0.1:9/',
      developerId: '100001',
      signKey: KEY,
      ePoiId: 'store 1&2',
      ePoiName: '湘北人家',
      callbackUrl: 'https://x.loca.lt/meituan/store/bound?a=1&b=2',
      timestamp: 1700000000000,
    });
    expect(href).toMatch(/^http:\/\/127\.0\.0\.1:9\/storemap\?/);
    expect(href).toContain('callbackUrl=https%3A%2F%2Fx.loca.lt%2Fmeituan%2Fstore%2Fbound%3Fa%3D1%26b%3D2');
    const params = Object.fromEntries(new URL(href).searchParams);
    expect(params).toMatchObject({ ePoiId: 'store 1&2', ePoiName: '湘北人家' });
    expect(params.charset).toBeUndefined();
    expect(verifyMeituanSign(KEY, params, params.sign)).toBe(true);
  });

  it('releasebinding: token, businessId 2, ms timestamp, signed', () => {
    const url = new URL(
      releaseBindingUrl({
        developerId: '100001',
        signKey: KEY,
        appAuthToken: TOKEN,
        timestamp: 1700000000000,
      }),
    );
    expect(url.origin + url.pathname).toBe('https://open-erp.meituan.com/releasebinding');
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({
      businessId: '2',
      appAuthToken: TOKEN,
      timestamp: '1700000000000',
      developerId: '100001',
    });
    expect(params.sign).toBe(
      meituanSign(KEY, {
        businessId: '2',
        appAuthToken: TOKEN,
        timestamp: '1700000000000',
        developerId: '100001',
      }),
    );
    expect(url.href).not.toContain(KEY);
  });
});
