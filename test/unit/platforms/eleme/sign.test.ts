import { describe, expect, it } from 'vitest';
import { elemePushRoute } from '../../../../electron/core/platforms/eleme/routes.js';
import {
  elemePushSign,
  elemePushSignBase,
  verifyElemePushSign,
} from '../../../../electron/core/platforms/eleme/sign.js';
import { raw } from './helpers.js';

/**
 * Worked examples. The first is the type-12 push of Eleme's documentation with a made-up secret
 * (digest checked by hand with md5sum); the second a reminder push with a 19-digit user id and a
 * message holding Chinese, escaped quotes and a slash (digest computed with Python's hashlib
 * from the base string written out by hand).
 */
const DOC_ENVELOPE =
  '{"requestId":"10135","type":12,"appId":62933118,' +
  '"message":"{\\"orderId\\":\\"100027500485933656\\",\\"state\\":\\"settled\\",\\"shopId\\":968861,\\"updateTime\\":1482161481,\\"role\\":3}",' +
  '"shopId":968861,"timestamp":1482161482053,"userId":62864532,"signature":"CC1586E404AF74522DB25A6283DD804B"}';
const DOC_BASE =
  'appId=62933118' +
  'message={"orderId":"100027500485933656","state":"settled","shopId":968861,"updateTime":1482161481,"role":3}' +
  'requestId=10135shopId=968861timestamp=1482161482053type=12userId=62864532';

const REMINDER_INNER =
  '{"orderId":"3000000000000000001","remindId":"7000000000000000003","shopId":168000001,"content":"快点\\"谢谢\\"/"}';
function reminderEnvelope(userId: string): string {
  return (
    `{"requestId":"2311582597839852666","type":45,"appId":62933118,"message":${JSON.stringify(REMINDER_INNER)},` +
    `"shopId":168000001,"timestamp":1690300772790,"userId":${userId},"signature":"041DB58E1E2263A8823D0E691A6848BE"}`
  );
}

describe('eleme push signature: worked examples', () => {
  it('the documentation example: sorted key=value texts, secret appended, upper-case MD5', () => {
    const fields = elemePushRoute.parse(raw(DOC_ENVELOPE));
    expect(elemePushSignBase(fields)).toBe(DOC_BASE);
    expect(elemePushSign('test_secret', fields)).toBe('CC1586E404AF74522DB25A6283DD804B');
    expect(verifyElemePushSign('test_secret', fields, fields.signature)).toBe(true);
  });

  it('signs the inner message text as received (escapes undone once, never re-encoded)', () => {
    const fields = elemePushRoute.parse(raw(reminderEnvelope('"5486031036067039666"')));
    expect(fields.message).toBe(REMINDER_INNER);
    expect(elemePushSign('test_secret', fields)).toBe('041DB58E1E2263A8823D0E691A6848BE');
  });

  it('a 19-digit userId signs the same whether sent as a string or a bare number', () => {
    const bare = elemePushRoute.parse(raw(reminderEnvelope('5486031036067039666')));
    expect(bare.userId).toBe('5486031036067039666');
    expect(verifyElemePushSign('test_secret', bare, bare.signature)).toBe(true);
    // What a double would have made of it: a different digest.
    const rounded = { ...bare, userId: String(Number('5486031036067039666')) };
    expect(rounded.userId).not.toBe('5486031036067039666');
    expect(verifyElemePushSign('test_secret', rounded, bare.signature)).toBe(false);
  });

  it('a re-serialized message (same object, other spacing) does not verify', () => {
    const fields = elemePushRoute.parse(raw(DOC_ENVELOPE));
    const respaced = { ...fields, message: JSON.stringify(JSON.parse(fields.message!), null, 1) };
    expect(verifyElemePushSign('test_secret', respaced, fields.signature)).toBe(false);
  });

  it('takes every field but the signature, including ones the documentation does not list', () => {
    const fields = { ...elemePushRoute.parse(raw(DOC_ENVELOPE)), extra: 'x' };
    expect(elemePushSignBase(fields)).toBe(DOC_BASE.replace('appId=62933118', 'appId=62933118extra=x'));
    expect(verifyElemePushSign('test_secret', fields, 'CC1586E404AF74522DB25A6283DD804B')).toBe(false);
  });
});

describe('eleme push signature: comparison', () => {
  const fields = elemePushRoute.parse(raw(DOC_ENVELOPE));

  it('accepts lower-case hex, refuses another secret, a changed field, a short or missing signature', () => {
    expect(verifyElemePushSign('test_secret', fields, 'cc1586e404af74522db25a6283dd804b')).toBe(true);
    expect(verifyElemePushSign('other_secret', fields, fields.signature)).toBe(false);
    expect(verifyElemePushSign('test_secret', { ...fields, shopId: '968862' }, fields.signature)).toBe(false);
    expect(verifyElemePushSign('test_secret', fields, 'CC1586E404AF74522DB25A6283DD804')).toBe(false);
    expect(verifyElemePushSign('test_secret', fields, undefined)).toBe(false);
    expect(verifyElemePushSign('test_secret', fields, 'CC1586E404AF74522DB25A6283DD804BX')).toBe(false);
  });
});
