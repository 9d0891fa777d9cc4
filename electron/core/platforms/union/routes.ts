/**
 * The Meituan Union order callback (protocols/meituan.md, PLATFORM 2): one route, a JSON body,
 * MD5 signed with the callback secret. Decoded once with lossless-json so every value keeps the
 * text it was signed with; the reply bodies are exact (README.md here, "Replies").
 */
import { parse as parseLossless } from 'lossless-json';
import { CallbackRejected, type CallbackRoute, type PlatformModule, type RawCallback, type VerifyContext } from '../types.js';
import { unionPlatformTime } from './clock.js';
import { interpretUnionOrder } from './normalize.js';
import { jsonValueText, verifyUnionSign, type UnionFields } from './sign.js';

export const UNION_PATH = '/union/order';
export const UNION_OK_BODY = '{"errcode":"0","errmsg":"ok"}';
/** Exact per the protocol: the reason goes to the audit only, never into this body. */
export const UNION_FAIL_BODY = '{"errcode":"1","errmsg":"err"}';

/**
 * The body as JSON whatever it is labelled (text/plain and form labels have been seen on JSON
 * bodies; pitfall 9). Empty body → no fields (a URL check). Not a JSON object → rejected.
 */
export function parseUnionCallback(raw: RawCallback): Record<string, string> {
  const text = raw.body.toString('utf8').trim();
  if (text === '') return {};
  let value: unknown;
  try {
    // Duplicate keys: last wins, as PHP's json_decode (the reference signer) does.
    value = parseLossless(text, null, { onDuplicateKey: ({ newValue }) => newValue });
  } catch (err) {
    throw new CallbackRejected(`malformed JSON body: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) {
    throw new CallbackRejected('body is not a JSON object');
  }
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(value as Record<string, unknown>)) out[name] = jsonValueText(v);
  return out;
}

function isCheck(fields: UnionFields): boolean {
  return Object.keys(fields).length === 0;
}

function verify(fields: UnionFields, ctx: VerifyContext): void {
  const secret = ctx.config?.callbackSecret ?? '';
  if (secret === '') {
    throw new CallbackRejected('Meituan Union is not configured in this app: set union.callbackSecret', 503);
  }
  const sign = Object.hasOwn(fields, 'sign') ? (fields['sign'] ?? '') : '';
  if (sign === '') throw new CallbackRejected('missing sign', 401);
  if (!verifyUnionSign(secret, fields, sign)) {
    throw new CallbackRejected('sign does not match the fields (check union.callbackSecret)', 403);
  }
}

const orderRoute: CallbackRoute = {
  path: UNION_PATH,
  platform: 'union',
  methods: ['POST'],
  okBody: UNION_OK_BODY,
  failBody: () => UNION_FAIL_BODY,
  contentType: 'application/json; charset=utf-8',
  parse: parseUnionCallback,
  isCheck,
  verify,
  interpret: (fields) => [{ kind: 'order', update: interpretUnionOrder(fields) }],
  platformTime: unionPlatformTime,
};

export const unionPlatform: PlatformModule = { name: 'union', routes: [orderRoute] };
