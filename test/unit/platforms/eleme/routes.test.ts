import { describe, expect, it } from 'vitest';
import {
  ELEME_OK_BODY,
  elemeDedupeKey,
  elemeInbound,
  elemePushRoute,
} from '../../../../electron/core/platforms/eleme/routes.js';
import {
  BIG_USER_ID,
  ORDER_ID,
  ORDER_TEXT,
  body,
  ctx,
  envelope,
  envelopeFields,
  raw,
  receive,
  rejection,
  updateOf,
} from './helpers.js';

const STATE_12 = body({ orderId: ORDER_ID, state: 'valid', shopId: 168000001, updateTime: 1764646140, role: 3 });

describe('eleme push route: the table', () => {
  it('is one POST route at /eleme/push answering exactly {"message":"ok"}', () => {
    expect(elemeInbound.routes.map((r) => r.path)).toEqual(['/eleme/push']);
    expect(elemePushRoute.methods).toEqual(['POST']);
    expect(elemePushRoute.okBody).toBe('{"message":"ok"}');
    expect(ELEME_OK_BODY).toBe('{"message":"ok"}');
  });

  it('fails in its own dialect: {"message":<reason>}, never ok', () => {
    const failed = JSON.parse(elemePushRoute.failBody('signature does not match')) as { message: string };
    expect(failed).toEqual({ message: 'signature does not match' });
  });
});

describe('eleme push route: the URL check', () => {
  it('a GET with no body is a check (answered ok, nothing parsed)', () => {
    expect(elemePushRoute.isCheck(raw('', 'GET'))).toBe(true);
    expect(elemePushRoute.isCheck(raw('', 'GET', 'from=console'))).toBe(true);
  });

  it('a POST with an empty or blank body is a check', () => {
    expect(elemePushRoute.isCheck(raw(''))).toBe(true);
    expect(elemePushRoute.isCheck(raw(' \r\n'))).toBe(true);
  });

  it('anything with a body is a push, verified like one', () => {
    const unsigned = body({ requestId: '1', type: 12, message: STATE_12 });
    expect(elemePushRoute.isCheck(raw(unsigned))).toBe(false);
    expect(rejection(() => receive(unsigned)).httpStatus).toBe(401);
  });
});

describe('eleme push route: reading the envelope', () => {
  it('keeps big numbers exact: a bare 19-digit userId, ids as text', () => {
    const fields = elemePushRoute.parse(raw(envelope({ type: 12, message: STATE_12, userIdBare: true })));
    expect(fields.userId).toBe(BIG_USER_ID);
    expect(fields.shopId).toBe('168000001');
    expect(fields.timestamp).toBe('1764646132053');
    expect(fields.message).toBe(STATE_12);
  });

  it('keeps an order id beyond 2^53 exact when the body writes it as a bare number', () => {
    const message = `{"orderId":${ORDER_ID},"state":"valid","shopId":168000001,"updateTime":1764646140,"role":3}`;
    expect(updateOf(envelope({ type: 12, message })).orderId).toBe(ORDER_ID);
  });

  it('refuses a body that is not a JSON object, and a key given twice', () => {
    expect(rejection(() => elemePushRoute.parse(raw('requestId=1&type=12'))).reason).toMatch(/not a JSON object/);
    expect(rejection(() => elemePushRoute.parse(raw('[1,2]'))).reason).toMatch(/not a JSON object/);
    expect(rejection(() => elemePushRoute.parse(raw('{"type":12'))).reason).toMatch(/malformed JSON/);
    expect(rejection(() => elemePushRoute.parse(raw('{"type":12,"type":14}'))).reason).toMatch(/duplicate field type/);
  });

  it('reads JSON whatever the content type says', () => {
    const text = envelope({ type: 12, message: STATE_12 });
    const fields = elemePushRoute.parse({ method: 'POST', headers: { 'content-type': 'text/plain' }, query: '', body: Buffer.from(text) });
    expect(() => elemePushRoute.verify(fields, ctx())).not.toThrow();
  });

  it('takes the type as a number or a numeric string', () => {
    expect(updateOf(envelope({ type: '12', message: STATE_12 })).eventType).toBe('pushed:confirmed');
    expect(rejection(() => receive(envelope({ type: 'twelve', message: STATE_12 }))).reason).toMatch(/type "twelve"/);
  });
});

