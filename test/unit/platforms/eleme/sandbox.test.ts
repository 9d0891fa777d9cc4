import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'lossless-json';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { elemeApiSign } from '../../../../electron/core/platforms/eleme/api-sign.js';
import { ElemeClient } from '../../../../electron/core/platforms/eleme/client.js';
import { ElemeOAuth } from '../../../../electron/core/platforms/eleme/oauth.js';
import { ELEME_SIMULATE_KINDS, ElemeSandbox, SandboxTransitionError } from '../../../../electron/core/platforms/eleme/sandbox.js';
import { startElemeSandbox } from '../../../../electron/core/platforms/eleme/sandbox-factory.js';
import { verifyElemePushSign } from '../../../../electron/core/platforms/eleme/sign.js';
import { FakeElemeReceiver, exact } from './sandbox-out-helpers.js';

const KEY = 'sbKey';
const SECRET = 'sbSecret-0001';
const SHOP = '168830001';

const receiver = new FakeElemeReceiver();
let sandbox: ElemeSandbox;

beforeAll(() => receiver.start());
afterAll(() => receiver.stop());
beforeEach(() => {
  receiver.seen.length = 0;
});
afterEach(() => sandbox?.stop());

async function start(opts: Partial<ConstructorParameters<typeof ElemeSandbox>[0]> = {}): Promise<ElemeSandbox> {
  sandbox = new ElemeSandbox({ appKey: KEY, appSecret: SECRET, receiverUrl: receiver.url, duplicateRate: 0, retryDelaysMs: [], ...opts });
  await sandbox.start();
  return sandbox;
}

