/**
 * Meituan legacy ("v1") API client and the signed store-mapping URLs. Transport and response
 * facts (HTTP 200 for errors, `{"data":"ok"}`, error object, codes) are in README.md here,
 * "API". Exact when sending: never an empty parameter, every parameter signed.
 */
import type { OrderSnapshot } from '../../orders/update.js';
import { MeituanPayloadError, normalizeOrder } from './normalize.js';
import { meituanSign, type SignParams } from './sign.js';
import { asRecord, intOf, parseJsonExact, prop, stringifyJsonExact, text } from '../common/exact-json.js';

export const MEITUAN_API_BASE = 'https://api-open-cater.meituan.com';
export const MEITUAN_AUTH_BASE = 'https://open-erp.meituan.com';
const DEFAULT_TIMEOUT_MS = 8000;
/** Our sandbox's code for "order already confirmed"; the real platform's code is unknown. */
const ALREADY_CONFIRMED_CODE = 1008;
/** "No such order" (README.md here, "API"). */
const NOT_EXIST_CODE = 806;
/** The day reconciliation asks at most this many day numbers of one store (a bound, not a known limit). */
export const MAX_DAY_SEQ = 2000;
/** Error codes that say the token no longer works (README.md here, "Binding"). */
const TOKEN_DEAD_CODES: ReadonlySet<number> = new Set([2]);

export class MeituanApiError extends Error {
  override name = 'MeituanApiError';
  constructor(
    /** Meituan's error code; null for transport failures and unreadable answers. */
    readonly code: number | null,
    /** Meituan's `error_type`, or `network`, `timeout`, `http`, `bad_response`. */
    readonly type: string,
    message: string,
    /** Worth trying again later (server exception, network, timeout, HTTP 5xx). */
    readonly retriable: boolean,
  ) {
    super(message);
  }
}

export interface MeituanClientOptions {
  signKey: string;
  apiBase?: string;
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
  /** Clock in ms (tests). */
  now?: () => number;
}

export interface EpoiOrders {
  orderIds: string[];
  /** Full orders when the answer carries them (ids only otherwise). */
  orders: OrderSnapshot[];
}

type Business = Record<string, string | undefined>;

export class MeituanClient {
  private readonly apiBase: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof globalThis.fetch;
  private readonly now: () => number;

  constructor(private readonly options: MeituanClientOptions) {
    this.apiBase = (options.apiBase ?? MEITUAN_API_BASE).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.now = options.now ?? Date.now;
  }

  /** Accept. "Already confirmed" counts as success (idempotent accept: README.md here, "API"). */
  async confirm(appAuthToken: string, orderId: string): Promise<{ alreadyConfirmed: boolean }> {
    try {
      await this.command(appAuthToken, '/waimai/order/confirm', { orderId });
      return { alreadyConfirmed: false };
    } catch (err) {
      if (err instanceof MeituanApiError && isAlreadyConfirmed(err)) return { alreadyConfirmed: true };
      throw err;
    }
  }

  async cancel(appAuthToken: string, orderId: string, reasonCode: string, reason: string): Promise<void> {
    await this.command(appAuthToken, '/waimai/order/cancel', {
      orderId,
      reasonCode: String(reasonCode),
      reason,
    });
  }

  async agreeRefund(appAuthToken: string, orderId: string, reason: string): Promise<void> {
    await this.command(appAuthToken, '/waimai/order/agreeRefund', { orderId, reason });
  }

  async rejectRefund(appAuthToken: string, orderId: string, reason: string): Promise<void> {
    await this.command(appAuthToken, '/waimai/order/rejectRefund', { orderId, reason });
  }

  /** Self-delivery: out for delivery. Courier fields are sent only when given. */
  async delivering(
    appAuthToken: string,
    orderId: string,
    courierName?: string,
    courierPhone?: string,
  ): Promise<void> {
    await this.command(appAuthToken, '/waimai/order/delivering', { orderId, courierName, courierPhone });
  }

  async delivered(appAuthToken: string, orderId: string): Promise<void> {
    await this.command(appAuthToken, '/waimai/order/delivered', { orderId });
  }

  /** 出餐: the food of an order Meituan delivers is ready (README.md here, "出餐"). */
  async preparationMealComplete(appAuthToken: string, orderId: string): Promise<void> {
    await this.command(appAuthToken, '/waimai/order/preparationMealComplete', { orderId });
  }

  async queryById(appAuthToken: string, orderId: string): Promise<OrderSnapshot> {
    return toSnapshot(await this.queryByIdJson(appAuthToken, orderId));
  }

  /**
   * The order JSON text of queryById (ids exact): what pull recovery journals, so a replay
   * normalizes the very same text. Throws when it is not an order we can read.
   */
  async queryByIdJson(appAuthToken: string, orderId: string): Promise<string> {
    const data = await this.call('GET', appAuthToken, '/waimai/order/queryById', { orderId });
    const orderJson = typeof data === 'string' ? data : stringifyJsonExact(data);
    toSnapshot(orderJson);
    return orderJson;
  }

