/**
 * What each verified Meituan push means (pure; also run when the journal is replayed). Payload
 * shapes: README.md here ("Pushes"). A missing or malformed required field is a
 * CallbackRejected whose reason names the field; recoverable oddities go into the event detail.
 */
import type { OrderRefund, RefundItem, TakeawayStatus } from '../../../../shared/order.js';
import type { OrderUpdate } from '../../orders/update.js';
import { CallbackRejected, type Effect } from '../types.js';
import {
  cancelCodeWords,
  meituanRiderStage,
  partRefundStateFromNotifyType,
  poiStatusState,
  poiStatusText,
  refundStateFromNotifyType,
  shippingStatusInfo,
} from './codes.js';
import {
  MeituanPayloadError,
  normalizeOrderObject,
  orderUpdatedAt,
  parseJsonObject,
  parseNested,
} from './normalize.js';
import { isoFromEpoch } from '../common/epoch.js';
import { asRecord, intOf, numberOf, prop, text, type JsonRecord } from '../common/exact-json.js';
import { centsFromYuan } from '../common/money.js';

export type Fields = Readonly<Record<string, string>>;

export function field(fields: Fields, name: string): string {
  return Object.hasOwn(fields, name) ? (fields[name] ?? '') : '';
}

function required(fields: Fields, name: string): string {
  const value = field(fields, name);
  if (value.trim() === '') throw new CallbackRejected(`missing field ${name}`);
  return value;
}

/** normalize.ts's "cannot be an order" becomes this callback's rejection, reason unchanged. */
function rejectingPayloadErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof MeituanPayloadError) throw new CallbackRejected(err.message);
    throw err;
  }
}

/** A required form field holding a JSON object (`order`, `orderCancel` …). */
function payload(fields: Fields, name: string): JsonRecord {
  const json = required(fields, name);
  return rejectingPayloadErrors(() => parseJsonObject(json, `field ${name}`));
}

function orderIdOf(obj: JsonRecord, name: string): string {
  const id = text(prop(obj, 'orderId')).trim();
  if (id === '') throw new CallbackRejected(`field ${name} has no orderId`);
  return id;
}

function orderEffect(update: OrderUpdate): Effect[] {
  return [{ kind: 'order', update }];
}

const PUSHED_STATUS = { new: 'new', confirmed: 'accepted', finished: 'completed' } as const;

/** new / confirmed / finished: a full order in `order`. */
export function interpretOrder(fields: Fields, push: keyof typeof PUSHED_STATUS): Effect[] {
  const order = payload(fields, 'order');
  const warnings: string[] = [];
  const snapshot = rejectingPayloadErrors(() =>
    normalizeOrderObject(order, fields, { fallbackStatus: PUSHED_STATUS[push], warnings }),
  );
  return orderEffect({
    kind: 'snapshot',
    platform: 'meituan',
    orderId: snapshot.orderId,
    storeId: snapshot.storeId,
    eventType: `pushed:${push}`,
    detail: warnings.join('; '),
    at: orderUpdatedAt(order),
    snapshot,
  });
}

/**
 * An order fetched by pull recovery (queryById's JSON text, as journaled). The same
 * normalization as a new-order push, so a pulled and a pushed copy merge into one record.
 * Throws MeituanPayloadError when the text is not an order.
 */
export function interpretPulledOrder(orderJson: string): OrderUpdate {
  const order = parseJsonObject(orderJson, 'pulled order');
  const warnings: string[] = [];
  const snapshot = normalizeOrderObject(order, { order: orderJson }, { fallbackStatus: 'new', warnings });
  return {
    kind: 'snapshot',
    platform: 'meituan',
    orderId: snapshot.orderId,
    storeId: snapshot.storeId,
    eventType: 'pulled',
    detail: ['补单：推送未送达，已从平台查询到', ...warnings].join('; '),
    at: orderUpdatedAt(order),
    snapshot,
  };
}

export function interpretCancelled(fields: Fields): Effect[] {
  const cancel = payload(fields, 'orderCancel');
  const reason = text(prop(cancel, 'reason')).trim();
  const code = intOf(prop(cancel, 'reasonCode'));
  const codeText = code === null ? '' : `${code} ${cancelCodeWords(code)}`;
  const detail = reason && codeText ? `${reason} (${codeText})` : reason || codeText;
  return orderEffect({
    kind: 'status',
    platform: 'meituan',
    orderId: orderIdOf(cancel, 'orderCancel'),
    storeId: field(fields, 'ePoiId'),
    eventType: 'cancelled',
    detail,
    at: '',
    status: 'cancelled',
  });
}

