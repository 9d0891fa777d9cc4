/**
 * ElemeSandbox: an embedded, protocol-faithful stand-in for the Eleme merchant open platform.
 * On one loopback port it serves the authorize page and the token endpoint
 * (sandbox-oauth.ts), and the API (sandbox-api.ts) with the order state machine
 * (sandbox-orders.ts); it sends signed pushes to the receiver's `/eleme/push`, re-sent until
 * answered `{"message":"ok"}`, sometimes twice (duplicates), with the merchant account id a
 * 19-digit number or string, and keeps pushes it gave up on for the failed-push pull.
 * It speaks the wire protocol only — it never imports the desk's routes or client — so a test
 * that passes against it says something about the real platform.
 *
 * Events: 'push' (every attempt: url, body, attempt, answer, httpStatus, ok, duplicate),
 * 'push-gave-up' {type, requestId}, 'api' {action, params, error} (never the token),
 * 'authorized' {userId, shopIds}, 'refreshed' {userId, withPrevious}, 'revoked' {shopId}.
 */
import { randomInt } from 'node:crypto';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import { LosslessNumber, stringify } from 'lossless-json';
import { afterAnswer, closeServer, listen, readBody } from '../common/sandbox-http.js';
import { handleApi, type ApiHost, type FailedPush } from './sandbox-api.js';
import { ElemeDemoLoop } from './sandbox-demo.js';
import { ElemeSandboxStateFile } from './sandbox-persist.js';
import { SandboxAuth, type SandboxAccount, type SandboxShop } from './sandbox-oauth.js';
import {
  applyAction,
  coreOrderObject,
  generateOrder,
  isRefusal,
  orderObject,
  type NewOrderInput,
  type OrderPush,
  type Refusal,
  type SandboxAction,
  type SandboxEOrder,
} from './sandbox-orders.js';
import { pick, RIDERS } from '../common/sandbox-data.js';
import { PushEngine, type PushResult } from '../common/sandbox-push-engine.js';
import { isElemeOk } from './sandbox-push.js';
import { elemePushSign } from './sign.js';

export type { SandboxAccount, SandboxShop } from './sandbox-oauth.js';
export type { SandboxEOrder } from './sandbox-orders.js';
export type { PushResult } from '../common/sandbox-push-engine.js';

/** What the demo bar and tests can ask the sandbox to make happen. */
export const ELEME_SIMULATE_KINDS = ['new-order', 'cancel-request', 'refund-request', 'cancel', 'reminder', 'revoke', 'rider'] as const;
export type ElemeSimulateKind = (typeof ELEME_SIMULATE_KINDS)[number];

export interface ElemeSandboxOptions {
  appKey: string;
  appSecret: string;
  /** The app id pushes carry (default a made-up 8-digit id). */
  appId?: string;
  /** The receiver's base URL; `/eleme/push` is appended. A function is read at each attempt. */
  receiverUrl: string | (() => string);
  /** The test merchant and its shops (default: one account with two shops). */
  account?: SandboxAccount;
  host?: string;
  port?: number;
  random?: () => number;
  /** Delays between re-sends of a push not answered ok; then it is kept for the failed-push pull. Default [1000, 3000, 10000]. */
  retryDelaysMs?: number[];
  /** Probability that a delivered push is sent once more, same requestId. Default 0.1. */
  duplicateRate?: number;
  pushTimeoutMs?: number;
  /** New orders arrive as type 217 (core fields; default, as today) or 10 (the full order). */
  newOrderType?: 10 | 217;
  /** Probability that the envelope's `userId` is a JSON string rather than a bare number. Default 0.5. */
  stringUserIdRate?: number;
  accessTtlSeconds?: number;
  refreshTtlSeconds?: number;
  /**
   * Keep orders, grants and counters in this JSON file and take them back at start, so a
   * restarted demo still knows the orders and tokens the desk holds. Without it the sandbox
   * forgets everything when it stops (tests).
   */
  stateFile?: string;
  refreshGraceMs?: number;
  now?: () => number;
}

export const DEFAULT_ELEME_ACCOUNT: SandboxAccount = {
  userId: '5486031036067039666',
  userName: '沙箱测试商户',
  shops: [
    { shopId: '168830001', name: '湘北人家（饿了么）', openId: 'store-1' },
    { shopId: '168830002', name: '川味小馆（饿了么）', openId: 'store-2' },
  ],
};

