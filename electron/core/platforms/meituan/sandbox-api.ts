/**
 * The sandbox's legacy-style API (README.md here, "API" and "Sandbox"): params from query and/or form body,
 * sign verified over their union ("Signing"), HTTP 200 always, `{"data":"ok"}` or
 * `{"error":{"code","error_type","message"}}`. Error codes 1/2/3/806 are the ones seen on the wire.
 */
import { verifyMeituanSign } from './sign.js';
import type { OrderAction, SandboxOrderState } from './sandbox-state.js';
import { STATUS } from './sandbox-state.js';

export interface ApiHost {
  readonly signKey: string;
  /** A queued injected failure body for this path (failNext), consumed. */
  takeFault(path: string): string | undefined;
  storeForToken(token: string): string | undefined;
  findOrder(orderId: string): SandboxOrderState | undefined;
  ordersOf(ePoiIds: readonly string[]): SandboxOrderState[];
  /** The store's order with this day number on a day (`yyyyMMdd`, the sandbox's clock), if any. */
  orderByDaySeq(ePoiId: string, daySeq: string, date: string): SandboxOrderState | undefined;
  /** Apply the transition and send its push in the background; returns the refusal or null. */
  actFromApi(order: SandboxOrderState, action: OrderAction): string | null;
  orderJson(order: SandboxOrderState): string;
  setStoreOpen(ePoiId: string, open: boolean): void;
  /** `queryPoiInfo`'s `isOpen` for the store: 1 open, 3 resting, 0 offline. */
  storeIsOpen(ePoiId: string): number;
}

export const apiError = (code: number, type: string, message: string): string =>
  JSON.stringify({ error: { code, error_type: type, message } });

export const OK_BODY = '{"data":"ok"}';
export const SIGN_ERROR = apiError(3, 'signature_error', '签名验证失败');
export const PARAM_ERROR = apiError(2, 'param_error', '参数异常');
export const NOT_EXIST = apiError(806, 'waimai_order_not_exist', '不存在此订单');
export const REQUEST_ERROR = apiError(1, 'request_error', '服务器异常，请稍后重试');
/** 1008 is OUR made-up code: no source shows Meituan's answer to an illegal transition (README.md, "Sandbox"). */
export const statusError = (message: string): string => apiError(1008, 'order_status_error', message);

interface Endpoint {
  method: 'GET' | 'POST';
  /** Business params that must be present and non-empty. */
  required: readonly string[];
  /** Whether the call names an order through `orderId`. */
  order: boolean;
}

const ENDPOINTS: Record<string, Endpoint> = {
  '/waimai/order/confirm': { method: 'POST', required: ['orderId'], order: true },
  '/waimai/order/cancel': { method: 'POST', required: ['orderId', 'reasonCode', 'reason'], order: true },
  '/waimai/order/agreeRefund': { method: 'POST', required: ['orderId', 'reason'], order: true },
  '/waimai/order/rejectRefund': { method: 'POST', required: ['orderId', 'reason'], order: true },
  // courierName/courierPhone: required by SDK-v1, optional in SDK-v2 — accepted either way.
  '/waimai/order/delivering': { method: 'POST', required: ['orderId'], order: true },
  '/waimai/order/delivered': { method: 'POST', required: ['orderId'], order: true },
  '/waimai/order/preparationMealComplete': { method: 'POST', required: ['orderId'], order: true },
  '/waimai/order/queryById': { method: 'GET', required: ['orderId'], order: true },
  '/waimai/order/queryByEpoids': { method: 'POST', required: ['epoiIds'], order: false },
  '/waimai/order/queryByDaySeq': { method: 'GET', required: ['ePoiId', 'daySeq'], order: false },
  '/waimai/poi/open': { method: 'POST', required: [], order: false },
  '/waimai/poi/close': { method: 'POST', required: [], order: false },
  '/waimai/poi/queryPoiInfo': { method: 'GET', required: ['ePoiIds'], order: false },
};

export function isApiPath(path: string): boolean {
  return Object.hasOwn(ENDPOINTS, path);
}

/** Seconds, milliseconds or the legacy SDK's `yyyy-MM-dd HH:mm:ss.SSS` (README.md here, "Signing"). */
export function parseTimestamp(value: string): number | null {
  if (/^\d{10}$/.test(value)) return Number(value) * 1000;
  if (/^\d{13}$/.test(value)) return Number(value);
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/.exec(value);
  if (!m) return null;
  const ms = new Date(
    `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${(m[7] ?? '0').padEnd(3, '0')}+08:00`,
  ).getTime();
  return Number.isNaN(ms) ? null : ms;
}

