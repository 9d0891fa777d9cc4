/** The Union callback signature against the protocol's worked example and its raw-text rules. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseUnionCallback } from '../../../../electron/core/platforms/union/routes.js';
import { unionSign, unionSignBase, verifyUnionSign } from '../../../../electron/core/platforms/union/sign.js';
import type { RawCallback } from '../../../../electron/core/platforms/types.js';

const SECRET = 'demoCallbackSecret';
// platforms/union/README.md, "Worked example" — numbers as JSON numbers, as they arrive.
const EXAMPLE =
  '{"orderid":1234567890,"sid":"user42","status":1,"businessLine":2,"subBusinessLine":1,"actId":33,"paytime":1700000000,"ordertime":1699999990,"modTime":1700000000,"payPrice":25.5,"total":30,"quantity":1,"smstitle":"测试外卖订单","appkey":"media01","uid":9001}';

function raw(body: string, contentType = 'application/json'): RawCallback {
  return { method: 'POST', headers: { 'content-type': contentType }, query: '', body: Buffer.from(body, 'utf8') };
}

describe('unionSign', () => {
  it('reproduces the worked example exactly', () => {
    const fields = parseUnionCallback(raw(EXAMPLE));
    expect(unionSignBase(fields)).toBe(
      'actId33appkeymedia01businessLine2modTime1700000000orderid1234567890ordertime1699999990payPrice25.5paytime1700000000quantity1siduser42smstitle测试外卖订单status1subBusinessLine1total30uid9001',
    );
    expect(unionSign(SECRET, fields)).toBe('3c539a8434e77086c16349c54482c4be');
  });

  it('gives the same sign whether the values arrive as JSON numbers or strings', () => {
    const asStrings = EXAMPLE.replace(/:(\d+(?:\.\d+)?)([,}])/g, ':"$1"$2');
    expect(asStrings).toContain('"payPrice":"25.5"');
    expect(unionSign(SECRET, parseUnionCallback(raw(asStrings)))).toBe('3c539a8434e77086c16349c54482c4be');
  });

  it('signs numbers as their raw text: 30.0 is not 30, 25.50 is not 25.5', () => {
    const fields = parseUnionCallback(raw(EXAMPLE.replace('"total":30', '"total":30.0')));
    expect(fields['total']).toBe('30.0');
    expect(unionSign(SECRET, fields)).not.toBe('3c539a8434e77086c16349c54482c4be');
    expect(parseUnionCallback(raw('{"payPrice":25.50}'))['payPrice']).toBe('25.50');
  });

  it('keeps ids beyond 2^53 exact', () => {
    expect(parseUnionCallback(raw('{"orderid":98765432109876543210}'))['orderid']).toBe('98765432109876543210');
  });

  it('signs tradeTypeList as its JSON text', () => {
    const fields = parseUnionCallback(raw('{"orderid":"1","tradeTypeList":[2,3]}'));
    expect(fields['tradeTypeList']).toBe('[2,3]');
    expect(unionSignBase(fields)).toBe('orderid1tradeTypeList[2,3]');
  });

  it('keeps empty values in the signed string and puts the secret on both sides', () => {
    const fields = { orderid: '1', couponCode: '' };
    expect(unionSignBase(fields)).toBe('couponCodeorderid1');
    expect(unionSign('k', fields)).toBe(createHash('md5').update('kcouponCodeorderid1k').digest('hex'));
  });

  it('verifies in any hex case and rejects a tampered field or a wrong secret', () => {
    const fields = parseUnionCallback(raw(EXAMPLE));
    const sign = unionSign(SECRET, fields);
    expect(verifyUnionSign(SECRET, { ...fields, sign }, sign)).toBe(true);
    expect(verifyUnionSign(SECRET, fields, sign.toUpperCase())).toBe(true);
    expect(verifyUnionSign(SECRET, { ...fields, payPrice: '35.5' }, sign)).toBe(false);
    expect(verifyUnionSign('otherSecret', fields, sign)).toBe(false);
    expect(verifyUnionSign(SECRET, fields, 'short')).toBe(false);
  });

  it('reads a JSON body labelled text/plain or form, and treats an empty body as a check', () => {
    expect(parseUnionCallback(raw(EXAMPLE, 'text/plain'))['sid']).toBe('user42');
    expect(parseUnionCallback(raw(EXAMPLE, 'application/x-www-form-urlencoded'))['payPrice']).toBe('25.5');
    expect(parseUnionCallback(raw('  '))).toEqual({});
  });

  it('rejects malformed JSON and non-object bodies', () => {
    expect(() => parseUnionCallback(raw('{"orderid":1,'))).toThrow(/malformed JSON/);
    expect(() => parseUnionCallback(raw('[1,2]'))).toThrow(/not a JSON object/);
  });
});
