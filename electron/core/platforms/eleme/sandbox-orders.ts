/**
 * The Eleme sandbox's orders: what an order looks like on the wire (the OOrder object: string
 * ids, shop and customer ids as bare numbers, money as yuan decimals, Beijing local times
 * without a zone) and its state machine, with the push each change sends. Pure functions over
 * a record; the sandbox class sends the pushes. It speaks the wire protocol only: nothing here
 * knows the desk's normalized order.
 *
 *   unprocessed ─confirm→ valid [12] ─delivery/self-delivery→ (waybill pushes 51–56)
 *               ─complete→ settled [18]
 *   unprocessed ─merchant or customer cancel→ invalid [14];  valid ─merchant cancel→ invalid [17]
 *   valid: customer cancel request [20] → agree [23] (invalid) / disagree [22] / withdraw [21] /
 *          no answer in time → invalid [15]
 *   settled: refund request [30] → agree [33] / disagree [32] / withdraw [31]
 *   催单 [45] → reply [46]
 */
import { LosslessNumber } from 'lossless-json';
import { ADDRESSES, CUSTOMERS, digits, MENU, newBigId, NOTES, pick, weighted } from '../common/sandbox-data.js';
import { ELEME_CANCEL_CODES, ELEME_REMINDER_REPLIES, REMINDER_CUSTOM_MAX_CHARS } from './codes.js';

export type OStatus = 'unprocessed' | 'valid' | 'invalid' | 'settled';
export type ORefundStatus = 'noRefund' | 'applied' | 'rejected' | 'successful';

export interface SandboxItem {
  id: string;
  name: string;
  /** Unit price in cents. */
  priceCents: number;
  quantity: number;
  extendCode: string;
  spec: string;
  attributes: string[];
}

export interface SandboxEOrder {
  orderId: string;
  shopId: string;
  /** The shop's own code bound on the platform (equal to the desk's store id when set up so). */
  openId: string;
  shopName: string;
  daySn: number;
  /** The customer's id (not the merchant account of the envelope). */
  customerId: string;
  items: SandboxItem[];
  deliverFeeCents: number;
  packageFeeCents: number;
  discountCents: number;
  description: string;
  consignee: string;
  phone: string;
  address: string;
  deliveryGeo: string;
  book: boolean;
  /** Seconds; 0 = as soon as possible. */
  deliverTime: number;
  downgraded: boolean;
  /** Seconds. */
  createdAt: number;
  status: OStatus;
  refundStatus: ORefundStatus;
  request: null | { kind: 'cancel' | 'refund'; reason: string; refundType: 'normal' | 'part'; totalCents: number };
  delivery: null | { state: string; subState: string; name: string; phone: string };
  selfDelivery: boolean;
  prepared: boolean;
  /** When the shop accepted it (seconds); absent on orders kept from before it was recorded. */
  confirmedAt?: number;
  reminders: { remindId: string; at: number; replied: boolean }[];
  history: { at: number; event: string; status: OStatus }[];
  /** API calls that named this order (tests). */
  apiCalls: { action: string; params: string; error: string | null }[];
}

/** A push the change asks for: message type and its body (the `message` string's object). */
export interface OrderPush {
  type: number;
  body: Record<string, unknown>;
}

export type SandboxAction =
  | { kind: 'confirm' }
  | { kind: 'cancel'; type: string; remark: string }
  | { kind: 'user-cancel'; reason: string }
  | { kind: 'request'; what: 'cancel' | 'refund'; reason: string; part?: boolean }
  | { kind: 'withdraw' }
  | { kind: 'agree' }
  | { kind: 'disagree'; reason: string }
  | { kind: 'request-timeout' }
  | { kind: 'self-delivering'; phone: string }
  | { kind: 'self-delivered'; phone: string }
  | { kind: 'delivery'; type: number; name?: string; phone?: string }
  | { kind: 'complete' }
  | { kind: 'prepared' }
  | { kind: 'remind'; remindId: string }
  | { kind: 'reply'; remindId: string; type: string; content: string };

/** Why a change is refused: the API's error code and words. */
export interface Refusal {
  code: string;
  message: string;
}