describe('pushes', () => {
  it('are signed JSON envelopes of exactly the documented fields; the merchant id keeps all 19 digits as a number or a string', async () => {
    await start({ stringUserIdRate: 0 });
    await sandbox.pushNewOrder(SHOP);
    await sandbox.stop();
    await start({ stringUserIdRate: 1 });
    await sandbox.pushNewOrder(SHOP);
    expect(receiver.seen).toHaveLength(2);
    for (const p of receiver.seen) {
      expect(p.method).toBe('POST');
      expect(p.contentType).toContain('application/json');
      expect(Object.keys(p.fields).sort()).toEqual(['appId', 'message', 'requestId', 'shopId', 'signature', 'timestamp', 'type', 'userId']);
      expect(verifyElemePushSign(SECRET, p.fields, p.fields['signature'])).toBe(true);
      expect(verifyElemePushSign('another-secret', p.fields, p.fields['signature'])).toBe(false);
      expect(p.fields['userId']).toBe('5486031036067039666');
      expect(p.fields['timestamp']).toMatch(/^\d{13}$/);
      expect(p.fields['shopId']).toBe(SHOP);
      expect(p.fields['requestId']).toMatch(/^\d{19}$/);
      expect(p.type).toBe(217);
    }
    expect(receiver.seen[0]!.raw).toContain('"userId":5486031036067039666');
    expect(receiver.seen[1]!.raw).toContain('"userId":"5486031036067039666"');
  });

  it('new orders: 217 carries the core fields, 10 the full order; ids are strings beyond 2^53', async () => {
    await start();
    const a = await sandbox.pushNewOrder(SHOP);
    const b = await sandbox.pushNewOrder(SHOP, { type: 10 });
    const [core, full] = receiver.seen;
    expect(BigInt(a)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    expect(core!.body['id']).toBe(a);
    expect(core!.body['groups']).toBeUndefined();
    expect(core!.body['openId']).toBe('store-1');
    expect(full!.type).toBe(10);
    expect(full!.body['id']).toBe(b);
    expect(full!.body['orderId']).toBe(b);
    expect(exact(full!.body['daySn'])).toBe('2');
    expect(Array.isArray(full!.body['groups'])).toBe(true);
    expect(full!.fields['message']).toMatch(/"totalPrice":\d+\.\d+/);
  });

  it('are sent again, same requestId, until answered {"message":"ok"}', async () => {
    await start({ retryDelaysMs: [10, 10, 10] });
    receiver.script({ status: 500, body: 'oops' }, { body: '{"message":"fail"}' }, { body: '{"message":"ok"}' });
    const id = await sandbox.pushNewOrder(SHOP);
    expect(receiver.seen).toHaveLength(3);
    expect(new Set(receiver.seen.map((p) => p.fields['requestId'])).size).toBe(1);
    expect(sandbox.failedPushes()).toEqual([]);
    expect(receiver.seen[2]!.body['id']).toBe(id);
  });

  it('given up after the last try, a core push is kept for the failed-push pull (others are not)', async () => {
    const gaveUp: unknown[] = [];
    receiver.script({ status: 503, body: '' }, 'hang');
    await start({ retryDelaysMs: [5], pushTimeoutMs: 300 });
    sandbox.on('push-gave-up', (e) => gaveUp.push(e));
    const id = await sandbox.pushNewOrder(SHOP);
    expect(gaveUp).toHaveLength(1);
    expect(sandbox.failedPushes()).toMatchObject([{ type: 217, shopId: SHOP, userId: '5486031036067039666' }]);
    expect(sandbox.failedPushes()[0]!.message).toContain(id);
    receiver.script({ status: 503, body: '' }, { status: 503, body: '' });
    await sandbox.confirmFromMerchantApp(id);
    receiver.script({ status: 503, body: '' }, { status: 503, body: '' });
    await sandbox.remind(id);
    expect(sandbox.failedPushes().map((m) => m.type)).toEqual([217, 12]); // the 催单 (45) is not a core type
  });

  it('sometimes arrive twice: a duplicate is byte for byte the same', async () => {
    await start({ duplicateRate: 1 });
    await sandbox.pushNewOrder(SHOP);
    expect(receiver.seen).toHaveLength(2);
    expect(receiver.seen[1]!.raw).toBe(receiver.seen[0]!.raw);
  });

  it('checks the push address with a GET that must answer ok', async () => {
    await start();
    receiver.script({ body: '{"message":"ok"}' });
    const r = await sandbox.checkPushUrl();
    expect(r.ok).toBe(true);
    expect(receiver.seen[0]!.method).toBe('GET');
    receiver.script({ body: '{"message":"OK!"}' });
    expect((await sandbox.checkPushUrl()).ok).toBe(false);
  });
});

describe('the order life and simulate', () => {
  it('walks an order: accepted, courier, completed, refund request and outcome; refuses what the state does not allow', async () => {
    await start({ now: () => 1_800_000_000_123 }); // a frozen clock: every push in the same millisecond
    const id = await sandbox.pushNewOrder(SHOP);
    await expect(sandbox.requestRefund(id)).rejects.toBeInstanceOf(SandboxTransitionError);
    await sandbox.confirmFromMerchantApp(id);
    await sandbox.courier(id, 53);
    await sandbox.courier(id, 55);
    await sandbox.courier(id, 56);
    await sandbox.complete(id);
    await sandbox.requestRefund(id, '少送了', true);
    await sandbox.withdrawRequest(id);
    expect(receiver.seen.map((p) => p.type)).toEqual([217, 12, 53, 55, 56, 18, 30, 31]);
    expect(new Set(receiver.seen.map((p) => p.fields['requestId'])).size).toBe(8); // each push its own id
    const courier = receiver.ofType(55)[0]!.body;
    expect(courier).toMatchObject({ orderId: id, state: 'delivering', name: '刘师傅', phone: '13974112233' });
    expect(String(courier['updateAt'])).toMatch(/^\d{13}$/); // ms here, unlike updateTime (s)
    const refund = receiver.ofType(30)[0]!.body;
    expect(refund).toMatchObject({ orderId: id, refundStatus: 'applied', refundType: 'part', reason: '少送了' });
    expect(String(receiver.ofType(12)[0]!.body['updateTime'])).toMatch(/^\d{10}$/);
    await expect(sandbox.confirmFromMerchantApp(id)).rejects.toBeInstanceOf(SandboxTransitionError);
  });

  it('an unanswered cancel request is agreed by the platform (15)', async () => {
    await start();
    const id = await sandbox.pushNewOrder(SHOP);
    await sandbox.confirmFromMerchantApp(id);
    await sandbox.requestCancel(id);
    await sandbox.requestTimeout(id);
    expect(receiver.seen.map((p) => p.type)).toEqual([217, 12, 20, 15]);
    const auto = receiver.ofType(15)[0]!.body;
    expect(auto['state']).toBe('invalid');
    expect(exact(auto['role'])).toBe('2'); // the platform's system, not the shop
  });

  it.each([
    ['new-order', [217]],
    ['cancel', [217, 14]],
    ['cancel-request', [217, 12, 20]],
    ['refund-request', [217, 12, 18, 30]],
    ['reminder', [217, 45]],
    ['revoke', [100]],
  ] as const)('simulate %s at a store sends the pushes of that event', async (kind, types) => {
    await start();
    await sandbox.simulate(kind, 'store-2');
    expect(receiver.seen.map((p) => p.type)).toEqual(types);
    for (const p of receiver.seen) expect(p.fields['shopId']).toBe('168830002');
    expect(ELEME_SIMULATE_KINDS).toContain(kind);
  });
});

describe('the API checks every request', () => {
  async function post(body: unknown, path = '/api/v1'): Promise<{ error: { code: string } | null; result: unknown }> {
    const res = await fetch(sandbox.baseUrl + path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });
    expect(res.status).toBe(200);
    return parse(await res.text()) as { error: { code: string } | null; result: unknown };
  }
  function signed(action: string, token: string, params: Record<string, unknown>, over: Record<string, unknown> = {}) {
    const metas = { app_key: KEY, timestamp: Math.floor(Date.now() / 1000) };
    return { nop: '1.0.0', id: `${'A'.repeat(32)}|${Date.now()}`, action, token, metas, params, signature: elemeApiSign(SECRET, action, token, metas, params), ...over };
  }

  it('answers in the platform’s codes', async () => {
    await start();
    const token = sandbox.auth.grantDirect([SHOP]).accessToken;
    expect((await post(signed('eleme.user.getUser', token, {}), '/api/v1/')).error).toBeNull();
    expect((await post('not json')).error?.code).toBe('ILLEGAL_REQUEST');
    expect((await post(signed('eleme.user.getUser', token, {}, { nop: '2.0' }))).error?.code).toBe('ILLEGAL_REQUEST');
    expect((await post(signed('eleme.user.getUser', token, {}, { params: [] }))).error?.code).toBe('ILLEGAL_REQUEST');
    expect((await post(signed('eleme.user.getUser', token, {}, { metas: { app_key: 'other', timestamp: 1 } }))).error?.code).toBe('ACCESS_DENIED');
    expect((await post(signed('eleme.user.getUser', token, {}, { signature: 'B450D7598455D163488A2ABEB1E0E0C5' }))).error?.code).toBe('INVALID_SIGNATURE');
    expect((await post(signed('eleme.user.getUser', 'no-such-token', {}))).error?.code).toBe('UNAUTHORIZED');
    expect((await post(signed('eleme.msgNew.getPushFailMsg', token, { msgQueryRequest: {} }))).error?.code).toBe('ILLEGAL_REQUEST');
    expect((await post(signed('eleme.order.getOrder', token, { orderId: '1' }))).error?.code).toBe('BIZ_ORDER_NOT_EXIST');
    expect((await post(signed('eleme.order.cancelOrderLite', token, { orderId: 1 }))).error?.code).toBe('VALIDATION_FAILED');
    expect((await post(signed('eleme.order.noSuchThing', token, {}))).error?.code).toBe('METHOD_NOT_ALLOWED');
  });
});

