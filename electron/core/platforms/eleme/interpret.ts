/**
 * What each verified Eleme push means (pure: the same journaled fields give the same answer,
 * live or at replay). The envelope and the message bodies are described in README.md here
 * ("Pushes", "Message types"). A missing or malformed required part is a CallbackRejected whose
 * reason names it; a type we do not handle is answered OK and kept (on its order when it
 * names one), never refused: a refusal makes the platform send it again and again.
 */
import type { OrderDelivery, OrderRefund, RefundItem } from '../../../../shared/order.js';
import type { OrderUpdate } from '../../orders/update.js';
import { CallbackRejected, type Effect } from '../types.js';
import {
  deliveryInfo,
  isDeliveryType,
  MESSAGE,
  messageTypeWords,
  orderStatusFromWord,
  refundTypeInfo,
  roleWords,
  stateChangeInfo,
} from './push-codes.js';
import {
  ElemePayloadError,
  isDowngraded,
  isoFromElemeTime,
  normalizeElemeOrder,
  orderActiveAt,
  orderIdOf,
  parseJsonObject,
} from './normalize.js';
import { elemeShopState, elemeShopWords } from './shop.js';
import { asRecord, intOf, numberOf, prop, text, type JsonRecord } from '../common/exact-json.js';
import { centsFromYuan } from '../common/money.js';
import { elemeRiderStage } from './rider-stage.js';

export type Fields = Readonly<Record<string, string>>;

export function field(fields: Fields, name: string): string {
  return Object.hasOwn(fields, name) ? (fields[name] ?? '') : '';
}

/** The push's `type` (a number, or a numeric string in one documented example). */
export function pushType(fields: Fields): number {
  const raw = field(fields, 'type').trim();
  const type = intOf(raw);
  if (type === null) throw new CallbackRejected(raw === '' ? 'missing field type' : `field type "${raw}" is not a number`);
  return type;
}

function rejectingPayloadErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ElemePayloadError) throw new CallbackRejected(err.message);
    throw err;
  }
}

/** The `message` field: a JSON object carried as a string inside the envelope. */
function messageOf(fields: Fields): JsonRecord {
  const json = field(fields, 'message');
  if (json.trim() === '') throw new CallbackRejected('missing field message');
  return rejectingPayloadErrors(() => parseJsonObject(json, 'field message'));
}

function requiredOrderId(body: JsonRecord, type: number): string {
  const id = orderIdOf(body);
  if (id === '') throw new CallbackRejected(`message of type ${type} has no orderId`);
  return id;
}

/** The Eleme shop the push is about: the body's `shopId`, else the envelope's. */
function shopIdOf(fields: Fields, body: JsonRecord): string {
  return text(prop(body, 'shopId')).trim() || field(fields, 'shopId').trim();
}

/** When the push was sent (envelope `timestamp`, ms), for bodies that carry no time of their own. */
function sentAt(fields: Fields): string {
  return isoFromElemeTime(field(fields, 'timestamp')) ?? '';
}

interface Common {
  platform: 'eleme';
  orderId: string;
  storeId: string;
  platformStoreId: string;
}

function common(fields: Fields, body: JsonRecord, type: number): Common {
  return { platform: 'eleme', orderId: requiredOrderId(body, type), storeId: '', platformStoreId: shopIdOf(fields, body) };
}

function orderEffect(update: OrderUpdate): Effect {
  return { kind: 'order', update };
}

export function interpretElemePush(fields: Fields): Effect[] {
  const type = pushType(fields);
  const body = messageOf(fields);
  if (type === MESSAGE.newOrder || type === MESSAGE.newOrderCore) return newOrder(fields, body, type);
  if (stateChangeInfo(type)) return [stateChange(fields, body, type)];
  if (refundTypeInfo(type)) return [refund(fields, body, type)];
  if (isDeliveryType(type)) return [delivery(fields, body, type)];
  if (type === MESSAGE.reminder || type === MESSAGE.reminderReplied) return reminder(fields, body, type);
  if (type === MESSAGE.revoked) return revoked(fields, body);
  if (type === MESSAGE.shopStatus) return shopStatus(fields, body, type);
  return unhandled(fields, body, type);
}

/**
 * 10: the full order. 217: only the fields needed to fulfil it; the order is shown at once from
 * them (a partial record when they hold no dishes) and fetched in full (a `fetch` effect). A
 * degraded order (money zeroed) is fetched again too. The fetched copy comes back through
 * `interpretElemePulled` into the same record.
 */
