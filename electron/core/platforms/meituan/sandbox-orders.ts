/**
 * Sandbox order generator: builds Meituan order payloads exactly as they arrive on the wire
 * (README.md here, "Order JSON"; the key set follows the published push sample). The sandbox speaks
 * the wire protocol only, so nothing here knows the normalized `Order` of shared/.
 *
 * Wire quirks reproduced on purpose, because receivers must survive them:
 * - `orderId` / `orderIdView` are 17–19 digit integers (> 2^53) written as bare JSON numbers;
 *   they are kept as decimal strings here and emitted as BigInt through lossless-json.
 * - `detail`, `extras`, `poiReceiveDetail` are JSON *strings* inside the order JSON.
 * - amounts are yuan decimals (25.5) at top level and in `detail`, cents in `poiReceiveDetail`.
 */
import { stringify } from 'lossless-json';
import { ADDRESSES, CUSTOMERS, digits, DISCOUNTS, MENU, newBigId, NOTES, pick, weighted } from '../common/sandbox-data.js';

export interface SandboxDish {
  /** The shop's dish code (`app_food_code`). */
  code: string;
  name: string;
  /** Unit price in yuan. */
  price: number;
  quantity: number;
  unit: string;
  spec: string;
  /** Comma-separated attributes, e.g. `中辣,微甜`. */
  property: string;
  boxNum: number;
  boxPrice: number;
  /** Bag index, 0 = first bag. */
  cartId: number;
}

/** Everything that makes up a generated order; any field may be overridden in pushNewOrder. */
export interface SandboxOrderInput {
  orderId: string;
  orderIdView: string;
  daySeq: string;
  dishes: SandboxDish[];
  caution: string;
  recipientName: string;
  /** Often a privacy number such as `13800000000_1234`. */
  recipientPhone: string;
  /** `<typed text>@#<reverse-geocoded address>`. */
  recipientAddress: string;
  latitude: number;
  longitude: number;
  /** `0000` self delivery, `1001`/`1002` 美团专送 … (README.md here, "Code tables"). */
  logisticsCode: string;
  shippingFee: number;
  /** Total discount in yuan (0 = none) and its `extras` remark. */
  discount: number;
  discountRemark: string;
  /** 1 cash on delivery, 2 online. */
  payType: 1 | 2;
  /** Seconds; 0 = 尽快 (ASAP). */
  deliveryTime: number;
  /** 1 = 到店自取. */
  pickType: 0 | 1;
  isPre: 0 | 1;
  dinnersNumber: number;
  poiId: number;
  poiName: string;
  poiAddress: string;
  poiPhone: string;
  cityId: number;
  hasInvoiced: 0 | 1;
  invoiceTitle: string;
  taxpayerId: string;
  /** Other numbers the customer gave (`backupRecipientPhone`, sent as a JSON array string). */
  backupPhones: string[];
  /** Created, seconds. */
  ctime: number;
}

/** The mutable part of an order as the platform sees it over time (status codes: README.md here, "Code tables"). */
export interface SandboxOrderTimes {
  status: number;
  utime: number;
  orderConfirmTime: number;
  orderCompletedTime: number;
  orderCancelTime: number;
  /** Same codes as the `shippingStatus` push (0/10/20/40/100); null before any. */
  logisticsStatus: number | null;
  logisticsDispatcherName: string;
  logisticsDispatcherMobile: string;
}

const cents = (yuan: number): number => Math.round(yuan * 100);
const yuan = (c: number): number => c / 100;

function randomDishes(random: () => number): SandboxDish[] {
  const count = weighted(random, [
    [1, 3],
    [2, 4],
    [3, 2],
    [4, 1],
  ]);
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(Math.floor(random() * MENU.length));
  return [...chosen].map((i, n) => {
    const m = MENU[i]!;
    const spec = m.specs.length ? pick(random, m.specs) : '';
    return {
      code: m.code,
      name: m.name,
      price: m.price + (spec === '大份' ? 6 : 0),
      quantity: random() < 0.8 ? 1 : 2,
      unit: m.unit,
      spec,
      property: m.props.length ? pick(random, m.props) : '',
      boxNum: m.box ? 1 : 0,
      boxPrice: m.box,
      cartId: n < 3 ? 0 : 1,
    };
  });
}

