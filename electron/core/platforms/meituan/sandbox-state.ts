/**
 * The sandbox's order state machine (README.md here, "Sandbox"; status codes in "Code tables"):
 *   2 new → confirm → 4 → delivering (API) or shipping 20 → 6 → delivered/finish → 8
 *   cancel → 9 from anything but 8/9; refund apply → agree (→ 9) / reject / cancelRefund.
 * Pure functions over a record; the sandbox class sends the matching pushes.
 */
import type { SandboxOrderInput, SandboxOrderTimes } from './sandbox-orders.js';

export type RefundNotifyType = 'apply' | 'agree' | 'reject' | 'cancelRefund';
/** 15 (rider at the shop) is our reading: not in the published tables (README.md, "Rider status"). */
export type ShippingStatus = 0 | 10 | 15 | 20 | 40 | 100;

export interface ApiCallRecord {
  path: string;
  params: Record<string, string>;
  response: string;
  at: number;
}

export interface SandboxOrderState {
  orderId: string;
  ePoiId: string;
  input: SandboxOrderInput;
  /** status, times and logistics as they appear in the order JSON. */
  times: SandboxOrderTimes;
  /** Last refund notifyType; 'apply' means a request waits for the merchant. */
  refund: RefundNotifyType | null;
  partRefunds: { notifyType: string; reason: string; money: string; food: string }[];
  /** API calls that named this order, in order (for test assertions). */
  apiCalls: ApiCallRecord[];
  /** What happened: `new`, `api:confirm`, `merchant-app:confirm`, `ship:20`, `refund:apply` … */
  history: { at: number; event: string; status: number }[];
  /** When 出餐 was reported (seconds); absent: not yet. */
  preparedAt?: number;
}

export type OrderAction =
  | { kind: 'confirm' }
  | { kind: 'cancel'; reasonCode: string; reason: string }
  | { kind: 'delivering'; courierName: string; courierPhone: string }
  | { kind: 'delivered' }
  | { kind: 'finish' }
  /** 出餐 (preparationMealComplete): no state change, no push; refused by the platform's rules (README.md, "出餐"). */
  | { kind: 'prepared' }
  | { kind: 'ship'; shippingStatus: ShippingStatus; dispatcherName: string; dispatcherMobile: string }
  /** `part`: the decision answers a pending part refund (agree/reject only; set by `forPendingRefund`). */
  | { kind: 'refund'; notifyType: RefundNotifyType; reason: string; part?: boolean };

/** The last part refund push still waits for the merchant (`part`, or `apply`, with no decision after it). */
export function partRefundPending(order: SandboxOrderState): boolean {
  const last = order.partRefunds.at(-1)?.notifyType;
  return last === 'part' || last === 'apply';
}

/**
 * Meituan has one agree/reject call for both kinds (README.md, "Part refunds"): a decision answers the
 * pending full refund if there is one, else a pending part refund.
 */
export function forPendingRefund(order: SandboxOrderState, action: OrderAction): OrderAction {
  if (action.kind !== 'refund' || (action.notifyType !== 'agree' && action.notifyType !== 'reject')) return action;
  return order.refund !== 'apply' && partRefundPending(order) ? { ...action, part: true } : action;
}

export const STATUS = { NEW: 2, CONFIRMED: 4, DELIVERING: 6, COMPLETED: 8, CANCELLED: 9 } as const;

const STATUS_TEXT: Record<number, string> = {
  2: '未确认',
  4: '已确认',
  6: '配送中',
  8: '已完成',
  9: '已取消',
};
const ACTION_TEXT: Record<OrderAction['kind'], string> = {
  confirm: '确认',
  cancel: '取消',
  delivering: '配送',
  delivered: '送达',
  finish: '完成',
  ship: '更新配送状态',
  refund: '处理退款',
  prepared: '出餐',
};

/** A pre-order may report 出餐 from this long before its delivery time (our reading of "reminder time"), plus the minute. */
export const PRE_ORDER_REMINDER_LEAD_S = 3600;

/** Why 出餐 is refused now (the platform's words), or null. */
function preparedRefusal(order: SandboxOrderState, nowSec: number): string | null {
  const t = order.times;
  if (t.status === STATUS.CANCELLED) return '订单已取消，不能出餐';
  if (order.input.pickType === 1 || order.input.logisticsCode === '0000') return '非美团配送订单，不能出餐';
  if (order.preparedAt !== undefined) return '订单已出餐，请勿重复操作';
  if (t.status === STATUS.COMPLETED || (t.logisticsStatus !== null && t.logisticsStatus >= 20 && t.logisticsStatus !== 100)) return '骑手已取餐，不能出餐';
  if (t.status !== STATUS.CONFIRMED && t.status !== STATUS.DELIVERING) return `订单${STATUS_TEXT[t.status] ?? `状态${t.status}`}，不能出餐`;
  if (nowSec < t.orderConfirmTime + 60) return '接单1分钟内不能出餐';
  const pre = order.input.isPre === 1 && order.input.deliveryTime > 0;
  if (pre && nowSec < order.input.deliveryTime - PRE_ORDER_REMINDER_LEAD_S + 60) return '预订单未到提醒时间，不能出餐';
  return null;
}

