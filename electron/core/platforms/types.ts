/**
 * The shape every platform folder fills (DESIGN.md: sign, routes, normalize, client, sandbox).
 * The receiver knows nothing of any platform beyond this interface.
 */
import type { Platform } from '../../../shared/order.js';
import type { StoreState } from '../../../shared/store.js';
import type { OrderUpdate } from '../orders/update.js';

/** A callback as it came off the wire (already size-capped by the receiver). */
export interface RawCallback {
  method: string;
  /** Lower-cased header names. */
  headers: Record<string, string | string[] | undefined>;
  /** The query string without '?', '' if none. */
  query: string;
  body: Buffer;
}

/** What a verified callback asks the core to do. */
export type Effect =
  | { kind: 'order'; update: OrderUpdate }
  | {
      kind: 'bind';
      platform: Platform;
      storeId: string;
      /** Secret: written encrypted, never journaled, logged or sent to the renderer. */
      token: string;
      platformStoreId: string;
      platformStoreName: string;
    }
  /** `platformStoreIds`: the platform's own shop ids, for the core to map to stores (Eleme revocation). */
  | { kind: 'unbind'; platform: Platform; storeIds: string[]; platformStoreIds?: string[] }
  /**
   * Fetch these orders in full from the platform (a push carried only part of the order, or
   * degraded money fields) and apply each answer through `interpretPulled`.
   */
  | { kind: 'fetch'; platform: Platform; orderIds: string[]; storeId: string; platformStoreId: string; reason: string }
  | {
      /**
       * About a store, not one order: `poi-status` (with `storeState`), `privacy-downgrade`
       * (storeId '' = every store of the platform), or anything else (kept on the store).
       */
      kind: 'notice';
      platform: Platform;
      storeId: string;
      type: string;
      detail: string;
      /** `poi-status` only: the state in staff's words and the platform's code as sent. */
      storeState?: StoreState;
      code?: number | null;
    };

/** Thrown by parse/verify/interpret: the request is bad; `reason` is journaled and answered. */
export class CallbackRejected extends Error {
  constructor(
    readonly reason: string,
    /** HTTP status to answer with (the body is still the platform's failure dialect). */
    readonly httpStatus = 400,
  ) {
    super(reason);
    this.name = 'CallbackRejected';
  }
}

/** What the route needs to verify: the platform's secrets and the app's pending requests. */
export interface VerifyContext {
  /** The signing secret(s) and ids from config; undefined when the platform is not configured. */
  config: Record<string, string> | undefined;
  /**
   * True when this app opened a bind/unbind page for that store within the last half hour and
   * no callback has answered it yet. Asking takes the vouch (single use); the receiver gives it
   * back when the callback is refused or cannot be stored.
   */
  pendingBinding(platform: Platform, storeId: string, action: 'bind' | 'unbind'): boolean;
}

export interface CallbackRoute {
  /** Receiver path, e.g. `/meituan/order/new` (DESIGN.md, receiver routes). */
  path: string;
  platform: Platform;
  /** HTTP methods that carry a callback; anything else is answered 405. */
  methods: readonly ('GET' | 'POST')[];
  /** Exact success body in the platform's dialect, e.g. `{"data":"OK"}`. */
  okBody: string;
  /** Failure body in the platform's dialect. */
  failBody(reason: string): string;
  contentType: string;
  /** Decode the request into fields (decoded form values, or the JSON body's values as text). */
  parse(raw: RawCallback): Record<string, string>;
  /**
   * True only when the request carries no parameter in any form (no query parameter, a blank
   * body): a console URL check or heartbeat. Anything else is parsed and verified, or refused.
   */
  isCheck(raw: RawCallback): boolean;
  /** Throws CallbackRejected when the signature or the sender is not right. */
  verify(fields: Record<string, string>, ctx: VerifyContext): void;
  /**
   * Pure: what the (verified) fields mean. Throws CallbackRejected on missing/malformed fields.
   * Also called when the journal is replayed at start-up, with the journaled fields.
   */
  interpret(fields: Record<string, string>): Effect[];
  /** Field names whose values are secrets: replaced by '***' in the journal and logs. */
  secretFields?: readonly string[];
  /**
   * The platform's clock as this (verified) callback shows it, if it shows it: the core
   * compares it with the PC's clock and warns when they are far apart (clock-skew.ts).
   */
  platformTime?(fields: Record<string, string>): PlatformTime | undefined;
}

/** A time on the platform's clock, in ms since the epoch. */
export interface PlatformTime {
  ms: number;
  /**
   * True when it is when the platform sent this (a signed timestamp); false when it is when
   * something happened (an order's last change), which may be long before it was sent.
   */
  sent: boolean;
}

export interface PlatformModule {
  name: Platform;
  routes: readonly CallbackRoute[];
  /**
   * Pure: an order fetched by pull recovery (its JSON text as journaled) as an update. Also
   * run when the journal is replayed, so it must give the same answer for the same text.
   */
  interpretPulled?(orderJson: string): OrderUpdate;
}

/** The platform API calls the core makes on an order (accept, cancel, refunds, self-delivery). */
export interface PlatformActions {
  confirm(orderId: string, token: string): Promise<void>;
  cancel(orderId: string, token: string, reasonCode: number, reason: string): Promise<void>;
  agreeRefund(orderId: string, token: string, reason: string): Promise<void>;
  rejectRefund(orderId: string, token: string, reason: string): Promise<void>;
  delivering(orderId: string, token: string, courier?: { name: string; phone: string }): Promise<void>;
  delivered(orderId: string, token: string): Promise<void>;
}

/** A platform API failure, in words for staff, with whether trying again may help. */
export interface ActionFailure {
  message: string;
  retriable: boolean;
}
