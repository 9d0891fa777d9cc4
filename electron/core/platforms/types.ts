/**
 * The shape every platform folder fills, and the only way the core reaches a platform: the
 * registry (index.ts) lists one `PlatformModule` per platform, and the desk, the receiver, the
 * store, auto-accept, recovery and the sandbox setup loop over it. docs/design.md, "Platform
 * boundary", says what belongs on which side.
 */
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { CancelReason, SimulateKind } from '../../../shared/api.js';
import type { Order, Platform } from '../../../shared/order.js';
import type { PlatformIdentity, SettingsForm } from '../../../shared/platforms.js';
import type { PlatformStoreRef } from '../../../shared/shop-floor.js';
import type { StoreState } from '../../../shared/store.js';
import type { OrderUpdate } from '../orders/update.js';
import type { CredentialVault } from '../storage/credentials.js';

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
  /**
   * `storeIds` are unbound at once. Said by the platform but not proven (to be confirmed by asking
   * the platform with the stored token): `platformStoreIds`, the platform's own shop ids for the
   * core to map to stores (a revocation), and `unconfirmedStoreIds`, our store ids (an unsigned
   * unbind nobody here asked for).
   */
  | { kind: 'unbind'; platform: Platform; storeIds: string[]; platformStoreIds?: string[]; unconfirmedStoreIds?: string[] }
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
      /**
       * The platform's own shop id, for a platform whose pushes name its shops (Eleme): the core
       * maps it to the store it serves, and drops the notice when it serves none.
       */
      platformStoreId?: string;
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
  /** Receiver path, e.g. `/meituan/order/new` (docs/design.md, contracts: receiver routes). */
  path: string;
  platform: Platform;
  /** What the platform's developer console calls this URL (the stores page lists it for copying). */
  label?: string;
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

/** The platform API calls the core makes on an order (accept, cancel, refunds, self-delivery). */
export interface PlatformActions {
  confirm(orderId: string, token: string): Promise<void>;
  /** `reasonCode` is one of the platform's `cancelReasons` codes, as text. */
  cancel(orderId: string, token: string, reasonCode: string, reason: string): Promise<void>;
  agreeRefund(orderId: string, token: string, reason: string): Promise<void>;
  rejectRefund(orderId: string, token: string, reason: string): Promise<void>;
  delivering(orderId: string, token: string, courier?: { name: string; phone: string }): Promise<void>;
  delivered(orderId: string, token: string): Promise<void>;
  /** Answer the customer's hurry-up request (催单) `reminderId` with one of `reminderReplies`; absent: not answerable here. */
  replyReminder?(reminderId: string, token: string, replyCode: string, content: string): Promise<void>;
  /** 出餐: report the food of a platform-delivered order ready. Absent: the platform has no such call. */
  prepared?(orderId: string, token: string): Promise<void>;
}

/** A store's open/rest state on the platform, and switching it (营业 / 休息). */
export interface PlatformShopControl {
  state(token: string, store: PlatformStoreRef): Promise<{ state: StoreState; code: number | null; detail: string }>;
  setOpen(token: string, store: PlatformStoreRef, open: boolean): Promise<void>;
}

/** A platform API failure, in words for staff, with whether trying again may help. */
export interface ActionFailure {
  message: string;
  retriable: boolean;
}

// ---- config ----

/** The platform's section of the config file (`{ "<id>": { … } }`) and its settings form. */
export interface PlatformConfigSection<C> {
  /** The section's schema, defaults filled in; an invalid section refuses to start, naming the field. */
  schema: z.ZodType<C>;
  /**
   * Fields whose values are secrets: sealed on disk (stored as `<field>Sealed`), never logged,
   * never in the settings view (which says only whether one is set).
   */
  secretFields: readonly string[];
  /** The settings form as data: the fields, their labels and kinds. */
  form: SettingsForm;
  /** What this platform's routes verify with (`VerifyContext.config`). */
  verifyConfig(config: C): Record<string, string>;
}