function newOrder(fields: Fields, body: JsonRecord, type: number): Effect[] {
  const warnings: string[] = [];
  const core = type === MESSAGE.newOrderCore;
  const snapshot = rejectingPayloadErrors(() =>
    normalizeElemeOrder(body, { fallbackStatus: 'new', warnings, raw: { ...fields } }),
  );
  const platformStoreId = shopIdOf(fields, body);
  const fetch = core ? 'core-fields' : isDowngraded(body) ? 'downgraded' : '';
  const base = {
    platform: 'eleme' as const,
    orderId: snapshot.orderId,
    storeId: snapshot.storeId,
    platformStoreId,
    eventType: 'pushed:new',
    at: orderActiveAt(body) || sentAt(fields),
  };
  // A core-fields push without the dishes is not yet an order staff can make: it rings as a
  // new order kept as partial until the fetched one fills it in.
  const dishes = prop(body, 'groups') !== undefined;
  const update: OrderUpdate =
    core && !dishes
      ? { ...base, kind: 'status', status: 'new', detail: '新订单只含核心字段：正在向饿了么查询完整订单' }
      : {
          ...base,
          kind: 'snapshot',
          detail: (core ? ['核心字段推送：正在向饿了么查询完整订单', ...warnings] : warnings).join('; '),
          snapshot,
        };
  const effects: Effect[] = [orderEffect(update)];
  if (fetch !== '') {
    effects.push({ kind: 'fetch', platform: 'eleme', orderIds: [snapshot.orderId], storeId: snapshot.storeId, platformStoreId, reason: fetch });
  }
  return effects;
}

/**
 * An order fetched from the API (its JSON text as journaled): the same normalization as a
 * new-order push, so the pulled and the pushed copies merge into one record.
 * Throws ElemePayloadError when the text is not an order.
 */
export function interpretElemePulled(orderJson: string): OrderUpdate {
  const order = parseJsonObject(orderJson, 'pulled order');
  const warnings: string[] = [];
  const snapshot = normalizeElemeOrder(order, { fallbackStatus: 'new', warnings, raw: { order: orderJson } });
  return {
    kind: 'snapshot',
    platform: 'eleme',
    orderId: snapshot.orderId,
    storeId: snapshot.storeId,
    platformStoreId: text(prop(order, 'shopId')).trim(),
    eventType: 'pulled',
    detail: ['已从饿了么查询到完整订单', ...warnings].join('; '),
    at: orderActiveAt(order),
    snapshot,
  };
}

/**
 * 12, 14, 15, 17, 18: the type decides the status; the body's `state` and `role` are told.
 * 15 (made invalid after acceptance) is also how Eleme answers a cancel request the shop left
 * unanswered for 15 minutes: it is the whole order called off and the customer refunded, so it
 * settles any open request as agreed (else the cancelled order would still ask staff to decide).
 */
function stateChange(fields: Fields, body: JsonRecord, type: number): Effect {
  const info = stateChangeInfo(type)!;
  const state = text(prop(body, 'state')).trim();
  const role = roleWords(intOf(prop(body, 'role')));
  const odd = state !== '' && orderStatusFromWord(state) !== info.status ? `平台状态 ${state}` : '';
  const base = {
    ...common(fields, body, type),
    detail: [info.zh, role && `操作方：${role}`, odd].filter((s) => s !== '').join(' · '),
    at: isoFromElemeTime(prop(body, 'updateTime')) ?? sentAt(fields),
  };
  if (type === MESSAGE.invalid) {
    const settled: OrderRefund = { state: 'agreed', reason: INVALID_REASON, partial: false, amountCents: null, items: [] };
    return orderEffect({ ...base, kind: 'refund', eventType: 'cancelled', refund: settled, status: 'cancelled' });
  }
  const eventType = type === MESSAGE.accepted ? 'pushed:confirmed' : type === MESSAGE.completed ? 'pushed:finished' : 'cancelled';
  return orderEffect({ ...base, kind: 'status', eventType, status: info.status });
}

export const INVALID_REASON = '订单已被饿了么置为无效，款项退还顾客（取消申请超时未处理时由平台自动同意）';

function refundItems(value: unknown): RefundItem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry): RefundItem[] => {
    const line = asRecord(entry);
    if (!line) return [];
    return [
      {
        name: text(prop(line, 'name')),
        quantity: numberOf(prop(line, 'quantity')) ?? 1,
        // The line's amount as sent (README.md, "Cancel and refund messages").
        refundCents: centsFromYuan(prop(line, 'price')),
      },
    ];
  });
}

/**
 * Cancel requests (20–26), refunds (30–36) and the part cancel 39 (README.md, "Cancel and
 * refund messages"). An agreed full one cancels the order; an agreed part one does not.
 */
function refund(fields: Fields, body: JsonRecord, type: number): Effect {
  const info = refundTypeInfo(type)!;
  const partial = type === 39 || text(prop(body, 'refundType')).trim() === 'part';
  const said = text(prop(body, 'reason')).trim();
  const reason = info.arbitration ? `顾客已申请饿了么客服仲裁${said ? `：${said}` : ''}` : said;
  const decided: OrderRefund = {
    state: info.state,
    reason,
    partial,
    amountCents: centsFromYuan(prop(body, 'totalPrice')),
    items: refundItems(prop(body, 'goodsList')),
  };
  const cancels = info.state === 'agreed' && !partial;
  return orderEffect({
    kind: 'refund',
    ...common(fields, body, type),
    eventType: `${partial ? 'part-refund' : 'refund'}:${info.state}`,
    detail: [info.zh, reason].filter((s) => s !== '').join('：'),
    at: isoFromElemeTime(prop(body, 'updateTime')) ?? sentAt(fields),
    refund: decided,
    ...(cancels ? { status: 'cancelled' as const } : {}),
  });
}

