/** A push's dedupe identity: the same fields in any order are one push; any changed value is another. */
import { describe, expect, it } from 'vitest';
import { signedFieldsKey } from '../../../../electron/core/platforms/common/dedupe.js';

describe('signedFieldsKey', () => {
  it('ignores field order and the signature, never a value', () => {
    const a = signedFieldsKey({ ePoiId: 's1', order: '{"orderId":1}', sign: 'aa' });
    expect(signedFieldsKey({ sign: 'bb', order: '{"orderId":1}', ePoiId: 's1' })).toBe(a);
    expect(signedFieldsKey({ order: '{"orderId":1}', ePoiId: 's1', SIGN: 'cc' })).toBe(a);
    expect(signedFieldsKey({ ePoiId: 's2', order: '{"orderId":1}', sign: 'aa' })).not.toBe(a);
    expect(signedFieldsKey({ ePoiId: 's1', order: '{"orderId":1}', sign: 'aa', extra: '' })).not.toBe(a);
  });

  it('drops the field the platform signs with, by its name', () => {
    expect(signedFieldsKey({ a: '1', signature: 'x' }, 'signature')).toBe(signedFieldsKey({ a: '1' }, 'signature'));
  });
});
