/**
 * Building Eleme push envelopes as the platform sends them: the raw JSON text, `message` as a
 * JSON string holding the body, numbers written as digits (a 19-digit `userId` can be written
 * bare, beyond what a double holds), signed over the field texts.
 */
import { readFileSync } from 'node:fs';
import { elemePushRoute } from '../../../../electron/core/platforms/eleme/routes.js';
import { elemePushSign } from '../../../../electron/core/platforms/eleme/sign.js';
import {
  CallbackRejected,
  type Effect,
  type RawCallback,
  type VerifyContext,
} from '../../../../electron/core/platforms/types.js';
import type { OrderUpdate } from '../../../../electron/core/orders/update.js';

export const SECRET = 'test_secret';
export const CONFIG = { appKey: 'demoAppKey', appSecret: SECRET };
export const SHOP_ID = '168000001';
export const BIG_USER_ID = '5486031036067039666';

export const ORDER_TEXT = readFileSync(new URL('../../../fixtures/eleme/order-full.json', import.meta.url), 'utf8').trim();
export const ORDER_ID = '3029851217004929601';

export interface EnvelopeOptions {
  type: number | string;
  /** The body as the JSON text to carry in `message`. */
  message: string;
  requestId?: string;
  timestamp?: string;
  /** Digits; written as a JSON string unless `userIdBare`. */
  userId?: string;
  userIdBare?: boolean;
  secret?: string;
  /** Replace the signature (a forged or broken one). */
  signature?: string;
}

let nextRequest = 1000;

/** The envelope's field texts as the signer sees them. */
export function envelopeFields(o: EnvelopeOptions): Record<string, string> {
  return {
    requestId: o.requestId ?? String(nextRequest++),
    type: String(o.type),
    appId: '62933118',
    message: o.message,
    shopId: SHOP_ID,
    timestamp: o.timestamp ?? '1764646132053',
    userId: o.userId ?? BIG_USER_ID,
  };
}

/** The raw body text of a signed push. */
export function envelope(o: EnvelopeOptions): string {
  const f = envelopeFields(o);
  const signature = o.signature ?? elemePushSign(o.secret ?? SECRET, f);
  const type = typeof o.type === 'string' ? JSON.stringify(o.type) : o.type;
  const userId = o.userIdBare ? f.userId : JSON.stringify(f.userId);
  return (
    `{"requestId":${JSON.stringify(f.requestId)},"type":${type},"appId":${f.appId},"message":${JSON.stringify(f.message)},` +
    `"shopId":${f.shopId},"timestamp":${f.timestamp},"userId":${userId},"signature":"${signature}"}`
  );
}

export function raw(body: string, method = 'POST', query = ''): RawCallback {
  return { method, headers: { 'content-type': 'application/json' }, query, body: Buffer.from(body) };
}

export function ctx(config: Record<string, string> | null = CONFIG): VerifyContext {
  return { config: config ?? undefined, pendingBinding: () => false };
}

/** Parse → verify → interpret, as the receiver does. */
export function receive(body: string, c = ctx()): Effect[] {
  const fields = elemePushRoute.parse(raw(body));
  elemePushRoute.verify(fields, c);
  return elemePushRoute.interpret(fields);
}

/** The one order update of a push. */
export function updateOf(body: string): OrderUpdate {
  const orders = receive(body).filter((e) => e.kind === 'order');
  if (orders.length !== 1 || orders[0]?.kind !== 'order') throw new Error(`expected one order effect, got ${orders.length}`);
  return orders[0].update;
}

export function rejection(fn: () => unknown): CallbackRejected {
  try {
    fn();
  } catch (err) {
    if (err instanceof CallbackRejected) return err;
    throw err;
  }
  throw new Error('expected CallbackRejected');
}

/** A message body as compact JSON text (ids as strings, as Eleme writes them). */
export function body(obj: Record<string, unknown>): string {
  return JSON.stringify(obj);
}
