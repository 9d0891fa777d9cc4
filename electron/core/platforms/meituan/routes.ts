/**
 * Meituan's callback routes (docs/design.md, Receiver routes): decode the form once, verify the
 * signature over every received field, and hand the fields to the pure interpreters. Wire
 * facts (transport, reply bodies, the unsigned binding callback) are in README.md here, "Pushes".
 */
import {
  CallbackRejected,
  type CallbackRoute,
  type Effect,
  type RawCallback,
  type VerifyContext,
} from '../types.js';
import {
  field,
  interpretBound,
  interpretCancelled,
  interpretOrder,
  interpretPartRefund,
  interpretPoiStatus,
  interpretPrivacyDowngrade,
  interpretRefund,
  interpretShipping,
  interpretUnbound,
  unboundStoreIds,
  UNVOUCHED_FIELD,
  type Fields,
} from './interpret.js';
import { meituanPlatformTime } from './clock.js';
import { verifyMeituanSign } from './sign.js';
import { parseMultipart } from '../multipart.js';
import { bodyText, headerOf, isEmptyRequest, jsonObjectFields } from '../request-body.js';

const CONTENT_TYPE = 'application/json; charset=utf-8';

/** Form pairs of one source; a name given twice makes the signed set ambiguous, so it is refused. */
function formPairs(text: string, where: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(text)) {
    if (out.has(name)) throw new CallbackRejected(`duplicate field ${name} in the ${where}`);
    out.set(name, value);
  }
  return out;
}

/**
 * Body fields, read leniently (README.md here, "Pushes"): a byte-order mark and surrounding
 * whitespace are transport noise; a multipart form and a JSON object are read into fields too.
 * A body that is none of these is refused, never ignored: it may be a push.
 */
function bodyFields(raw: RawCallback): Map<string, string> {
  const text = bodyText(raw);
  if (text === '') return new Map();
  const sent = headerOf(raw, 'content-type');
  const type = sent.toLowerCase();
  if (type.includes('multipart/form-data')) return parseMultipart(raw.body, sent);
  if (text.startsWith('{') || type.includes('json')) return new Map(Object.entries(jsonObjectFields(text, 'refuse')));
  if (type.includes('application/x-www-form-urlencoded') || /^[\w.%-]+=/.test(text)) return formPairs(text, 'body');
  throw new CallbackRejected(`body is neither a form, a JSON object nor multipart (content type ${type || 'none'})`);
}

export function parseMeituanCallback(raw: RawCallback): Record<string, string> {
  const merged = formPairs(raw.query, 'query string');
  // Decoded once, URLSearchParams rules (+ is a space); the body wins over the query.
  for (const [name, value] of bodyFields(raw)) merged.set(name, value);
  return Object.fromEntries(merged);
}

function requireConfig(ctx: VerifyContext): { signKey: string; developerId: string } {
  const signKey = ctx.config?.signKey ?? '';
  const developerId = ctx.config?.developerId ?? '';
  if (signKey === '' || developerId === '') {
    throw new CallbackRejected(
      'Meituan is not configured in this app: set meituan.developerId and meituan.signKey',
      503,
    );
  }
  return { signKey, developerId };
}

function verifySigned(fields: Fields, ctx: VerifyContext): void {
  const { signKey, developerId } = requireConfig(ctx);
  const sign = field(fields, 'sign');
  if (sign === '') throw new CallbackRejected('missing sign', 401);
  const sender = field(fields, 'developerId');
  if (sender !== '' && sender !== developerId) {
    throw new CallbackRejected(`developerId ${sender} is not this app's developerId ${developerId}`, 403);
  }
  if (!verifyMeituanSign(signKey, fields, sign)) {
    throw new CallbackRejected('sign does not match the fields (check meituan.signKey)', 403);
  }
}

/**
 * The 2017 binding capture carries no developerId/sign (README.md, "Binding"): a signed callback
 * is verified; an unsigned one is taken only for stores this app has just opened the page for.
 * Except an unsigned unbind for other stores: it is kept and answered, but only marked
 * (`UNVOUCHED_FIELD`) so it is read as "ask Meituan whether the token still works".
 */