/** Resolve a complete order input: random realistic values, then the caller's overrides. */
export function generateOrderInput(
  random: () => number,
  ePoiId: string,
  daySeq: string,
  nowSec: number,
  overrides: Partial<SandboxOrderInput> = {},
): SandboxOrderInput {
  const caution = overrides.caution ?? pick(random, NOTES);
  const pickup = caution.includes('到店自取');
  const addr = pick(random, ADDRESSES);
  const discount = pick(random, DISCOUNTS);
  const base: SandboxOrderInput = {
    orderId: newBigId(random),
    orderIdView: newBigId(random),
    daySeq,
    dishes: randomDishes(random),
    caution,
    recipientName: pick(random, CUSTOMERS),
    recipientPhone: `1${pick(random, ['38', '39', '58', '86', '77'])}${digits(random, 8)}_${digits(random, 4)}`,
    recipientAddress: `${addr.text}@#${addr.geo}`,
    latitude: addr.lat,
    longitude: addr.lng,
    logisticsCode: pickup
      ? '0000'
      : weighted(random, [
          ['1001', 5],
          ['1002', 3],
          ['0000', 2],
          ['1003', 1],
        ]),
    shippingFee: pickup ? 0 : pick(random, [0, 2.5, 3, 4.5, 5]),
    discount: discount.amount,
    discountRemark: discount.remark,
    payType: random() < 0.95 ? 2 : 1,
    deliveryTime: 0,
    pickType: pickup ? 1 : 0,
    isPre: 0,
    dinnersNumber: pick(random, [0, 1, 2, 99]),
    poiId: 8_000_000 + (hashCode(ePoiId) % 1_000_000),
    poiName: `湘北人家(${ePoiId})`,
    poiAddress: '湖南省长沙市芙蓉区五一大道188号',
    poiPhone: '0731-88886666',
    cityId: 430100,
    hasInvoiced: 0,
    invoiceTitle: '',
    taxpayerId: '',
    backupPhones: random() < 0.2 ? [`1${pick(random, ['38', '39', '58'])}${digits(random, 8)}_${digits(random, 4)}`] : [],
    ctime: nowSec,
  };
  // Now and then an invoice, as real days have (pre-orders come from the demo and `simulate`).
  if (random() < 0.08) Object.assign(base, invoiceOverrides(random));
  return { ...base, ...overrides };
}

/**
 * A simulated pre-order is due two hours and 20 seconds ahead: with the reminder set to 120
 * minutes before, it rings 20 seconds after it arrives (something a test can wait for).
 */
export const SIMULATED_PRE_ORDER_AHEAD_S = 2 * 3600 + 20;

/** A pre-order (`isPre` 1) for `secondsAhead` from `nowSec`. */
export function preOrderOverrides(nowSec: number, secondsAhead: number): Partial<SandboxOrderInput> {
  return { isPre: 1, deliveryTime: nowSec + secondsAhead };
}

const INVOICE_TITLES = ['长沙星城科技有限公司', '湖南麓山文化传媒有限公司', '个人'];

function invoiceOverrides(random: () => number): Partial<SandboxOrderInput> {
  const title = pick(random, INVOICE_TITLES);
  return {
    hasInvoiced: 1,
    invoiceTitle: title,
    taxpayerId: title === '个人' ? '' : `91430100MA4L${digits(random, 5)}X`,
  };
}

function hashCode(s: string): number {
  let h = 0;
  for (const ch of s) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}

/** Totals in cents, computed the way the platform's fields relate (total = paid by customer). */
export function orderAmounts(input: SandboxOrderInput): {
  foodCents: number;
  boxCents: number;
  originalCents: number;
  totalCents: number;
} {
  const foodCents = input.dishes.reduce((s, d) => s + cents(d.price) * d.quantity, 0);
  const boxCents = input.dishes.reduce((s, d) => s + cents(d.boxPrice) * d.boxNum, 0);
  const originalCents = foodCents + boxCents + cents(input.shippingFee);
  return {
    foodCents,
    boxCents,
    originalCents,
    totalCents: Math.max(0, originalCents - cents(input.discount)),
  };
}

function detailJson(input: SandboxOrderInput): string {
  return JSON.stringify(
    input.dishes.map((d) => ({
      app_food_code: d.code,
      box_num: d.boxNum,
      box_price: d.boxPrice,
      cart_id: d.cartId,
      food_discount: 1,
      food_name: d.name,
      food_property: d.property,
      price: d.price,
      quantity: d.quantity,
      sku_id: d.code + (d.spec ? `-${d.spec}` : ''),
      spec: d.spec,
      unit: d.unit,
    })),
  );
}

