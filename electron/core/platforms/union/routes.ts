/**
 * The Meituan Union order callback (README.md here): one route, a JSON body,
 * MD5 signed with the callback secret. Decoded once with lossless-json so every value keeps the
 * text it was signed with; the reply bodies are exact (README.md here, "Replies").
 */
import { CallbackRejected, type CallbackRoute, type RawCallback, type VerifyContext } from '../types.js';
import { unionPlatformTime } from './clock.js';
import { interpretUnionOrder } from './normalize.js';
import { verifyUnionSign, type UnionFields } from './sign.js';
import { bodyText, isEmptyRequest, jsonObjectFields, queryFields } from '../request-body.js';

export const UNION_PATH = '/union/order';
export const UNION_OK_BODY = '{"errcode":"0","errmsg":"ok"}';
/** Exact per the protocol: the reason goes to the audit only, never into this body. */
export const UNION_FAIL_BODY = '{"errcode":"1","errmsg":"err"}';

/**
 * The body as JSON whatever it is labelled (text/plain and form labels have been seen on JSON
 * bodies; pitfall 9), merged with any fields sent in the query string (README.md here,
 * "Replies"): a name in both must carry the same value, else the signed set is ambiguous and
 * the request is refused. A body that is not a JSON object is refused. A request with no query
 * parameter and a blank body is a URL check (`isEmptyRequest`).
 */
export function parseUnionCallback(raw: RawCallback): Record<string, string> {
  const text = bodyText(raw);
  // Duplicate keys: last wins, as PHP's json_decode (the reference signer) does.
  const body = text === '' ? {} : jsonObjectFields(text, 'last-wins');
  const out: Record<string, string> = {};
  for (const [name, value] of queryFields(raw.query)) {
    if (Object.hasOwn(body, name) && body[name] !== value) {
      throw new CallbackRejected(`field ${name} differs between the query string and the body`);
    }
    out[name] = value;
  }
  return Object.assign(out, body);
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
  // The console calls it 订单回推接口.
  label: '美团联盟订单回推URL',
  methods: ['POST'],
  okBody: UNION_OK_BODY,
  failBody: () => UNION_FAIL_BODY,
  contentType: 'application/json; charset=utf-8',
  parse: parseUnionCallback,
  isCheck: isEmptyRequest,
  verify,
  interpret: (fields) => [{ kind: 'order', update: interpretUnionOrder(fields) }],
  platformTime: unionPlatformTime,
};

export const unionRoutes: readonly CallbackRoute[] = [orderRoute];
