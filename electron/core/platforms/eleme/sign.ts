/**
 * Eleme push signature (README.md here, "Push signature"): every top-level envelope field but
 * `signature`, each as `key=value` with the value's plain text (a string without quotes — for
 * `message` the inner JSON text exactly as received — a number as its digits as sent), sorted,
 * joined with no separator, the app secret appended, MD5, upper-case hex.
 *
 * The fields are the decoded envelope (`routes.ts` parses it once, numbers kept as their exact
 * text), never a re-serialized object: `message` re-encoded or a 19-digit `userId` passed
 * through a double gives a different digest.
 */
import { createHash } from 'node:crypto';
import { sameSecret } from '../common/secure-compare.js';

export type ElemePushFields = Readonly<Record<string, string>>;

export const SIGNATURE_FIELD = 'signature';

/** Ascending by UTF-16 code unit, which for these ASCII keys is byte order. */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The exact text hashed, less the secret: what to log when a signature is disputed. */
export function elemePushSignBase(fields: ElemePushFields): string {
  return Object.keys(fields)
    .filter((key) => key !== SIGNATURE_FIELD)
    .map((key) => `${key}=${fields[key] ?? ''}`)
    .sort(byCodeUnit)
    .join('');
}

export function elemePushSign(secret: string, fields: ElemePushFields): string {
  return createHash('md5')
    .update(elemePushSignBase(fields) + secret, 'utf8')
    .digest('hex')
    .toUpperCase();
}

/**
 * Constant-time check of a received `signature`. Lenient on case (one SDK upper-cases both
 * sides before comparing), exact on everything else.
 */
export function verifyElemePushSign(secret: string, fields: ElemePushFields, received: string | undefined): boolean {
  if (typeof received !== 'string' || received.length !== 32) return false;
  return sameSecret(received.toUpperCase(), elemePushSign(secret, fields));
}
