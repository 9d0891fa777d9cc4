/**
 * MeituanSandbox: an embedded, protocol-faithful stand-in for the Meituan catering/ERP open
 * platform (README.md here, "Sandbox"). It pushes signed order callbacks
 * to the receiver, serves the legacy API (sandbox-api.ts) and the binding pages
 * (sandbox-pages.ts) on one loopback port, and keeps each order's state (sandbox-state.ts).
 * It speaks the wire protocol only — it never imports routes/normalize/client — so a test that
 * passes against it says something about the real platform.
 *
 * Events: 'push' {path,url,fields,attempt,answer,httpStatus,error,ok,duplicate}, 'push-ok',
 * 'push-gave-up', 'api' {path,params,response}, 'bound' {ePoiId,token}, 'unbound' {ePoiId},
 * 'demo-done' {created}, 'state-save-failed' {error}, 'state-moved-aside' {movedTo}.
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import { REQUEST_ERROR, todayText } from './sandbox-api.js';
import type { ApiHost } from './sandbox-api.js';
import { RIDERS, pick } from '../common/sandbox-data.js';
import { closeServer, listen } from '../common/sandbox-http.js';
import { DemoLoop } from './sandbox-demo.js';
import type { DemoOptions } from './sandbox-demo.js';
import { StoreBindings } from './sandbox-binding.js';
import { OrderNotifier, orderJson, partRefundRecord } from './sandbox-notify.js';
import type { PartRefundOptions } from './sandbox-notify.js';
import { generateOrderInput, wireJson } from './sandbox-orders.js';
import type { SandboxOrderInput } from './sandbox-orders.js';
import { BindingPages } from './sandbox-pages.js';
import { SandboxStateFile } from './sandbox-persist.js';
import { Pusher } from './sandbox-push.js';
import { sandboxRequestHandler } from './sandbox-server.js';
import type { PushResult } from './sandbox-push.js';
import { applyAction, forPendingRefund, illegalReason, newOrderState } from './sandbox-state.js';
import type { OrderAction, RefundNotifyType, SandboxOrderState, ShippingStatus } from './sandbox-state.js';

export type { SandboxDish, SandboxOrderInput } from './sandbox-orders.js';
export type { PushEvent, PushResult } from './sandbox-push.js';
export type { ApiCallRecord, RefundNotifyType, SandboxOrderState, ShippingStatus } from './sandbox-state.js';
export type { DemoOptions } from './sandbox-demo.js';
export type { PartRefundOptions } from './sandbox-notify.js';

export interface MeituanSandboxOptions {
  developerId: string;
  signKey: string;
  /**
   * Where pushes go: the receiver's base URL, e.g. http://127.0.0.1:5123 (paths /meituan/order/new
   * etc. appended). A function is read at every attempt, for a receiver that starts after the sandbox.
   */
  receiverUrl: string | (() => string);
  /** Default '127.0.0.1' — bind loopback only. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Injectable for deterministic tests; default Math.random. */
  random?: () => number;
  /** Delays between re-pushes when the answer is not {"data":"OK"}; then 'push-gave-up'. Default [1000, 3000, 10000, 30000]. */
  retryDelaysMs?: number[];
  /** Probability that a delivered new/confirmed-order push is sent again (duplicate). Default 0.1. */
  duplicateRate?: number;
  /** Default 5000. */
  pushTimeoutMs?: number;
  /**
   * Keep orders, store tokens and counters in this JSON file (in the desk's data folder) and
   * take them back at start, so a restarted demo still knows the orders the desk holds.
   * Without it the sandbox forgets everything when it stops (tests).
   */
  stateFile?: string;
  /** The platform's clock (ms since the epoch); default the real one. Tests move it on to pass the 出餐 minute. */
  now?: () => number;
}

/** A driver method asked for a transition the state machine does not allow. */
export class SandboxTransitionError extends Error {
  override name = 'SandboxTransitionError';
}