describe('started for the demo', () => {
  it('walks demo orders through their life once accepted, lets unanswered ones lapse, and says when the round is done', async () => {
    const handle = await startElemeSandbox({ receiverUrl: () => receiver.url, storeIds: ['s-a', 's-b'] });
    try {
      expect(handle.config).toMatchObject({ appKey: 'sandbox-eleme-app', apiBase: handle.sandbox.baseUrl, sandbox: true });
      // The counter accepts every second new order in Eleme's own app.
      let n = 0;
      const offered = new Set<string>();
      const accept = (p: { type: number; body: Record<string, unknown> }) => {
        const id = String(p.body['id']);
        if (p.type !== 217 || offered.has(id)) return; // a duplicate push is the same order
        offered.add(id);
        if (n++ % 2 === 0) void handle.sandbox.confirmFromMerchantApp(id);
      };
      receiver.on('push', accept);
      const done = new Promise<void>((resolve) => handle.onDemoDone(resolve));
      handle.startDemo({ storeIds: ['s-a'], intervalMs: 15, maxOrders: 4 });
      await done;
      receiver.off('push', accept);
      const byOrder = new Map<string, number[]>();
      const seenIds = new Set<string>();
      for (const p of receiver.seen) {
        expect(p.fields['shopId']).toBe('168830001');
        if (seenIds.has(p.fields['requestId']!)) continue; // a duplicate push
        seenIds.add(p.fields['requestId']!);
        const id = String(p.body['id'] ?? p.body['orderId']);
        byOrder.set(id, [...(byOrder.get(id) ?? []), p.type]);
      }
      expect(byOrder.size).toBe(4);
      for (const types of byOrder.values()) {
        const life = types.filter((t) => t !== 45); // a 催单 may come at any time
        if (life.includes(20)) expect(life.slice(0, 2)).toEqual([217, 12]); // a cancel request waits for the shop
        else
          expect([
            [217, 12, 53, 55, 56, 18],
            [217, 14],
          ]).toContainEqual(life);
      }
    } finally {
      await handle.stop();
    }
  });

  it('simulates per store: a pre-order, a part refund; a store with no shop is refused in words', async () => {
    const handle = await startElemeSandbox({ receiverUrl: () => receiver.url, storeIds: ['s-a', 's-b'] });
    try {
      await handle.simulate('pre-order', 's-b');
      const pre = receiver.seen[0]!;
      expect(pre.fields['shopId']).toBe('168830002');
      expect(pre.body['book']).toBe(true);
      expect(String(pre.body['deliverTime'])).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
      await handle.simulate('part-refund', 's-a');
      expect(receiver.ofType(30)[0]!.body['refundType']).toBe('part');
      await expect(handle.simulate('new-order', 's-z')).rejects.toThrow('没有对应的饿了么沙箱店铺');
    } finally {
      await handle.stop();
    }
  });
});