/** Waybill states of delivery push types (a subset: the ones the sandbox sends). */
const DELIVERY_TYPES: Record<number, { state: string; subState: string }> = {
  51: { state: 'tobeAssignedMerchant', subState: 'noSubstate' },
  52: { state: 'tobeAssignedCourier', subState: 'noSubstate' },
  53: { state: 'tobeFetched', subState: 'noSubstate' },
  54: { state: 'arrived', subState: 'noSubstate' },
  55: { state: 'delivering', subState: 'noSubstate' },
  56: { state: 'completed', subState: 'noSubstate' },
  57: { state: 'cancelled', subState: 'merchantReason' },
  58: { state: 'cancelled', subState: 'userReason' },
  59: { state: 'cancelled', subState: 'systemReason' },
  // The merchant switched to its own rider in Eleme's merchant app.
  71: { state: 'selfDelivery', subState: 'noSubstate' },
};

export const SANDBOX_DELIVERY_TYPES = Object.keys(DELIVERY_TYPES).map(Number);

const STATUS_ERROR = 'BIZ_ORDER_STATUS_ERROR';
const refuse = (message: string, code = STATUS_ERROR): Refusal => ({ code, message });

export interface NewOrderInput {
  shopId: string;
  openId: string;
  shopName: string;
  daySn: number;
  nowSec: number;
  overrides?: Partial<Pick<SandboxEOrder, 'items' | 'description' | 'book' | 'deliverTime' | 'downgraded' | 'deliverFeeCents' | 'discountCents'>>;
}

export function generateOrder(random: () => number, o: NewOrderInput): SandboxEOrder {
  const count = weighted(random, [
    [1, 3],
    [2, 4],
    [3, 2],
  ]);
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(Math.floor(random() * MENU.length));
  const items: SandboxItem[] = [...chosen].map((i) => {
    const m = MENU[i]!;
    const spec = m.specs.length ? pick(random, m.specs) : '';
    return {
      id: String(100000000 + Math.floor(random() * 899999999)),
      name: m.name,
      priceCents: (m.price + (spec === '大份' ? 6 : 0)) * 100,
      quantity: random() < 0.8 ? 1 : 2,
      extendCode: m.code,
      spec,
      attributes: m.props.length ? pick(random, m.props).split(',') : [],
    };
  });
  const addr = pick(random, ADDRESSES);
  const note = pick(random, NOTES);
  return {
    orderId: newBigId(random),
    shopId: o.shopId,
    openId: o.openId,
    shopName: o.shopName,
    daySn: o.daySn,
    customerId: String(10000000 + Math.floor(random() * 89999999)),
    items,
    deliverFeeCents: pick(random, [0, 300, 450, 500]),
    packageFeeCents: items.length * 100,
    discountCents: pick(random, [0, 0, 500, 300]),
    description: note,
    consignee: pick(random, CUSTOMERS),
    phone: `1${pick(random, ['38', '39', '58', '86'])}${digits(random, 8)}`,
    address: `${addr.text}(${addr.geo})`,
    deliveryGeo: `${addr.lng},${addr.lat}`,
    book: false,
    deliverTime: 0,
    downgraded: false,
    createdAt: o.nowSec,
    status: 'unprocessed',
    refundStatus: 'noRefund',
    request: null,
    delivery: null,
    selfDelivery: false,
    prepared: false,
    reminders: [],
    history: [{ at: o.nowSec, event: 'new', status: 'unprocessed' }],
    apiCalls: [],
    ...o.overrides,
  };
}

/** Yuan as the platform writes it: a JSON number with at least one decimal (`38.0`, `25.5`). */
export function yuan(cents: number): LosslessNumber {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  const whole = Math.floor(abs / 100);
  const frac = String(abs % 100).padStart(2, '0').replace(/0$/, '');
  return new LosslessNumber(`${sign}${whole}.${frac || '0'}`);
}

/** `yyyy-MM-ddTHH:mm:ss` in Beijing time, no zone (how the platform writes times). */
export function beijingTime(sec: number): string {
  return new Date((sec + 8 * 3600) * 1000).toISOString().slice(0, 19);
}

function amounts(o: SandboxEOrder): { food: number; original: number; total: number } {
  const food = o.items.reduce((s, i) => s + i.priceCents * i.quantity, 0);
  const original = food + o.packageFeeCents + o.deliverFeeCents;
  return { food, original, total: Math.max(0, original - o.discountCents) };
}

