/**
 * A small, strict reader for `multipart/form-data` callback bodies (RFC 7578). No parser is
 * installed with the app (fastify's multipart plugin streams files, which a callback never
 * carries), and a callback is a few KiB already held in memory, so this reads the buffer
 * directly. Strict on purpose: CRLF line breaks, a closing delimiter, a `form-data` disposition
 * with a name on every part, no files, no name twice. Anything else is refused, never guessed.
 */
import { CallbackRejected } from './types.js';

const MAX_PARTS = 200;
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** The boundary parameter of a multipart content type, or a rejection. */
export function boundaryOf(contentType: string): string {
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) throw new CallbackRejected('multipart body without a boundary');
  return boundary;
}

function fail(why: string): never {
  throw new CallbackRejected(`unreadable multipart body: ${why}`);
}

function partName(headers: string): string {
  let name: string | undefined;
  for (const line of headers.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) fail('a part header without a colon');
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-disposition') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^form-data\s*(;|$)/i.test(value)) fail('a part that is not form-data');
    if (/;\s*filename\*?=/i.test(value)) fail('a file part (callbacks carry no files)');
    const m = /;\s*name="((?:[^"\\]|\\.)*)"/i.exec(value) ?? /;\s*name=([^\s;"]+)/i.exec(value);
    if (m) name = (m[1] ?? '').replace(/\\(.)/g, '$1');
  }
  if (name === undefined) fail('a part without a name');
  return name;
}

/** The parts' names and UTF-8 text values, in order. */
export function parseMultipart(body: Buffer, contentType: string): Map<string, string> {
  const delimiter = Buffer.from(`--${boundaryOf(contentType)}`);
  const out = new Map<string, string>();
  // The first delimiter starts the body or a line (anything before it is a preamble).
  let at = body.subarray(0, delimiter.length).equals(delimiter) ? 0 : body.indexOf(Buffer.concat([CRLF, delimiter]));
  if (at < 0) fail('no opening boundary');
  if (at > 0) at += CRLF.length;
  for (let parts = 0; ; parts++) {
    const afterDelimiter = at + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString('latin1') === '--') return out;
    if (parts >= MAX_PARTS) fail(`more than ${MAX_PARTS} parts`);
    if (!body.subarray(afterDelimiter, afterDelimiter + 2).equals(CRLF)) fail('a boundary not followed by a line break');
    const headerStart = afterDelimiter + 2;
    const headerEnd = body.indexOf(HEADER_END, headerStart);
    if (headerEnd < 0) fail('a part without the blank line after its headers');
    const name = partName(body.subarray(headerStart, headerEnd).toString('utf8'));
    const valueStart = headerEnd + HEADER_END.length;
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), valueStart);
    if (next < 0) fail('no closing boundary');
    if (out.has(name)) throw new CallbackRejected(`duplicate field ${name} in the body`);
    out.set(name, body.subarray(valueStart, next).toString('utf8'));
    at = next + CRLF.length;
  }
}
