import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { meituan as meituanPlatform } from '../../../../electron/core/platforms/meituan/index.js';
import { meituanSign } from '../../../../electron/core/platforms/meituan/sign.js';
import {
  CallbackRejected,
  type CallbackRoute,
  type Effect,
  type RawCallback,
  type VerifyContext,
} from '../../../../electron/core/platforms/types.js';

const KEY = 'demoSignKey0001';
const CONFIG = { developerId: '100001', signKey: KEY };
const FIXTURE = readFileSync(
  new URL('../../../fixtures/meituan/order-full.form.txt', import.meta.url),
  'utf8',
);

function route(path: string): CallbackRoute {
  const r = meituanPlatform.routes.find((x) => x.path === path);
  if (!r) throw new Error(`no route ${path}`);
  return r;
}

function raw(
  body: string,
  query = '',
  contentType: string | undefined = 'application/x-www-form-urlencoded',
): RawCallback {
  return {
    method: 'POST',
    headers: contentType ? { 'content-type': contentType } : {},
    query,
    body: Buffer.from(body),
  };
}

/** `config: null` = Meituan not configured (undefined would pick the default). */
function ctx(
  pending: string[] = [],
  config: Record<string, string> | null = CONFIG,
): VerifyContext & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    config: config ?? undefined,
    pendingBinding: (platform, storeId, action) => {
      asked.push(`${platform}:${storeId}:${action}`);
      return pending.includes(`${storeId}:${action}`);
    },
  };
}

function signed(fields: Record<string, string>): Record<string, string> {
  return { ...fields, sign: meituanSign(KEY, fields) };
}

/** Parse → verify → interpret, as the receiver does. */
function receive(path: string, fields: Record<string, string>, c = ctx()): Effect[] {
  const r = route(path);
  const parsed = r.parse(raw(new URLSearchParams(fields).toString()));
  r.verify(parsed, c);
  return r.interpret(parsed);
}

function rejection(fn: () => unknown): CallbackRejected {
  try {
    fn();
  } catch (err) {
    if (err instanceof CallbackRejected) return err;
    throw err;
  }
  throw new Error('expected CallbackRejected');
}

const ORDER =
  '{"orderId":27061900338318741,"status":4,"daySeq":"3","utime":1700000060,"ePoiId":"store-1","detail":"[]"}';

describe('meituan routes: table', () => {
  it('has one route per receiver path in docs/design.md, each answering in its dialect', () => {
    expect(meituanPlatform.routes.map((r) => r.path)).toEqual([
      '/meituan/order/new',
      '/meituan/order/confirmed',
      '/meituan/order/finished',
      '/meituan/order/cancelled',
      '/meituan/order/refund',
      '/meituan/order/part-refund',
      '/meituan/order/shipping',
      '/meituan/store/bound',
      '/meituan/store/unbound',
      '/meituan/poi/status',
      '/meituan/privacy-downgrade',
    ]);
    const order = route('/meituan/order/new');
    expect(order.okBody).toBe('{"data":"OK"}');
    expect(JSON.parse(order.failBody('bad "sign"'))).toEqual({ data: 'NOT OK', reason: 'bad "sign"' });
    expect(route('/meituan/poi/status').okBody).toBe('{"data":"OK"}');
    expect(route('/meituan/privacy-downgrade').okBody).toBe('{"data":"OK"}');
    const bound = route('/meituan/store/bound');
    expect(bound.okBody).toBe('{"data":"success"}');
    expect(JSON.parse(bound.failBody('x'))).toEqual({ data: 'fail', reason: 'x' });
    expect(route('/meituan/store/unbound').okBody).toBe('{"data":"success"}');
    expect(bound.secretFields).toEqual(['appAuthToken']);
    expect(order.contentType).toBe('application/json; charset=utf-8');
  });
});