/**
 * A notifyType we do not know is kept on the order (an event in its history and a flag on its
 * card) rather than rejected: rejecting makes Meituan push it again forever, and dropping it
 * could hide a refund from staff. The refund itself is left as it was.
 */
function unknownRefund(fields: Fields, orderId: string, notifyType: string, reason: string, part: boolean): Effect[] {
  const what = part ? '部分退款' : '退款';
  const detail = `美团${what}通知类型「${notifyType}」无法识别，请在美团商家后台核对${reason ? `；原因：${reason}` : ''}`;
  return orderEffect({
    kind: 'notice',
    platform: 'meituan',
    orderId,
    storeId: field(fields, 'ePoiId'),
    eventType: `notice:${part ? 'part-refund' : 'refund'}:${notifyType}`,
    detail,
    at: '',
  });
}

/** Full refund events; an agreed full refund cancels the order. */
export function interpretRefund(fields: Fields): Effect[] {
  const body = payload(fields, 'orderRefund');
  const orderId = orderIdOf(body, 'orderRefund');
  const notifyType = text(prop(body, 'notifyType')).trim();
  if (notifyType === '') throw new CallbackRejected('field orderRefund has no notifyType');
  const reason = text(prop(body, 'reason'));
  const state = refundStateFromNotifyType(notifyType);
  if (!state) return unknownRefund(fields, orderId, notifyType, reason, false);
  const refund: OrderRefund = {
    state,
    reason,
    partial: false,
    amountCents: null,
    items: [],
    ...photosOf(prop(body, 'pictures')),
  };
  const status: TakeawayStatus | undefined = state === 'agreed' ? 'cancelled' : undefined;
  return orderEffect({
    kind: 'refund',
    platform: 'meituan',
    orderId,
    storeId: field(fields, 'ePoiId'),
    eventType: `refund:${state}`,
    detail: refund.reason,
    at: '',
    refund,
    ...(status ? { status } : {}),
  });
}

/** Part refunds come as flat fields; `money` in yuan, `food` a JSON array string. */
export function interpretPartRefund(fields: Fields): Effect[] {
  const orderId = required(fields, 'orderId').trim();
  const notifyType = required(fields, 'notifyType').trim();
  const state = partRefundStateFromNotifyType(notifyType);
  if (!state) return unknownRefund(fields, orderId, notifyType, field(fields, 'reason'), true);
  const notes: string[] = [];
  const money = field(fields, 'money');
  const amountCents = money.trim() === '' ? null : centsFromYuan(money);
  if (money.trim() !== '' && amountCents === null) notes.push(`money "${money}" is not an amount`);
  const food = parseNested(field(fields, 'food'), 'food', notes);
  if (food !== undefined && !Array.isArray(food)) notes.push('food is not a list, ignored');
  const refund: OrderRefund = {
    state,
    reason: field(fields, 'reason'),
    partial: true,
    amountCents,
    items: Array.isArray(food) ? food.map(refundItem) : [],
    ...photosOf(field(fields, 'pictures')),
  };
  return orderEffect({
    kind: 'refund',
    platform: 'meituan',
    orderId,
    storeId: field(fields, 'ePoiId'),
    eventType: `part-refund:${state}`,
    detail: [refund.reason, ...notes].filter((s) => s !== '').join('; '),
    at: '',
    refund,
  });
}

/**
 * `pictures` on a refund: the customer's photos as links — a JSON array (or its text) or a
 * comma list (README.md, "Refund photos"). Only http(s) links are kept: they are opened.
 */
function photosOf(value: unknown): { photos?: string[] } {
  let list: unknown = value;
  if (typeof value === 'string') {
    const t = value.trim();
    list = t.startsWith('[') ? parseNested(t, 'pictures', []) : t.split(',');
  }
  if (!Array.isArray(list)) return {};
  const photos = list.map((p) => text(p).trim()).filter((p) => /^https?:\/\/\S+$/i.test(p));
  return photos.length > 0 ? { photos } : {};
}

function refundItem(entry: unknown): RefundItem {
  const line = asRecord(entry) ?? {};
  const refundCents = centsFromYuan(prop(line, 'refund_price'));
  return {
    name: text(prop(line, 'food_name')),
    quantity: numberOf(prop(line, 'count')) ?? numberOf(prop(line, 'quantity')) ?? 1,
    refundCents,
  };
}

