/**
 * Eleme merchant API client (README-outbound.md here, "API calls"): one JSON-RPC endpoint,
 * `POST {host}/api/v1`, body `{nop, id, action, token, metas{app_key, timestamp}, params,
 * signature}`; answers `{id, result, error{code, message}}`. Exact when sending: the text
 * signed is the text sent, ids stay decimal text (numbers beyond 2^53 are never a double),
 * `params` is always an object.
 */
import { randomUUID } from 'node:crypto';
import { LosslessNumber } from 'lossless-json';
import { asRecord, parseJsonExact, prop, stringifyJsonExact, text } from '../common/exact-json.js';
import { compactJson, elemeApiSign } from './api-sign.js';
import { ALREADY_ACCEPTED_TEXT } from './codes.js';
import { scrub, type ElemeAccount } from './oauth.js';

const DEFAULT_TIMEOUT_MS = 8000;

export class ElemeApiError extends Error {
  override name = 'ElemeApiError';
  constructor(
    /** Eleme's error code (`UNAUTHORIZED`, `BIZ_…`); null for transport failures and unreadable answers. */
    readonly code: string | null,
    /** `api` (the platform answered an error), `network`, `timeout`, `http`, `bad_response`. */
    readonly kind: 'api' | 'network' | 'timeout' | 'http' | 'bad_response',
    message: string,
    /** Worth trying again later. */
    readonly retriable: boolean,
    /** The platform's own words, when it sent some. */
    readonly platformMessage = '',
  ) {
    super(message);
  }
}

/** getAllOrders: the largest page the platform allows, and how many pages it serves. */
const ALL_ORDERS_PAGE_SIZE = 50;
const ALL_ORDERS_MAX_PAGES = 100;
const RETRIABLE_CODES = new Set(['SERVER_ERROR', 'EXCEED_LIMIT']);

export interface ElemeClientOptions {
  appKey: string;
  appSecret: string;
  /** The host (`elemeHost(config)`); `/api/v1` is appended. */
  host: string;
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
  /** Clock in ms (tests). */
  now?: () => number;
}

type Params = Record<string, unknown>;

/** A long id sent as a bare JSON number with every digit (the API declares `shopId` a long). */
export function longParam(id: string): LosslessNumber {
  if (!/^\d{1,20}$/.test(id)) throw new ElemeApiError(null, 'bad_response', `不是有效的店铺编号：${id}`, false);
  return new LosslessNumber(id);
}

export class ElemeClient {
  private readonly endpoint: string;
  private readonly fetchImpl: typeof globalThis.fetch;
  private readonly now: () => number;

  constructor(private readonly o: ElemeClientOptions) {
    this.endpoint = `${o.host.replace(/\/+$/, '')}/api/v1`;
    this.fetchImpl = o.fetch ?? globalThis.fetch;
    this.now = o.now ?? Date.now;
  }

  // ── order actions ────────────────────────────────────────────────────────────────────────

  /**
   * Accept. An order that is already accepted counts as success: the platform's code for that
   * is not published, so a refused accept is checked against the order itself.
   */
  async confirm(token: string, orderId: string): Promise<{ alreadyConfirmed: boolean }> {
    try {
      await this.call('eleme.order.confirmOrderLite', token, { orderId });
      return { alreadyConfirmed: false };
    } catch (err) {
      if (!(err instanceof ElemeApiError) || err.kind !== 'api' || !err.code?.startsWith('BIZ_')) throw err;
      if (ALREADY_ACCEPTED_TEXT.test(err.platformMessage)) return { alreadyConfirmed: true };
      const status = await this.orderStatus(token, orderId).catch(() => null);
      if (status === 'valid' || status === 'settled') return { alreadyConfirmed: true };
      throw err;
    }
  }

  /** Cancel (reject) with a reason code (`foodSoldOut` …) and the shop's words. */
  async cancel(token: string, orderId: string, type: string, remark: string): Promise<void> {
    await this.call('eleme.order.cancelOrderLite', token, { orderId, type, remark });
  }

  /** Agree to the customer's cancel or refund request (one call serves both). */
  async agreeRefund(token: string, orderId: string): Promise<void> {
    await this.call('eleme.order.agreeRefundLite', token, { orderId });
  }

  /** Refuse the customer's cancel or refund request, with the shop's reason. */
  async disagreeRefund(token: string, orderId: string, reason: string): Promise<void> {
    await this.call('eleme.order.disagreeRefundLite', token, { orderId, reason });
  }

  /** Self-delivery: out for delivery (`phone`: the courier's). */
  async startDeliveryBySelf(token: string, orderId: string, phone: string): Promise<void> {
    await this.call('eleme.order.startDeliveryBySelf', token, { orderId, phone });
  }

  /** Self-delivery: delivered. */
  async completeDeliveryBySelf(token: string, orderId: string, phone: string): Promise<void> {
    await this.call('eleme.order.completeDeliveryBySelf', token, { orderId, phone });
  }

  /** 出餐: the food is ready (orders the platform delivers). */
  async setOrderPrepared(token: string, orderId: string): Promise<void> {
    await this.call('eleme.order.setOrderPrepared', token, { orderId });
  }