describe('meituan routes: parse', () => {
  const parse = route('/meituan/order/new').parse;

  it('decodes the fixture body once (+ is a space, %2B a plus) and it verifies', () => {
    const fields = parse(raw(FIXTURE));
    expect(fields.order).toContain('"caution":"少辣 100%+加醋&不要葱"');
    expect(Object.keys(fields).sort()).toEqual(['developerId', 'ePoiId', 'order', 'sign']);
    expect(() => route('/meituan/order/new').verify(fields, ctx())).not.toThrow();
  });

  it('merges the query string, the body winning', () => {
    expect(parse(raw('a=body&b=2', 'a=query&c=3'))).toEqual({ a: 'body', b: '2', c: '3' });
  });

  it('is lenient about content type', () => {
    expect(parse(raw('a=1&b=2', '', undefined))).toEqual({ a: '1', b: '2' });
    expect(parse(raw('a=1', '', 'text/plain;charset=UTF-8'))).toEqual({ a: '1' });
  });

  it('reads a form body behind a byte-order mark or leading line breaks, byte for byte', () => {
    const plain = parse(raw(FIXTURE));
    expect(parse(raw(`\uFEFF${FIXTURE}`))).toEqual(plain);
    expect(parse(raw(`\r\n\n ${FIXTURE}\r\n`))).toEqual(plain);
    expect(parse(raw(`\uFEFF\n${FIXTURE}`, '', 'text/plain'))).toEqual(plain);
  });

  it('reads a JSON object body into fields (numbers as sent, the query merged, the body winning)', () => {
    expect(parse(raw('{"order":"{\\"orderId\\":1}","n":27061900338318741,"ePoiId":"b"}', 'ePoiId=q&sign=abc', 'application/json'))).toEqual({
      order: '{"orderId":1}',
      n: '27061900338318741',
      ePoiId: 'b',
      sign: 'abc',
    });
    // The label is not trusted: a JSON object is JSON whatever it says.
    expect(parse(raw('{"a":"1"}', '', 'application/x-www-form-urlencoded'))).toEqual({ a: '1' });
    expect(rejection(() => parse(raw('{"a":1,', '', 'application/json'))).reason).toMatch(/malformed JSON/);
    expect(rejection(() => parse(raw('[1]', '', 'application/json'))).reason).toMatch(/not a JSON object/);
    expect(rejection(() => parse(raw('{"a":1,"a":2}', '', 'application/json'))).reason).toMatch(/duplicate field a/);
  });

  it('reads a multipart form body, and the signed fixture sent that way verifies', () => {
    const fields = parse(raw(FIXTURE));
    const boundary = '----WebKitFormBoundaryAbC123';
    const body = Object.entries(fields)
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join('') + `--${boundary}--\r\n`;
    const parsed = parse(raw(body, '', `multipart/form-data; boundary=${boundary}`));
    expect(parsed).toEqual(fields);
    expect(() => route('/meituan/order/new').verify(parsed, ctx())).not.toThrow();
  });

  it('refuses a multipart body it cannot read strictly', () => {
    const type = 'multipart/form-data; boundary=XyZ';
    const cases: [string, string, RegExp][] = [
      ['--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n', type, /closing boundary/],
      ['--XyZ\r\nContent-Disposition: form-data; name="a"; filename="x.txt"\r\n\r\n1\r\n--XyZ--', type, /file/],
      ['--XyZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ--', type, /without a name/],
      ['--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n2\r\n--XyZ--', type, /duplicate field a/],
      ['a=1', 'multipart/form-data', /boundary/],
      ['hello', type, /opening boundary/],
    ];
    for (const [body, ct, reason] of cases) expect(rejection(() => parse(raw(body, '', ct))).reason).toMatch(reason);
  });

  it('refuses a body that is neither form, JSON nor multipart instead of ignoring it', () => {
    expect(rejection(() => parse(raw('<xml>order</xml>', 'sign=abc', 'text/xml'))).reason).toMatch(/neither a form/);
  });

  it('rejects a field given twice', () => {
    expect(rejection(() => parse(raw('ePoiId=a&ePoiId=b'))).reason).toMatch(/duplicate field ePoiId/);
    expect(rejection(() => parse(raw('', 'sign=a&sign=b'))).reason).toMatch(/duplicate field sign/);
  });

  it('treats only a request carrying nothing at all as a check', () => {
    const r = route('/meituan/order/new');
    expect(r.isCheck(raw(''))).toBe(true);
    expect(r.isCheck(raw(' \r\n'))).toBe(true);
    expect(r.isCheck(raw('\uFEFF'))).toBe(true);
    for (const [body, query] of [['a=&b=', ''], ['', 'a='], ['{}', ''], ['{"x":1}', ''], [`\uFEFF${FIXTURE}`, ''], ['x', '']]) {
      expect(r.isCheck(raw(body!, query))).toBe(false);
    }
  });
});