/** The platform's day (Beijing time) of a moment in seconds, `YYYY-MM-DD`. */
export function beijingDay(sec: number): string {
  return new Date((sec + 8 * 3600) * 1000).toISOString().slice(0, 10);
}

/** Pushes the platform keeps for the failed-push pull: the core order types only. */
const PULLABLE_TYPES = new Set([10, 12, 14, 15, 17, 217, 218]);

export class SandboxTransitionError extends Error {
  override name = 'SandboxTransitionError';
}

export class ElemeSandbox extends EventEmitter {
  readonly auth: SandboxAuth;
  readonly account: SandboxAccount;
  readonly appId: string;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly engine: PushEngine;
  private readonly receiverUrl: () => string;
  private readonly orders = new Map<string, SandboxEOrder>();
  private readonly daySns = new Map<string, number>();
  /** Each shop's 营业 (true) or 休息 (false); absent: open. */
  private readonly shopOpen = new Map<string, boolean>();
  private readonly failed: FailedPush[] = [];
  private readonly faults = new Map<string, Refusal[]>();
  private readonly afterAnswer: (() => void)[] = [];
  private readonly apiHost: ApiHost;
  private server: http.Server | null = null;
  private url = '';
  private seq = 0;
  private demo: ElemeDemoLoop | null = null;
  private readonly stateFile: ElemeSandboxStateFile | null;

  constructor(private readonly o: ElemeSandboxOptions) {
    super();
    this.account = o.account ?? DEFAULT_ELEME_ACCOUNT;
    this.appId = o.appId ?? '62933118';
    this.random = o.random ?? Math.random;
    this.now = o.now ?? Date.now;
    const receiver = o.receiverUrl;
    this.receiverUrl = () => (typeof receiver === 'string' ? receiver : receiver()).replace(/\/+$/, '');
    this.engine = new PushEngine({
      retryDelaysMs: o.retryDelaysMs ?? [1000, 3000, 10000],
      timeoutMs: o.pushTimeoutMs ?? 5000,
      onAttempt: (a) => this.emit('push', a),
    });
    this.auth = new SandboxAuth({
      appKey: o.appKey,
      appSecret: o.appSecret,
      account: this.account,
      ...(o.accessTtlSeconds !== undefined ? { accessTtlSeconds: o.accessTtlSeconds } : {}),
      ...(o.refreshTtlSeconds !== undefined ? { refreshTtlSeconds: o.refreshTtlSeconds } : {}),
      ...(o.refreshGraceMs !== undefined ? { refreshGraceMs: o.refreshGraceMs } : {}),
      now: this.now,
      emit: (event, payload) => this.emit(event, payload),
    });
    this.stateFile = o.stateFile ? new ElemeSandboxStateFile(o.stateFile) : null;
    this.apiHost = {
      appKey: o.appKey,
      appSecret: o.appSecret,
      now: this.now,
      lookup: (t) => this.auth.lookup(t),
      account: () => ({ userId: this.account.userId, userName: this.account.userName, shops: this.account.shops }),
      findOrder: (id) => this.orders.get(id),
      ordersOfShop: (shopId) => [...this.orders.values()].filter((x) => x.shopId === shopId),
      today: () => beijingDay(this.nowSec()),
      dayOf: (order) => beijingDay(order.createdAt),
      act: (order, action) => {
        const result = applyAction(order, action, this.nowSec(), 'api');
        if (isRefusal(result)) return result;
        // Saved, then the call answered, then the pushes.
        const saved = this.persist();
        this.afterAnswer.push(() => void saved.then(() => this.sendAll(order, result)));
        return null;
      },
      failedPushes: () => [...this.failed],
      confirmFailedPushes: (ids) => {
        let n = 0;
        for (const id of ids) {
          const i = this.failed.findIndex((m) => m.msgId === id);
          if (i >= 0) {
            this.failed.splice(i, 1);
            n++;
          }
        }
        if (n > 0) void this.persist();
        return n;
      },
      takeFault: (action) => this.faults.get(action)?.shift(),
      shopObject: (shopId) => this.shopObject(shopId),
      setShopOpen: (shopId, open) => {
        const was = this.isShopOpen(shopId);
        this.shopOpen.set(shopId, open);
        const saved = this.persist();
        if (was !== open) this.afterAnswer.push(() => void saved.then(() => this.pushShopStatus(shopId)));
      },
    };
  }

