/**
 * What every platform's routes share about reading a request: when it is an empty URL check,
 * and how a body that is not the expected form is read anyway (JSON object, multipart form).
 * The rule that protects orders: a request is a check only when it carries nothing at all; a
 * request that carries anything is read as fields or refused, never answered OK unread.
 */
import { parse as parseLossless } from 'lossless-json';
import { jsonValueText } from './union/sign.js';
import { CallbackRejected, type RawCallback } from './types.js';

/** The body as text without a UTF-8 byte-order mark and without surrounding whitespace. */
export function bodyText(raw: RawCallback): string {
  return raw.body.toString('utf8').replace(/^\uFEFF/, '').trim();
}

/** No parameter in any form: no query parameter (not even an empty one) and a blank body. */
export function isEmptyRequest(raw: RawCallback): boolean {
  return new URLSearchParams(raw.query).size === 0 && bodyText(raw) === '';
}

/** A header's value as sent (not lower-cased: a multipart boundary is case-sensitive). */
export function headerOf(raw: RawCallback, name: string): string {
  const v = raw.headers[name];
  return Array.isArray(v) ? v.join(',') : (v ?? '');
}

/**
 * A JSON object body as fields: strings as they are, numbers as their exact text, nested
 * objects and arrays as JSON text (see `jsonValueText`). A name given twice is refused when
 * `duplicates` is 'refuse', else the last one wins.
 */
export function jsonObjectFields(text: string, duplicates: 'refuse' | 'last-wins'): Record<string, string> {
  let value: unknown;
  try {
    value = parseLossless(text, null, {
      onDuplicateKey: ({ key, newValue }) => {
        if (duplicates === 'refuse') throw new CallbackRejected(`duplicate field ${key} in the JSON body`);
        return newValue;
      },
    });
  } catch (err) {
    if (err instanceof CallbackRejected) throw err;
    throw new CallbackRejected(`malformed JSON body: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) {
    throw new CallbackRejected('body is not a JSON object');
  }
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(value as Record<string, unknown>)) out[name] = jsonValueText(v);
  return out;
}

/** Query parameters; a name given twice is refused (the signed set would be ambiguous). */
export function queryFields(query: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(query)) {
    if (out.has(name)) throw new CallbackRejected(`duplicate field ${name} in the query string`);
    out.set(name, value);
  }
  return out;
}
