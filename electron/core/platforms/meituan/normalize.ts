/**
 * Meituan order JSON → normalized `OrderSnapshot` (pure). The payload facts this relies on are
 * in README.md here ("Order JSON"): double-encoded `detail`/`poiReceiveDetail`, ids beyond 2^53,
 * yuan floats, `ctime`/`cTime` spellings, `@#` in addresses.
 *
 * Lenient where a part is broken (the order must not be lost: a broken nested string leaves the
 * items empty and adds a warning); strict only where no order can be built (the top-level JSON
 * does not parse, or it has no orderId).
 */
import type { OrderCustomer, OrderDelivery, OrderItem, TakeawayStatus } from '../../../../shared/order.js';
import type { OrderSnapshot } from '../../orders/update.js';
import { orderFacts } from './facts.js';
import { logisticsName, meituanRiderStage, orderStatusFromCode, SELF_DELIVERY_CODE, shippingStatusInfo } from './codes.js';
import { isoFromEpoch } from '../common/epoch.js';
import { asRecord, flagOf, intOf, numberOf, parseJsonExact, prop, propAnyCase, text, type JsonRecord } from '../common/exact-json.js';
import { centsFromYuan } from '../common/money.js';

export {
  MEITUAN_CANCEL_REASONS,
  cancelReasonName,
  orderStatusFromCode,
  refundStateFromNotifyType,
  shippingStatusInfo,
  logisticsName,
} from './codes.js';

/** The payload cannot become an order at all (bad top-level JSON, no orderId). */
export class MeituanPayloadError extends Error {
  override name = 'MeituanPayloadError';
}

export interface NormalizeOptions {
  /** Status to use when `status` is missing or a code we do not know (the push type implies one). */
  fallbackStatus?: TakeawayStatus;
  /** Collects what was wrong but recoverable (broken nested JSON, odd amounts …). */
  warnings?: string[];
}

/** Parse a JSON object payload (top-level `order`, `orderCancel` …) with exact numbers. */
export function parseJsonObject(json: string, what: string): JsonRecord {
  let value: unknown;
  try {
    value = parseJsonExact(json);
  } catch (err) {
    throw new MeituanPayloadError(`${what} is not valid JSON (${(err as Error).message})`);
  }
  const obj = asRecord(value);
  if (!obj) throw new MeituanPayloadError(`${what} is JSON but not an object`);
  return obj;
}

/**
 * A double-encoded field (`detail`, `poiReceiveDetail`, part-refund `food`): a JSON string inside
 * the JSON, or (lenient) already a structure. undefined plus a warning when it does not parse.
 */
export function parseNested(value: unknown, what: string, warnings: string[]): unknown {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return value;
  if (value.trim() === '') return undefined;
  try {
    return parseJsonExact(value);
  } catch (err) {
    warnings.push(`${what} is not valid JSON, ignored (${(err as Error).message})`);
    return undefined;
  }
}

export function normalizeOrder(
  orderJson: string,
  fields: Readonly<Record<string, string>>,
  options: NormalizeOptions = {},
): OrderSnapshot {
  return normalizeOrderObject(parseJsonObject(orderJson, 'order'), fields, options);
}

export function normalizeOrderObject(
  order: JsonRecord,
  fields: Readonly<Record<string, string>>,
  options: NormalizeOptions = {},
): OrderSnapshot {
  const warnings = options.warnings ?? [];
  const orderId = text(prop(order, 'orderId')).trim();
  if (orderId === '') throw new MeituanPayloadError('order has no orderId');

  const statusCode = intOf(prop(order, 'status'));
  let status = orderStatusFromCode(statusCode);
  if (status === undefined) {
    warnings.push(`order status ${statusCode ?? 'missing'} is not one we know`);
    status = options.fallbackStatus ?? 'new';
  }

  const amount = (name: string): number => {
    const value = prop(order, name);
    const cents = centsFromYuan(value);
    if (cents === null && value !== undefined)
      warnings.push(`${name} ${text(value) || 'value'} is not an amount`);
    return cents ?? 0;
  };

  const daySeq = intOf(prop(order, 'daySeq'));
  const formStoreId = Object.hasOwn(fields, 'ePoiId') ? fields.ePoiId : undefined;
  return {
    platform: 'meituan',
    orderId,
    orderIdView: text(prop(order, 'orderIdView')),
    storeId: text(prop(order, 'ePoiId')) || formStoreId || '',
    storeName: text(prop(order, 'poiName')),
    daySeq,
    status,
    items: items(parseNested(prop(order, 'detail'), 'detail', warnings), warnings),
    totalCents: amount('total'),
    originalCents: amount('originalPrice'),
    shippingFeeCents: amount('shippingFee'),
    receivableCents: receivable(order, warnings),
    note: text(prop(order, 'caution')),
    customer: customer(order),
    deliveryTime: isoFromEpoch(prop(order, 'deliveryTime')),
    preOrder: preOrder(order),
    pickup: intOf(prop(order, 'pickType')) === 1,
    delivery: delivery(order),
    facts: orderFacts(order, warnings),
    promotion: null,
    createdAt: isoFromEpoch(propAnyCase(order, 'ctime')) ?? '',
    raw: { ...fields },
  };
}

