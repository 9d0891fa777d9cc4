import type { AutoAcceptDecision, PreparedMark, RiderStage } from './shop-floor.js';

/**
 * The normalized order: one shape for every platform (docs/design.md, "Normalized order").
 * Amounts are integer cents; ids are exact strings (platform ids exceed 2^53).
 */

export const PLATFORMS = ['meituan', 'eleme', 'union'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Takeaway lifecycle (meituan, eleme) and promotion lifecycle (union). */
export const TAKEAWAY_STATUSES = ['new', 'accepted', 'delivering', 'completed', 'cancelled'] as const;
export const UNION_STATUSES = ['paid', 'completed', 'refunded'] as const;
export type TakeawayStatus = (typeof TAKEAWAY_STATUSES)[number];
export type UnionStatus = (typeof UNION_STATUSES)[number];
export type OrderStatus = TakeawayStatus | UnionStatus;

export const REFUND_STATES = ['requested', 'agreed', 'rejected', 'withdrawn'] as const;
export type RefundState = (typeof REFUND_STATES)[number];

export interface RefundItem {
  name: string;
  quantity: number;
  refundCents: number | null;
}

export interface OrderRefund {
  state: RefundState;
  reason: string;
  /** true for a part refund (some items only). */
  partial: boolean;
  /** Amount refunded when the platform says (part refunds); null when unknown. */
  amountCents: number | null;
  items: RefundItem[];
  /** The customer's photos (links) sent with the request; absent on records from before. */
  photos?: string[];
}

export interface OrderItem {
  name: string;
  quantity: number;
  /** Unit price in cents, before discounts. */
  priceCents: number;
  spec: string;
  attributes: string[];
  /** Packaging boxes for this line and their unit price. */
  boxCount: number;
  boxPriceCents: number;
  /** The shop's own dish / sku code when the platform passes it. */
  sku: string;
  /** Bag index (0 = first bag) when the platform splits the order into bags. */
  bag: number;
}

export interface OrderCustomer {
  name: string;
  /** As given by the platform: may be a privacy number such as `13800000000_1234`. */
  phone: string;
  /** The address the customer typed. */
  address: string;
  /** The platform's reverse-geocoded address (Meituan: the part after `@#`). */
  addressGeo: string;
  latitude: number | null;
  longitude: number | null;
}

export interface OrderDelivery {
  /** Platform delivery type code (Meituan `logisticsCode`). */
  code: string;
  /** Human name of the delivery type (美团专送, 商家自配送 …). */
  name: string;
  /** Platform shipping status code (Meituan 0/10/20/40/100), null before any. */
  statusCode: number | null;
  statusText: string;
  riderName: string;
  riderPhone: string;
  selfDelivery: boolean;
  /** Where the rider is, in staff's words, when the platform's status says (absent/null: not known). */
  stage?: RiderStage | null;
}

/** One discount on the order and who pays it (Meituan `extras`). Cents. */
export interface OrderDiscount {
  /** The platform's words, e.g. 满30元减4元. */
  remark: string;
  /** The whole discount. */
  reduceCents: number;
  /** The part the platform pays. */
  platformCents: number;
  /** The part the shop pays. */
  shopCents: number;
}

/** One line of the shop's income breakdown (Meituan `poiReceiveDetail`). Cents. */
export interface OrderIncomeLine {
  label: string;
  cents: number;
}

/** What the shop receives and why (Meituan `poiReceiveDetail`). Cents; null = the platform did not say. */
export interface OrderIncome {
  receivableCents: number | null;
  /** What the customer paid online. */
  onlinePaymentCents: number | null;
  /** The platform's commission, charged to the shop. */
  commissionCents: number | null;
  logisticsFeeCents: number | null;
  /** Promotion money the platform pays / the shop pays. */
  platformPays: OrderIncomeLine[];
  shopPays: OrderIncomeLine[];
}

/**
 * The facts on an order that change what staff do: an invoice to write, cash to collect,
 * cutlery to pack, backup numbers to call. Absent on platforms (and stored records) without them.
 */
export interface OrderFacts {
  /** An invoice was requested (title and tax id may be empty). */
  invoice: { title: string; taxpayerId: string } | null;
  /** Cash on delivery: the rider / counter collects `totalCents`. */
  cashOnDelivery: boolean;
  /**
   * Cutlery as the platform codes it: null not chosen, 1–10 sets, -10 more than ten,
   * 0 none wanted, 'needed' (count not given).
   */
  cutlery: number | 'needed' | null;
  discounts: OrderDiscount[];
  income: OrderIncome | null;
  /** Other numbers the customer can be reached on, as given. */
  backupPhones: string[];
}

export const ORDER_FLAGS = [
  /** The push named a store this shop does not have. */
  'unknown-store',
  /** The store exists but is not bound to this platform. */
  'unbound-store',
  /** The record was created from a partial push (cancel, refund …) for an order never seen in full. */
  'partial',
  /** Accepting automatically failed after every retry. */
  'auto-accept-failed',
  /** The platform said something about the order the app does not understand (kept in its history). */
  'notice',
  /** A platform time (created, event, delivery) was far from plausible: the receipt time was used. */
  'time-implausible',
  /** The customer asked the shop to hurry (催单) and no reply is recorded yet. */
  'reminder',
] as const;
export type OrderFlag = (typeof ORDER_FLAGS)[number];

export interface OrderEvent {
  /** ISO time the event was recorded. */
  at: string;
  /** What happened, machine-readable: `pushed:new`, `pushed:confirmed`, `refund:requested`, `api:confirm` … */
  type: string;
  /** Where it came from: the callback route (`/meituan/order/new`), `api`, `auto-accept`, `staff`. */
  source: string;
  /** Human detail: cancel reason, error text, rider name … */
  detail: string;
  /** Journal sequence number of the fact that caused the event. */
  seq: number;
  /** Status after the event. */
  status: OrderStatus;
  /** Identity of the push or action that caused it: an exact duplicate is recognised by it. */
  fingerprint: string;
}

/**
 * `preorder-due`: an accepted pre-order whose cooking should start now (its lead time has come).
 * `reminder`: the customer asked the shop to hurry (催单) and has no reply yet.
 */
export const ATTENTION_REASONS = ['new-order', 'cancelled', 'refund-requested', 'auto-accept-failed', 'preorder-due', 'reminder'] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

export interface OrderAttention {
  reason: AttentionReason;
  /** ISO time the alert was raised. */
  since: string;
}

export interface AutoAcceptState {
  state: 'waiting' | 'trying' | 'done' | 'failed';
  attempts: number;
  /** ISO time of the next attempt while waiting/trying. */
  nextAt: string | null;
  lastError: string;
}

export interface Order {
  /** `${platform}:${orderId}` — the store's key. */
  key: string;
  platform: Platform;
  orderId: string;
  /** The number shown to the customer, when it differs from orderId. */
  orderIdView: string;
  storeId: string;
  storeName: string;
  /** Per-store number of the day (#7); null when unknown (partial records, union). */
  daySeq: number | null;
  status: OrderStatus;
  refund: OrderRefund | null;
  items: OrderItem[];
  totalCents: number;
  originalCents: number;
  shippingFeeCents: number;
  /** What the shop receives, when the platform says; null otherwise. */
  receivableCents: number | null;
  note: string;
  customer: OrderCustomer;
  /** Expected delivery (ISO), null = as soon as possible (尽快). */
  deliveryTime: string | null;
  preOrder: boolean;
  pickup: boolean;
  delivery: OrderDelivery | null;
  /** Invoice, cash, cutlery, discounts, income (absent when the platform gives none). */
  facts?: OrderFacts | null;
  /** Union: the promoter sub-id, commission, title. */
  promotion: { sid: string; title: string; commissionCents: number | null } | null;
  flags: OrderFlag[];
  /** Business day in the shop's time zone (YYYY-MM-DD) the order is filed under. */
  businessDay: string;
  createdAt: string;
  updatedAt: string;
  /** Something staff must see (rings until acknowledged); null once they have. */
  attention: OrderAttention | null;
  /** When staff last acknowledged an alert on this order. */
  acknowledgedAt: string | null;
  autoAccept: AutoAcceptState | null;
  /** The latest 催单 (hurry-up request): its platform id, for the reply; absent when none came. */
  reminder?: { id: string; at: string; replied: boolean } | null;
  /** 出餐 reported to the platform (by staff or the automatic rule); absent/null: not yet. */
  prepared?: PreparedMark | null;
  /** What the auto-accept rules decided for this order, when they decided. */
  autoAcceptDecision?: AutoAcceptDecision | null;
  events: OrderEvent[];
  /** The latest full payload as received (decoded form fields, JSON strings untouched). */
  raw: Record<string, unknown>;
}

export function orderKey(platform: Platform, orderId: string): string {
  return `${platform}:${orderId}`;
}