  /** http://127.0.0.1:PORT after start(): the host for OAuth and the API. */
  get baseUrl(): string {
    if (!this.url) throw new Error('ElemeSandbox not started');
    return this.url;
  }

  async start(): Promise<void> {
    if (this.server) throw new Error('ElemeSandbox already started');
    await this.restore();
    this.engine.start();
    const server = http.createServer((req, res) => void this.handle(req, res));
    this.url = await listen(server, this.o.port ?? 0, this.o.host ?? '127.0.0.1');
    this.server = server;
  }

  async stop(): Promise<void> {
    this.stopDemo();
    this.engine.stop();
    const server = this.server;
    this.server = null;
    this.url = '';
    if (server) await closeServer(server);
  }

  // ── driving orders (the customer, the courier, the merchant's own app, the platform) ─────

  /** A new order for the shop, pushed as type 217 (or 10). Resolves with its id once the push settled. */
  async pushNewOrder(
    shopId: string,
    opts: { type?: 10 | 217; overrides?: NewOrderInput['overrides'] } = {},
  ): Promise<string> {
    const order = this.createOrder(shopId, opts.overrides);
    await this.persist();
    const type = opts.type ?? this.o.newOrderType ?? 217;
    await this.deliver(type, shopId, type === 10 ? orderObject(order) : coreOrderObject(order));
    return order.orderId;
  }

  /**
   * An order whose pushes never reach the desk and are not kept for the failed-push pull (what
   * the end-of-shift check must find): accepted in the merchant's own app, so the
   * unprocessed-order pull does not offer it either. Only the day's list (getAllOrders) and
   * getOrder know it.
   */
  async takeLostOrder(shopId: string): Promise<string> {
    const order = this.createOrder(shopId);
    const result = applyAction(order, { kind: 'confirm' }, this.nowSec(), 'merchant-app');
    if (isRefusal(result)) throw new SandboxTransitionError(result.message);
    await this.persist();
    return order.orderId;
  }

  private createOrder(shopId: string, overrides?: NewOrderInput['overrides']): SandboxEOrder {
    const shop = this.mustShop(shopId);
    const t = this.nowSec();
    const key = `${shopId}|${beijingDay(t)}`;
    const daySn = (this.daySns.get(key) ?? 0) + 1;
    this.daySns.set(key, daySn);
    const order = generateOrder(this.random, {
      shopId,
      openId: shop.openId,
      shopName: shop.name,
      daySn,
      nowSec: t,
      ...(overrides ? { overrides } : {}),
    });
    this.orders.set(order.orderId, order);
    return order;
  }

  confirmFromMerchantApp(orderId: string): Promise<PushResult[]> {
    return this.act(orderId, { kind: 'confirm' }, 'merchant-app');
  }

  /** The customer cancels before the shop accepted: type 14. */
  userCancel(orderId: string, reason = '用户取消'): Promise<PushResult[]> {
    return this.act(orderId, { kind: 'user-cancel', reason }, 'customer');
  }

  /** The customer asks to cancel (accepted, not completed: 20) or for a refund (completed: 30). */
  requestCancel(orderId: string, reason = '不想要了'): Promise<PushResult[]> {
    return this.act(orderId, { kind: 'request', what: 'cancel', reason }, 'customer');
  }

  requestRefund(orderId: string, reason = '商品少送', part = false): Promise<PushResult[]> {
    return this.act(orderId, { kind: 'request', what: 'refund', reason, part }, 'customer');
  }

  withdrawRequest(orderId: string): Promise<PushResult[]> {
    return this.act(orderId, { kind: 'withdraw' }, 'customer');
  }

  /** The shop did not answer a cancel request in time: the platform agrees for it (15). */
  requestTimeout(orderId: string): Promise<PushResult[]> {
    return this.act(orderId, { kind: 'request-timeout' }, 'platform');
  }