const num = (digitsText: string): LosslessNumber => new LosslessNumber(digitsText);

/** The full order object (getOrder, type 10). A downgraded order has its money fields zeroed. */
export function orderObject(o: SandboxEOrder): Record<string, unknown> {
  const a = amounts(o);
  const money = (cents: number) => yuan(o.downgraded ? 0 : cents);
  const commission = Math.round(a.food * 0.18);
  return {
    address: o.address,
    createdAt: beijingTime(o.createdAt),
    activeAt: beijingTime(o.createdAt),
    deliverFee: yuan(o.deliverFeeCents),
    vipDeliveryFeeDiscount: yuan(0),
    deliverTime: o.deliverTime ? beijingTime(o.deliverTime) : null,
    description: o.description,
    groups: [
      {
        name: '1号篮子',
        type: 'normal',
        items: o.items.map((i) => ({
          id: num(i.id),
          skuId: num('-1'),
          name: `${i.name}${i.spec ? `-${i.spec}` : ''}${i.attributes.length ? `[${i.attributes.join('+')}]` : ''}`,
          categoryId: num('1'),
          price: yuan(i.priceCents),
          quantity: i.quantity,
          total: yuan(i.priceCents * i.quantity),
          additions: [],
          newSpecs: i.spec ? [{ name: '规格', value: i.spec }] : [],
          attributes: i.attributes.map((v) => ({ name: '口味', value: v })),
          extendCode: i.extendCode,
          barCode: '',
          weight: null,
        })),
      },
      { name: '其它费用', type: 'extra', items: [{ id: num('-70000'), name: '餐盒', price: yuan(o.packageFeeCents), quantity: 1, total: yuan(o.packageFeeCents), additions: [] }] },
    ],
    invoice: null,
    invoiced: false,
    book: o.book,
    onlinePaid: true,
    railwayAddress: null,
    phoneList: [o.phone],
    shopId: num(o.shopId),
    shopName: o.shopName,
    daySn: o.daySn,
    status: o.status,
    refundStatus: o.refundStatus,
    userId: num(o.customerId),
    totalPrice: yuan(a.total),
    originalPrice: money(a.original),
    consignee: o.consignee,
    deliveryGeo: o.deliveryGeo,
    deliveryPoiAddress: o.address,
    income: money(a.total - commission - (o.selfDelivery ? 0 : o.deliverFeeCents)),
    serviceRate: o.downgraded ? yuan(0) : new LosslessNumber('0.18'),
    serviceFee: money(-commission),
    hongbao: yuan(0),
    packageFee: yuan(o.packageFeeCents),
    activityTotal: money(-o.discountCents),
    shopPart: money(-o.discountCents),
    elemePart: yuan(0),
    downgraded: o.downgraded,
    id: o.orderId,
    orderId: o.orderId,
    openId: o.openId,
  };
}

/** The core fields a type-217 push carries (the exact list is not published: an assumption). */
export function coreOrderObject(o: SandboxEOrder): Record<string, unknown> {
  const a = amounts(o);
  return {
    id: o.orderId,
    orderId: o.orderId,
    shopId: num(o.shopId),
    openId: o.openId,
    shopName: o.shopName,
    daySn: o.daySn,
    status: o.status,
    refundStatus: o.refundStatus,
    createdAt: beijingTime(o.createdAt),
    activeAt: beijingTime(o.createdAt),
    book: o.book,
    deliverTime: o.deliverTime ? beijingTime(o.deliverTime) : null,
    income: yuan(o.downgraded ? 0 : a.total),
    totalAmount: yuan(a.total),
    deliveryPackageFee: yuan(o.packageFeeCents),
    totalActivityAmount: yuan(o.downgraded ? 0 : -o.discountCents),
  };
}

function stateBody(o: SandboxEOrder, at: number, role: number): Record<string, unknown> {
  return { orderId: o.orderId, state: o.status, shopId: num(o.shopId), updateTime: at, role };
}