  /** Orders of these stores not yet confirmed (`epoiIds`, lower-case e, comma-separated). */
  async queryByEpoids(appAuthToken: string, epoiIds: readonly string[]): Promise<EpoiOrders> {
    const data = await this.call('POST', appAuthToken, '/waimai/order/queryByEpoids', {
      epoiIds: epoiIds.join(','),
    });
    if (!Array.isArray(data))
      throw new MeituanApiError(null, 'bad_response', 'queryByEpoids: data is not a list', false);
    const result: EpoiOrders = { orderIds: [], orders: [] };
    for (const entry of data) {
      const obj = asRecord(entry);
      if (!obj) {
        const id = text(entry).trim();
        if (id !== '') result.orderIds.push(id);
        continue;
      }
      const snapshot = toSnapshot(stringifyJsonExact(obj));
      result.orderIds.push(snapshot.orderId);
      result.orders.push(snapshot);
    }
    return result;
  }

  /**
   * Every order id the platform holds for the store on a day (README.md here, "Day
   * reconciliation"): queryByDaySeq for day number 1, 2, … until the platform answers that there
   * is no such order. The loop is our design; at most `MAX_DAY_SEQ` numbers are asked.
   */
  async dayOrderIds(appAuthToken: string, ePoiId: string, day: string): Promise<string[]> {
    const date = meituanDate(day);
    const ids: string[] = [];
    for (let daySeq = 1; daySeq <= MAX_DAY_SEQ; daySeq++) {
      let data: unknown;
      try {
        data = await this.call('GET', appAuthToken, '/waimai/order/queryByDaySeq', { ePoiId, daySeq: String(daySeq), date });
      } catch (err) {
        if (err instanceof MeituanApiError && isNotFound(err)) break;
        throw err;
      }
      // Lenient: an empty answer is read as "no such order" too.
      if (data === null || data === '' || (typeof data === 'string' && data.trim() === '')) break;
      ids.push(toSnapshot(typeof data === 'string' ? data : stringifyJsonExact(data)).orderId);
    }
    return ids;
  }

  /**
   * Whether the store's token still works (README.md here, "Binding", asking whether a token is
   * dead): a cheap read with it, the store's unconfirmed orders. Any answer → true; error code 2
   * (`param_error`, how an unknown token is answered) → false; anything else throws: cannot tell.
   */
  async stillAuthorized(appAuthToken: string, ePoiId: string): Promise<boolean> {
    try {
      await this.call('POST', appAuthToken, '/waimai/order/queryByEpoids', { epoiIds: ePoiId });
      return true;
    } catch (err) {
      if (err instanceof MeituanApiError && err.code !== null && TOKEN_DEAD_CODES.has(err.code)) return false;
      throw err;
    }
  }

  /**
   * The stores' state (`/waimai/poi/queryPoiInfo`, `ePoiIds` comma-separated): each store's
   * `ePoiId` and `isOpen` (1 open, 3 resting, 0 offline; README.md here, "Open and rest").
   * Lenient when reading: a list, one object, or either as a JSON string.
   */
  async queryPoiInfo(appAuthToken: string, ePoiIds: readonly string[]): Promise<{ ePoiId: string; isOpen: number | null }[]> {
    let data = await this.call('GET', appAuthToken, '/waimai/poi/queryPoiInfo', { ePoiIds: ePoiIds.join(',') });
    if (typeof data === 'string') {
      try {
        data = parseJsonExact(data);
      } catch {
        throw new MeituanApiError(null, 'bad_response', 'queryPoiInfo: data is not JSON', false);
      }
    }
    const list = Array.isArray(data) ? data : [data];
    return list
      .map(asRecord)
      .filter((r): r is Record<string, unknown> => r !== undefined)
      .map((r) => ({ ePoiId: text(prop(r, 'ePoiId')) || text(prop(r, 'epoiId')), isOpen: intOf(prop(r, 'isOpen')) }));
  }

  /** 营业 (`/waimai/poi/open`) or 休息 (`/waimai/poi/close`): the token names the store; the answer is `{"data":"ok"}`. */
  async setPoiOpen(appAuthToken: string, open: boolean): Promise<void> {
    await this.command(appAuthToken, open ? '/waimai/poi/open' : '/waimai/poi/close', {});
  }

  private async command(appAuthToken: string, path: string, business: Business): Promise<void> {
    const data = await this.call('POST', appAuthToken, path, business);
    if (typeof data !== 'string' || data.toLowerCase() !== 'ok') {
      throw new MeituanApiError(
        null,
        'bad_response',
        `${path}: unexpected answer ${this.scrub(stringifyJsonExact(data), appAuthToken)}`,
        false,
      );
    }
  }

