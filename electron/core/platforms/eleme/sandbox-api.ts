/**
 * The Eleme sandbox's API: `POST /api/v1` (and `/api/v1/`) with the JSON-RPC body. Checked the
 * way the platform checks: `nop` is "1.0.0", `metas.app_key` is ours, the timestamp is within
 * five minutes (seconds; milliseconds tolerated), the signature re-derived from the parsed body
 * (numbers keep their text), the token alive and covering the order's shop. Answers
 * `{id, result, error}` with HTTP 200; error codes as the platform names them, `BIZ_…` codes
 * for refused order changes (their exact names are ours: the platform's are not published).
 */
import { isLosslessNumber, parse, stringify } from 'lossless-json';
import { verifyElemeApiSign } from './api-sign.js';
import type { TokenLookup } from './sandbox-oauth.js';
import type { Refusal, SandboxAction, SandboxEOrder } from './sandbox-orders.js';
import { orderObject } from './sandbox-orders.js';

export interface FailedPush {
  msgId: string;
  requestId: string;
  type: number;
  message: string;
  shopId: string;
  userId: string;
  timestamp: number;
}

export interface ApiHost {
  readonly appKey: string;
  readonly appSecret: string;
  now(): number;
  lookup(token: string): TokenLookup;
  account(): { userId: string; userName: string; shops: { shopId: string; name: string }[] };
  findOrder(orderId: string): SandboxEOrder | undefined;
  ordersOfShop(shopId: string): SandboxEOrder[];
  /** The platform's day now and of an order (Beijing time), `YYYY-MM-DD`. */
  today(): string;
  dayOf(order: SandboxEOrder): string;
  /** Apply the change; its pushes go out once the answer is written. The refusal, or null. */
  act(order: SandboxEOrder, action: SandboxAction): Refusal | null;
  failedPushes(): FailedPush[];
  confirmFailedPushes(msgIds: readonly string[]): number;
  /** The shop as `eleme.shop.getShop` answers it. */
  shopObject(shopId: string): Record<string, unknown>;
  /** Open or rest the shop; a change is pushed (type 91) once the answer is written. */
  setShopOpen(shopId: string, open: boolean): void;
  /** A queued injected error for this action (failNext), consumed. */
  takeFault(action: string): Refusal | undefined;
}

export interface ApiCall {
  action: string;
  token: string;
  params: Record<string, unknown>;
  /** The answer's error code, null on success. */
  error: string | null;
  response: string;
}

const TIMESTAMP_WINDOW_S = 300;

class ApiFail extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !isLosslessNumber(v);

/** Digits of a long id sent as a number (or, leniently, a numeric string). */
function longText(v: unknown, name: string): string {
  const t = isLosslessNumber(v) ? v.value : typeof v === 'string' ? v : '';
  if (!/^\d{1,20}$/.test(t)) throw new ApiFail('VALIDATION_FAILED', `${name} 不合法`);
  return t;
}