describe('eleme push route: verifying', () => {
  it('accepts a correctly signed push', () => {
    expect(receive(envelope({ type: 12, message: STATE_12 }))).toHaveLength(1);
  });

  it('refuses a bad signature with 403 and a reason that says what to check', () => {
    const forged = envelope({ type: 12, message: STATE_12, signature: 'CC1586E404AF74522DB25A6283DD804B' });
    const r = rejection(() => receive(forged));
    expect(r.httpStatus).toBe(403);
    expect(r.reason).toMatch(/eleme\.appSecret/);
    expect(JSON.parse(elemePushRoute.failBody(r.reason))).not.toEqual({ message: 'ok' });
  });

  it('refuses a push signed with another secret, and one whose message was changed after signing', () => {
    expect(rejection(() => receive(envelope({ type: 12, message: STATE_12, secret: 'sandbox_secret' }))).httpStatus).toBe(403);
    const signed = envelope({ type: 12, message: STATE_12 });
    const tampered = signed.replace('\\"state\\":\\"valid\\"', '\\"state\\":\\"invalid\\"');
    expect(tampered).not.toBe(signed);
    expect(rejection(() => receive(tampered)).httpStatus).toBe(403);
  });

  it('refuses a push with no signature (401) and says so when Eleme is not configured (503)', () => {
    const text = envelope({ type: 12, message: STATE_12 }).replace(/,"signature":"[0-9A-F]+"/, '');
    expect(rejection(() => receive(text)).httpStatus).toBe(401);
    const r = rejection(() => receive(envelope({ type: 12, message: STATE_12 }), ctx(null)));
    expect(r.httpStatus).toBe(503);
    expect(r.reason).toMatch(/eleme\.appSecret/);
  });
});

describe('eleme push route: de-duplication and clock', () => {
  it('a re-send with the same requestId is the same push, whatever else changed', () => {
    const a = envelopeFields({ type: 12, message: STATE_12, requestId: '2311582597839852666' });
    const b = { ...envelopeFields({ type: 12, message: STATE_12, requestId: '2311582597839852666' }), timestamp: '1764646199999' };
    const c = envelopeFields({ type: 12, message: STATE_12, requestId: '2311582597839852667' });
    expect(elemeDedupeKey(a)).toBe(elemeDedupeKey(b));
    expect(elemeDedupeKey(a)).not.toBe(elemeDedupeKey(c));
  });

  it('a push without requestId is keyed by its fields, not all into one', () => {
    const { requestId: _a, ...one } = envelopeFields({ type: 12, message: STATE_12 });
    const { requestId: _b, ...two } = envelopeFields({ type: 18, message: STATE_12 });
    expect(elemeDedupeKey(one)).not.toBe(elemeDedupeKey(two));
    expect(elemeDedupeKey({ ...one, signature: 'A' })).toBe(elemeDedupeKey({ ...one, signature: 'B' }));
  });

  it('reads the signed envelope timestamp (ms) as the time Eleme sent the push', () => {
    const fields = elemePushRoute.parse(raw(envelope({ type: 12, message: STATE_12 })));
    expect(elemePushRoute.platformTime?.(fields)).toEqual({ ms: 1764646132053, sent: true });
  });

  it('a full order pushed live and replayed from its journaled fields gives the same effects', () => {
    const fields = elemePushRoute.parse(raw(envelope({ type: 10, message: ORDER_TEXT })));
    const live = elemePushRoute.interpret(fields);
    const replayed = elemePushRoute.interpret(JSON.parse(JSON.stringify(fields)) as Record<string, string>);
    expect(replayed).toEqual(live);
  });
});
