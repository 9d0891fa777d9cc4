/**
 * The code tables of Eleme's pushes (what arrives; the API's own codes are elsewhere) and what
 * they mean for the normalized order. Every row is an outside fact: README.md here ("Message
 * types", "Delivery states") says which are UNCERTAIN and which way we chose.
 */
import type { RefundState, TakeawayStatus } from '../../../../shared/order.js';

/** Push `type` values this folder understands, by what they are about. */
export const MESSAGE = {
  newOrder: 10,
  newOrderCore: 217,
  accepted: 12,
  cancelledBeforeAccept: 14,
  invalid: 15,
  forcedInvalid: 17,
  completed: 18,
  reminder: 45,
  reminderReplied: 46,
  revoked: 100,
  shopStatus: 91,
} as const;

/** Order state changes (types 12–18): the type decides the status; the body's `state` is detail. */
const STATE_CHANGE: ReadonlyMap<number, { zh: string; status: TakeawayStatus }> = new Map([
  [12, { zh: '商家已接单', status: 'accepted' as const }],
  [14, { zh: '订单在接单前被取消', status: 'cancelled' as const }],
  [15, { zh: '订单已置为无效', status: 'cancelled' as const }],
  [17, { zh: '订单被强制无效', status: 'cancelled' as const }],
  [18, { zh: '订单已完结', status: 'completed' as const }],
]);

export function stateChangeInfo(type: number): { zh: string; status: TakeawayStatus } | undefined {
  return STATE_CHANGE.get(type);
}

/** `state` / `status` words (OOrderStatus) → normalized status; `refunding` is read as accepted. */
const ORDER_STATUS: ReadonlyMap<string, TakeawayStatus> = new Map([
  ['pending', 'new'],
  ['unprocessed', 'new'],
  ['valid', 'accepted'],
  ['refunding', 'accepted'],
  ['settled', 'completed'],
  ['invalid', 'cancelled'],
]);

export function orderStatusFromWord(word: string): TakeawayStatus | undefined {
  return ORDER_STATUS.get(word);
}

/** Who caused a state change (`role`). */
const ROLES: ReadonlyMap<number, string> = new Map([
  [1, '顾客'],
  [2, '饿了么系统'],
  [3, '商家'],
  [4, '饿了么客服'],
  [5, '开放平台系统'],
  [6, '短信系统'],
  [7, '无线打印机系统'],
  [8, '风控'],
  [9, '订单完结任务'],
]);

export function roleWords(role: number | null): string {
  if (role === null) return '';
  return ROLES.get(role) ?? `角色 ${role}`;
}

/**
 * Cancel requests (20–26, before completion) and refunds (30–36, after), same body. Arbitration
 * requests (24, 34) keep the refund as refused by the shop, with the customer's appeal as its
 * reason: the platform's customer service decides next, not staff. 39 (part cancel during
 * fulfilment) is an agreed part refund.
 */
const REFUND_TYPES: ReadonlyMap<number, { state: RefundState; zh: string; arbitration?: true; cancel: boolean }> = new Map([
  [20, { state: 'requested' as const, zh: '顾客申请取消订单', cancel: true }],
  [21, { state: 'withdrawn' as const, zh: '顾客撤回取消申请', cancel: true }],
  [22, { state: 'rejected' as const, zh: '商家拒绝取消', cancel: true }],
  [23, { state: 'agreed' as const, zh: '商家同意取消', cancel: true }],
  [24, { state: 'rejected' as const, zh: '顾客申请客服仲裁取消', arbitration: true as const, cancel: true }],
  [25, { state: 'agreed' as const, zh: '客服仲裁：取消有效', cancel: true }],
  [26, { state: 'rejected' as const, zh: '客服仲裁：取消无效', cancel: true }],
  [30, { state: 'requested' as const, zh: '顾客申请退单', cancel: false }],
  [31, { state: 'withdrawn' as const, zh: '顾客撤回退单申请', cancel: false }],
  [32, { state: 'rejected' as const, zh: '商家拒绝退单', cancel: false }],
  [33, { state: 'agreed' as const, zh: '商家同意退单', cancel: false }],
  [34, { state: 'rejected' as const, zh: '顾客申请客服仲裁退单', arbitration: true as const, cancel: false }],
  [35, { state: 'agreed' as const, zh: '客服仲裁：退单有效', cancel: false }],
  [36, { state: 'rejected' as const, zh: '客服仲裁：退单无效', cancel: false }],
  [39, { state: 'agreed' as const, zh: '商家部分取消', cancel: false }],
]);

export function refundTypeInfo(
  type: number,
): { state: RefundState; zh: string; arbitration?: true; cancel: boolean } | undefined {
  return REFUND_TYPES.get(type);
}