  /** One signed call; resolves with `data`, throws MeituanApiError for everything else. */
  private async call(
    method: 'GET' | 'POST',
    appAuthToken: string,
    path: string,
    business: Business,
  ): Promise<unknown> {
    const params = nonEmpty({
      appAuthToken,
      charset: 'utf-8',
      timestamp: String(Math.floor(this.now() / 1000)),
      ...business,
    });
    const form = new URLSearchParams({
      ...params,
      sign: meituanSign(this.options.signKey, params),
    }).toString();
    const url = this.apiBase + path;
    const fail = (type: string, message: string, retriable: boolean, code: number | null = null) =>
      new MeituanApiError(code, type, this.scrub(`${path}: ${message}`, appAuthToken), retriable);

    let status: number;
    let body: string;
    try {
      const res = await this.fetchImpl(method === 'GET' ? `${url}?${form}` : url, {
        method,
        headers: {
          accept: 'application/json',
          ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' } : {}),
        },
        ...(method === 'POST' ? { body: form } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = res.status;
      body = await res.text();
    } catch (err) {
      const e = err as Error;
      if (e.name === 'TimeoutError' || e.name === 'AbortError') {
        throw fail('timeout', `no answer within ${this.timeoutMs} ms`, true);
      }
      // Only the message: a cause may carry the request URL (GET puts the token in it).
      const cause = (e.cause as { code?: unknown } | undefined)?.code;
      throw fail('network', typeof cause === 'string' ? `${e.message} (${cause})` : e.message, true);
    }

    if (status >= 500) throw fail('http', `HTTP ${status}`, true);
    // Success bodies have come as text/plain: parse regardless of content type.
    let json: Record<string, unknown> | undefined;
    try {
      json = asRecord(parseJsonExact(body));
    } catch {
      json = undefined;
    }
    if (!json)
      throw fail('bad_response', `HTTP ${status}, answer is not a JSON object: ${body.slice(0, 200)}`, false);
    const error = asRecord(prop(json, 'error'));
    if (error) {
      const code = intOf(prop(error, 'code'));
      const type = text(prop(error, 'error_type')) || 'error';
      const message = text(prop(error, 'message')) || text(prop(error, 'msg'));
      throw fail(type, `${type} (${code ?? '?'}) ${message}`, code === 1, code);
    }
    if (!Object.hasOwn(json, 'data'))
      throw fail('bad_response', `HTTP ${status}, answer has neither data nor error`, false);
    return json.data;
  }

  /** Secrets never leave in an error message, whatever the server or the network echoed. */
  private scrub(message: string, appAuthToken: string): string {
    let out = message;
    for (const secret of [this.options.signKey, appAuthToken]) {
      if (secret.length >= 4) out = out.split(secret).join('***');
    }
    return out;
  }
}

/** "No such order" (code 806 `waimai_order_not_exist`, or its words): the end of a day's numbers. */
function isNotFound(err: MeituanApiError): boolean {
  return err.code === NOT_EXIST_CODE || /不存在/.test(err.message);
}

/** `YYYY-MM-DD` → `yyyyMMdd`, the form we send `date` in (README.md here, "Day reconciliation"). */
export function meituanDate(day: string): string {
  return day.replaceAll('-', '');
}

function isAlreadyConfirmed(err: MeituanApiError): boolean {
  return err.code === ALREADY_CONFIRMED_CODE || /已确认|已接单/.test(err.message);
}

function toSnapshot(orderJson: string): OrderSnapshot {
  try {
    return normalizeOrder(orderJson, { order: orderJson });
  } catch (err) {
    if (err instanceof MeituanPayloadError)
      throw new MeituanApiError(null, 'bad_response', err.message, false);
    throw err;
  }
}

function nonEmpty(params: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params))
    if (value !== undefined && value !== '') out[name] = value;
  return out;
}

export interface StoremapUrlOptions {
  authBase?: string;
  developerId: string;
  signKey: string;
  ePoiId: string;
  ePoiName?: string;
  callbackUrl?: string;
  /** Milliseconds; default now. */
  timestamp?: number;
}

export interface ReleaseBindingUrlOptions {
  authBase?: string;
  developerId: string;
  signKey: string;
  appAuthToken: string;
  callbackUrl?: string;
  timestamp?: number;
}

/**
 * Signed UI-SDK URL (README.md, "Binding"): businessId=2, millisecond timestamp, no charset,
 * sign over every URL parameter, the signKey itself never in the URL.
 */
function signedUrl(
  base: string,
  path: string,
  signKey: string,
  params: Record<string, string | undefined>,
): string {
  const all = nonEmpty(params);
  const signed: SignParams = { ...all, sign: meituanSign(signKey, all) };
  const query = Object.entries(signed)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return `${base.replace(/\/+$/, '')}${path}?${query}`;
}

export function storemapUrl(o: StoremapUrlOptions): string {
  return signedUrl(o.authBase ?? MEITUAN_AUTH_BASE, '/storemap', o.signKey, {
    developerId: o.developerId,
    businessId: '2',
    ePoiId: o.ePoiId,
    ePoiName: o.ePoiName,
    callbackUrl: o.callbackUrl,
    timestamp: String(o.timestamp ?? Date.now()),
  });
}

export function releaseBindingUrl(o: ReleaseBindingUrlOptions): string {
  return signedUrl(o.authBase ?? MEITUAN_AUTH_BASE, '/releasebinding', o.signKey, {
    developerId: o.developerId,
    businessId: '2',
    appAuthToken: o.appAuthToken,
    callbackUrl: o.callbackUrl,
    timestamp: String(o.timestamp ?? Date.now()),
  });
}