/** 51–76: the waybill's state; its code on the order is the push type. */
function delivery(fields: Fields, body: JsonRecord, type: number): Effect {
  const info = deliveryInfo(type)!;
  const riderName = text(prop(body, 'name')).trim();
  const riderPhone = text(prop(body, 'phone')).trim();
  const state = text(prop(body, 'state')).trim();
  const subState = text(prop(body, 'subState')).trim();
  const odd =
    (state !== '' && state !== info.state) || (subState !== '' && info.subState !== undefined && subState !== info.subState)
      ? `平台状态 ${[state, subState].filter((s) => s !== '').join('/')}`
      : '';
  const part: Partial<OrderDelivery> = {
    statusCode: type,
    statusText: info.zh,
    stage: elemeRiderStage(type),
    ...(riderName ? { riderName } : {}),
    ...(riderPhone ? { riderPhone } : {}),
    ...(info.selfDelivery ? { selfDelivery: true, name: '商家自配送' } : {}),
  };
  return orderEffect({
    kind: 'delivery',
    ...common(fields, body, type),
    eventType: `shipping:${type}`,
    detail: [info.zh, riderName, riderPhone, text(prop(body, 'remark')).trim(), odd].filter((s) => s !== '').join(' '),
    at: isoFromElemeTime(prop(body, 'updateAt')) ?? sentAt(fields),
    delivery: part,
    ...(info.status ? { status: info.status } : {}),
  });
}

/**
 * 45 (the customer asks the shop to hurry) and 46 (the shop's reply is recorded). The reply
 * needs the reminder's id (`remindId`; `reminderId` read too). Without an order id there is no
 * card to show it on: kept in the journal only.
 */
function reminder(fields: Fields, body: JsonRecord, type: number): Effect[] {
  const orderId = orderIdOf(body);
  if (orderId === '') return [];
  const id = text(prop(body, 'remindId')).trim() || text(prop(body, 'reminderId')).trim();
  const replied = type === MESSAGE.reminderReplied;
  const content = text(prop(body, 'content')).trim();
  return [
    orderEffect({
      kind: 'reminder',
      platform: 'eleme',
      orderId,
      storeId: '',
      platformStoreId: shopIdOf(fields, body),
      eventType: replied ? 'reminder:replied' : 'reminder',
      detail: [replied ? '已回复顾客催单' : '顾客催单，请尽快出餐并回复', content].filter((s) => s !== '').join('：'),
      at: isoFromElemeTime(prop(body, 'updateTime')) ?? sentAt(fields),
      reminder: { id, replied },
    }),
  ];
}

/** 100: the shop revoked this app's authorization; the core maps the shop to our stores. */
function revoked(fields: Fields, body: JsonRecord): Effect[] {
  const shopId = shopIdOf(fields, body);
  if (shopId === '') throw new CallbackRejected('message of type 100 names no shopId');
  return [{ kind: 'unbind', platform: 'eleme', storeIds: [], platformStoreIds: [shopId] }];
}

/**
 * 91: the shop opened or rested. The body's fields are not published: read as `getShop`
 * answers (`isOpen`, `busyLevel`; README.md here, "Open and rest"). A body with neither is
 * kept like any other unknown message; the periodic state query catches the change.
 */
function shopStatus(fields: Fields, body: JsonRecord, type: number): Effect[] {
  const shopId = shopIdOf(fields, body);
  const raw = text(prop(body, 'isOpen')).trim();
  const isOpen = raw === 'true' ? 1 : raw === 'false' ? 0 : intOf(raw);
  const busyLevel = text(prop(body, 'busyLevel')).trim();
  if (shopId === '' || (isOpen === null && busyLevel === '')) return unhandled(fields, body, type);
  const state = elemeShopState(isOpen, busyLevel);
  return [
    { kind: 'notice', platform: 'eleme', storeId: '', platformStoreId: shopId, type: 'poi-status', detail: elemeShopWords(state, isOpen, busyLevel), storeState: state, code: isOpen },
  ];
}

/**
 * Any other type: kept on its order (an event and the `notice` flag) when the body names one,
 * else only in the journal (shop audits, shop status, service-market orders).
 */
function unhandled(fields: Fields, body: JsonRecord, type: number): Effect[] {
  const orderId = orderIdOf(body);
  if (orderId === '') return [];
  return [
    orderEffect({
      kind: 'notice',
      platform: 'eleme',
      orderId,
      storeId: '',
      platformStoreId: shopIdOf(fields, body),
      eventType: `notice:eleme-${type}`,
      detail: `${messageTypeWords(type)}：本应用不识别这类消息，请在饿了么商家后台核对`,
      at: sentAt(fields),
    }),
  ];
}
