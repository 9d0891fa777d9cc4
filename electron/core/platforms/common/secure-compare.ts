/**
 * Comparing a secret someone sent (a signature, a token, a client's credentials) with the one
 * we expect, without the time taken telling how many leading characters matched.
 */
import { timingSafeEqual } from 'node:crypto';

/**
 * True when both texts are the same UTF-8 bytes. Constant time in their content; texts of
 * different byte lengths are unequal at once (a length is not a secret here: every signature
 * of one kind has the same length).
 */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