/** A whole number in [min, max], sent as a JSON number. */
function intIn(v: unknown, name: string, min: number, max: number): number {
  const n = isLosslessNumber(v) ? Number(v.value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new ApiFail('VALIDATION_FAILED', `${name} 必须是 ${min}–${max} 之间的整数`);
  return n;
}

function str(params: Record<string, unknown>, name: string, required = true): string {
  const v = params[name];
  if (typeof v === 'string' && (!required || v.trim() !== '')) return v;
  if (v === undefined && !required) return '';
  throw new ApiFail('VALIDATION_FAILED', `${name} 不能为空且必须是字符串`);
}

/** Answer one API call: the JSON text (always HTTP 200) and what was called. */
export function handleApi(host: ApiHost, bodyText: string): ApiCall {
  let reqId: unknown = null;
  let action = '';
  let token = '';
  let params: Record<string, unknown> = {};
  const answer = (result: unknown, error: { code: string; message: string } | null): ApiCall => ({
    action,
    token,
    params,
    error: error?.code ?? null,
    response: stringify({ id: reqId, result: error ? null : result, error }) ?? '{}',
  });
  try {
    let body: unknown;
    try {
      body = parse(bodyText);
    } catch {
      throw new ApiFail('ILLEGAL_REQUEST', '请求体不是 JSON');
    }
    if (!isObject(body)) throw new ApiFail('ILLEGAL_REQUEST', '请求体不是 JSON 对象');
    reqId = body['id'] ?? null;
    if (body['nop'] !== '1.0.0') throw new ApiFail('ILLEGAL_REQUEST', 'nop 必须是 1.0.0');
    if (typeof body['action'] !== 'string' || !body['action']) throw new ApiFail('ILLEGAL_REQUEST', '缺少 action');
    action = body['action'];
    if (typeof body['id'] !== 'string' || !body['id']) throw new ApiFail('ILLEGAL_REQUEST', '缺少 id');
    if (typeof body['token'] !== 'string') throw new ApiFail('ILLEGAL_REQUEST', '缺少 token');
    token = body['token'];
    const metas = body['metas'];
    if (!isObject(metas)) throw new ApiFail('ILLEGAL_REQUEST', '缺少 metas');
    if (!isObject(body['params'])) throw new ApiFail('ILLEGAL_REQUEST', 'params 必须是对象');
    params = body['params'];
    if (metas['app_key'] !== host.appKey) throw new ApiFail('ACCESS_DENIED', 'app_key 不正确');
    const ts = isLosslessNumber(metas['timestamp']) ? Number(metas['timestamp'].value) : NaN;
    const seconds = ts > 1e12 ? ts / 1000 : ts;
    if (!Number.isFinite(seconds) || Math.abs(seconds - host.now() / 1000) > TIMESTAMP_WINDOW_S)
      throw new ApiFail('INVALID_TIMESTAMP', '时间戳超出允许范围');
    if (!verifyElemeApiSign(host.appSecret, action, token, metas, params, body['signature']))
      throw new ApiFail('INVALID_SIGNATURE', '签名错误');
    const fault = host.takeFault(action);
    if (fault) throw new ApiFail(fault.code, fault.message);
    return answer(dispatch(host, action, token, params), null);
  } catch (err) {
    if (err instanceof ApiFail) return answer(null, { code: err.code, message: err.message });
    return answer(null, { code: 'SERVER_ERROR', message: '服务器异常' });
  }
}

function dispatch(host: ApiHost, action: string, token: string, params: Record<string, unknown>): unknown {
  if (action.startsWith('eleme.msgNew.')) {
    if (token !== '') throw new ApiFail('ILLEGAL_REQUEST', 'token 必须为空');
    return appLevel(host, action, params);
  }
  const who = host.lookup(token);
  if (!who.ok) throw new ApiFail('UNAUTHORIZED', who.reason);
  const ownShop = (shopId: string) => {
    if (!who.shopIds.has(shopId)) throw new ApiFail('PERMISSION_DENIED', `店铺 ${shopId} 未授权给该应用`);
  };
  const orderOf = (orderId: string) => {
    const order = host.findOrder(orderId);
    if (!order) throw new ApiFail('BIZ_ORDER_NOT_EXIST', '订单不存在');
    ownShop(order.shopId);
    return order;
  };
  const change = (action2: SandboxAction): null => {
    const order = orderOf(str(params, 'orderId'));
    const refusal = host.act(order, action2);
    if (refusal) throw new ApiFail(refusal.code, refusal.message);
    return null;
  };
  switch (action) {
    case 'eleme.user.getUser': {
      const account = host.account();
      return {
        userId: BigInt(who.userId),
        userName: account.userName,
        authorizedShops: account.shops.filter((s) => who.shopIds.has(s.shopId)).map((s) => ({ id: BigInt(s.shopId), name: s.name })),
      };
    }
    case 'eleme.order.getOrder':
      return orderObject(orderOf(str(params, 'orderId')));
    case 'eleme.order.mgetOrders': {
      const ids = params['orderIds'];
      if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) throw new ApiFail('VALIDATION_FAILED', 'orderIds 必须是字符串列表');
      const out: Record<string, unknown> = {};
      for (const id of ids as string[]) {
        const order = host.findOrder(id);
        if (order && who.shopIds.has(order.shopId)) out[id] = orderObject(order);
      }
      return out;
    }
    case 'eleme.order.getUnprocessOrders':
    case 'eleme.order.getCancelOrders':
    case 'eleme.order.getRefundOrders': {
      const shopId = longText(params['shopId'], 'shopId');
      ownShop(shopId);
      const orders = host.ordersOfShop(shopId).filter((o) =>
        action === 'eleme.order.getUnprocessOrders'
          ? o.status === 'unprocessed'
          : o.request?.kind === (action === 'eleme.order.getCancelOrders' ? 'cancel' : 'refund'),
      );
      return orders.map((o) => o.orderId);
    }
    case 'eleme.order.getAllOrders': {
      // The shop's orders of a day (`date` yyyy-MM-dd, default today), oldest first, paged:
      // `pageNo` 1–100, `pageSize` 1–50; `total` counts the whole day.
      const shopId = longText(params['shopId'], 'shopId');
      ownShop(shopId);
      const pageNo = intIn(params['pageNo'], 'pageNo', 1, 100);
      const pageSize = intIn(params['pageSize'], 'pageSize', 1, 50);
      const date = params['date'] === undefined ? host.today() : str(params, 'date');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new ApiFail('VALIDATION_FAILED', 'date 格式应为 yyyy-MM-dd');
      const day = host
        .ordersOfShop(shopId)
        .filter((o) => host.dayOf(o) === date)
        .sort((a, b) => a.createdAt - b.createdAt);
      return { total: day.length, list: day.slice((pageNo - 1) * pageSize, pageNo * pageSize).map(orderObject) };
    }
    case 'eleme.order.getUnreplyReminders': {
      const shopId = longText(params['shopId'], 'shopId');
      ownShop(shopId);
      return host
        .ordersOfShop(shopId)
        .flatMap((o) => o.reminders.filter((r) => !r.replied).map((r) => ({ reminderId: r.remindId, orderId: o.orderId })));
    }
    case 'eleme.order.confirmOrderLite':
      return change({ kind: 'confirm' });
    case 'eleme.order.cancelOrderLite':
      return change({ kind: 'cancel', type: str(params, 'type'), remark: str(params, 'remark', false) });
    case 'eleme.order.agreeRefundLite':
      return change({ kind: 'agree' });
    case 'eleme.order.disagreeRefundLite':
      return change({ kind: 'disagree', reason: str(params, 'reason') });
    case 'eleme.order.startDeliveryBySelf':
      return change({ kind: 'self-delivering', phone: str(params, 'phone', false) });
    case 'eleme.order.completeDeliveryBySelf':
      return change({ kind: 'self-delivered', phone: str(params, 'phone', false) });
    case 'eleme.order.receivedOrderLite':
      return change({ kind: 'complete' });
    case 'eleme.order.setOrderPrepared':
      return change({ kind: 'prepared' });
    case 'eleme.order.replyReminder': {
      const remindId = str(params, 'remindId');
      const owner = [...who.shopIds].flatMap((s) => host.ordersOfShop(s)).find((o) => o.reminders.some((r) => r.remindId === remindId));
      if (!owner) throw new ApiFail('VALIDATION_FAILED', '催单不存在');
      const refusal = host.act(owner, { kind: 'reply', remindId, type: str(params, 'type'), content: str(params, 'content', false) });
      if (refusal) throw new ApiFail(refusal.code, refusal.message);
      return null;
    }
    case 'eleme.shop.getShop': {
      const shopId = longText(params['shopId'], 'shopId');
      ownShop(shopId);
      return host.shopObject(shopId);
    }
    case 'eleme.shop.updateShop': {
      const shopId = longText(params['shopId'], 'shopId');
      ownShop(shopId);
      const props = params['properties'];
      if (!isObject(props) || Object.keys(props).length === 0) throw new ApiFail('VALIDATION_FAILED', 'properties 不能为空');
      if (Object.hasOwn(props, 'isOpen')) {
        const v = props['isOpen'];
        const n = isLosslessNumber(v) ? Number(v.value) : typeof v === 'number' ? v : NaN;
        if (n !== 0 && n !== 1) throw new ApiFail('VALIDATION_FAILED', 'isOpen 只能是 0 或 1');
        host.setShopOpen(shopId, n === 1);
      }
      return host.shopObject(shopId);
    }
    default:
      throw new ApiFail('METHOD_NOT_ALLOWED', `沙箱不支持 ${action}`);
  }
}

