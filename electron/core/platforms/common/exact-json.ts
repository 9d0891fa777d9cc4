/**
 * Reading loosely typed platform JSON exactly: numbers are parsed with lossless-json, so ids and
 * amounts stay decimal text until the last step and ids beyond 2^53 or yuan amounts like 25.5
 * never pass through a float (README.md here, "Exact JSON"). Every platform folder reads its
 * payloads through these.
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

/** 1/true/"1"/"true" → true (platform flags arrive as 0/1 ints, sometimes as booleans). */
export function flagOf(value: unknown): boolean {
  const t = text(value).trim().toLowerCase();
  return t === '1' || t === 'true';
}