  /** Answer a 催单: `type` one of the reply kinds; `content` only for `custom` (≤ 30 characters). */
  async replyReminder(token: string, remindId: string, type: string, content = ''): Promise<void> {
    await this.call('eleme.order.replyReminder', token, { remindId, type, content });
  }

  // ── reading ──────────────────────────────────────────────────────────────────────────────

  /** The order's JSON text exactly as answered (ids intact): what a pull journals and replays. */
  async getOrderJson(token: string, orderId: string): Promise<string> {
    const result = asRecord(await this.call('eleme.order.getOrder', token, { orderId }));
    if (!result) throw this.bad('eleme.order.getOrder', '回答里没有订单');
    return stringifyJsonExact(result);
  }

  /** Several orders at once: order id → the order's exact JSON text (ids the platform did not know are absent). */
  async mgetOrdersJson(token: string, orderIds: readonly string[]): Promise<Record<string, string>> {
    if (orderIds.length === 0) return {};
    const result = asRecord(await this.call('eleme.order.mgetOrders', token, { orderIds: [...orderIds] }));
    if (!result) throw this.bad('eleme.order.mgetOrders', '回答不是以订单号为键的对象');
    const out: Record<string, string> = {};
    for (const [id, order] of Object.entries(result)) if (asRecord(order)) out[id] = stringifyJsonExact(order);
    return out;
  }

  /** Ids of the shop's orders still waiting for the shop (the mandatory pull for missed pushes). */
  getUnprocessOrders(token: string, shopId: string): Promise<string[]> {
    return this.idList('eleme.order.getUnprocessOrders', token, shopId);
  }

  /**
   * Every order id of the shop on a day (`YYYY-MM-DD`), through `eleme.order.getAllOrders`
   * page by page (50 a page, at most 100 pages, the platform's own bounds), until the pages
   * have given `total` orders or a page comes back short.
   */
  async dayOrderIds(token: string, shopId: string, day: string): Promise<string[]> {
    const ids: string[] = [];
    for (let pageNo = 1; pageNo <= ALL_ORDERS_MAX_PAGES; pageNo++) {
      const action = 'eleme.order.getAllOrders';
      const result = asRecord(await this.call(action, token, { shopId: longParam(shopId), pageNo, pageSize: ALL_ORDERS_PAGE_SIZE, date: day }));
      if (!result) throw this.bad(action, '回答不是订单列表');
      const list = prop(result, 'list');
      const page = (Array.isArray(list) ? list : []).map(asRecord).filter((o): o is Record<string, unknown> => o !== undefined);
      for (const o of page) {
        const id = text(prop(o, 'id')) || text(prop(o, 'orderId'));
        if (id !== '' && !ids.includes(id)) ids.push(id);
      }
      const total = Number(text(prop(result, 'total')));
      if (page.length < ALL_ORDERS_PAGE_SIZE || (Number.isFinite(total) && ids.length >= total)) break;
    }
    return ids;
  }

  /** Ids of the shop's orders with a cancel request waiting for an answer. */
  getCancelOrders(token: string, shopId: string): Promise<string[]> {
    return this.idList('eleme.order.getCancelOrders', token, shopId);
  }

  /** Ids of the shop's orders with a refund request waiting for an answer. */
  getRefundOrders(token: string, shopId: string): Promise<string[]> {
    return this.idList('eleme.order.getRefundOrders', token, shopId);
  }

  /** Open 催单 of the shop (`reminderId`, spelled so in this answer, and `orderId`). */
  async getUnreplyReminders(token: string, shopId: string): Promise<{ remindId: string; orderId: string }[]> {
    const result = await this.call('eleme.order.getUnreplyReminders', token, { shopId: longParam(shopId) });
    if (!Array.isArray(result)) throw this.bad('eleme.order.getUnreplyReminders', '回答不是列表');
    return result
      .map(asRecord)
      .filter((r): r is Record<string, unknown> => r !== undefined)
      .map((r) => ({ remindId: text(prop(r, 'reminderId')) || text(prop(r, 'remindId')), orderId: text(prop(r, 'orderId')) }));
  }

  /** The shop's state (`eleme.shop.getShop`): `isOpen` and `busyLevel` as answered (README.md here, "Open and rest"). */
  async getShop(token: string, shopId: string): Promise<{ isOpen: number | null; busyLevel: string }> {
    const result = asRecord(await this.call('eleme.shop.getShop', token, { shopId: longParam(shopId) }));
    if (!result) throw this.bad('eleme.shop.getShop', '回答里没有店铺');
    const open = text(prop(result, 'isOpen')).trim();
    return { isOpen: /^-?\d+$/.test(open) ? Number(open) : open === 'true' ? 1 : open === 'false' ? 0 : null, busyLevel: text(prop(result, 'busyLevel')).trim() };
  }