/** Why the action is not allowed now (a Chinese message for the API error), or null. */
export function illegalReason(order: SandboxOrderState, action: OrderAction, nowSec = Math.floor(Date.now() / 1000)): string | null {
  const s = order.times.status;
  const refusal = `订单${STATUS_TEXT[s] ?? `状态${s}`}，不能${ACTION_TEXT[action.kind]}`;
  switch (action.kind) {
    case 'confirm':
      if (s === STATUS.CONFIRMED) return '订单已确认';
      return s === STATUS.NEW ? null : refusal;
    case 'cancel':
      return s === STATUS.COMPLETED || s === STATUS.CANCELLED ? refusal : null;
    case 'delivering':
      return s === STATUS.CONFIRMED ? null : refusal;
    case 'delivered':
    case 'finish':
      // 4 → 8 is allowed too: pickup orders (pickType 1) are never out for delivery.
      return s === STATUS.CONFIRMED || s === STATUS.DELIVERING ? null : refusal;
    case 'ship':
      return s === STATUS.CONFIRMED || s === STATUS.DELIVERING ? null : refusal;
    case 'prepared':
      return preparedRefusal(order, nowSec);
    case 'refund':
      if (action.notifyType === 'apply') {
        if (order.refund === 'apply') return '已有退款申请待处理';
        return s === STATUS.CANCELLED ? refusal : null;
      }
      return order.refund === 'apply' || (action.part === true && partRefundPending(order)) ? null : '没有待处理的退款申请';
  }
}

/** Apply a legal action. Caller checks illegalReason first. */
export function applyAction(
  order: SandboxOrderState,
  action: OrderAction,
  nowSec: number,
  source: string,
): void {
  const t = order.times;
  let event: string = action.kind;
  switch (action.kind) {
    case 'confirm':
      t.status = STATUS.CONFIRMED;
      t.orderConfirmTime = nowSec;
      break;
    case 'cancel':
      t.status = STATUS.CANCELLED;
      t.orderCancelTime = nowSec;
      event = `cancel:${action.reasonCode}`;
      break;
    case 'delivering':
      t.status = STATUS.DELIVERING;
      t.logisticsStatus = 20;
      t.logisticsDispatcherName = action.courierName;
      t.logisticsDispatcherMobile = action.courierPhone;
      break;
    case 'delivered':
    case 'finish':
      if (t.logisticsStatus !== null && t.logisticsStatus < 40) t.logisticsStatus = 40;
      t.status = STATUS.COMPLETED;
      t.orderCompletedTime = nowSec;
      break;
    case 'ship':
      t.logisticsStatus = action.shippingStatus;
      t.logisticsDispatcherName = action.dispatcherName;
      t.logisticsDispatcherMobile = action.dispatcherMobile;
      // Picked up (20) or already delivered by the rider (40): the order is out for delivery.
      if ((action.shippingStatus === 20 || action.shippingStatus === 40) && t.status === STATUS.CONFIRMED) {
        t.status = STATUS.DELIVERING;
      }
      event = `ship:${action.shippingStatus}`;
      break;
    case 'prepared':
      order.preparedAt = nowSec;
      break;
    case 'refund':
      if (action.part) {
        // A part refund decided: the order goes on (no status change); the push repeats the request's dishes.
        const asked = order.partRefunds.at(-1);
        order.partRefunds.push({ money: asked?.money ?? '', food: asked?.food ?? '', notifyType: action.notifyType, reason: action.reason });
        event = `part-refund:${action.notifyType}`;
        break;
      }
      order.refund = action.notifyType;
      if (action.notifyType === 'agree') {
        t.status = STATUS.CANCELLED;
        t.orderCancelTime = nowSec;
      }
      event = `refund:${action.notifyType}`;
      break;
  }
  t.utime = nowSec;
  order.history.push({ at: nowSec, event: `${source}:${event}`, status: t.status });
}

/** A fresh order as pushed to /meituan/order/new: status 2, nothing else happened yet. */
export function newOrderState(input: SandboxOrderInput, ePoiId: string, nowSec: number): SandboxOrderState {
  return {
    orderId: input.orderId,
    ePoiId,
    input,
    times: {
      status: STATUS.NEW,
      utime: nowSec,
      orderConfirmTime: 0,
      orderCompletedTime: 0,
      orderCancelTime: 0,
      logisticsStatus: null,
      logisticsDispatcherName: '',
      logisticsDispatcherMobile: '',
    },
    refund: null,
    partRefunds: [],
    apiCalls: [],
    history: [{ at: nowSec, event: 'new', status: STATUS.NEW }],
  };
}