describe('meituan routes: verify', () => {
  const fields = signed({ developerId: '100001', ePoiId: 'store-1', order: ORDER });
  const verify = (f: Record<string, string>, c = ctx()) => route('/meituan/order/confirmed').verify(f, c);

  it('accepts a correct sign, also in upper case', () => {
    expect(() => verify(fields)).not.toThrow();
    expect(() => verify({ ...fields, sign: fields.sign!.toUpperCase() })).not.toThrow();
  });

  it('rejects a missing sign (401), a tampered field (403) and a foreign developerId (403)', () => {
    const { sign: _sign, ...unsigned } = fields;
    expect(rejection(() => verify(unsigned))).toMatchObject({ httpStatus: 401, reason: 'missing sign' });
    expect(
      rejection(() => verify({ ...fields, order: ORDER.replace('"status":4', '"status":9') })),
    ).toMatchObject({ httpStatus: 403 });
    expect(rejection(() => verify({ ...fields, extra: 'x' })).httpStatus).toBe(403);
    const foreign = signed({ developerId: '999', ePoiId: 'store-1', order: ORDER });
    expect(rejection(() => verify(foreign)).reason).toMatch(/developerId 999/);
  });

  it('rejects everything when Meituan is not configured (503)', () => {
    expect(rejection(() => verify(fields, ctx([], null)))).toMatchObject({ httpStatus: 503 });
    expect(rejection(() => verify(fields, ctx([], { developerId: '100001' }))).httpStatus).toBe(503);
  });
});

describe('meituan routes: order pushes', () => {
  for (const [push, status] of [
    ['new', 'pushed:new'],
    ['confirmed', 'pushed:confirmed'],
    ['finished', 'pushed:finished'],
  ] as const) {
    it(`${push}: one snapshot update`, () => {
      const effects = receive(
        `/meituan/order/${push}`,
        signed({ developerId: '100001', ePoiId: 'store-1', order: ORDER }),
      );
      expect(effects).toHaveLength(1);
      const e = effects[0]!;
      if (e.kind !== 'order' || e.update.kind !== 'snapshot') throw new Error('expected a snapshot');
      expect(e.update).toMatchObject({
        platform: 'meituan',
        orderId: '27061900338318741',
        storeId: 'store-1',
        eventType: status,
        at: '2023-11-14T22:14:20.000Z',
        detail: '',
      });
      expect(e.update.snapshot).toMatchObject({
        orderId: '27061900338318741',
        status: 'accepted',
        daySeq: 3,
      });
    });
  }

  it('the fixture: full snapshot, raw = decoded fields', () => {
    const r = route('/meituan/order/new');
    const fields = r.parse(raw(FIXTURE));
    r.verify(fields, ctx());
    const [e] = r.interpret(fields);
    if (e?.kind !== 'order' || e.update.kind !== 'snapshot') throw new Error('expected a snapshot');
    expect(e.update.snapshot.totalCents).toBe(2550);
    expect(e.update.snapshot.raw).toEqual(fields);
  });

  it('puts recoverable problems in the event detail', () => {
    const order = '{"orderId":1,"status":2,"detail":"[broken"}';
    const [e] = receive('/meituan/order/new', signed({ ePoiId: 's', order }));
    if (e?.kind !== 'order') throw new Error('expected an order effect');
    expect(e.update.detail).toMatch(/detail is not valid JSON/);
  });

  it('rejects a missing order field, malformed JSON and an order without orderId, naming the field', () => {
    const interpret = route('/meituan/order/new').interpret;
    expect(rejection(() => interpret({ ePoiId: 's' })).reason).toBe('missing field order');
    expect(rejection(() => interpret({ order: '{"orderId":1' })).reason).toMatch(
      /^field order is not valid JSON/,
    );
    expect(rejection(() => interpret({ order: '{"status":2}' })).reason).toMatch(/order.*no orderId/);
  });
});