function extrasJson(input: SandboxOrderInput): string {
  if (!input.discount) return '[{}]'; // what the sample sends when there is no activity (README.md here)
  const mt = Math.min(cents(input.discount), 100); // Meituan subsidises up to 1 yuan here
  return JSON.stringify([
    {
      act_detail_id: 1000 + (hashCode(input.discountRemark) % 9000),
      mt_charge: yuan(mt),
      poi_charge: yuan(cents(input.discount) - mt),
      reduce_fee: input.discount,
      remark: input.discountRemark,
      type: 2,
    },
  ]);
}

function poiReceiveDetailJson(input: SandboxOrderInput): string {
  const a = orderAmounts(input);
  const discount = cents(input.discount);
  const mt = Math.min(discount, 100);
  const commission = Math.round(a.foodCents * 0.18);
  const selfDelivery = input.logisticsCode === '0000';
  const fee = (moneyCent: number) => ({
    comment: '活动款',
    feeTypeDesc: '活动款',
    feeTypeId: 10019,
    moneyCent,
  });
  return JSON.stringify({
    actOrderChargeByMt: discount ? [fee(mt)] : [],
    actOrderChargeByPoi: discount ? [fee(discount - mt)] : [],
    foodShareFeeChargeByPoi: commission,
    logisticsFee: cents(input.shippingFee),
    onlinePayment: input.payType === 2 ? a.totalCents : 0,
    wmPoiReceiveCent:
      a.foodCents + a.boxCents - (discount - mt) - commission + (selfDelivery ? cents(input.shippingFee) : 0),
  });
}

/**
 * The order as a plain value ready for lossless-json: ids as BigInt so they print as bare
 * numbers, keys in the sample's (alphabetical) order plus the lifecycle fields (README.md here, "Order JSON").
 */
export function orderValue(
  input: SandboxOrderInput,
  ePoiId: string,
  t: SandboxOrderTimes,
): Record<string, unknown> {
  const a = orderAmounts(input);
  return {
    avgSendTime: 2400.0,
    ...(input.backupPhones.length > 0 ? { backupRecipientPhone: JSON.stringify(input.backupPhones) } : {}),
    caution: input.caution,
    cityId: input.cityId,
    ctime: input.ctime,
    daySeq: input.daySeq,
    deliveryTime: input.deliveryTime,
    detail: detailJson(input),
    dinnersNumber: input.dinnersNumber,
    ePoiId,
    extras: extrasJson(input),
    hasInvoiced: input.hasInvoiced,
    invoiceTitle: input.invoiceTitle,
    isFavorites: false,
    isPoiFirstOrder: false,
    isPre: input.isPre,
    isThirdShipping: 0,
    latitude: input.latitude,
    logisticsCode: input.logisticsCode,
    logisticsDispatcherMobile: t.logisticsDispatcherMobile,
    logisticsDispatcherName: t.logisticsDispatcherName,
    logisticsStatus: t.logisticsStatus ?? 0,
    longitude: input.longitude,
    orderCancelTime: t.orderCancelTime,
    orderCompletedTime: t.orderCompletedTime,
    orderConfirmTime: t.orderConfirmTime,
    orderId: BigInt(input.orderId),
    orderIdView: BigInt(input.orderIdView),
    orderSendTime: input.ctime,
    originalPrice: yuan(a.originalCents),
    payType: input.payType,
    pickType: input.pickType,
    poiAddress: input.poiAddress,
    poiFirstOrder: false,
    poiId: input.poiId,
    poiName: input.poiName,
    poiPhone: input.poiPhone,
    poiReceiveDetail: poiReceiveDetailJson(input),
    recipientAddress: input.recipientAddress,
    recipientName: input.recipientName,
    recipientPhone: input.recipientPhone,
    shipperPhone: t.logisticsDispatcherMobile,
    shippingFee: input.shippingFee,
    status: t.status,
    taxpayerId: input.taxpayerId,
    total: yuan(a.totalCents),
    utime: t.utime,
  };
}

/** JSON text with big integers intact (JSON.stringify cannot print a BigInt). */
export function wireJson(value: unknown): string {
  const text = stringify(value);
  if (text === undefined) throw new Error('value is not serializable');
  return text;
}
