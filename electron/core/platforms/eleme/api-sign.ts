/**
 * Eleme API request signature (README-outbound.md here, "Signing API calls"): the top-level
 * pairs of `metas` and `params` as `key=` + the value's compact JSON (strings quoted, numbers
 * bare, arrays and objects whole; no `\uXXXX` for Chinese, no escaped `/`), the pair strings
 * sorted, then `action + token + pairs + secret`, MD5, upper-case hex.
 *
 * Values go through lossless-json, so an id held as a LosslessNumber or a BigInt prints with
 * every digit, and the text signed is the text sent.
 */
import { createHash } from 'node:crypto';
import { stringify } from 'lossless-json';
import { sameSecret } from '../common/secure-compare.js';

/** Compact JSON as the platform re-derives it; throws for a value JSON cannot carry. */
export function compactJson(value: unknown): string {
  const out = stringify(value);
  if (out === undefined) throw new TypeError('value cannot be written as JSON');
  return out;
}

/** The sorted `key=JSON` pairs joined with nothing (what lies between token and secret). */
export function elemeApiSignPairs(metas: Record<string, unknown>, params: Record<string, unknown>): string {
  const pairs: string[] = [];
  for (const source of [metas, params]) {
    for (const key of Object.keys(source)) pairs.push(`${key}=${compactJson(source[key])}`);
  }
  return pairs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join('');
}

export function elemeApiSign(
  secret: string,
  action: string,
  token: string,
  metas: Record<string, unknown>,
  params: Record<string, unknown>,
): string {
  return createHash('md5')
    .update(action + token + elemeApiSignPairs(metas, params) + secret, 'utf8')
    .digest('hex')
    .toUpperCase();
}

/** Constant-time check; case-insensitive on the hex digits. */
export function verifyElemeApiSign(
  secret: string,
  action: string,
  token: string,
  metas: Record<string, unknown>,
  params: Record<string, unknown>,
  received: unknown,
): boolean {
  if (typeof received !== 'string' || received.length !== 32) return false;
  return sameSecret(received.toUpperCase(), elemeApiSign(secret, action, token, metas, params));
}