function requestBody(o: SandboxEOrder, at: number, reason: string): Record<string, unknown> {
  const r = o.request;
  const items = r?.refundType === 'part' ? o.items.slice(0, 1) : o.items;
  return {
    orderId: o.orderId,
    refundStatus: o.refundStatus,
    reason,
    shopId: num(o.shopId),
    goodsList: items.map((i) => ({ name: i.name, quantity: i.quantity, price: yuan(i.priceCents) })),
    refundType: r?.refundType ?? 'normal',
    totalPrice: yuan(r?.totalCents ?? amounts(o).total),
    updateTime: at,
  };
}

function deliveryBody(o: SandboxEOrder, atSec: number): Record<string, unknown> {
  const d = o.delivery!;
  return { orderId: o.orderId, shopId: num(o.shopId), state: d.state, subState: d.subState, name: d.name, phone: d.phone, updateAt: atSec * 1000, remark: null };
}

/**
 * Apply a change: the pushes it causes, or why it is refused. Mutates the order only when the
 * change is allowed.
 */
export function applyAction(o: SandboxEOrder, action: SandboxAction, at: number, source: string): OrderPush[] | Refusal {
  const pushes: OrderPush[] = [];
  const moveTo = (status: OStatus) => {
    o.status = status;
  };
  const note = (event: string) => o.history.push({ at, event: `${source}:${event}`, status: o.status });
  switch (action.kind) {
    case 'confirm':
      if (o.status !== 'unprocessed') return refuse(`订单当前状态（${o.status}）不允许该操作`);
      moveTo('valid');
      o.confirmedAt = at;
      pushes.push({ type: 12, body: stateBody(o, at, source === 'api' ? 5 : 3) });
      break;
    case 'cancel':
      if (!ELEME_CANCEL_CODES.some((c) => c.code === action.type)) return refuse(`取消原因 type 不合法：${action.type}`, 'VALIDATION_FAILED');
      if (o.status === 'unprocessed') {
        moveTo('invalid');
        pushes.push({ type: 14, body: stateBody(o, at, 3) });
      } else if (o.status === 'valid') {
        moveTo('invalid');
        pushes.push({ type: 17, body: stateBody(o, at, 3) });
      } else return refuse(`订单当前状态（${o.status}）不能取消`);
      break;
    case 'user-cancel':
      if (o.status !== 'unprocessed') return refuse('只有未接单的订单用户可以直接取消');
      moveTo('invalid');
      pushes.push({ type: 14, body: stateBody(o, at, 1) });
      break;
    case 'request': {
      if (o.request) return refuse('已有待处理的申请');
      if (action.what === 'cancel' && o.status !== 'valid') return refuse('只有已接单、未完成的订单可以申请取消');
      if (action.what === 'refund' && o.status !== 'settled') return refuse('只有已完成的订单可以申请退单');
      const part = action.part === true;
      const total = amounts(o).total;
      o.request = {
        kind: action.what,
        reason: action.reason,
        refundType: part ? 'part' : 'normal',
        totalCents: part ? (o.items[0]?.priceCents ?? 0) * (o.items[0]?.quantity ?? 1) : total,
      };
      o.refundStatus = 'applied';
      pushes.push({ type: action.what === 'cancel' ? 20 : 30, body: requestBody(o, at, action.reason) });
      break;
    }
    case 'withdraw': {
      const r = o.request;
      if (!r) return refuse('没有待处理的申请');
      o.refundStatus = 'noRefund';
      pushes.push({ type: r.kind === 'cancel' ? 21 : 31, body: requestBody(o, at, '用户撤销申请') });
      o.request = null;
      break;
    }
    case 'agree': {
      const r = o.request;
      if (!r) return refuse('没有待处理的取消或退单申请');
      o.refundStatus = 'successful';
      if (r.kind === 'cancel' || r.refundType === 'normal') moveTo('invalid');
      pushes.push({ type: r.kind === 'cancel' ? 23 : 33, body: requestBody(o, at, '商家同意') });
      o.request = null;
      break;
    }
    case 'disagree': {
      const r = o.request;
      if (!r) return refuse('没有待处理的取消或退单申请');
      if (!action.reason.trim()) return refuse('拒绝理由不能为空', 'VALIDATION_FAILED');
      o.refundStatus = 'rejected';
      pushes.push({ type: r.kind === 'cancel' ? 22 : 32, body: requestBody(o, at, action.reason) });
      o.request = null;
      break;
    }
    case 'request-timeout': {
      if (o.request?.kind !== 'cancel') return refuse('没有待处理的取消申请');
      o.refundStatus = 'successful';
      o.request = null;
      moveTo('invalid');
      pushes.push({ type: 15, body: stateBody(o, at, 2) });
      break;
    }
    case 'self-delivering':
      if (o.status !== 'valid') return refuse('只有已接单的订单可以开始配送');
      if (o.delivery && o.delivery.state !== 'tobeAssignedMerchant') return refuse('订单已在配送中');
      o.selfDelivery = true;
      o.delivery = { state: 'delivering', subState: 'noSubstate', name: '商家自送', phone: action.phone };
      pushes.push({ type: 55, body: deliveryBody(o, at) });
      break;
    case 'self-delivered':
      if (o.status !== 'valid' || !o.selfDelivery || o.delivery?.state !== 'delivering') return refuse('订单不在商家自配送中');
      o.delivery = { ...o.delivery, state: 'completed', phone: action.phone || o.delivery.phone };
      pushes.push({ type: 56, body: deliveryBody(o, at) });
      moveTo('settled');
      pushes.push({ type: 18, body: stateBody(o, at, 9) });
      break;
    case 'delivery': {
      const d = DELIVERY_TYPES[action.type];
      if (!d) return refuse(`沙箱不发送运单类型 ${action.type}`, 'VALIDATION_FAILED');
      if (o.status !== 'valid') return refuse('只有已接单的订单有运单');
      o.delivery = { state: d.state, subState: d.subState, name: action.name ?? o.delivery?.name ?? '', phone: action.phone ?? o.delivery?.phone ?? '' };
      if (action.type === 71) o.selfDelivery = true;
      pushes.push({ type: action.type, body: deliveryBody(o, at) });
      break;
    }
    case 'complete':
      if (o.status !== 'valid') return refuse('只有已接单的订单可以完结');
      if (o.delivery) o.delivery = { ...o.delivery, state: 'completed' };
      moveTo('settled');
      pushes.push({ type: 18, body: stateBody(o, at, 9) });
      break;
    case 'prepared': {
      // The platform's rules (README.md, "出餐"): platform-delivered, accepted a minute ago, before pickup, once.
      const picked = o.delivery !== null && ['delivering', 'completed'].includes(o.delivery.state);
      if (o.status === 'invalid') return refuse('订单已取消，不能出餐');
      if (o.selfDelivery) return refuse('商家自配送订单无需标记出餐');
      if (o.prepared) return refuse('订单已出餐，请勿重复操作');
      if (picked || o.status === 'settled') return refuse('骑手已取餐，不能出餐');
      if (o.status !== 'valid') return refuse('只有已接单的订单可以出餐');
      if (o.confirmedAt !== undefined && at < o.confirmedAt + 60) return refuse('接单1分钟内不能出餐');
      o.prepared = true;
      break;
    }
    case 'remind':
      if (o.status !== 'valid' && o.status !== 'unprocessed') return refuse('订单已结束，不能催单');
      o.reminders.push({ remindId: action.remindId, at, replied: false });
      pushes.push({ type: 45, body: { orderId: o.orderId, remindId: action.remindId, shopId: num(o.shopId), userId: num(o.customerId), updateTime: at } });
      break;
    case 'reply': {
      const r = o.reminders.find((x) => x.remindId === action.remindId);
      if (!r) return refuse('催单不存在', 'VALIDATION_FAILED');
      if (r.replied) return refuse('该催单已回复');
      if (!ELEME_REMINDER_REPLIES.some((k) => k.code === action.type)) return refuse(`回复类型不合法：${action.type}`, 'VALIDATION_FAILED');
      if (action.type === 'custom' && (!action.content.trim() || [...action.content].length > REMINDER_CUSTOM_MAX_CHARS))
        return refuse(`自定义回复需 1–${REMINDER_CUSTOM_MAX_CHARS} 个字`, 'VALIDATION_FAILED');
      r.replied = true;
      pushes.push({ type: 46, body: { orderId: o.orderId, remindId: action.remindId, shopId: num(o.shopId), replyType: action.type, content: action.content, updateTime: at } });
      break;
    }
  }
  note(action.kind);
  return pushes;
}

export function isRefusal(x: OrderPush[] | Refusal): x is Refusal {
  return !Array.isArray(x);
}