// ---- outbound: built at start from the platform's config ----

export interface OutboundContext<C> {
  /** The platform's config section, as its schema gave it. */
  config: C;
  /** fetch for every platform API call: the core reads the platform's clock from the answers. */
  fetch: typeof globalThis.fetch;
  /** The store's token as the bindings keep it (platforms whose binding page calls back with a token). */
  storedToken(storeId: string): string | undefined;
  /**
   * The desk's one credential vault: authorizations whose tokens expire and renew, one account
   * covering several platform shops, each shop mapped to one of our stores.
   */
  credentials: CredentialVault;
  logger: Logger;
}

/** How a store gets bound: a page the app opens (a signed page today; an OAuth authorize page later). */
export interface BindingFlow {
  /** `signed-page`: the platform's page calls back with the token (Meituan). `oauth`: a code is exchanged. */
  kind: 'signed-page' | 'oauth';
  /**
   * The page to open to bind or unbind a store. `callbackBase` is the receiver's public address
   * (null when there is none). Throws `StaffRefusal` when it cannot.
   */
  pageUrl(action: 'bind' | 'unbind', store: { id: string; name: string }, callbackBase: string | null): Promise<string>;
  /**
   * `oauth` only: the receiver path the authorize page sends the browser back to (GET, with
   * `code` and `state`, or `error`), and what to do with it: exchange the code, keep the tokens
   * in the vault, map the shop(s). Throws `StaffRefusal` with words for the page.
   */
  redirect?: {
    path: string;
    complete(query: URLSearchParams): Promise<{ storeId: string; mapped: string[] }>;
  };
}

/** The platform side cannot do what was asked (no binding page, nothing to simulate): the message is for staff. */
export class StaffRefusal extends Error {
  override name = 'StaffRefusal';
}

/** Missed-order recovery: the pull half of "never rely on the push alone". */
export interface PlatformRecovery {
  /** Ids of the store's orders the platform still holds unconfirmed. */
  listUnconfirmed(token: string, storeId: string): Promise<string[]>;
  /** The order's text exactly as the platform answers: journaled, then read by `interpretPulled`. */
  fetchOrder(token: string, orderId: string): Promise<string>;
}

export interface PlatformOutbound {
  binding: BindingFlow | null;
  /** The token for the store's API calls, or undefined when it is not bound (refresh goes here later). */
  tokenFor(storeId: string): Promise<string | undefined>;
  actions: PlatformActions;
  /** The reasons a shop may give when it cancels, the common ones first. */
  cancelReasons: readonly CancelReason[];
  /** The replies a shop may give to a 催单 (same shape as the cancel reasons); absent: none. */
  reminderReplies?: readonly CancelReason[];
  /** A failed call in words for staff (never holding a secret), and whether trying again may help. */
  describeError(err: unknown): ActionFailure;
  recovery: PlatformRecovery | null;
  /** Open / rest and the store's state; absent: the platform offers neither. */
  shop?: PlatformShopControl;
  /** 催单 not yet answered, for the pull at start-up; absent: the platform cannot list them. */
  unrepliedReminders?(token: string, store: PlatformStoreRef): Promise<{ reminderId: string; orderId: string }[]>;
  /**
   * Every order id the platform holds for the store on a business day (`YYYY-MM-DD`), for the
   * end-of-shift check; the missing ones are fetched with `recovery.fetchOrder`. Absent: not listable.
   */
  dayOrderIds?(token: string, store: PlatformStoreRef, day: string): Promise<string[]>;
  /**
   * The platform's own rules for 出餐, checked before calling: the earliest moment after
   * accepting (ms) and whether it applies to the order at all. Absent with `actions.prepared`: the desk's defaults.
   */
  preparedRule?: {
    minAfterAcceptMs: number;
    /**
     * Pre-orders: 出餐 only from this long before the expected delivery time (the platform's
     * reminder time), plus `minAfterAcceptMs`. Absent: pre-orders follow the same rule as the rest.
     */
    preOrderLeadMs?: number;
  };
  /**
   * The platform says a shop withdrew its authorization (or a store was unbound): ask it, with
   * that shop's token, whether the authorization is really gone (false = gone; a throw = cannot
   * tell, kept). `platformStoreId` is the platform's shop id, or our store id for a platform
   * whose callbacks name our stores. Absent: such a message is not trusted.
   */
  stillAuthorized?(token: string, platformStoreId: string): Promise<boolean>;
}

