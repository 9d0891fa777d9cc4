/**
 * Eleme order object (OOrder, as in a new-order push or an API answer) → normalized
 * `OrderSnapshot` (pure). The field facts are in README.md here ("The order object"): ids as
 * exact text, yuan floats, Beijing local times without a zone, `deliveryGeo` longitude first,
 * item names with spec and attributes folded in, money zeroed on downgraded orders.
 *
 * Lenient where a part is odd (a warning, the order kept); strict only where no order can be
 * built (the JSON is not an object, or it has no id).
 */
import type {
  OrderCustomer,
  OrderDiscount,
  OrderFacts,
  OrderIncome,
  OrderIncomeLine,
  OrderItem,
  TakeawayStatus,
} from '../../../../shared/order.js';
import type { OrderSnapshot } from '../../orders/update.js';
import { orderStatusFromWord } from './push-codes.js';
import { asRecord, intOf, numberOf, parseJsonExact, prop, text, type JsonRecord } from '../common/exact-json.js';
import { centsFromYuan } from '../common/money.js';

/** The payload cannot become an order at all (not a JSON object, no id). */
export class ElemePayloadError extends Error {
  override name = 'ElemePayloadError';
}

export function parseJsonObject(json: string, what: string): JsonRecord {
  let value: unknown;
  try {
    value = parseJsonExact(json);
  } catch (err) {
    throw new ElemePayloadError(`${what} is not valid JSON (${(err as Error).message})`);
  }
  const obj = asRecord(value);
  if (!obj) throw new ElemePayloadError(`${what} is JSON but not an object`);
  return obj;
}

/** The order id: `id`, else `orderId` (bodies other than new orders carry only `orderId`). */
export function orderIdOf(obj: JsonRecord): string {
  return (text(prop(obj, 'id')).trim() || text(prop(obj, 'orderId')).trim());
}

/** Eleme's local times are Beijing time (UTC+8) with no zone: `2017-03-06T12:28:50` (or a space). */
const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d{1,3})?$/;

/**
 * A time as Eleme writes it, to ISO: a zoneless local time is Beijing time; a time with a zone
 * is taken as written; a number is epoch seconds, or milliseconds above 1e11. null when absent
 * or unreadable.
 */