describe('kept on disk', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eleme-sandbox-state-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('a restarted sandbox still knows the orders and the tokens the desk holds', async () => {
    const stateFile = join(dir, 'eleme-sandbox.json');
    await start({ stateFile });
    const { accessToken, refreshToken } = await sandbox.grantDirect([SHOP]);
    const id = await sandbox.pushNewOrder(SHOP);
    await sandbox.stop();
    await start({ stateFile });
    const client = new ElemeClient({ appKey: KEY, appSecret: SECRET, host: sandbox.baseUrl });
    await client.confirm(accessToken, id);
    expect(sandbox.getOrder(id)?.status).toBe('valid');
    const renewed = await new ElemeOAuth({ host: sandbox.baseUrl, appKey: KEY, appSecret: SECRET }).refresh(refreshToken);
    expect((await client.getUser(renewed.accessToken)).shops.map((s) => s.shopId)).toEqual([SHOP]);
    const next = await sandbox.pushNewOrder(SHOP);
    expect(exact(receiver.seen.find((p) => p.body['id'] === next)!.body['daySn'])).toBe('2');
  });

  it('a damaged state file is moved aside and the sandbox starts empty', async () => {
    const stateFile = join(dir, 'eleme-sandbox.json');
    await writeFile(stateFile, '{"version":1,"orders":[');
    sandbox = new ElemeSandbox({ appKey: KEY, appSecret: SECRET, receiverUrl: receiver.url, stateFile });
    const moved = new Promise<unknown>((r) => sandbox.once('state-moved-aside', r));
    await sandbox.start();
    expect(await moved).toMatchObject({ movedTo: expect.stringContaining('eleme-sandbox.json.corrupt-') });
    expect(await readdir(dir)).toHaveLength(1);
  });
});