export class MeituanSandbox extends EventEmitter {
  readonly developerId: string;
  private readonly receiverUrl: () => string;
  private readonly random: () => number;
  private readonly pusher: Pusher;
  private readonly notifier: OrderNotifier;
  private readonly bindings: StoreBindings;
  private readonly pages: BindingPages;
  private readonly apiHost: ApiHost;
  private server: http.Server | null = null;
  private url = '';
  private demo: DemoLoop | null = null;
  private readonly orders = new Map<string, SandboxOrderState>();
  private readonly daySeqs = new Map<string, number>();
  private readonly storeOpen = new Map<string, boolean>();
  private readonly faults = new Map<string, string[]>();
  /** Pushes caused by the API call being answered (handleApi is synchronous, so one call at a time). */
  private readonly afterAnswer: (() => void)[] = [];
  private readonly stateFile: SandboxStateFile | null;

  constructor(private readonly opts: MeituanSandboxOptions) {
    super();
    this.developerId = opts.developerId;
    const receiver = opts.receiverUrl;
    this.receiverUrl = () => (typeof receiver === 'string' ? receiver : receiver()).replace(/\/+$/, '');
    this.random = opts.random ?? Math.random;
    this.pusher = new Pusher({
      retryDelaysMs: opts.retryDelaysMs ?? [1000, 3000, 10000, 30000],
      timeoutMs: opts.pushTimeoutMs ?? 5000,
      emit: (event, payload) => this.emit(event, payload),
    });
    const { developerId, signKey } = opts;
    const { receiverUrl, random, pusher } = this;
    const duplicateRate = opts.duplicateRate ?? 0.1;
    this.notifier = new OrderNotifier({ developerId, signKey, receiverUrl, pusher, random, duplicateRate });
    this.stateFile = opts.stateFile ? new SandboxStateFile(opts.stateFile) : null;
    const emit = (event: string, payload: unknown): void => {
      // A token issued or revoked: on disk as its callback goes out.
      void this.persist();
      this.emit(event, payload);
    };
    this.bindings = new StoreBindings({ developerId, receiverUrl, pusher, emit });
    const storeForToken = (t: string) => this.bindings.storeFor(t);
    this.pages = new BindingPages({
      developerId,
      signKey,
      storeForToken,
      bind: async (ePoiId, callbackUrl) => {
        const { token, delivery } = this.bindings.issue(ePoiId, callbackUrl);
        await this.persist();
        return { token, delivered: await delivery.firstAttempt };
      },
      unbind: async (token, callbackUrl) => {
        const r = this.bindings.revoke(token, callbackUrl);
        return r ? { ePoiId: r.ePoiId, delivered: await r.delivery.firstAttempt } : null;
      },
      boundStores: () => this.bindings.entries().map(([ePoiId]) => ePoiId),
      unbindStore: async (ePoiId) => {
        const token = this.bindings.tokenFor(ePoiId);
        const r = token === undefined ? undefined : this.bindings.revoke(token);
        return r ? { ePoiId: r.ePoiId, delivered: await r.delivery.firstAttempt } : null;
      },
    });
    this.apiHost = {
      signKey,
      storeForToken,
      takeFault: (path) => this.faults.get(path)?.shift(),
      findOrder: (id) => this.orders.get(id),
      ordersOf: (ids) => [...this.orders.values()].filter((o) => ids.includes(o.ePoiId)),
      orderByDaySeq: (ePoiId, daySeq, date) =>
        [...this.orders.values()].find((o) => o.ePoiId === ePoiId && o.input.daySeq === daySeq && todayText(new Date((o.history[0]?.at ?? 0) * 1000)) === date),
      actFromApi: (order, asked) => {
        const action = forPendingRefund(order, asked);
        const refusal = illegalReason(order, action, this.nowSec());
        if (refusal !== null) return refusal;
        applyAction(order, action, this.nowSec(), 'api');
        const saved = this.persist();
        // 出餐 changes nothing the shop is told about: no push.
        if (action.kind === 'prepared') return null;
        // The platform answers the call first, then pushes: queued until the answer is written.
        this.afterAnswer.push(() => void saved.then(() => this.notifier.forAction(order, action)));
        return null;
      },
      orderJson,
      setStoreOpen: (ePoiId, open) => {
        const was = this.storeOpen.get(ePoiId) ?? true;
        this.storeOpen.set(ePoiId, open);
        const saved = this.persist();
        // A change is pushed like the merchant app's (120/121), once the call is answered.
        if (was !== open) this.afterAnswer.push(() => void saved.then(() => this.pushPoiStatus(ePoiId, open ? 121 : 120, '', '开放平台')));
      },
      storeIsOpen: (ePoiId) => ((this.storeOpen.get(ePoiId) ?? true) ? 1 : 3),
    };
  }

