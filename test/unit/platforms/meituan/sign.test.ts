import { describe, expect, it } from 'vitest';
import {
  meituanSign,
  signBase,
  verifyMeituanSign,
} from '../../../../electron/core/platforms/meituan/sign.js';

const KEY = 'demoSignKey0001';

// The four worked examples of platforms/meituan/README.md ("Worked examples"), byte for byte.
const EXAMPLES = [
  {
    what: 'legacy confirm call',
    params: {
      appAuthToken: 'tok_abc123',
      charset: 'utf-8',
      timestamp: '1700000000',
      orderId: '27061900338318741',
    },
    base: 'appAuthTokentok_abc123charsetutf-8orderId27061900338318741timestamp1700000000',
    sign: 'cfbb22216e38701465743c36df9b6c1c618a4b03',
  },
  {
    what: 'gateway-v2 call',
    params: {
      appAuthToken: 'tok_abc123',
      biz: '{"orderId":27061900338318741}',
      businessId: '2',
      charset: 'UTF-8',
      developerId: '100001',
      timestamp: '1700000000',
      version: '2',
    },
    base: 'appAuthTokentok_abc123biz{"orderId":27061900338318741}businessId2charsetUTF-8developerId100001timestamp1700000000version2',
    sign: '97955d8207f05ba0f99dbd5e02ea1a97fd7e1bd0',
  },
  {
    what: 'push verification',
    params: {
      developerId: '100001',
      ePoiId: 'store-1',
      order: '{"orderId":27061900338318741,"status":2,"caution":"少辣"}',
    },
    base: 'developerId100001ePoiIdstore-1order{"orderId":27061900338318741,"status":2,"caution":"少辣"}',
    sign: '27006815e43f2e145914536ec691f04505b1c502',
  },
  {
    what: 'signed storemap URL',
    params: { businessId: '2', developerId: '100001', ePoiId: 'store-1', timestamp: '1700000000000' },
    base: 'businessId2developerId100001ePoiIdstore-1timestamp1700000000000',
    sign: '869dfc480900a03f8a5e9e547d0231710d86d36b',
  },
];

describe('meituan sign (worked examples)', () => {
  for (const ex of EXAMPLES) {
    it(`${ex.what}: base string and sign`, () => {
      expect(KEY + signBase(ex.params)).toBe(KEY + ex.base);
      expect(meituanSign(KEY, ex.params)).toBe(ex.sign);
      expect(verifyMeituanSign(KEY, { ...ex.params, sign: ex.sign }, ex.sign)).toBe(true);
    });
  }

  it('the wire body of the push example decodes to the signed fields', () => {
    const wire =
      'developerId=100001&ePoiId=store-1&order=%7B%22orderId%22%3A27061900338318741%2C%22status%22%3A2%2C%22caution%22%3A%22%E5%B0%91%E8%BE%A3%22%7D&sign=27006815e43f2e145914536ec691f04505b1c502';
    const fields = Object.fromEntries(new URLSearchParams(wire));
    expect(verifyMeituanSign(KEY, fields, fields.sign)).toBe(true);
  });

  it('accepts an upper-case sign', () => {
    const ex = EXAMPLES[2]!;
    expect(verifyMeituanSign(KEY, ex.params, ex.sign.toUpperCase())).toBe(true);
  });

  it('rejects a tampered field, a wrong key, and a malformed sign', () => {
    const ex = EXAMPLES[2]!;
    expect(verifyMeituanSign(KEY, { ...ex.params, ePoiId: 'store-2' }, ex.sign)).toBe(false);
    const order = '{"orderId":27061900338318741,"status":2,"caution":"多辣"}';
    expect(verifyMeituanSign(KEY, { ...ex.params, order }, ex.sign)).toBe(false);
    expect(verifyMeituanSign('otherSignKey0001', ex.params, ex.sign)).toBe(false);
    expect(verifyMeituanSign(KEY, ex.params, ex.sign.slice(0, 39))).toBe(false);
    expect(verifyMeituanSign(KEY, ex.params, undefined)).toBe(false);
  });

  it('drops empty values and the sign itself from the base', () => {
    expect(signBase({ b: '2', a: '1', empty: '', sign: 'x', Sign: 'y', n: null })).toBe('a1b2');
  });
});
