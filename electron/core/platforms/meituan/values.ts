/**
 * Reading loosely typed Meituan JSON values exactly: ids and amounts stay decimal text until the
 * last step, so ids beyond 2^53 and yuan amounts like 25.5 never pass through a float
 * (README.md here, "Numbers").
 */
import { isLosslessNumber, parse as parseLossless, stringify as stringifyLossless } from 'lossless-json';

export type JsonRecord = Record<string, unknown>;

/**
 * JSON.parse, except numbers stay LosslessNumber (exact text). Duplicate keys: the last one
 * wins, as with JSON.parse, instead of lossless-json's default of throwing.
 */
export function parseJsonExact(text: string): unknown {
  return parseLossless(text, null, { onDuplicateKey: ({ newValue }) => newValue });
}

export function stringifyJsonExact(value: unknown): string {
  return stringifyLossless(value) ?? '';
}

/** A JSON object; not an array, and not a LosslessNumber (which is an object too). */
export function asRecord(value: unknown): JsonRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isLosslessNumber(value)
    ? (value as JsonRecord)
    : undefined;
}

/** Own property only, so a payload key like `constructor` can never reach Object.prototype. */
export function prop(obj: JsonRecord, name: string): unknown {
  return Object.hasOwn(obj, name) ? obj[name] : undefined;
}

/** A key whose spelling varies in case between sources (`ctime`/`cTime`): exact first, then any case. */
export function propAnyCase(obj: JsonRecord, name: string): unknown {
  if (Object.hasOwn(obj, name)) return obj[name];
  const lower = name.toLowerCase();
  const key = Object.keys(obj).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : obj[key];
}

/** The value as text: strings as they are, numbers as their exact JSON text, anything else ''. */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isLosslessNumber(value)) return value.value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  return '';
}

/** A finite number from a JSON number or numeric string; null when absent or not a number. */
export function numberOf(value: unknown): number | null {
  const t = text(value).trim();
  if (t === '' || typeof value === 'boolean') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

export function intOf(value: unknown): number | null {
  const n = numberOf(value);
  return n !== null && Number.isInteger(n) ? n : null;
}

/** 1/true/"1"/"true" → true (Meituan flags arrive as 0/1 ints, sometimes as booleans). */
export function flagOf(value: unknown): boolean {
  const t = text(value).trim().toLowerCase();
  return t === '1' || t === 'true';
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Decimal text scaled by 10^places to an integer, rounding half away from zero, using string and
 * BigInt arithmetic only: '25.5' → 2550 and '0.30000000000000004' → 30 with places = 2.
 * null when the text is not a decimal number or the result is not a safe integer.
 */
export function scaleDecimal(raw: string, places: number): number | null {
  const m = DECIMAL.exec(raw.trim());
  if (!m) return null;
  const sign = m[1] ?? '';
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? '';
  if (intPart === '' && fracPart === '') return null;
  const digits = intPart + fracPart;
  const point = intPart.length + places + Number(m[4] ?? '0');
  // Amounts are small; a huge exponent is garbage, not money.
  if (point - digits.length > 20) return null;
  const whole = point <= 0 ? '0' : digits.slice(0, point).padEnd(point, '0');
  const rest = point <= 0 ? '0'.repeat(-point) + digits : digits.slice(point);
  let n = BigInt(whole);
  if (rest !== '' && rest.charCodeAt(0) >= 53 /* '5' */) n += 1n;
  if (sign === '-') n = -n;
  const result = Number(n);
  return Number.isSafeInteger(result) ? result : null;
}

/** A yuan amount (JSON number like 25.5, or its text) to integer cents; null when absent/invalid. */
export function centsFromYuan(value: unknown): number | null {
  const t = text(value);
  return t.trim() === '' || typeof value === 'boolean' ? null : scaleDecimal(t, 2);
}

/**
 * Unix seconds to ISO. Values above 1e11 are taken as milliseconds (1e11 s is the year 5138,
 * 1e11 ms is 1973): binding callbacks use ms, order pushes seconds. null when absent, 0 or invalid.
 */
export function isoFromEpoch(value: unknown): string | null {
  const n = numberOf(value);
  if (n === null || n <= 0) return null;
  const ms = n > 1e11 ? n : n * 1000;
  const d = new Date(Math.round(ms));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