/**
 * Delivery (waybill) pushes 51–76. `statusCode` on an Eleme order's delivery is the push type;
 * 55 (picked up) moves the order to delivering, 56 (delivered) to completed. The state/subState
 * words beside each row are the platform's; only 60 and 71 are confirmed by examples.
 */
interface DeliveryRow {
  zh: string;
  state: string;
  subState?: string;
  status?: TakeawayStatus;
  selfDelivery?: true;
}

const DELIVERY: ReadonlyMap<number, DeliveryRow> = new Map<number, DeliveryRow>([
  [51, { zh: '待分配配送商', state: 'tobeAssignedMerchant' }],
  [52, { zh: '待分配骑手', state: 'tobeAssignedCourier' }],
  [53, { zh: '骑手取餐中', state: 'tobeFetched' }],
  [54, { zh: '骑手已到店', state: 'arrived' }],
  [55, { zh: '骑手配送中', state: 'delivering', status: 'delivering' }],
  [56, { zh: '配送成功', state: 'completed', status: 'completed' }],
  [57, { zh: '配送取消：商家取消', state: 'cancelled', subState: 'merchantReason' }],
  [58, { zh: '配送取消：顾客取消', state: 'cancelled', subState: 'userReason' }],
  [59, { zh: '配送取消：物流系统取消', state: 'cancelled', subState: 'systemReason' }],
  [60, { zh: '配送失败：呼叫配送晚', state: 'exception', subState: 'merchantCallLateError' }],
  [61, { zh: '配送失败：餐厅出餐问题', state: 'exception', subState: 'merchantFoodError' }],
  [62, { zh: '配送失败：商家中断配送', state: 'exception', subState: 'merchantInterruptDeliveryError' }],
  [63, { zh: '配送失败：顾客不接电话', state: 'exception', subState: 'userNotAnswerError' }],
  [64, { zh: '配送失败：顾客退单', state: 'exception', subState: 'userReturnOrderError' }],
  [65, { zh: '配送失败：顾客地址错误', state: 'exception', subState: 'userAddressError' }],
  [66, { zh: '配送失败：超出服务范围', state: 'exception', subState: 'deliveryOutOfService' }],
  [67, { zh: '配送失败：骑手标记异常', state: 'exception', subState: 'carrierRemarkExceptionError' }],
  [68, { zh: '配送失败：系统自动标记异常', state: 'exception', subState: 'systemMarkedError' }],
  [69, { zh: '配送失败：其他异常', state: 'exception', subState: 'otherError' }],
  [70, { zh: '配送失败：超时', state: 'exception', subState: 'deliveryTimeout' }],
  [71, { zh: '商家自行配送', state: 'selfDelivery', selfDelivery: true }],
  [72, { zh: '商家不再配送', state: 'noMoreDelivery' }],
  [73, { zh: '物流拒单：仅支持在线支付', state: 'reject', subState: 'onlinePayError' }],
  [74, { zh: '物流拒单：超出服务范围', state: 'reject', subState: 'consumerLocationTooFarError' }],
  [75, { zh: '物流拒单：请求配送晚', state: 'reject', subState: 'merchantPushTooLateError' }],
  [76, { zh: '物流拒单：系统异常', state: 'reject', subState: 'systemError' }],
]);

export function isDeliveryType(type: number): boolean {
  return DELIVERY.has(type);
}

export function deliveryInfo(type: number): DeliveryRow | undefined {
  return DELIVERY.get(type);
}

/** The normal waybill path, in order; every other delivery push stands outside it. */
const DELIVERY_PATH: readonly number[] = [51, 52, 53, 54, 55, 56];

/**
 * Delivery-status progression: true when a delivery push with `next` replaces what the order
 * shows (`prev`). Along the normal path (51 → … → 56) a late push never moves it back; a
 * cancellation, failure, rejection or switch to self-delivery is always taken, and after one
 * of those anything is taken (the platform may dispatch again).
 */
export function elemeDeliveryMayFollow(prev: number | null, next: number): boolean {
  if (prev === null) return true;
  const from = DELIVERY_PATH.indexOf(prev);
  const to = DELIVERY_PATH.indexOf(next);
  if (from < 0 || to < 0) return true;
  return to >= from;
}

/** Names for the push types staff may see in an order's history. */
export function messageTypeWords(type: number): string {
  return (
    stateChangeInfo(type)?.zh ??
    refundTypeInfo(type)?.zh ??
    deliveryInfo(type)?.zh ??
    ({ 10: '新订单', 217: '新订单（核心字段）', 45: '顾客催单', 46: '商家已回复催单', 100: '店铺解除授权' } as Record<number, string>)[
      type
    ] ??
    `饿了么消息类型 ${type}`
  );
}