describe('meituan routes: cancel, refund, shipping', () => {
  it('cancelled: status update with reason and code name', () => {
    const orderCancel = '{"orderId":27061900338318741,"reasonCode":"2006","reason":"顾客不想要了"}';
    const [e] = receive(
      '/meituan/order/cancelled',
      signed({ developerId: '100001', ePoiId: 'store-1', orderCancel }),
    );
    expect(e).toEqual({
      kind: 'order',
      update: {
        kind: 'status',
        platform: 'meituan',
        orderId: '27061900338318741',
        storeId: 'store-1',
        eventType: 'cancelled',
        detail: '顾客不想要了 (2006 用户要求取消)',
        at: '',
        status: 'cancelled',
      },
    });
    expect(
      rejection(() => route('/meituan/order/cancelled').interpret({ orderCancel: '{"reason":"x"}' })).reason,
    ).toMatch(/orderCancel has no orderId/);
  });

  it('refund: full refund updates; agree also cancels', () => {
    const refund = (notifyType: string) =>
      route('/meituan/order/refund').interpret({
        ePoiId: 's',
        orderRefund: `{"orderId":27061900338318741,"notifyType":"${notifyType}","reason":"少送了"}`,
      })[0];
    expect(refund('apply')).toEqual({
      kind: 'order',
      update: {
        kind: 'refund',
        platform: 'meituan',
        orderId: '27061900338318741',
        storeId: 's',
        eventType: 'refund:requested',
        detail: '少送了',
        at: '',
        refund: { state: 'requested', reason: '少送了', partial: false, amountCents: null, items: [] },
      },
    });
    expect(refund('agree')).toMatchObject({ update: { refund: { state: 'agreed' }, status: 'cancelled' } });
    expect(refund('reject')).toMatchObject({ update: { refund: { state: 'rejected' } } });
    expect(refund('reject')).not.toHaveProperty('update.status');
    expect(refund('cancelRefund')).toMatchObject({ update: { refund: { state: 'withdrawn' } } });
    expect(refund('cancelRefundComplaint')).toMatchObject({ update: { refund: { state: 'withdrawn' } } });
    // Unknown types are kept on the order (an event and a flag) rather than rejected or dropped.
    expect(refund('appeal')).toEqual({
      kind: 'order',
      update: {
        kind: 'notice',
        platform: 'meituan',
        orderId: '27061900338318741',
        storeId: 's',
        eventType: 'notice:refund:appeal',
        detail: expect.stringMatching(/退款通知类型「appeal」无法识别.*原因：少送了/),
        at: '',
      },
    });
  });

  it('part-refund: flat fields, money in yuan, items from food', () => {
    const food = '[{"food_name":"小炒黄牛肉","count":1,"refund_price":19.99},{"food_name":"米饭","count":2}]';
    const [e] = receive(
      '/meituan/order/part-refund',
      signed({
        developerId: '100001',
        ePoiId: 'store-1',
        orderId: '27061900338318741',
        notifyType: 'agree',
        reason: '缺货',
        money: '21.39',
        food,
      }),
    );
    expect(e).toEqual({
      kind: 'order',
      update: {
        kind: 'refund',
        platform: 'meituan',
        orderId: '27061900338318741',
        storeId: 'store-1',
        eventType: 'part-refund:agreed',
        detail: '缺货',
        at: '',
        refund: {
          state: 'agreed',
          reason: '缺货',
          partial: true,
          amountCents: 2139,
          items: [
            { name: '小炒黄牛肉', quantity: 1, refundCents: 1999 },
            { name: '米饭', quantity: 2, refundCents: null },
          ],
        },
      },
    });
    const [broken] = route('/meituan/order/part-refund').interpret({
      orderId: '1',
      notifyType: 'apply',
      food: '[{',
    });
    expect(broken).toMatchObject({
      update: {
        refund: { items: [], amountCents: null },
        detail: expect.stringMatching(/food is not valid JSON/),
      },
    });
    expect(
      rejection(() => route('/meituan/order/part-refund').interpret({ notifyType: 'apply' })).reason,
    ).toBe('missing field orderId');
  });

  it('part-refund: notifyType part is a request (what the sandbox sends); an unknown type stays on the order', () => {
    const part = (notifyType: string) =>
      route('/meituan/order/part-refund').interpret({
        ePoiId: 'store-1',
        orderId: '27061900338318741',
        notifyType,
        reason: '商品缺货',
        money: '19.9',
        food: '[{"food_name":"酸辣土豆丝","count":1,"refund_price":19.9}]',
      })[0];
    expect(part('part')).toMatchObject({
      kind: 'order',
      update: {
        kind: 'refund',
        eventType: 'part-refund:requested',
        refund: {
          state: 'requested',
          partial: true,
          amountCents: 1990,
          items: [{ name: '酸辣土豆丝', quantity: 1, refundCents: 1990 }],
        },
      },
    });
    expect(part('part')).not.toHaveProperty('update.status');
    expect(part('apply')).toMatchObject({ update: { refund: { state: 'requested', partial: true } } });
    expect(part('surprise')).toMatchObject({
      kind: 'order',
      update: { kind: 'notice', orderId: '27061900338318741', eventType: 'notice:part-refund:surprise' },
    });
    // `part` is a part-refund word only: on the full refund route it is not a request.
    expect(
      route('/meituan/order/refund').interpret({ orderRefund: '{"orderId":1,"notifyType":"part"}' })[0],
    ).toMatchObject({ update: { kind: 'notice' } });
  });

  it('shipping: delivery update, picked up → delivering, delivered → completed', () => {
    const ship = (code: number) =>
      route('/meituan/order/shipping').interpret({
        ePoiId: 's',
        shippingStatus: `{"orderId":27061900338318741,"shippingStatus":${code},"time":1700000100,"dispatcherName":"王师傅","dispatcherMobile":"13900000000"}`,
      })[0];
    expect(ship(20)).toEqual({
      kind: 'order',
      update: {
        kind: 'delivery',
        platform: 'meituan',
        orderId: '27061900338318741',
        storeId: 's',
        eventType: 'shipping:20',
        detail: '骑手已取餐 王师傅 13900000000',
        at: '2023-11-14T22:15:00.000Z',
        delivery: {
          statusCode: 20,
          statusText: '骑手已取餐',
          riderName: '王师傅',
          riderPhone: '13900000000',
          stage: 'picked-up',
        },
        status: 'delivering',
      },
    });
    expect(ship(40)).toMatchObject({
      update: { status: 'completed', delivery: { statusText: '骑手已送达' } },
    });
    for (const code of [0, 10, 15, 100]) expect(ship(code)).not.toHaveProperty('update.status');
    // Where the rider is, in staff's words (15: at the shop, where a platform sends it).
    expect([0, 10, 15, 20, 40, 100].map((c) => (ship(c) as { update: { delivery: { stage: unknown } } }).update.delivery.stage)).toEqual([
      'sent',
      'assigned',
      'arrived',
      'picked-up',
      'delivered',
      'cancelled',
    ]);
    expect(
      rejection(() => route('/meituan/order/shipping').interpret({ shippingStatus: '{"orderId":1}' })).reason,
    ).toMatch(/shippingStatus/);
  });
});