  /** Waybill progress (51–59) as the platform's courier reports it. */
  courier(orderId: string, type: number, name = '刘师傅', phone = '13974112233'): Promise<PushResult[]> {
    return this.act(orderId, { kind: 'delivery', type, name, phone }, 'logistics');
  }

  /**
   * The waybill's next step as the platform pushes it: 52 waiting for a rider → 53 assigned → 54 at
   * the shop → 55 picked up → 56 delivered (and the order completed, 18).
   */
  async riderStep(orderId: string): Promise<PushResult[]> {
    const o = this.orders.get(orderId);
    if (!o) throw new SandboxTransitionError('沙箱没有这个订单');
    const path = ['tobeAssignedCourier', 'tobeFetched', 'arrived', 'delivering', 'completed'];
    const at = o.delivery ? path.indexOf(o.delivery.state) : -1;
    const type = [52, 53, 54, 55, 56][at + 1];
    if (type === undefined) throw new SandboxTransitionError('骑手已经送达');
    const [name, phone] = type === 52 ? ['', ''] : o.delivery?.name ? [o.delivery.name, o.delivery.phone] : pick(this.random, RIDERS);
    const results = await this.courier(orderId, type, name, phone);
    if (type === 56) results.push(...(await this.complete(orderId)));
    return results;
  }

  /** The order is completed (18). */
  complete(orderId: string): Promise<PushResult[]> {
    return this.act(orderId, { kind: 'complete' }, 'platform');
  }

  /**
   * The customer presses 催单 (45). Resolves with the reminder's id. `lost`: the push never
   * reaches the desk (it was down and the platform gave up re-sending; 45 is not kept for the
   * failed-push pull), so only `getUnreplyReminders` still lists it.
   */
  async remind(orderId: string, opts: { lost?: boolean } = {}): Promise<{ remindId: string; results: PushResult[] }> {
    const remindId = String(300000000 + randomInt(600000000));
    if (opts.lost) {
      const order = this.orders.get(orderId);
      if (!order) throw new Error(`unknown sandbox order ${orderId}`);
      const result = applyAction(order, { kind: 'remind', remindId }, this.nowSec(), 'customer');
      if (isRefusal(result)) throw new SandboxTransitionError(result.message);
      await this.persist();
      return { remindId, results: [] };
    }
    const results = await this.act(orderId, { kind: 'remind', remindId }, 'customer');
    return { remindId, results };
  }

  /** The shop withdraws the app's authorization (type 100); its tokens stop covering it. */
  async revoke(shopId: string): Promise<PushResult[]> {
    this.mustShop(shopId);
    this.auth.revokeShop(shopId);
    await this.persist();
    this.emit('revoked', { shopId });
    return [
      await this.deliver(100, shopId, {
        shopId: new LosslessNumber(shopId),
        appId: new LosslessNumber(this.appId),
        appName: '外卖接单台',
        relieveOAuthTime: new Date((this.nowSec() + 8 * 3600) * 1000).toISOString().slice(0, 19),
      }),
    ];
  }

  /** The demo bar: make one thing happen at a shop (by our store id = the shop's openId, or the shop id). */
  async simulate(kind: ElemeSimulateKind, storeOrShop?: string): Promise<string | null> {
    const shop = (storeOrShop && this.account.shops.find((s) => s.openId === storeOrShop || s.shopId === storeOrShop)) || this.account.shops[0];
    if (!shop) throw new SandboxTransitionError('沙箱没有店铺');
    const newest = (ok: (x: SandboxEOrder) => boolean) =>
      [...this.orders.values()].filter((x) => x.shopId === shop.shopId && ok(x)).sort((a, b) => b.createdAt - a.createdAt)[0];
    switch (kind) {
      case 'new-order':
        return this.pushNewOrder(shop.shopId);
      case 'cancel': {
        const id = newest((x) => x.status === 'unprocessed')?.orderId ?? (await this.pushNewOrder(shop.shopId));
        await this.userCancel(id);
        return id;
      }
      case 'cancel-request': {
        let id = newest((x) => x.status === 'valid' && !x.request)?.orderId;
        if (!id) {
          id = await this.pushNewOrder(shop.shopId);
          await this.confirmFromMerchantApp(id);
        }
        await this.requestCancel(id);
        return id;
      }
      case 'refund-request': {
        let id = newest((x) => x.status === 'settled' && !x.request)?.orderId;
        if (!id) {
          id = await this.pushNewOrder(shop.shopId);
          await this.confirmFromMerchantApp(id);
          await this.complete(id);
        }
        await this.requestRefund(id);
        return id;
      }
      case 'reminder': {
        const id = newest((x) => x.status === 'valid' || x.status === 'unprocessed')?.orderId ?? (await this.pushNewOrder(shop.shopId));
        await this.remind(id);
        return id;
      }
      case 'revoke':
        await this.revoke(shop.shopId);
        return null;
      case 'rider': {
        // The newest accepted order the platform delivers whose waybill is not done: its rider takes the next step.
        const o = newest((x) => x.status === 'valid' && !x.selfDelivery && x.delivery?.state !== 'completed');
        if (!o) throw new SandboxTransitionError('没有等骑手的订单（需要已接单、平台配送的订单）');
        await this.riderStep(o.orderId);
        return o.orderId;
      }
    }
  }