export function interpretShipping(fields: Fields): Effect[] {
  const body = payload(fields, 'shippingStatus');
  const code = intOf(prop(body, 'shippingStatus'));
  if (code === null) throw new CallbackRejected('field shippingStatus has no numeric shippingStatus');
  const info = shippingStatusInfo(code);
  const riderName = text(prop(body, 'dispatcherName'));
  const riderPhone = text(prop(body, 'dispatcherMobile'));
  return orderEffect({
    kind: 'delivery',
    platform: 'meituan',
    orderId: orderIdOf(body, 'shippingStatus'),
    storeId: field(fields, 'ePoiId'),
    eventType: `shipping:${code}`,
    detail: [info.text, riderName, riderPhone].filter((s) => s !== '').join(' '),
    at: isoFromEpoch(prop(body, 'time')) ?? '',
    delivery: {
      statusCode: code,
      statusText: info.text,
      stage: meituanRiderStage(code),
      ...(riderName ? { riderName } : {}),
      ...(riderPhone ? { riderPhone } : {}),
    },
    ...(info.status ? { status: info.status } : {}),
  });
}

/** Waimai is business line 2; anything else is about another Meituan business of the store. */
function isWaimai(fields: Fields): boolean {
  const businessId = field(fields, 'businessId').trim();
  return businessId === '' || businessId === '2';
}

export function interpretBound(fields: Fields): Effect[] {
  const storeId = required(fields, 'ePoiId').trim();
  const token = required(fields, 'appAuthToken');
  if (!isWaimai(fields)) {
    throw new CallbackRejected(
      `businessId ${field(fields, 'businessId')} is not 2 (外卖): this app binds Waimai only`,
    );
  }
  return [
    {
      kind: 'bind',
      platform: 'meituan',
      storeId,
      token,
      platformStoreId: field(fields, 'poiId'),
      platformStoreName: field(fields, 'poiName'),
    },
  ];
}

/**
 * Not Meituan's: set by the unbind route's check on an unsigned unbind, naming the stores this
 * app did not open the unbind page for (README.md here, "Binding").
 */
export const UNVOUCHED_FIELD = 'x-desk-unvouched';

/** Store ids of an unbind: `ePoiId` or `epoiId` (sources disagree), possibly comma-separated. */
export function unboundStoreIds(fields: Fields): string[] {
  const raw = field(fields, 'ePoiId') || field(fields, 'epoiId');
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function interpretUnbound(fields: Fields): Effect[] {
  const storeIds = unboundStoreIds(fields);
  if (storeIds.length === 0) throw new CallbackRejected('missing field ePoiId (or epoiId)');
  if (!isWaimai(fields)) {
    // Unbinding another business line must not drop our Waimai token; keep it visible instead.
    const detail = `businessId ${field(fields, 'businessId')} unbound; Waimai binding kept`;
    return storeIds.map((storeId) => ({
      kind: 'notice',
      platform: 'meituan',
      storeId,
      type: 'unbind-other-business',
      detail,
    }));
  }
  // Unsigned and not asked for here (routes.ts marks it): Meituan is asked before anything is dropped.
  const unvouched = new Set(field(fields, UNVOUCHED_FIELD).split(',').filter((s) => s !== ''));
  if (unvouched.size === 0) return [{ kind: 'unbind', platform: 'meituan', storeIds }];
  return [
    {
      kind: 'unbind',
      platform: 'meituan',
      storeIds: storeIds.filter((id) => !unvouched.has(id)),
      unconfirmedStoreIds: storeIds.filter((id) => unvouched.has(id)),
    },
  ];
}

export function interpretPoiStatus(fields: Fields): Effect[] {
  const body = payload(fields, 'poiStatus');
  const code = intOf(prop(body, 'poiStatus'));
  const detail = [poiStatusText(code), text(prop(body, 'reason')), text(prop(body, 'operateUser'))]
    .filter((s) => s !== '')
    .join(' · ');
  const storeId = text(prop(body, 'ePoiId')) || field(fields, 'ePoiId');
  return [
    { kind: 'notice', platform: 'meituan', storeId, type: 'poi-status', detail, storeState: poiStatusState(code), code },
  ];
}

/**
 * The privacy-number service is downgraded (README.md, "Store status and privacy numbers"). The push
 * names no store (storeId '' = every Meituan store), unless it carries an `ePoiId`.
 */
export function interpretPrivacyDowngrade(fields: Fields): Effect[] {
  return [
    {
      kind: 'notice',
      platform: 'meituan',
      storeId: field(fields, 'ePoiId').trim(),
      type: 'privacy-downgrade',
      detail: '美团隐私号降级：虚拟号码可能打不通，顾客真实号码要从美团拉取或在美团商家后台查看',
    },
  ];
}
