/**
 * What the receiver takes and what it refuses, through real HTTP: nothing that carries a
 * parameter is answered OK unread (a signed push in a JSON, multipart or BOM-prefixed body is
 * stored; a Union push with its fields in the query too), an impossible platform time files the
 * order under the receipt time with a flag instead of blocking it, and an unsigned binding
 * callback is taken once, for the store whose page the app opened, never after the real one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LosslessNumber } from 'lossless-json';
import { meituanSign } from '../../electron/core/platforms/meituan/sign.js';
import { UNION_OK_BODY, UNION_PATH } from '../../electron/core/platforms/union/routes.js';
import { UnionSandbox } from '../../electron/core/platforms/union/sandbox.js';
import { startFixture, TEST_DEVELOPER_ID, TEST_SIGN_KEY, TEST_UNION_SECRET, type Fixture } from '../support/desk-fixture.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture({
    stores: [
      { id: 'store-1', name: '湘北人家', autoAccept: false },
      { id: 'store-2', name: '湘北二店', autoAccept: false },
      { id: 'store-3', name: '湘北三店', autoAccept: false },
    ],
  });
});
afterAll(async () => {
  await fx.close();
});

const nowSec = (): number => Math.floor(Date.now() / 1000);

function orderJson(orderId: string, ctime: number = nowSec()): string {
  return `{"orderId":${orderId},"status":2,"daySeq":"3","ePoiId":"store-1","ctime":${ctime},"utime":${ctime},"total":25.5,"originalPrice":28,"shippingFee":3,"caution":"少辣","detail":"[]","extras":"[{}]"}`;
}

function signed(fields: Record<string, string>): Record<string, string> {
  return { ...fields, sign: meituanSign(TEST_SIGN_KEY, fields) };
}

async function send(path: string, body: string | Buffer, contentType?: string, query = ''): Promise<{ status: number; body: string }> {
  const res = await fetch(`${fx.desk.receiver.url}${path}${query ? `?${query}` : ''}`, {
    method: 'POST',
    headers: contentType ? { 'content-type': contentType } : {},
    body,
  });
  return { status: res.status, body: await res.text() };
}

async function lastAudit(): Promise<{ route: string; verdict: string; reason?: string }> {
  const all = (await fx.desk.storage.readAudit(fx.desk.today())).filter((e) => e.type === 'callback');
  return all.at(-1) as { route: string; verdict: string; reason?: string };
}

async function order(orderId: string): Promise<Awaited<ReturnType<Fixture['desk']['getOrder']>>> {
  return fx.desk.getOrder(`meituan:${orderId}`);
}

describe('nothing that carries a parameter is taken for a URL check', () => {
  const cases: [string, (fields: Record<string, string>) => { body: string; type: string }][] = [
    ['a JSON object body', (f) => ({ body: JSON.stringify(f), type: 'application/json' })],
    ['a JSON body labelled as a form', (f) => ({ body: JSON.stringify(f), type: 'application/x-www-form-urlencoded' })],
    [
      'a multipart form body',
      (f) => {
        const b = 'b0undary-XYZ';
        const parts = Object.entries(f).map(([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
        return { body: `${parts.join('')}--${b}--\r\n`, type: `multipart/form-data; boundary=${b}` };
      },
    ],
    ['a form body behind a byte-order mark', (f) => ({ body: `\uFEFF${new URLSearchParams(f).toString()}`, type: 'application/x-www-form-urlencoded' })],
    ['a form body after a line break', (f) => ({ body: `\r\n${new URLSearchParams(f).toString()}`, type: 'application/x-www-form-urlencoded' })],
    ['a BOM form body with no content type', (f) => ({ body: `\uFEFF\n${new URLSearchParams(f).toString()}`, type: '' })],
  ];
  cases.forEach(([what, encode], i) => {
    it(`stores a signed push sent as ${what}`, async () => {
      const orderId = String(27061900338318000n + BigInt(i));
      const { body, type } = encode(signed({ developerId: TEST_DEVELOPER_ID, ePoiId: 'store-1', order: orderJson(orderId) }));
      expect(await send('/meituan/order/new', body, type || undefined)).toEqual({ status: 200, body: '{"data":"OK"}' });
      expect(await lastAudit()).toMatchObject({ route: '/meituan/order/new', verdict: 'accepted' });
      expect(await order(orderId)).toMatchObject({ orderId, status: 'new', note: '少辣' });
    });
  });

  it('refuses, in Meituan’s dialect, an unsigned body that once passed for a check', async () => {
    for (const [body, type, query] of [
      ['{}', 'application/json', ''],
      ['{"developerId":"100001"}', 'application/json', ''],
      ['', undefined, 'a='],
      ['\uFEFFa=&b=', 'application/x-www-form-urlencoded', ''],
      ['<xml/>', 'text/xml', ''],
    ] as const) {
      const res = await send('/meituan/order/new', body, type, query);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(JSON.parse(res.body)).toMatchObject({ data: 'NOT OK' });
      expect(await lastAudit()).toMatchObject({ route: '/meituan/order/new', verdict: 'rejected' });
    }
    // Counted for the status bar (已拒绝 N 个无效请求).
    expect((await fx.desk.status()).lastCallback?.refusedToday).toBeGreaterThanOrEqual(5);
    // A truly empty request is still the console's URL check.
    expect(await send('/meituan/order/new', '  \r\n', 'application/x-www-form-urlencoded')).toEqual({ status: 200, body: '{"data":"OK"}' });
    expect(await lastAudit()).toMatchObject({ verdict: 'check' });
  });

  it('stores a Union push whose signed fields come in the query string', async () => {
    const union = new UnionSandbox({ callbackSecret: TEST_UNION_SECRET, receiverUrl: () => fx.desk.receiver.url, retryDelaysMs: [20], duplicateRate: 0 });
    try {
      const json = union.signedJson({
        orderid: new LosslessNumber('7100000000000000999'),
        sid: 'group-09',
        status: new LosslessNumber('1'),
        smstitle: '双人套餐',
        total: new LosslessNumber('68.8'),
        payPrice: new LosslessNumber('65.8'),
        paytime: new LosslessNumber(String(nowSec())),
      });
      const fields = Object.fromEntries(Object.entries(JSON.parse(json) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
      // JSON.parse turned the big id into a float: put its exact text back.
      fields['orderid'] = '7100000000000000999';
      const res = await send(UNION_PATH, '', 'application/json', new URLSearchParams(fields).toString());
      expect(res).toEqual({ status: 200, body: UNION_OK_BODY });
      expect(await fx.desk.getOrder('union:7100000000000000999')).toMatchObject({ promotion: { sid: 'group-09' } });
      // Fields in both places must agree: a different value is refused, not chosen between.
      const clash = await send(UNION_PATH, JSON.stringify({ sid: 'other' }), 'application/json', new URLSearchParams(fields).toString());
      expect(clash.status).toBe(400);
      expect(await lastAudit()).toMatchObject({ route: UNION_PATH, verdict: 'rejected', reason: expect.stringMatching(/differs/) });
    } finally {
      await union.stop();
    }
  });
});

describe('a flood of refused requests', () => {
  it('reaches the screen a few times, not once per request, and the latest count arrives', async () => {
    const told: { refusedToday?: number }[] = [];
    const listener = (seen: { refusedToday?: number }): void => void told.push(seen);
    fx.desk.on('callback', listener);
    try {
      for (let i = 0; i < 40; i++) await send('/meituan/order/new', `a=${i}`, 'application/x-www-form-urlencoded');
      const total = (await fx.desk.status()).lastCallback?.refusedToday ?? 0;
      await expect.poll(() => told.at(-1)?.refusedToday, { timeout: 5_000 }).toBe(total);
      expect(told.length).toBeLessThan(20);
    } finally {
      fx.desk.off('callback', listener);
    }
  });
});

describe('an impossible platform time', () => {
  it('files the order under the receipt time with a flag instead of refusing it, and a replay agrees', async () => {
    const cases = [
      ['27061900338319001', 299_999_999_999_999], // ms, the year 11476
      ['27061900338319002', 1], // 1970
      ['27061900338319003', nowSec() + 3 * 86_400], // three days ahead
    ] as const;
    for (const [orderId, ctime] of cases) {
      const fields = signed({ developerId: TEST_DEVELOPER_ID, ePoiId: 'store-1', order: orderJson(orderId, ctime) });
      expect(await send('/meituan/order/new', new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded')).toEqual({ status: 200, body: '{"data":"OK"}' });
      const stored = await order(orderId);
      expect(stored?.flags).toContain('time-implausible');
      expect(stored?.businessDay).toBe(fx.desk.today());
      expect(stored?.createdAt).toBe(stored?.events[0]?.at);
    }
    const before = await Promise.all(cases.map(([id]) => order(id)));
    await fx.restart();
    const after = await Promise.all(cases.map(([id]) => order(id)));
    expect(after.map((o) => [o?.createdAt, o?.businessDay, o?.flags])).toEqual(before.map((o) => [o?.createdAt, o?.businessDay, o?.flags]));
    // A plausible time is left alone and not flagged.
    const plainId = '27061900338319004';
    const ctime = nowSec() - 600;
    await send('/meituan/order/new', new URLSearchParams(signed({ developerId: TEST_DEVELOPER_ID, ePoiId: 'store-1', order: orderJson(plainId, ctime) })).toString(), 'application/x-www-form-urlencoded');
    expect(await order(plainId)).toMatchObject({ createdAt: new Date(ctime * 1000).toISOString(), flags: [] });
  });
});

describe('an unsigned binding callback', () => {
  const bound = (storeId: string, token: string, extra: Record<string, string> = {}): string =>
    new URLSearchParams({ ePoiId: storeId, appAuthToken: token, businessId: '2', timestamp: String(Date.now()), ...extra }).toString();

  async function expectRefused(res: { status: number; body: string }, storeId: string, token: string): Promise<void> {
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ data: 'fail' });
    expect(await lastAudit()).toMatchObject({ route: '/meituan/store/bound', verdict: 'rejected', reason: expect.stringMatching(/unsigned binding/) });
    expect(fx.desk.storage.registry.token('meituan', storeId)).toBe(token);
  }

  it('is taken once for the page the app opened; a second one is refused and the token kept', async () => {
    fx.desk.expectBinding('meituan', 'store-2', 'bind');
    const first = 'a'.repeat(64);
    expect(await send('/meituan/store/bound', bound('store-2', first), 'application/x-www-form-urlencoded')).toEqual({ status: 200, body: '{"data":"success"}' });
    expect(fx.desk.storage.registry.token('meituan', 'store-2')).toBe(first);
    await expectRefused(await send('/meituan/store/bound', bound('store-2', 'b'.repeat(64)), 'application/x-www-form-urlencoded'), 'store-2', first);
  });

  it('is taken once when two race for the same page: one stored, the other refused', async () => {
    fx.desk.expectBinding('meituan', 'store-2', 'bind');
    const tokens = ['1'.repeat(64), '2'.repeat(64)];
    const replies = await Promise.all(tokens.map((t) => send('/meituan/store/bound', bound('store-2', t), 'application/x-www-form-urlencoded')));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 403]);
    const winner = tokens[replies.findIndex((r) => r.status === 200)];
    expect(fx.desk.storage.registry.token('meituan', 'store-2')).toBe(winner);
  });

  it('is refused after the real signed callback answered the page, and the token kept', async () => {
    fx.desk.expectBinding('meituan', 'store-3', 'bind');
    const real = 'c'.repeat(64);
    const fields = signed({ developerId: TEST_DEVELOPER_ID, ePoiId: 'store-3', appAuthToken: real, businessId: '2', timestamp: String(Date.now()) });
    expect(await send('/meituan/store/bound', new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded')).toEqual({ status: 200, body: '{"data":"success"}' });
    await expectRefused(await send('/meituan/store/bound', bound('store-3', 'd'.repeat(64)), 'application/x-www-form-urlencoded'), 'store-3', real);
  });

  it('is refused for a store whose page was not opened, and a refused one does not use up the page', async () => {
    fx.desk.expectBinding('meituan', 'store-2', 'bind');
    const kept = fx.desk.storage.registry.token('meituan', 'store-2')!;
    // Not for Waimai: refused, and the page still vouches for the real one after it.
    const wrong = await send('/meituan/store/bound', bound('store-2', 'e'.repeat(64), { businessId: '3' }), 'application/x-www-form-urlencoded');
    expect(wrong.status).toBe(400);
    expect(fx.desk.storage.registry.token('meituan', 'store-2')).toBe(kept);
    await expectRefused(await send('/meituan/store/bound', bound('store-3', 'f'.repeat(64)), 'application/x-www-form-urlencoded'), 'store-3', 'c'.repeat(64));
    expect(await send('/meituan/store/bound', bound('store-2', '9'.repeat(64)), 'application/x-www-form-urlencoded')).toEqual({ status: 200, body: '{"data":"success"}' });
    expect(fx.desk.storage.registry.token('meituan', 'store-2')).toBe('9'.repeat(64));
  });
});