// ---- sandbox ----

export interface SandboxContext {
  /** Where the sandbox pushes to: the receiver's address, known once the desk listens. */
  receiverUrl(): string;
  /** Where it keeps its own state across restarts; absent: in memory only. */
  dataDir?: string;
  /** The desk's store ids (the demo's shops take them as their own codes). */
  storeIds?: readonly string[];
  /** Where its made-up content (dishes, names, ids) comes from; absent: Math.random. */
  random?: () => number;
  logger: Logger;
}

/** How a sandbox binds through the desk's own flow (OAuth: open the page, approve, come back). */
export interface SandboxBindingVia {
  /** The page the desk would open for this store. */
  pageUrl(): Promise<string>;
  /** Where the page sent the browser back: the desk finishes the binding with it. */
  complete(query: URLSearchParams): Promise<void>;
}

/** A running stand-in for the platform, for the demo and the tests. */
export interface PlatformSandbox {
  /** The platform's config section pointing at this sandbox (made-up secrets). */
  readonly config: unknown;
  /** As if the merchant had authorised the store on the platform's binding page. */
  bind?(storeId: string, via: SandboxBindingVia): Promise<void>;
  /** Keep making orders for these stores (the bound ones when the platform binds stores). */
  startDemo(o: { storeIds: readonly string[]; intervalMs: number; maxOrders: number }): void;
  stopDemo(): void;
  /** A demo round has settled (its orders are done): the setup starts the next. */
  onDemoDone?(listener: () => void): void;
  /**
   * What a customer would do (the demo's buttons). `orders`: this platform's stored orders of
   * the store, oldest first. Throws `StaffRefusal` when there is nothing to do it to.
   */
  simulate?(kind: SimulateKind, storeId: string, orders: readonly Order[]): Promise<void>;
  /** The kinds `simulate` can do, when not all (a platform without 催单 has no `reminder`). */
  simulates?: readonly SimulateKind[];
  stop(): Promise<void>;
}

export interface PlatformSandboxFactory {
  start(ctx: SandboxContext): Promise<PlatformSandbox>;
}

// ---- the module ----

export interface PlatformModule<C = unknown> {
  /** Same as `identity.id`. */
  name: Platform;
  identity: PlatformIdentity;
  /** Stores bind to it one by one (their binding shows on the stores page). */
  bindsStores: boolean;
  config: PlatformConfigSection<C>;
  routes: readonly CallbackRoute[];
  /**
   * What makes two callbacks the same push, as text (hashed with the route by the store): a
   * platform's re-send must give the same text, a different push a different one.
   */
  dedupeKey(fields: Record<string, string>): string;
  /**
   * Pure: an order fetched by pull recovery (its JSON text as journaled) as an update. Also
   * run when the journal is replayed, so it must give the same answer for the same text.
   */
  interpretPulled?(orderJson: string): OrderUpdate;
  /**
   * Delivery states only move forward: may the status code `next` replace `prev`? Absent: the
   * latest always wins.
   */
  deliveryMayFollow?(prev: number, next: number): boolean;
  /** Built once at start, when the platform is configured. */
  createOutbound?(ctx: OutboundContext<C>): PlatformOutbound;
  sandbox?: PlatformSandboxFactory;
}

/**
 * Declare a platform with its config type: the core only ever hands `createOutbound` and
 * `verifyConfig` what `config.schema` produced, so erasing `C` here is safe.
 */
export function definePlatform<C>(m: PlatformModule<C>): PlatformModule {
  return m as unknown as PlatformModule;
}
