/**
 * Eleme's one push route, `/eleme/push` (README.md here, "Pushes"): a flat JSON envelope read
 * once with numbers kept as their exact text, its signature checked over those texts, then
 * handed to the pure interpreter. Replies are Eleme's: `{"message":"ok"}` (only once the push
 * is durable; the receiver sees to that), anything else is a failure and is sent again.
 */
import { CallbackRejected, type CallbackRoute, type PlatformTime, type RawCallback, type VerifyContext } from '../types.js';
import { bodyText, jsonObjectFields } from '../request-body.js';
import { field, interpretElemePulled, interpretElemePush, type Fields } from './interpret.js';
import { isoFromElemeTime } from './normalize.js';
import { elemeDeliveryMayFollow } from './push-codes.js';
import { SIGNATURE_FIELD, verifyElemePushSign } from './sign.js';

export const ELEME_PUSH_PATH = '/eleme/push';
/** Exact: lower-case `ok`, no spaces. */
export const ELEME_OK_BODY = '{"message":"ok"}';

export function elemeFailBody(reason: string): string {
  return JSON.stringify({ message: reason });
}

/**
 * The URL check when the push address is saved (a GET, or a POST with nothing in it): a blank
 * body, whatever the method or query. Eleme never puts a push in the query string, so a
 * request with a body is always read as a push, and one without never is.
 */
export function isElemeCheck(raw: RawCallback): boolean {
  return bodyText(raw) === '';
}

/**
 * The envelope's fields as text: strings as they are (`message` is the inner JSON text exactly
 * as sent), numbers as their digits as sent (a 19-digit `userId` stays exact). The content type
 * is not trusted; a body that is not a JSON object is refused, and so is a key given twice
 * (the signed set would be ambiguous). The query string is not part of a push.
 */
export function parseElemePush(raw: RawCallback): Record<string, string> {
  const text = bodyText(raw);
  if (!text.startsWith('{')) throw new CallbackRejected('body is not a JSON object');
  return jsonObjectFields(text, 'refuse');
}

function verify(fields: Fields, ctx: VerifyContext): void {
  const secret = ctx.config?.appSecret ?? '';
  if (secret === '') {
    throw new CallbackRejected('Eleme is not configured in this app: set eleme.appKey and eleme.appSecret', 503);
  }
  const signature = field(fields, SIGNATURE_FIELD);
  if (signature === '') throw new CallbackRejected('missing signature', 401);
  if (!verifyElemePushSign(secret, fields, signature)) {
    throw new CallbackRejected(
      'signature does not match the push (check eleme.appSecret: sandbox and production have different secrets)',
      403,
    );
  }
}

/** The signed envelope `timestamp` (ms) is when Eleme sent the push. */
export function elemePlatformTime(fields: Fields): PlatformTime | undefined {
  const sent = isoFromElemeTime(field(fields, 'timestamp'));
  return sent ? { ms: Date.parse(sent), sent: true } : undefined;
}

/**
 * What makes two pushes the same: the platform's `requestId` (a re-send carries the same one).
 * A push without one (none has been seen) falls back to every field but the signature.
 */
export function elemeDedupeKey(fields: Fields): string {
  const requestId = field(fields, 'requestId').trim();
  if (requestId !== '') return `requestId:${requestId}`;
  const rest = Object.entries(fields)
    .filter(([k]) => k !== SIGNATURE_FIELD)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `fields:${JSON.stringify(rest)}`;
}

export const elemePushRoute: CallbackRoute = {
  path: ELEME_PUSH_PATH,
  platform: 'eleme',
  methods: ['POST'],
  okBody: ELEME_OK_BODY,
  failBody: elemeFailBody,
  contentType: 'application/json; charset=utf-8',
  parse: parseElemePush,
  isCheck: isElemeCheck,
  verify,
  interpret: interpretElemePush,
  platformTime: elemePlatformTime,
};

export const elemeRoutes: readonly CallbackRoute[] = [elemePushRoute];

export { interpretElemePulled, elemeDeliveryMayFollow };

/**
 * The inbound part of Eleme's platform module, for the module to spread: its name, routes,
 * what makes two pushes the same, how a fetched order reads, how delivery states move.
 */
export const elemeInbound = {
  name: 'eleme' as const,
  routes: elemeRoutes,
  dedupeKey: elemeDedupeKey,
  interpretPulled: interpretElemePulled,
  deliveryMayFollow: elemeDeliveryMayFollow,
};
