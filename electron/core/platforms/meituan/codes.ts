/**
 * Meituan code tables and their meaning for the normalized order. Every table is an outside
 * fact: see README.md here ("Code tables"), which also says which rows are UNCERTAIN and
 * which way we chose.
 */
import type { RefundState, TakeawayStatus } from '../../../../shared/order.js';
import type { RiderStage } from '../../../../shared/shop-floor.js';
import type { StoreState } from '../../../../shared/store.js';

/**
 * Cancel reason codes the platform names (`reasonCode` of `orderCancel` pushes and of the
 * cancel API). 2008–2016: one source only. Pushes also carry codes outside this table.
 */
export const MEITUAN_CANCEL_CODES: readonly { code: number; zh: string; en: string }[] = [
  { code: 2001, zh: '商家超时接单', en: 'Store did not accept in time' },
  { code: 2002, zh: '非顾客原因修改订单', en: 'Order changed, not at the customer’s request' },
  { code: 2003, zh: '非客户原因取消订单', en: 'Order cancelled, not at the customer’s request' },
  { code: 2004, zh: '配送延迟', en: 'Delivery delayed' },
  { code: 2005, zh: '售后投诉', en: 'After-sales complaint' },
  { code: 2006, zh: '用户要求取消', en: 'Customer asked to cancel' },
  { code: 2007, zh: '其他原因', en: 'Other reason' },
  { code: 2008, zh: '店铺太忙', en: 'Store too busy' },
  { code: 2009, zh: '商品已售完', en: 'Sold out' },
  { code: 2010, zh: '地址无法配送', en: 'Address outside the delivery area' },
  { code: 2011, zh: '店铺已打烊', en: 'Store closed' },
  { code: 2012, zh: '联系不上用户', en: 'Customer unreachable' },
  { code: 2013, zh: '重复订单', en: 'Duplicate order' },
  { code: 2014, zh: '配送员取餐慢', en: 'Rider slow to pick up' },
  { code: 2015, zh: '配送员送餐慢', en: 'Rider slow to deliver' },
  { code: 2016, zh: '配送员丢餐、少餐、餐洒', en: 'Rider lost, shorted or spilled the food' },
];

/**
 * The reasons a shop gives when it cancels (the cancel picker), the common ones first:
 * sold out, too busy, closed, customer unreachable. Reasons that are the platform's, the
 * rider's or the customer's own (超时接单, 配送延迟, 用户要求取消 …) are not the shop's to give.
 */
const MERCHANT_CANCEL_ORDER = [2009, 2008, 2011, 2012, 2010, 2013, 2007];
export const MEITUAN_CANCEL_REASONS: readonly { code: number; zh: string; en: string }[] = MERCHANT_CANCEL_ORDER.map(
  (code) => MEITUAN_CANCEL_CODES.find((r) => r.code === code)!,
);

/** The code the platform assumes when none is given (README.md, "Code tables"). */
export const MEITUAN_DEFAULT_CANCEL_CODE = 2007;

export function cancelReasonName(code: number): string | undefined {
  return MEITUAN_CANCEL_CODES.find((r) => r.code === code)?.zh;
}

/**
 * Words for any cancel code, also those outside the table (newer pushes carry e.g. 1301): the
 * platform's own reason text is shown beside it, so an unknown code says only what we know.
 */
export function cancelCodeWords(code: number): string {
  const name = cancelReasonName(code);
  return name ?? '取消原因代码未收录，以美团后台为准';
}

/** Order `status` → normalized status. 7 (已送达) is UNCERTAIN; delivered counts as completed. */
const ORDER_STATUS: ReadonlyMap<number, TakeawayStatus> = new Map([
  [1, 'new'],
  [2, 'new'],
  [3, 'new'],
  [4, 'accepted'],
  [6, 'delivering'],
  [7, 'completed'],
  [8, 'completed'],
  [9, 'cancelled'],
]);

export function orderStatusFromCode(code: number | null): TakeawayStatus | undefined {
  return code === null ? undefined : ORDER_STATUS.get(code);
}

/** `orderRefund.notifyType` (and part-refund `notifyType`) → refund state. */
const REFUND_STATES: ReadonlyMap<string, RefundState> = new Map([
  ['apply', 'requested'],
  ['agree', 'agreed'],
  ['reject', 'rejected'],
  ['cancelRefund', 'withdrawn'],
  ['cancelRefundComplaint', 'withdrawn'],
]);

export function refundStateFromNotifyType(notifyType: string): RefundState | undefined {
  return REFUND_STATES.get(notifyType);
}

/**
 * Part refund `notifyType`: `part` is the request (发起部分退款; UNCERTAIN, README.md "Code
 * tables"), the rest as for full refunds (`apply` taken as a request too).
 */
export function partRefundStateFromNotifyType(notifyType: string): RefundState | undefined {
  return notifyType === 'part' ? 'requested' : REFUND_STATES.get(notifyType);
}

/**
 * Shipping status codes (push `shippingStatus`, order `logisticsStatus`) with the status the
 * order moves to. Only "picked up" and "delivered" move the order; see README.md, "Shipping".
 */
const SHIPPING: ReadonlyMap<number, { zh: string; status?: TakeawayStatus }> = new Map([
  [0, { zh: '配送单发往配送' }],
  [10, { zh: '配送单已确认' }],
  // 15 (rider at the shop) is not in the published tables; some integrations show it (README.md, "Rider status").
  [15, { zh: '骑手已到店' }],
  [20, { zh: '骑手已取餐', status: 'delivering' as const }],
  [40, { zh: '骑手已送达', status: 'completed' as const }],
  [100, { zh: '配送单已取消' }],
]);

export function shippingStatusInfo(code: number): { text: string; status: TakeawayStatus | undefined } {
  const row = SHIPPING.get(code);
  return row ? { text: row.zh, status: row.status } : { text: `未知配送状态 ${code}`, status: undefined };
}

/** Shipping status → where the rider is, in staff's words (README.md here, "Rider status"); null: not a rider step. */
export function meituanRiderStage(code: number | null): RiderStage | null {
  switch (code) {
    case 0:
      return 'sent';
    case 10:
      return 'assigned';
    case 15:
      return 'arrived';
    case 20:
      return 'picked-up';
    case 40:
      return 'delivered';
    case 100:
      return 'cancelled';
    default:
      return null;
  }
}

/** `logisticsCode` → delivery type name. `0000` is the store's own rider. */
const LOGISTICS: ReadonlyMap<string, string> = new Map([
  ['0000', '商家自配送'],
  ['0002', '趣活'],
  ['0016', '达达'],
  ['0033', 'E代送'],
  ['1001', '美团专送-加盟'],
  ['1002', '美团专送-自建'],
  ['1003', '美团配送-众包'],
  ['1004', '美团专送-城市代理'],
  ['2001', '角马'],
  ['2002', '快送'],
  ['3001', '美团专送-混合送'],
]);

export const SELF_DELIVERY_CODE = '0000';

export function logisticsName(code: string): string {
  return LOGISTICS.get(code) ?? `配送方式 ${code}`;
}

/** `poiStatus.poiStatus` values; 121/120 are UNCERTAIN (one source). */
export function poiStatusText(code: number | null): string {
  if (code === 121) return '门店已营业';
  if (code === 120) return '门店已休息';
  return `门店状态 ${code ?? '未知'}`;
}

/** `poiStatus.poiStatus` in staff's words: 121 open, 120 resting; any other code is shown as unknown. */
export function poiStatusState(code: number | null): StoreState {
  if (code === 121) return 'open';
  if (code === 120) return 'resting';
  return 'unknown';
}