/** Answer one API call. `path` must satisfy isApiPath. Returns the JSON body (HTTP 200). */
export function handleApi(
  host: ApiHost,
  method: string,
  path: string,
  params: Record<string, string>,
): string {
  const ep = ENDPOINTS[path];
  if (!ep) return REQUEST_ERROR;
  const fault = host.takeFault(path);
  if (fault !== undefined) return fault;
  // Lenient on method for GETs sent as POST (some SDKs POST everything); a command sent as GET
  // is refused, because the real server does not change state on GET.
  if (ep.method === 'POST' && method !== 'POST') return apiError(1, 'request_error', `请使用POST请求`);
  if (!verifyMeituanSign(host.signKey, params, params['sign'])) return SIGN_ERROR;
  const has = (name: string) => (params[name] ?? '') !== '';
  if (!has('timestamp') || parseTimestamp(params['timestamp'] ?? '') === null) return PARAM_ERROR;
  if (!has('appAuthToken') || !ep.required.every(has)) return PARAM_ERROR;
  const tokenStore = host.storeForToken(params['appAuthToken'] ?? '');
  if (tokenStore === undefined) return PARAM_ERROR;

  if (!ep.order) return storeCall(host, path, params, tokenStore);
  const orderId = params['orderId'] ?? '';
  if (!/^\d{1,20}$/.test(orderId)) return PARAM_ERROR;
  const order = host.findOrder(orderId);
  if (!order) return NOT_EXIST;
  // The token must belong to the order's store (README.md here, "Binding": one appAuthToken per bound store).
  if (order.ePoiId !== tokenStore) return PARAM_ERROR;

  const action = actionFor(path, params);
  if (action === null) return `{"data":${host.orderJson(order)}}`;
  const refusal = host.actFromApi(order, action);
  return refusal === null ? OK_BODY : statusError(refusal);
}

function actionFor(path: string, p: Record<string, string>): OrderAction | null {
  switch (path) {
    case '/waimai/order/confirm':
      return { kind: 'confirm' };
    case '/waimai/order/cancel':
      return { kind: 'cancel', reasonCode: p['reasonCode'] ?? '', reason: p['reason'] ?? '' };
    case '/waimai/order/agreeRefund':
      return { kind: 'refund', notifyType: 'agree', reason: p['reason'] ?? '' };
    case '/waimai/order/rejectRefund':
      return { kind: 'refund', notifyType: 'reject', reason: p['reason'] ?? '' };
    case '/waimai/order/delivering':
      return {
        kind: 'delivering',
        courierName: p['courierName'] ?? '',
        courierPhone: p['courierPhone'] ?? '',
      };
    case '/waimai/order/delivered':
      return { kind: 'delivered' };
    case '/waimai/order/preparationMealComplete':
      return { kind: 'prepared' };
    default:
      return null; // queryById
  }
}

/** The platform's day (Beijing time), `yyyyMMdd`: the one its day numbers count by. */
export function todayText(at: Date = new Date()): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
}

function storeCall(host: ApiHost, path: string, params: Record<string, string>, tokenStore: string): string {
  switch (path) {
    case '/waimai/order/queryByEpoids': {
      const ids = (params['epoiIds'] ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      // Ids of the stores' unconfirmed (status 2) orders, as bare numbers (ids > 2^53).
      const orders = host.ordersOf(ids).filter((o) => o.times.status === STATUS.NEW);
      return `{"data":[${orders.map((o) => o.orderId).join(',')}]}`;
    }
    case '/waimai/order/queryByDaySeq': {
      // Our reading (README.md here, "Day reconciliation"): `date` yyyyMMdd, default today; the
      // order as queryById answers it, or 806 when the store has no order with that number.
      const ePoiId = params['ePoiId'] ?? '';
      const daySeq = params['daySeq'] ?? '';
      const date = params['date'] ?? todayText();
      if (ePoiId !== tokenStore || !/^\d{1,6}$/.test(daySeq) || !/^\d{8}$/.test(date)) return PARAM_ERROR;
      const order = host.orderByDaySeq(ePoiId, String(Number(daySeq)), date);
      return order ? `{"data":${host.orderJson(order)}}` : NOT_EXIST;
    }
    case '/waimai/poi/open':
    case '/waimai/poi/close':
      host.setStoreOpen(tokenStore, path.endsWith('/open'));
      return OK_BODY;
    case '/waimai/poi/queryPoiInfo': {
      // A token answers for its own store only: the other ids asked for are left out.
      const ids = (params['ePoiIds'] ?? '').split(',').map((s) => s.trim());
      if (!ids.includes(tokenStore)) return PARAM_ERROR;
      return JSON.stringify({ data: [{ ePoiId: tokenStore, isOpen: host.storeIsOpen(tokenStore), openTime: '00:00-23:59' }] });
    }
    default:
      return REQUEST_ERROR;
  }
}