  /** http://127.0.0.1:PORT after start(): serves both the API (apiBase) and the binding pages (authBase). */
  get baseUrl(): string {
    if (!this.url) throw new Error('MeituanSandbox not started');
    return this.url;
  }

  async start(): Promise<void> {
    if (this.server) throw new Error('MeituanSandbox already started');
    await this.restore();
    this.pusher.start();
    const server = http.createServer(
      sandboxRequestHandler({
        api: this.apiHost,
        pages: this.pages,
        takeAfterAnswer: () => this.afterAnswer.splice(0),
        onApiCall: (call) => {
          this.orders.get(call.params['orderId'] ?? '')?.apiCalls.push(call);
          this.emit('api', { path: call.path, params: call.params, response: call.response });
        },
      }),
    );
    this.url = await listen(server, this.opts.port ?? 0, this.opts.host ?? '127.0.0.1');
    this.server = server;
  }

  /** Cancels the demo, every retry timer and request in flight, and closes the server. */
  async stop(): Promise<void> {
    this.stopDemo();
    this.pusher.stop();
    const server = this.server;
    this.server = null;
    this.url = '';
    if (server) await closeServer(server);
  }

  // ── driving orders (what the customer, the rider or the merchant's own app do) ──────────

  /** Create an order (status 2) and push it to /meituan/order/new. Resolves with its id once the push settled. */
  async pushNewOrder(ePoiId: string, overrides: Partial<SandboxOrderInput> = {}): Promise<string> {
    const order = this.createOrder(ePoiId, overrides);
    await this.persist();
    await this.notifier.orderPush('/meituan/order/new', order, true);
    return order.orderId;
  }

  /**
   * An order whose pushes never reach the desk (what the end-of-shift check must find): taken
   * with the next day number and accepted in the merchant's own app, so the unconfirmed-order
   * pull does not offer it either. Only the day's list (queryByDaySeq) and queryById know it.
   */
  async takeLostOrder(ePoiId: string): Promise<string> {
    const order = this.createOrder(ePoiId, {});
    applyAction(order, { kind: 'confirm' }, this.nowSec(), 'merchant-app');
    await this.persist();
    return order.orderId;
  }

  private createOrder(ePoiId: string, overrides: Partial<SandboxOrderInput>): SandboxOrderState {
    // Day numbers start again at 1 each day of the platform's clock (Beijing time).
    const d = new Date(Date.now() + 8 * 3600_000);
    const dayKey = `${ePoiId}|${d.getUTCFullYear()}-${d.getUTCMonth() + 1}-${d.getUTCDate()}`;
    const seq = (this.daySeqs.get(dayKey) ?? 0) + 1;
    this.daySeqs.set(dayKey, seq);
    const t = this.nowSec();
    const input = generateOrderInput(this.random, ePoiId, String(seq), t, overrides);
    if (this.orders.has(input.orderId)) throw new Error(`order ${input.orderId} exists`);
    const order = newOrderState(input, ePoiId, t);
    this.orders.set(order.orderId, order);
    return order;
  }

  /** Accepted in Meituan's own merchant app: status 4 + /meituan/order/confirmed. */
  confirmFromMerchantApp(orderId: string): Promise<PushResult> {
    return this.act(orderId, { kind: 'confirm' }, 'merchant-app');
  }

  /** Logistics progress push (/meituan/order/shipping); 20/40 move a confirmed order to 6. */
  ship(orderId: string, shippingStatus: ShippingStatus): Promise<PushResult> {
    // No rider yet while the delivery order is only sent out (0); keep the one assigned after.
    const current = this.getOrder(orderId)?.times;
    const [dispatcherName, dispatcherMobile] =
      shippingStatus === 0
        ? ['', '']
        : current?.logisticsDispatcherName
          ? [current.logisticsDispatcherName, current.logisticsDispatcherMobile]
          : pick(this.random, RIDERS);
    return this.act(orderId, { kind: 'ship', shippingStatus, dispatcherName, dispatcherMobile }, 'logistics');
  }