describe('meituan routes: binding', () => {
  const bound = route('/meituan/store/bound');
  const capture = {
    ePoiId: 'store-1',
    appAuthToken: 'tok-secret',
    businessId: '2',
    timestamp: '1497284439603',
  };

  it('unsigned bind (2017 capture shape) is taken only when this app opened the binding', () => {
    const c = ctx(['store-1:bind']);
    expect(receive('/meituan/store/bound', capture, c)).toEqual([
      {
        kind: 'bind',
        platform: 'meituan',
        storeId: 'store-1',
        token: 'tok-secret',
        platformStoreId: '',
        platformStoreName: '',
      },
    ]);
    expect(c.asked).toEqual(['meituan:store-1:bind']);
    const r = rejection(() => bound.verify(capture, ctx()));
    expect(r.httpStatus).toBe(403);
    expect(r.reason).toMatch(/unsigned binding callback with no binding opened from this app/);
  });

  it('a signed bind is verified, pending or not; a bad sign is refused even when pending', () => {
    const fields = signed({
      ...capture,
      developerId: '100001',
      poiId: '9007199254740993',
      poiName: '湘北人家',
    });
    expect(receive('/meituan/store/bound', fields)).toMatchObject([
      { platformStoreId: '9007199254740993', platformStoreName: '湘北人家' },
    ]);
    expect(
      rejection(() => bound.verify({ ...fields, appAuthToken: 'forged' }, ctx(['store-1:bind']))).httpStatus,
    ).toBe(403);
  });

  it('requires businessId 2 when present, and the token', () => {
    expect(rejection(() => bound.interpret({ ...capture, businessId: '1' })).reason).toMatch(/businessId 1/);
    expect(() => bound.interpret({ ePoiId: 'store-1', appAuthToken: 't' })).not.toThrow();
    expect(rejection(() => bound.interpret({ ePoiId: 'store-1' })).reason).toBe('missing field appAuthToken');
  });

  it('unbind: ePoiId or epoiId, comma-separated; unsigned unbinds at once only the stores this app opened', () => {
    const unbound = route('/meituan/store/unbound');
    const fields = {
      businessId: '2',
      developerId: '100001',
      timestamp: '1700000000000',
      epoiId: 'store-1,store-2',
    };
    expect(receive('/meituan/store/unbound', fields, ctx(['store-1:unbind', 'store-2:unbind']))).toEqual([
      { kind: 'unbind', platform: 'meituan', storeIds: ['store-1', 'store-2'] },
    ]);
    // store-2 was not opened here: accepted, but only as a question to Meituan, not an unbind.
    expect(receive('/meituan/store/unbound', fields, ctx(['store-1:unbind']))).toEqual([
      { kind: 'unbind', platform: 'meituan', storeIds: ['store-1'], unconfirmedStoreIds: ['store-2'] },
    ]);
    expect(unbound.interpret({ ePoiId: 'store-3' })).toEqual([
      { kind: 'unbind', platform: 'meituan', storeIds: ['store-3'] },
    ]);
    expect(unbound.interpret({ ePoiId: 'store-3', businessId: '1' })).toMatchObject([
      { kind: 'notice', type: 'unbind-other-business' },
    ]);
    expect(receive('/meituan/store/unbound', signed({ ...fields, epoiId: 'store-4' }))).toMatchObject([
      { storeIds: ['store-4'] },
    ]);
  });
});

