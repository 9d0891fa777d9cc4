/**
 * Meituan Union callback signature (README.md here, "Facts relied on"): drop `sign`,
 * sort names by code unit, concatenate name+value with no separators, wrap in the callback
 * secret on BOTH sides, MD5, lowercase hex. Empty values are kept (the PHP Union SDK does not skip them).
 * Values are the text the sender put on the wire (see `jsonValueText`), never a re-formatted
 * number: `30` and `30.0` give different signatures.
 */
import { createHash } from 'node:crypto';
import { isLosslessNumber, stringify as stringifyLossless } from 'lossless-json';
import { sameSecret } from '../common/secure-compare.js';

export type UnionFields = Readonly<Record<string, string>>;

/**
 * One decoded JSON value (parsed with lossless-json) as the text the signer uses: strings as
 * they are, numbers as their exact JSON text, arrays/objects JSON-encoded (tradeTypeList → `[2,3]`,
 * as the PHP Union SDK json_encodes it), null → '' and booleans as PHP's string cast ('1' / '').
 */
export function jsonValueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isLosslessNumber(value)) return value.value;
  if (value === null || value === undefined || value === false) return '';
  if (value === true) return '1';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return stringifyLossless(value) ?? '';
}

/** The exact string between the two secrets — what to log (without the secret) when a sign is disputed. */
export function unionSignBase(fields: UnionFields): string {
  return Object.keys(fields)
    .filter((name) => name !== 'sign')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => name + (fields[name] ?? ''))
    .join('');
}

export function unionSign(secret: string, fields: UnionFields): string {
  return createHash('md5')
    .update(secret + unionSignBase(fields) + secret, 'utf8')
    .digest('hex');
}

/** Constant-time check; the received hex is compared lower-cased (PHP/Go both emit lowercase). */
export function verifyUnionSign(secret: string, fields: UnionFields, received: string | undefined): boolean {
  if (typeof received !== 'string' || received.length !== 32) return false;
  return sameSecret(received.toLowerCase(), unionSign(secret, fields));
}