  /**
   * The rider of the order takes the next step (0 sent → 10 assigned → 15 at the shop → 20 picked
   * up → 40 delivered); resolves with the status pushed, or null when the rider has nothing left to do.
   */
  async riderStep(orderId: string): Promise<ShippingStatus | null> {
    const o = this.mustOrder(orderId);
    if (o.input.logisticsCode === '0000' || o.input.pickType === 1) throw new SandboxTransitionError('这单不是美团配送');
    const steps: ShippingStatus[] = [0, 10, 15, 20, 40];
    const at = o.times.logisticsStatus === null ? -1 : steps.indexOf(o.times.logisticsStatus as ShippingStatus);
    const next = steps[at + 1];
    if (next === undefined) return null;
    await this.ship(orderId, next);
    return next;
  }

  /** Completed: status 8 + /meituan/order/finished. */
  finish(orderId: string): Promise<PushResult> {
    return this.act(orderId, { kind: 'finish' }, 'platform');
  }

  /** Cancelled by the customer or the platform: status 9 + /meituan/order/cancelled. */
  cancel(orderId: string, reasonCode: string, reason: string): Promise<PushResult> {
    return this.act(orderId, { kind: 'cancel', reasonCode, reason }, 'platform');
  }

  /** Refund events as the customer/platform side sees them: /meituan/order/refund. */
  refund(orderId: string, notifyType: RefundNotifyType, reason: string): Promise<PushResult> {
    return this.act(orderId, { kind: 'refund', notifyType, reason }, 'customer');
  }

  /**
   * Part refund push (/meituan/order/part-refund, flat fields — UNCERTAIN, one source; README.md here, "Pushes").
   * Refunds one of each of the first `items` dishes unless told otherwise. Status does not change.
   */
  async partRefund(orderId: string, opts: PartRefundOptions = {}): Promise<PushResult> {
    const order = this.mustOrder(orderId);
    if (order.times.status === 9) throw new SandboxTransitionError('订单已取消，不能部分退款');
    const rec = partRefundRecord(order, opts);
    order.partRefunds.push(rec);
    order.history.push({ at: this.nowSec(), event: `part-refund:${rec.notifyType}`, status: order.times.status });
    await this.persist();
    const fields = { developerId: this.developerId, ePoiId: order.ePoiId, orderId, ...rec };
    return this.notifier.deliver('/meituan/order/part-refund', fields);
  }

  /** Store status push (/meituan/poi/status): 121 open, 120 resting (the codes we read; UNCERTAIN). */
  pushPoiStatus(ePoiId: string, poiStatus: number, reason = '', operateUser = '店长'): Promise<PushResult> {
    // What the platform pushes is its state: queryPoiInfo answers the same from now on.
    if (poiStatus === 121 || poiStatus === 120) this.storeOpen.set(ePoiId, poiStatus === 121);
    const poiStatusJson = wireJson({ ePoiId, poiStatus, operateUser, reason, operateTime: this.nowSec() });
    return this.notifier.deliver('/meituan/poi/status', { developerId: this.developerId, poiStatus: poiStatusJson });
  }

  /** Privacy-number downgrade push (/meituan/privacy-downgrade): only developerId and timestamp (seconds). */
  pushPrivacyDowngrade(): Promise<PushResult> {
    return this.notifier.deliver('/meituan/privacy-downgrade', { developerId: this.developerId, timestamp: String(this.nowSec()) });
  }

  /** Raw push: exactly these fields to a receiver path; `sign` added unless present or opts.sign === false. */
  push(path: string, fields: Record<string, string>, opts: { sign?: boolean } = {}): Promise<PushResult> {
    const out = opts.sign === false || 'sign' in fields ? { ...fields } : this.notifier.signed(fields);
    return this.pusher.send(() => this.receiverUrl() + path, out, 'OK').done;
  }

  // ── binding (what the authorize / release buttons on the pages do) ───────────────────────

  /** Issue a fresh appAuthToken for the store and post the bound callback; resolves when settled. */
  async bind(ePoiId: string, callbackUrl?: string): Promise<{ token: string; result: PushResult }> {
    const { token, delivery } = this.bindings.issue(ePoiId, callbackUrl);
    await this.persist();
    return { token, result: await delivery.done };
  }