  /** 营业 / 休息 (`eleme.shop.updateShop`, property `isOpen` 1 or 0: our reading, README.md here). */
  async setShopOpen(token: string, shopId: string, open: boolean): Promise<void> {
    await this.call('eleme.shop.updateShop', token, { shopId: longParam(shopId), properties: { isOpen: open ? 1 : 0 } });
  }

  /** Who the token belongs to and the shops it covers. */
  async getUser(token: string): Promise<ElemeAccount> {
    const result = asRecord(await this.call('eleme.user.getUser', token, {}));
    if (!result) throw this.bad('eleme.user.getUser', '回答里没有账号');
    const shops = prop(result, 'authorizedShops');
    return {
      accountId: text(prop(result, 'userId')),
      accountName: text(prop(result, 'userName')),
      shops: (Array.isArray(shops) ? shops : [])
        .map(asRecord)
        .filter((s): s is Record<string, unknown> => s !== undefined)
        .map((s) => ({ shopId: text(prop(s, 'id')), name: text(prop(s, 'name')) }))
        .filter((s) => s.shopId !== ''),
    };
  }

  /**
   * Whether the platform still lets this token act for the shop: false when the token is
   * refused or the shop is no longer among its shops (a revocation confirmed by asking).
   */
  async stillAuthorized(token: string, shopId: string): Promise<boolean> {
    try {
      const account = await this.getUser(token);
      return account.shops.some((s) => s.shopId === shopId);
    } catch (err) {
      if (err instanceof ElemeApiError && err.code === 'UNAUTHORIZED') return false;
      throw err;
    }
  }

  /**
   * Pushes the platform gave up delivering (core order types). App-level: the token is empty.
   * The request's inner fields are not published; see README-outbound.md.
   */
  async getPushFailMsg(query: Params = {}): Promise<unknown> {
    return this.call('eleme.msgNew.getPushFailMsg', '', { msgQueryRequest: query });
  }

  /** Acknowledge pulled failed pushes (app-level, empty token). */
  async confirmPullMsg(confirm: Params): Promise<unknown> {
    return this.call('eleme.msgNew.confirmPullMsg', '', { msgConfirmRequest: confirm });
  }

  // ── transport ────────────────────────────────────────────────────────────────────────────

  /** One signed call; resolves with `result` (numbers as exact LosslessNumber), throws ElemeApiError otherwise. */
  async call(action: string, token: string, params: Params): Promise<unknown> {
    const metas = { app_key: this.o.appKey, timestamp: Math.floor(this.now() / 1000) };
    const id = `${randomUUID().replace(/-/g, '').toUpperCase()}|${this.now()}`;
    const signature = elemeApiSign(this.o.appSecret, action, token, metas, params);
    const body = compactJson({ nop: '1.0.0', id, action, token, metas, params, signature });
    const fail = (kind: ElemeApiError['kind'], message: string, retriable: boolean, code: string | null = null, platformMessage = '') =>
      new ElemeApiError(code, kind, scrub(`${action}: ${message}`, [this.o.appSecret, token]), retriable, scrub(platformMessage, [this.o.appSecret, token]));

    let status: number;
    let answer: string;
    try {
      const res = await this.fetchImpl(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json', 'x-eleme-requestid': id },
        body,
        signal: AbortSignal.timeout(this.o.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
      status = res.status;
      answer = await res.text();
    } catch (err) {
      const e = err as Error;
      if (e.name === 'TimeoutError' || e.name === 'AbortError') throw fail('timeout', `no answer within ${this.o.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`, true);
      const cause = (e.cause as { code?: unknown } | undefined)?.code;
      throw fail('network', typeof cause === 'string' ? `${e.message} (${cause})` : e.message, true);
    }
    // The JSON body decides, whatever the HTTP status.
    let json: Record<string, unknown> | undefined;
    try {
      json = asRecord(parseJsonExact(answer));
    } catch {
      json = undefined;
    }
    if (!json) {
      if (status >= 500) throw fail('http', `HTTP ${status}`, true);
      throw fail('bad_response', `HTTP ${status}, answer is not a JSON object: ${answer.slice(0, 200)}`, false);
    }
    const error = asRecord(prop(json, 'error'));
    if (error) {
      const code = text(prop(error, 'code')) || 'UNKNOWN';
      const message = text(prop(error, 'message'));
      throw fail('api', `${code} ${message}`, RETRIABLE_CODES.has(code), code, message);
    }
    if (status >= 500) throw fail('http', `HTTP ${status}`, true);
    return prop(json, 'result') ?? null;
  }

  private async orderStatus(token: string, orderId: string): Promise<string> {
    const order = asRecord(parseJsonExact(await this.getOrderJson(token, orderId)));
    return order ? text(prop(order, 'status')) : '';
  }

  private async idList(action: string, token: string, shopId: string): Promise<string[]> {
    const result = await this.call(action, token, { shopId: longParam(shopId) });
    if (!Array.isArray(result)) throw this.bad(action, '回答不是订单号列表');
    return result.map((v) => text(v).trim()).filter((id) => id !== '');
  }

  private bad(action: string, message: string): ElemeApiError {
    return new ElemeApiError(null, 'bad_response', `${action}: ${message}`, false);
  }
}

