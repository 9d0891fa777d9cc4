/**
 * Meituan catering/ERP open platform signature (README.md here, "Signing"):
 * drop `sign` and empty values, sort names by code unit, concatenate name+value with no
 * separators, prepend the signKey, SHA-1, lowercase hex. The same rule signs API calls,
 * store-mapping URLs and verifies pushes.
 */
import { createHash } from 'node:crypto';
import { sameSecret } from '../common/secure-compare.js';

export type SignParams = Record<string, string | number | undefined | null>;

/** The exact string that is hashed — logged (without the key) when a signature is disputed. */
export function signBase(params: SignParams): string {
  return Object.keys(params)
    .filter((name) => name.toLowerCase() !== 'sign')
    .filter((name) => {
      const v = params[name];
      return v !== undefined && v !== null && String(v) !== '';
    })
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => name + String(params[name]))
    .join('');
}

export function meituanSign(signKey: string, params: SignParams): string {
  return createHash('sha1')
    .update(signKey + signBase(params), 'utf8')
    .digest('hex');
}

/**
 * Constant-time check of a received `sign`. Lenient on case (one client upper-cases the hex;
 * README.md here, "Signing"), exact on everything else.
 */
export function verifyMeituanSign(signKey: string, params: SignParams, received: string | undefined): boolean {
  if (typeof received !== 'string' || received.length !== 40) return false;
  return sameSecret(received.toLowerCase(), meituanSign(signKey, params));
}