  /** The merchant opens or rests the shop in Eleme's own backend: the state changes and is pushed (91; unless `push` is false: a lost push). */
  async setShopOpenFromMerchantApp(shopId: string, open: boolean, push = true): Promise<PushResult | null> {
    this.mustShop(shopId);
    this.shopOpen.set(shopId, open);
    await this.persist();
    return push ? this.pushShopStatus(shopId) : null;
  }

  isShopOpen(shopId: string): boolean {
    return this.shopOpen.get(shopId) ?? true;
  }

  private shopObject(shopId: string): Record<string, unknown> {
    const open = this.isShopOpen(shopId);
    return {
      id: BigInt(shopId),
      name: this.mustShop(shopId).name,
      isOpen: open ? 1 : 0,
      busyLevel: open ? 'busyLevelFree' : 'busyLevelClosed',
      isBookable: 1,
      servingTime: ['00:00-23:59'],
    };
  }

  /** Type 91 with the shop's state as getShop reads it (our reading of the body: README.md here). */
  private pushShopStatus(shopId: string): Promise<PushResult> {
    const open = this.isShopOpen(shopId);
    return this.deliver(91, shopId, {
      shopId: new LosslessNumber(shopId),
      isOpen: open ? 1 : 0,
      busyLevel: open ? 'busyLevelFree' : 'busyLevelClosed',
      updateTime: this.nowSec(),
    });
  }

  // ── demo and binding without a browser ───────────────────────────────────────────────────

  /** Keep making orders for these shops, walking each through its life; `onDone` once a round has settled. */
  startDemo(o: { shopIds: readonly string[]; intervalMs: number; maxOrders: number }, onDone?: (created: number) => void): void {
    this.stopDemo();
    const demo = new ElemeDemoLoop(this, this.random, o, (created) => {
      if (this.demo === demo) this.demo = null;
      this.emit('demo-done', { created });
      onDone?.(created);
    });
    this.demo = demo;
    demo.start();
  }

  stopDemo(): void {
    this.demo?.stop();
    this.demo = null;
  }