/** An order for a time this far after it was placed is a pre-order, even without `isPre`. */
export const PRE_ORDER_LEAD_SECONDS = 2 * 3600;

/** `isPre` 1, or an expected delivery far ahead of the order's creation (README.md, "Pre-orders"). */
function preOrder(order: JsonRecord): boolean {
  if (flagOf(prop(order, 'isPre'))) return true;
  const delivery = numberOf(prop(order, 'deliveryTime'));
  const created = numberOf(propAnyCase(order, 'ctime'));
  if (delivery === null || created === null || delivery <= 0 || created <= 0) return false;
  const [d, c] = [delivery > 1e11 ? delivery / 1000 : delivery, created > 1e11 ? created / 1000 : created];
  return d - c >= PRE_ORDER_LEAD_SECONDS;
}

/** Platform time of the snapshot (`utime`/`uTime`), ISO or ''. */
export function orderUpdatedAt(order: JsonRecord): string {
  return isoFromEpoch(propAnyCase(order, 'utime')) ?? '';
}

function items(detail: unknown, warnings: string[]): OrderItem[] {
  if (detail === undefined) {
    warnings.push('detail is missing: no items');
    return [];
  }
  if (!Array.isArray(detail)) {
    warnings.push('detail is not a list: no items');
    return [];
  }
  return detail.flatMap((entry, i): OrderItem[] => {
    const line = asRecord(entry);
    if (!line) {
      warnings.push(`detail[${i}] is not an object, skipped`);
      return [];
    }
    const quantity = numberOf(prop(line, 'quantity'));
    if (quantity === null) warnings.push(`detail[${i}] has no quantity, 1 assumed`);
    const priceCents = centsFromYuan(prop(line, 'price'));
    if (priceCents === null) warnings.push(`detail[${i}] has no valid price`);
    return [
      {
        name: text(prop(line, 'food_name')),
        quantity: quantity ?? 1,
        priceCents: priceCents ?? 0,
        spec: text(prop(line, 'spec')),
        attributes: text(prop(line, 'food_property'))
          .split(/[,，]/)
          .map((a) => a.trim())
          .filter((a) => a !== ''),
        boxCount: numberOf(prop(line, 'box_num')) ?? 0,
        boxPriceCents: centsFromYuan(prop(line, 'box_price')) ?? 0,
        sku: text(prop(line, 'app_food_code')) || text(prop(line, 'sku_id')),
        bag: intOf(prop(line, 'cart_id')) ?? 0,
      },
    ];
  });
}

/** Store receivable, already in cents: `poiReceiveDetail.wmPoiReceiveCent`, else the newer top-level field. */
function receivable(order: JsonRecord, warnings: string[]): number | null {
  const detail = asRecord(parseNested(prop(order, 'poiReceiveDetail'), 'poiReceiveDetail', warnings));
  const cents = intOf(detail ? prop(detail, 'wmPoiReceiveCent') : undefined);
  return cents ?? intOf(prop(order, 'wmPoiReceiveCent'));
}

function customer(order: JsonRecord): OrderCustomer {
  // "<what the customer typed>@#<reverse-geocoded address>" (README.md, "Order JSON").
  const full = text(prop(order, 'recipientAddress'));
  const at = full.indexOf('@#');
  return {
    name: text(prop(order, 'recipientName')),
    phone: text(prop(order, 'recipientPhone')),
    address: at < 0 ? full : full.slice(0, at),
    addressGeo: at < 0 ? '' : full.slice(at + 2),
    latitude: numberOf(prop(order, 'latitude')),
    longitude: numberOf(prop(order, 'longitude')),
  };
}

function delivery(order: JsonRecord): OrderDelivery | null {
  const raw = text(prop(order, 'logisticsCode')).trim();
  if (raw === '') return null;
  // Some integrations store the code as an int (0, 1004); the wire form is 4 digits.
  const code = /^\d{1,4}$/.test(raw) ? raw.padStart(4, '0') : raw;
  const statusCode = intOf(prop(order, 'logisticsStatus'));
  return {
    code,
    name: logisticsName(code),
    statusCode,
    statusText: statusCode === null ? '' : shippingStatusInfo(statusCode).text,
    riderName: text(prop(order, 'logisticsDispatcherName')),
    riderPhone: text(prop(order, 'logisticsDispatcherMobile')),
    selfDelivery: code === SELF_DELIVERY_CODE,
    stage: code === SELF_DELIVERY_CODE ? null : meituanRiderStage(statusCode),
  };
}
