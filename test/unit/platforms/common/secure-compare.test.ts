/** Secrets are compared whole: same bytes only, whatever the length or script. */
import { describe, expect, it } from 'vitest';
import { sameSecret } from '../../../../electron/core/platforms/common/secure-compare.js';

describe('sameSecret', () => {
  it('is true only for the same text', () => {
    expect(sameSecret('3f2a9c', '3f2a9c')).toBe(true);
    expect(sameSecret('3f2a9c', '3f2a9d')).toBe(false);
    expect(sameSecret('3f2a9', '3f2a9c')).toBe(false);
    expect(sameSecret('', 'x')).toBe(false);
    // Same number of characters, different bytes in UTF-8.
    expect(sameSecret('密钥', 'ab')).toBe(false);
    expect(sameSecret('密钥', '密钥')).toBe(true);
  });
});