  /**
   * What the merchant does in the binding window, over HTTP: open the authorize link, tick
   * these shops (default all), approve. Resolves with the address the browser is sent back
   * to (`code` and `state` in its query), for the demo's "already bound" stores and for tests.
   */
  async approve(authorizeLink: string, shopIds?: readonly string[]): Promise<URL> {
    const page = await fetch(authorizeLink);
    const html = await page.text();
    const session = /name="session" value="([^"]+)"/.exec(html)?.[1];
    if (page.status !== 200 || !session) throw new SandboxTransitionError(`授权页面打不开（HTTP ${page.status}）`);
    const form = new URLSearchParams({ session, account: this.account.userName, decision: 'approve' });
    for (const id of shopIds ?? this.account.shops.map((s) => s.shopId)) form.append('shop', id);
    const res = await fetch(`${this.baseUrl}/authorize`, { method: 'POST', body: form, redirect: 'manual' });
    const location = res.headers.get('location');
    if (res.status !== 302 || !location) throw new SandboxTransitionError(`授权没有完成（HTTP ${res.status}）`);
    return new URL(location);
  }

  /** The shop id whose own code (openId) is this store id. */
  shopForStore(storeId: string): string | undefined {
    return this.account.shops.find((s) => s.openId === storeId)?.shopId;
  }

  // ── raw pushes and checks ────────────────────────────────────────────────────────────────

  /**
   * A signed push of any type with this body (sent as the `message` string). `requestId` may be
   * given to send a duplicate on purpose.
   */
  push(type: number, shopId: string, body: Record<string, unknown>, opts: { requestId?: string; userIdAsString?: boolean } = {}): Promise<PushResult> {
    return this.deliver(type, shopId, body, opts);
  }

  /** Exactly this text to /eleme/push (bad signatures, broken JSON), sent once. */
  pushRaw(bodyText: string): Promise<PushResult> {
    return new PushEngine({ retryDelaysMs: [], timeoutMs: this.o.pushTimeoutMs ?? 5000, onAttempt: (a) => this.emit('push', a) }).send({
      url: () => `${this.receiverUrl()}/eleme/push`,
      method: 'POST',
      body: bodyText,
      contentType: 'application/json; charset=utf-8',
      accepted: isElemeOk,
    });
  }

  /** The check the platform makes when the push URL is saved: a GET that must answer `{"message":"ok"}`. */
  checkPushUrl(): Promise<PushResult> {
    return this.engine.send({ url: () => `${this.receiverUrl()}/eleme/push`, method: 'GET', body: '', contentType: '', accepted: isElemeOk });
  }

  /** The signed envelope text for a push (tests build duplicates and tampered copies from it). */
  envelope(type: number, shopId: string, body: Record<string, unknown>, opts: { requestId?: string; userIdAsString?: boolean } = {}): { requestId: string; text: string } {
    const requestId = opts.requestId ?? this.nextRequestId();
    const message = stringify(body) ?? '{}';
    const timestamp = this.now();
    const userId = this.account.userId;
    const asString = opts.userIdAsString ?? this.random() < (this.o.stringUserIdRate ?? 0.5);
    const signature = elemePushSign(this.o.appSecret, {
      requestId,
      type: String(type),
      appId: this.appId,
      message,
      shopId,
      timestamp: String(timestamp),
      userId,
    });
    const text = stringify({
      requestId,
      type,
      appId: new LosslessNumber(this.appId),
      message,
      shopId: new LosslessNumber(shopId),
      timestamp,
      userId: asString ? userId : new LosslessNumber(userId),
      signature,
    });
    return { requestId, text: text ?? '{}' };
  }

  // ── tests ────────────────────────────────────────────────────────────────────────────────

  getOrder(orderId: string): SandboxEOrder | undefined {
    return this.orders.get(orderId);
  }

  /** The next `count` calls of `action` answer this error (default SERVER_ERROR). */
  failNext(action: string, count: number, error: Refusal = { code: 'SERVER_ERROR', message: '服务器异常' }): void {
    const queue = this.faults.get(action) ?? [];
    for (let i = 0; i < count; i++) queue.push(error);
    this.faults.set(action, queue);
  }

  /** Pushes given up on and not yet pulled back. */
  failedPushes(): FailedPush[] {
    return [...this.failed];
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────

  private nowSec(): number {
    return Math.floor(this.now() / 1000);
  }

  /** 19 digits like the platform's (`2311582597839852666`): the time in ms, then a counter. */
  private nextRequestId(): string {
    this.seq = (this.seq + 1) % 1_000_000;
    return `${String(this.now()).padStart(13, '0')}${String(this.seq).padStart(6, '0')}`;
  }

  private mustShop(shopId: string): SandboxShop {
    const shop = this.account.shops.find((s) => s.shopId === shopId);
    if (!shop) throw new Error(`unknown sandbox shop ${shopId}`);
    return shop;
  }

  private async act(orderId: string, action: SandboxAction, source: string): Promise<PushResult[]> {
    const order = this.orders.get(orderId);
    if (!order) throw new Error(`unknown sandbox order ${orderId}`);
    const result = applyAction(order, action, this.nowSec(), source);
    if (isRefusal(result)) throw new SandboxTransitionError(result.message);
    await this.persist();
    return this.sendAll(order, result);
  }

  private async sendAll(order: SandboxEOrder, pushes: OrderPush[]): Promise<PushResult[]> {
    const results: PushResult[] = [];
    for (const p of pushes) results.push(await this.deliver(p.type, order.shopId, p.body));
    return results;
  }

  private async deliver(type: number, shopId: string, body: Record<string, unknown>, opts: { requestId?: string; userIdAsString?: boolean } = {}): Promise<PushResult> {
    const env = this.envelope(type, shopId, body, opts);
    const push = {
      url: () => `${this.receiverUrl()}/eleme/push`,
      method: 'POST' as const,
      body: env.text,
      contentType: 'application/json; charset=utf-8',
      accepted: isElemeOk,
    };
    const result = await this.engine.send(push);
    if (result.ok && this.random() < (this.o.duplicateRate ?? 0.1)) {
      await this.engine.send({ ...push, duplicate: true });
    }
    if (result.gaveUp) {
      this.emit('push-gave-up', { type, requestId: env.requestId });
      if (PULLABLE_TYPES.has(type)) {
        this.failed.push({
          msgId: `m${env.requestId}`,
          requestId: env.requestId,
          type,
          message: stringify(body) ?? '{}',
          shopId,
          userId: this.account.userId,
          timestamp: this.now(),
        });
        await this.persist();
      }
    }
    return result;
  }

  /** Grant tokens for these shops without the pages (saved like any grant). */
  async grantDirect(shopIds: readonly string[]): Promise<{ accessToken: string; refreshToken: string; expiresIn: number }> {
    const g = this.auth.grantDirect(shopIds);
    await this.persist();
    return g;
  }

  /** Take back what the state file holds; nothing when there is none. */
  private async restore(): Promise<void> {
    const snap = await this.stateFile?.load();
    if (this.stateFile?.movedAside) this.emit('state-moved-aside', { movedTo: this.stateFile.movedAside });
    if (!snap) return;
    for (const order of snap.orders) this.orders.set(order.orderId, order);
    for (const [k, n] of snap.daySns) this.daySns.set(k, n);
    this.failed.push(...snap.failed);
    for (const [k, open] of snap.shopOpen ?? []) this.shopOpen.set(k, open);
    this.auth.restore(snap.grants);
  }

  /** On disk before the push or answer that announces the change. A failed save is reported, never thrown. */
  private persist(): Promise<void> {
    if (!this.stateFile) return Promise.resolve();
    return this.stateFile
      .save({ version: 1, orders: [...this.orders.values()], grants: this.auth.snapshot(), daySns: [...this.daySns.entries()], failed: [...this.failed], shopOpen: [...this.shopOpen.entries()] })
      .catch((err: unknown) => void this.emit('state-save-failed', { error: (err as Error).message }));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const send = (status: number, headers: Record<string, string>, body: string) => {
      res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    try {
      if (url.pathname === '/authorize' && method === 'GET') {
        const a = this.auth.authorizePage(url.searchParams);
        return send(a.status, a.headers, a.body);
      }
      if (url.pathname === '/authorize' && method === 'POST') {
        const a = this.auth.authorizeDecision(new URLSearchParams(await readBody(req)));
        return send(a.status, a.headers, a.body);
      }
      if (url.pathname === '/token' && method === 'POST') {
        const a = this.auth.tokenEndpoint(req.headers.authorization, new URLSearchParams(await readBody(req)));
        if (a.status === 200) await this.persist(); // a token is on disk before anyone holds it
        return send(a.status, a.headers, a.body);
      }
      if ((url.pathname === '/api/v1' || url.pathname === '/api/v1/') && method === 'POST') {
        const call = handleApi(this.apiHost, await readBody(req));
        afterAnswer(res, this.afterAnswer.splice(0));
        const orderId = typeof call.params['orderId'] === 'string' ? call.params['orderId'] : '';
        this.orders.get(orderId)?.apiCalls.push({ action: call.action, params: stringify(call.params) ?? '', error: call.error });
        this.emit('api', { action: call.action, params: call.params, error: call.error });
        return send(200, { 'content-type': 'application/json;charset=utf-8' }, call.response);
      }
      send(404, { 'content-type': 'text/plain;charset=utf-8' }, '饿了么沙箱：没有这个地址');
    } catch {
      if (res.headersSent) return void res.destroy();
      send(500, { 'content-type': 'text/plain;charset=utf-8' }, '饿了么沙箱：服务器异常');
    }
  }
}