  /** Revoke the store's token and post the unbound callback; undefined when not bound. */
  async unbind(ePoiId: string, callbackUrl?: string): Promise<PushResult | undefined> {
    const token = this.bindings.tokenFor(ePoiId);
    return token === undefined ? undefined : this.bindings.revoke(token, callbackUrl)?.delivery.done;
  }

  tokenFor(ePoiId: string): string | undefined {
    return this.bindings.tokenFor(ePoiId);
  }

  /** The merchant opens or rests the store in Meituan's own app: the state changes and is pushed (unless `push` is false: a lost push). */
  async setStoreOpenFromMerchantApp(ePoiId: string, open: boolean, push = true): Promise<PushResult | null> {
    this.storeOpen.set(ePoiId, open);
    await this.persist();
    return push ? this.pushPoiStatus(ePoiId, open ? 121 : 120, open ? '' : '商家手动休息') : null;
  }

  /** Last /waimai/poi/open|close for the store; undefined if never called. */
  isStoreOpen(ePoiId: string): boolean | undefined {
    return this.storeOpen.get(ePoiId);
  }

  // ── tests and demo ────────────────────────────────────────────────────────────────────────

  /** Live state of an order (status, history, API calls). Do not mutate. */
  getOrder(orderId: string): SandboxOrderState | undefined {
    return this.orders.get(orderId);
  }

  /** Current order JSON text exactly as queryById and pushes carry it; undefined for an unknown id. */
  orderJson(orderId: string): string | undefined {
    const order = this.orders.get(orderId);
    return order && orderJson(order);
  }

  /** The next `count` calls to an API path answer `errorBody` (default code 1 request_error). */
  failNext(path: string, count: number, errorBody: string = REQUEST_ERROR): void {
    const queue = this.faults.get(path) ?? [];
    for (let i = 0; i < count; i++) queue.push(errorBody);
    this.faults.set(path, queue);
  }

  startDemo(opts: DemoOptions): void {
    this.stopDemo();
    const demo = new DemoLoop(this, this.random, opts, (created) => {
      if (this.demo === demo) this.demo = null;
      this.emit('demo-done', { created });
    });
    this.demo = demo;
    this.demo.start();
  }

  stopDemo(): void {
    this.demo?.stop();
    this.demo = null;
  }

  // ── internals ─────────────────────────────────────────────────────────────────────────────

  private nowSec(): number {
    return Math.floor((this.opts.now?.() ?? Date.now()) / 1000);
  }

  private mustOrder(orderId: string): SandboxOrderState {
    const order = this.orders.get(orderId);
    if (!order) throw new Error(`unknown sandbox order ${orderId}`);
    return order;
  }

  private async act(orderId: string, action: OrderAction, source: string): Promise<PushResult> {
    const order = this.mustOrder(orderId);
    const refusal = illegalReason(order, action);
    if (refusal !== null) throw new SandboxTransitionError(refusal);
    applyAction(order, action, this.nowSec(), source);
    await this.persist();
    return this.notifier.forAction(order, action);
  }

  /** Take back what the state file holds (orders, tokens, counters); nothing when there is none. */
  private async restore(): Promise<void> {
    const snap = await this.stateFile?.load();
    if (this.stateFile?.movedAside) this.emit('state-moved-aside', { movedTo: this.stateFile.movedAside });
    if (!snap) return;
    for (const o of snap.orders) this.orders.set(o.orderId, o);
    for (const [k, n] of snap.daySeqs) this.daySeqs.set(k, n);
    for (const [k, open] of snap.storeOpen) this.storeOpen.set(k, open);
    this.bindings.restore(snap.tokens);
  }

  /** On disk before the push that announces the change. A failed save is reported, never thrown. */
  private persist(): Promise<void> {
    if (!this.stateFile) return Promise.resolve();
    return this.stateFile
      .save({
        version: 1,
        orders: [...this.orders.values()],
        tokens: this.bindings.entries(),
        daySeqs: [...this.daySeqs.entries()],
        storeOpen: [...this.storeOpen.entries()],
      })
      .catch((err: unknown) => void this.emit('state-save-failed', { error: (err as Error).message }));
  }
}