/**
 * Failed-push pull. The request's inner fields are not published: `msgQueryRequest` here takes
 * an optional `pageSize`, and `msgConfirmRequest` a `msgIds` list (our invention).
 */
function appLevel(host: ApiHost, action: string, params: Record<string, unknown>): unknown {
  if (action === 'eleme.msgNew.getPushFailMsg') {
    const q = params['msgQueryRequest'];
    const size = isObject(q) && isLosslessNumber(q['pageSize']) ? Number(q['pageSize'].value) : 50;
    const list = host.failedPushes().slice(0, Math.max(1, Math.min(200, size)));
    return { total: host.failedPushes().length, list: list.map((m) => ({ ...m, shopId: BigInt(m.shopId), userId: BigInt(m.userId) })) };
  }
  if (action === 'eleme.msgNew.confirmPullMsg') {
    const c = params['msgConfirmRequest'];
    const ids = isObject(c) && Array.isArray(c['msgIds']) ? c['msgIds'].filter((x): x is string => typeof x === 'string') : null;
    if (!ids) throw new ApiFail('VALIDATION_FAILED', 'msgConfirmRequest.msgIds 必须是字符串列表');
    return { confirmed: host.confirmFailedPushes(ids) };
  }
  throw new ApiFail('METHOD_NOT_ALLOWED', `沙箱不支持 ${action}`);
}