export function isoFromElemeTime(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const t = text(value).trim();
  if (t === '' || t === '0') return null;
  if (/^\d+(\.\d+)?$/.test(t)) {
    const n = Number(t);
    const d = new Date(Math.round(n > 1e11 ? n : n * 1000));
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  const m = LOCAL_TIME.exec(t);
  const d = new Date(m ? `${m[1]}T${m[2]}${m[3] ?? ''}+08:00` : t);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export interface NormalizeOptions {
  /** Status when `status` is missing or a word we do not know (the push type implies one). */
  fallbackStatus?: TakeawayStatus;
  warnings?: string[];
  /** What to keep as the order's raw payload (the envelope fields, or the pulled text). */
  raw: Record<string, unknown>;
}

export function normalizeElemeOrder(order: JsonRecord, options: NormalizeOptions): OrderSnapshot {
  const warnings = options.warnings ?? [];
  const orderId = orderIdOf(order);
  if (orderId === '') throw new ElemePayloadError('order has no id');

  const word = text(prop(order, 'status')).trim();
  let status = orderStatusFromWord(word);
  if (status === undefined) {
    if (word !== '') warnings.push(`order status ${word} is not one we know`);
    status = options.fallbackStatus ?? 'new';
  }

  const downgraded = prop(order, 'downgraded') === true;
  if (downgraded) warnings.push('降级订单：金额可能为 0，待平台恢复后以完整订单为准');
  const amount = (name: string): number => {
    const value = prop(order, name);
    const cents = centsFromYuan(value);
    if (cents === null && value !== undefined && value !== null) warnings.push(`${name} ${text(value) || 'value'} is not an amount`);
    return cents ?? 0;
  };

  const phones = phoneList(prop(order, 'phoneList'));
  return {
    platform: 'eleme',
    orderId,
    orderIdView: '',
    storeId: text(prop(order, 'openId')).trim(),
    storeName: text(prop(order, 'shopName')),
    daySeq: intOf(prop(order, 'daySn')),
    status,
    items: items(prop(order, 'groups'), warnings),
    totalCents: amount('totalPrice'),
    originalCents: amount('originalPrice'),
    shippingFeeCents: amount('deliverFee'),
    receivableCents: downgraded ? null : centsFromYuan(prop(order, 'income')),
    note: text(prop(order, 'description')),
    customer: customer(order, phones),
    deliveryTime: isoFromElemeTime(prop(order, 'deliverTime')),
    preOrder: prop(order, 'book') === true,
    pickup: false,
    delivery: null,
    facts: facts(order, phones, downgraded),
    promotion: null,
    createdAt: isoFromElemeTime(prop(order, 'createdAt')) ?? isoFromElemeTime(prop(order, 'activeAt')) ?? '',
    raw: options.raw,
  };
}

/** Platform time of a full order: when it became effective, else when it was placed. */
export function orderActiveAt(order: JsonRecord): string {
  return isoFromElemeTime(prop(order, 'activeAt')) ?? isoFromElemeTime(prop(order, 'createdAt')) ?? '';
}

/** True when the order came in degraded form (money fields zeroed) and should be read again. */
export function isDowngraded(order: JsonRecord): boolean {
  return prop(order, 'downgraded') === true;
}

function phoneList(value: unknown): string[] {
  if (!Array.isArray(value)) return text(value).trim() === '' ? [] : [text(value).trim()];
  return value.map((p) => text(p).trim()).filter((p) => p !== '');
}

function customer(order: JsonRecord, phones: string[]): OrderCustomer {
  // "lng,lat": longitude first.
  const [lng, lat] = text(prop(order, 'deliveryGeo')).split(',').map((s) => numberOf(s.trim()));
  return {
    name: text(prop(order, 'consignee')),
    phone: phones[0] ?? '',
    address: text(prop(order, 'address')),
    addressGeo: text(prop(order, 'deliveryPoiAddress')),
    latitude: lat ?? null,
    longitude: lng ?? null,
  };
}

/** Group types whose lines are not dishes to make: fees, shown in the amounts instead. */
const FEE_GROUPS = new Set(['extra']);

function items(groups: unknown, warnings: string[]): OrderItem[] {
  if (groups === undefined || groups === null) {
    warnings.push('groups is missing: no items');
    return [];
  }
  if (!Array.isArray(groups)) {
    warnings.push('groups is not a list: no items');
    return [];
  }
  let bag = -1;
  return groups.flatMap((entry, g): OrderItem[] => {
    const group = asRecord(entry);
    if (!group) {
      warnings.push(`groups[${g}] is not an object, skipped`);
      return [];
    }
    const type = text(prop(group, 'type'));
    if (FEE_GROUPS.has(type)) return [];
    if (type !== 'discount') bag += 1;
    const lines = prop(group, 'items');
    if (!Array.isArray(lines)) return [];
    return lines.flatMap((line, i): OrderItem[] => {
      const item = asRecord(line);
      if (!item) {
        warnings.push(`groups[${g}].items[${i}] is not an object, skipped`);
        return [];
      }
      return [orderItem(item, Math.max(bag, 0), type === 'discount', `groups[${g}].items[${i}]`, warnings)];
    });
  });
}

function nameValues(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((entry) => {
      const r = asRecord(entry);
      return r ? text(prop(r, 'value')).trim() : '';
    })
    .filter((v) => v !== '');
}

/**
 * The item name with spec and attributes folded in (`奶茶-大杯[少冰+五分糖]`): the trailing parts
 * are taken off only when they say exactly what the structured lists say, so nothing is lost.
 */
export function baseItemName(name: string, spec: string, attributes: readonly string[]): string {
  let out = name;
  if (attributes.length > 0 && out.endsWith(`[${attributes.join('+')}]`)) {
    out = out.slice(0, out.length - attributes.join('+').length - 2);
  }
  if (spec !== '' && out.endsWith(`-${spec}`) && out.length > spec.length + 1) out = out.slice(0, out.length - spec.length - 1);
  return out;
}

function orderItem(item: JsonRecord, bag: number, gift: boolean, where: string, warnings: string[]): OrderItem {
  const quantity = numberOf(prop(item, 'quantity'));
  if (quantity === null) warnings.push(`${where} has no quantity, 1 assumed`);
  const priceCents = centsFromYuan(prop(item, 'price'));
  if (priceCents === null) warnings.push(`${where} has no valid price`);
  const spec = nameValues(prop(item, 'newSpecs')).join('/');
  const attributes = nameValues(prop(item, 'attributes'));
  return {
    name: baseItemName(text(prop(item, 'name')), spec, attributes),
    quantity: quantity ?? 1,
    priceCents: priceCents ?? 0,
    spec,
    attributes: gift ? ['赠品', ...attributes] : attributes,
    boxCount: 0,
    boxPriceCents: 0,
    sku: text(prop(item, 'extendCode')).trim(),
    bag,
  };
}

/** Activity amounts come negative (a reduction); shown as positive cents. */
function absCents(value: unknown): number | null {
  const cents = centsFromYuan(value);
  return cents === null ? null : Math.abs(cents);
}

function facts(order: JsonRecord, phones: string[], downgraded: boolean): OrderFacts {
  return {
    invoice:
      prop(order, 'invoiced') === true
        ? { title: text(prop(order, 'invoice')).trim(), taxpayerId: text(prop(order, 'taxpayerId')).trim() }
        : null,
    cashOnDelivery: prop(order, 'onlinePaid') === false,
    cutlery: null,
    discounts: discounts(prop(order, 'orderActivities')),
    income: downgraded ? null : income(order),
    backupPhones: phones.slice(1),
  };
}

function activities(value: unknown): JsonRecord[] {
  return Array.isArray(value) ? value.map(asRecord).filter((a): a is JsonRecord => a !== undefined) : [];
}

function discounts(value: unknown): OrderDiscount[] {
  return activities(value).flatMap((a): OrderDiscount[] => {
    const reduceCents = absCents(prop(a, 'amount')) ?? 0;
    const remark = text(prop(a, 'name')).trim();
    if (reduceCents === 0 && remark === '') return [];
    return [
      {
        remark,
        reduceCents,
        platformCents: absCents(prop(a, 'elemePart')) ?? 0,
        shopCents: absCents(prop(a, 'restaurantPart')) ?? 0,
      },
    ];
  });
}

function income(order: JsonRecord): OrderIncome | null {
  const receivableCents = centsFromYuan(prop(order, 'income'));
  if (receivableCents === null) return null;
  const acts = activities(prop(order, 'orderActivities'));
  const lines = (part: string, total: string, label: string): OrderIncomeLine[] => {
    const each = acts.flatMap((a): OrderIncomeLine[] => {
      const cents = absCents(prop(a, part));
      return cents ? [{ label: text(prop(a, 'name')).trim(), cents }] : [];
    });
    if (each.length > 0) return each;
    const cents = absCents(prop(order, total));
    return cents ? [{ label, cents }] : [];
  };
  return {
    receivableCents,
    onlinePaymentCents: prop(order, 'onlinePaid') === true ? centsFromYuan(prop(order, 'totalPrice')) : null,
    commissionCents: absCents(prop(order, 'serviceFee')),
    logisticsFeeCents: null,
    platformPays: lines('elemePart', 'elemePart', '饿了么补贴'),
    shopPays: lines('restaurantPart', 'shopPart', '商家承担活动'),
  };
}