function verifyBinding(action: 'bind' | 'unbind', storeIds: (fields: Fields) => string[]) {
  const what = action === 'bind' ? 'binding' : 'unbinding';
  return (fields: Fields, ctx: VerifyContext): void => {
    // Ours alone: a sender cannot say what this app vouched for.
    if (Object.hasOwn(fields, UNVOUCHED_FIELD)) throw new CallbackRejected(`field ${UNVOUCHED_FIELD} is not Meituan's`, 400);
    if (field(fields, 'sign') !== '') return verifySigned(fields, ctx);
    requireConfig(ctx);
    const ids = storeIds(fields);
    if (ids.length === 0) throw new CallbackRejected(`unsigned ${what} callback without ePoiId`, 400);
    const notOpened = ids.filter((id) => !ctx.pendingBinding('meituan', id, action));
    if (notOpened.length === 0) return;
    if (action === 'unbind') {
      // Journaled with the fields, so a replay reads it exactly as now.
      (fields as Record<string, string>)[UNVOUCHED_FIELD] = notOpened.join(',');
      return;
    }
    throw new CallbackRejected(`unsigned ${what} callback with no ${what} opened from this app (store ${notOpened.join(',')})`, 403);
  };
}

type Dialect = 'order' | 'binding';

const BODIES: Record<Dialect, { ok: string; fail: (reason: string) => string }> = {
  order: { ok: '{"data":"OK"}', fail: (reason) => JSON.stringify({ data: 'NOT OK', reason }) },
  binding: { ok: '{"data":"success"}', fail: (reason) => JSON.stringify({ data: 'fail', reason }) },
};

function route(
  path: string,
  dialect: Dialect,
  interpret: (fields: Fields) => Effect[],
  verify: CallbackRoute['verify'] = verifySigned,
  secretFields?: readonly string[],
): CallbackRoute {
  const body = BODIES[dialect];
  return {
    path,
    platform: 'meituan',
    // Meituan POSTs; GET is taken too because the console's URL check and some binding
    // callbacks have been seen as GET (README.md, "Pushes").
    methods: ['POST', 'GET'],
    okBody: body.ok,
    failBody: body.fail,
    contentType: CONTENT_TYPE,
    parse: parseMeituanCallback,
    isCheck: isEmptyRequest,
    verify,
    interpret,
    platformTime: meituanPlatformTime,
    ...(secretFields ? { secretFields } : {}),
  };
}

/** The names Meituan's developer console gives these URLs (README.md here, "Pushes"). */
const LABELS: Record<string, string> = {
  '/meituan/order/new': '推送订单URL（新订单）',
  '/meituan/order/confirmed': '已确认订单URL',
  '/meituan/order/finished': '订单完成URL',
  '/meituan/order/cancelled': '订单取消URL',
  '/meituan/order/refund': '订单退款URL',
  '/meituan/order/part-refund': '部分退款URL',
  '/meituan/order/shipping': '配送状态URL',
  '/meituan/store/bound': '门店绑定回调URL',
  '/meituan/store/unbound': '门店解绑回调URL',
  '/meituan/poi/status': '门店状态变更URL',
  '/meituan/privacy-downgrade': '隐私号降级URL',
};

/** The eleven callback routes, one URL each as Meituan's console lists them. */
export const meituanRoutes: readonly CallbackRoute[] = [
  route('/meituan/order/new', 'order', (f) => interpretOrder(f, 'new')),
  route('/meituan/order/confirmed', 'order', (f) => interpretOrder(f, 'confirmed')),
  route('/meituan/order/finished', 'order', (f) => interpretOrder(f, 'finished')),
  route('/meituan/order/cancelled', 'order', interpretCancelled),
  route('/meituan/order/refund', 'order', interpretRefund),
  route('/meituan/order/part-refund', 'order', interpretPartRefund),
  route('/meituan/order/shipping', 'order', interpretShipping),
  route(
    '/meituan/store/bound',
    'binding',
    interpretBound,
    verifyBinding('bind', (f) => [field(f, 'ePoiId').trim()].filter((id) => id !== '')),
    ['appAuthToken'],
  ),
  route('/meituan/store/unbound', 'binding', interpretUnbound, verifyBinding('unbind', unboundStoreIds)),
  route('/meituan/poi/status', 'order', interpretPoiStatus),
  route('/meituan/privacy-downgrade', 'order', interpretPrivacyDowngrade),
].map((r) => ({ ...r, ...(LABELS[r.path] ? { label: LABELS[r.path] } : {}) }));