describe('meituan routes: an unbind from Meituan\'s side', () => {
  const unbound = route('/meituan/store/unbound');
  const fields = { businessId: '2', developerId: '100001', timestamp: '1700000000000', ePoiId: 'store-1' };

  it('unsigned and not opened here: accepted as a revoke request for the store, not an unbind', () => {
    const c = ctx();
    const parsed = unbound.parse(raw(new URLSearchParams(fields).toString()));
    expect(() => unbound.verify(parsed, c)).not.toThrow();
    expect(c.asked).toEqual(['meituan:store-1:unbind']);
    expect(unbound.interpret(parsed)).toEqual([
      { kind: 'unbind', platform: 'meituan', storeIds: [], unconfirmedStoreIds: ['store-1'] },
    ]);
    // What is journaled reads the same at replay.
    expect(unbound.interpret({ ...parsed })).toEqual(unbound.interpret(parsed));
    // Answered success in the binding dialect: kept, so Meituan does not send it forever.
    expect(unbound.okBody).toBe('{"data":"success"}');
  });

  it('a sender cannot say the store was vouched for or not', () => {
    const forged = { ...fields, 'x-desk-unvouched': '' };
    expect(rejection(() => unbound.verify(forged, ctx(['store-1:unbind']))).httpStatus).toBe(400);
  });

  it('unsigned but for another business line: a notice, nothing to ask', () => {
    expect(receive('/meituan/store/unbound', { ...fields, businessId: '1' })).toMatchObject([
      { kind: 'notice', type: 'unbind-other-business', storeId: 'store-1' },
    ]);
  });

  it('a bind is unchanged: unsigned and not opened is still refused', () => {
    const bound = route('/meituan/store/bound');
    const bind = { ePoiId: 'store-1', appAuthToken: 'tok', businessId: '2', timestamp: '1700000000000' };
    expect(rejection(() => bound.verify(bind, ctx())).httpStatus).toBe(403);
  });
});

describe('meituan routes: notices', () => {
  it('poi/status and privacy-downgrade become notices', () => {
    const poiStatus =
      '{"ePoiId":"store-1","poiStatus":121,"operateUser":"店长","reason":"开始营业","operateTime":1700000000}';
    expect(receive('/meituan/poi/status', signed({ developerId: '100001', poiStatus }))).toEqual([
      {
        kind: 'notice',
        platform: 'meituan',
        storeId: 'store-1',
        type: 'poi-status',
        detail: '门店已营业 · 开始营业 · 店长',
        storeState: 'open',
        code: 121,
      },
    ]);
    const resting = '{"ePoiId":"store-1","poiStatus":120,"reason":"午休"}';
    expect(receive('/meituan/poi/status', signed({ developerId: '100001', poiStatus: resting }))).toMatchObject([
      { storeState: 'resting', code: 120, detail: '门店已休息 · 午休' },
    ]);
    const odd = '{"ePoiId":"store-1","poiStatus":7}';
    expect(receive('/meituan/poi/status', signed({ developerId: '100001', poiStatus: odd }))).toMatchObject([
      { storeState: 'unknown', code: 7, detail: '门店状态 7' },
    ]);
    expect(
      receive('/meituan/privacy-downgrade', signed({ developerId: '100001', timestamp: '1700000000' })),
    ).toMatchObject([{ kind: 'notice', type: 'privacy-downgrade', storeId: '' }]);
    expect(rejection(() => route('/meituan/poi/status').interpret({ developerId: '1' })).reason).toBe(
      'missing field poiStatus',
    );
  });
});
