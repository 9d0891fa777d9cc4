/**
 * Folding what happened into the stored order — pure, so that replaying the journal at
 * start-up rebuilds exactly what the live process had.
 *
 * Rules a shop relies on:
 * - one record per order; every distinct push appends an event; a duplicate push changes nothing;
 * - a push that arrives late never moves an order backwards (a new-order push after the
 *   confirmed one leaves it accepted); cancelled / refunded are reachable from anywhere;
 * - a push for an order never seen in full still creates a record (flag `partial`), so nothing is lost.
 */
import type {
  AttentionReason,
  AutoAcceptState,
  Order,
  OrderDelivery,
  OrderEvent,
  OrderFlag,
  OrderRefund,
  OrderStatus,
} from '../../../shared/order.js';
import { orderKey } from '../../../shared/order.js';
import type { PreparedMark } from '../../../shared/shop-floor.js';
import type { AutoAcceptDecision } from '../../../shared/shop-floor.js';
import { kindOf } from '../../../shared/platforms.js';
import { clampPlatformTimes } from './plausible-time.js';
import { NO_DELIVERY_FIELDS, type OrderUpdate } from './update.js';

const RANK: Record<OrderStatus, number> = {
  new: 0,
  accepted: 1,
  delivering: 2,
  completed: 3,
  cancelled: 9,
  paid: 0,
  refunded: 9,
};

/** True when moving from `from` to `to` is forward (or a terminal cancel/refund). */
export function isForward(from: OrderStatus, to: OrderStatus): boolean {
  if (from === to) return false;
  if (RANK[from] === 9) return false;
  return RANK[to] > RANK[from];
}

function nextStatus(from: OrderStatus, to: OrderStatus | undefined): OrderStatus {
  return to !== undefined && isForward(from, to) ? to : from;
}

/** Where a fact came from and when it was made durable (the journal's view). */
export interface FactContext {
  seq: number;
  /** ISO time the journal recorded the fact. */
  at: string;
  /** The callback route, or `api`, `auto-accept`, `staff`. */
  source: string;
  /** Identity of the push, to recognise an exact duplicate. */
  fingerprint: string;
  /** Flags the receiver decided at receipt (unknown / unbound store). */
  flags: readonly OrderFlag[];
  /** Business day for a given ISO time, in the shop's time zone. */
  dayOf(iso: string): string;
  /**
   * The platform's rule for its delivery states (PlatformModule.deliveryMayFollow): may status
   * code `next` replace `prev`? Absent: the latest always wins.
   */
  deliveryMayFollow?(prev: number, next: number): boolean;
}

export interface Reduced {
  order: Order;
  created: boolean;
  /** False for an exact duplicate: nothing was changed. */
  changed: boolean;
  /** The status before, for deciding what to ring about. */
  previousStatus: OrderStatus | null;
}

function emptyOrder(u: OrderUpdate, ctx: FactContext): Order {
  const createdAt = u.at || ctx.at;
  return {
    key: orderKey(u.platform, u.orderId),
    platform: u.platform,
    orderId: u.orderId,
    orderIdView: '',
    storeId: u.storeId,
    storeName: '',
    daySeq: null,
    // A promotion order starts paid; a takeaway order starts new.
    status: kindOf(u.platform) === 'promotion' ? 'paid' : 'new',
    refund: null,
    items: [],
    totalCents: 0,
    originalCents: 0,
    ...NO_DELIVERY_FIELDS,
    customer: { ...NO_DELIVERY_FIELDS.customer },
    promotion: null,
    flags: [],
    businessDay: ctx.dayOf(createdAt),
    createdAt,
    updatedAt: ctx.at,
    attention: null,
    acknowledgedAt: null,
    autoAccept: null,
    events: [],
    raw: {},
  };
}

function addFlags(flags: OrderFlag[], extra: readonly OrderFlag[]): OrderFlag[] {
  const out = [...flags];
  for (const f of extra) if (!out.includes(f)) out.push(f);
  return out;
}

function mergeDelivery(prev: OrderDelivery | null, next: Partial<OrderDelivery>, mayFollow: FactContext['deliveryMayFollow']): OrderDelivery {
  const base: OrderDelivery = prev ?? {
    code: '',
    name: '',
    statusCode: null,
    statusText: '',
    riderName: '',
    riderPhone: '',
    selfDelivery: false,
  };
  const merged: OrderDelivery = { ...base };
  for (const [k, v] of Object.entries(next) as [keyof OrderDelivery, OrderDelivery[keyof OrderDelivery]][]) {
    if (v === undefined || v === '') continue;
    (merged as unknown as Record<string, unknown>)[k] = v;
  }
  // Delivery states move only as the platform's own progression allows: a late push of an
  // earlier state keeps the later one.
  if (mayFollow && prev?.statusCode != null && next.statusCode != null && !mayFollow(prev.statusCode, next.statusCode)) {
    merged.statusCode = prev.statusCode;
    merged.statusText = prev.statusText;
    merged.stage = prev.stage ?? null;
  }
  return merged;
}

function mergeRefund(prev: OrderRefund | null, next: OrderRefund): OrderRefund {
  // An agreed refund is final: a late "apply" for it must not reopen the decision. After an
  // agreed part refund, though, the customer may ask again (other dishes, or everything): only
  // the same part request coming late is the old one.
  if (prev?.state === 'agreed' && next.state === 'requested') {
    if (!prev.partial || (next.partial && sameRequest(prev, next))) return prev;
  }
  return next;
}

function sameRequest(a: OrderRefund, b: OrderRefund): boolean {
  return a.partial === b.partial && a.amountCents === b.amountCents && JSON.stringify(a.items) === JSON.stringify(b.items);
}

/** A refund request staff have not been told about yet: a new one, or a different one while one is open. */
function newRequest(prev: OrderRefund | null, now: OrderRefund | null): boolean {
  if (now?.state !== 'requested') return false;
  return prev?.state !== 'requested' || !sameRequest(prev, now);
}

/** Apply one platform update. `existing` is the stored order, if any. */
export function applyUpdate(existing: Order | undefined, pushed: OrderUpdate, ctx: FactContext): Reduced {
  if (existing?.events.some((e) => e.fingerprint === ctx.fingerprint)) {
    return { order: existing, created: false, changed: false, previousStatus: existing.status };
  }
  // A 催单 the order already carries (pushed, then listed by the pull, or pushed again later): the
  // same reminder, never news twice, and a reply already given stands.
  if (existing && pushed.kind === 'reminder' && !pushed.reminder.replied && pushed.reminder.id !== '' && existing.reminder?.id === pushed.reminder.id) {
    return { order: existing, created: false, changed: false, previousStatus: existing.status };
  }
  // A platform time far off is taken as the receipt time, and said so (plausible-time.ts).
  const { update: u, implausible } = clampPlatformTimes(pushed, ctx.at);
  const created = existing === undefined;
  const prev = existing ?? { ...emptyOrder(u, ctx), flags: u.kind === 'snapshot' ? [] : (['partial'] as OrderFlag[]) };
  const flags = implausible ? addFlags(prev.flags, [...ctx.flags, 'time-implausible']) : addFlags(prev.flags, ctx.flags);
  const order: Order = { ...prev, events: [...prev.events], flags };
  let target: OrderStatus | undefined;

  switch (u.kind) {
    case 'snapshot': {
      const s = u.snapshot;
      const wasPartial = order.flags.includes('partial');
      const older = !created && !wasPartial && RANK[s.status] < RANK[prev.status];
      // A late or duplicate full push still fills in anything missing, but never regresses.
      if (created || wasPartial || !older) {
        Object.assign(order, {
          orderIdView: s.orderIdView,
          storeId: s.storeId || order.storeId,
          storeName: s.storeName || order.storeName,
          daySeq: s.daySeq ?? order.daySeq,
          items: s.items,
          totalCents: s.totalCents,
          originalCents: s.originalCents,
          shippingFeeCents: s.shippingFeeCents,
          receivableCents: s.receivableCents ?? order.receivableCents,
          note: s.note,
          customer: s.customer,
          deliveryTime: s.deliveryTime,
          preOrder: s.preOrder,
          pickup: s.pickup,
          delivery: s.delivery ? mergeDelivery(order.delivery, s.delivery, ctx.deliveryMayFollow) : order.delivery,
          promotion: s.promotion ?? order.promotion,
          raw: s.raw,
        });
        if (s.facts !== undefined) order.facts = s.facts;
        if (s.refund) order.refund = mergeRefund(order.refund, s.refund);
        if (created || wasPartial) {
          order.createdAt = s.createdAt || order.createdAt;
          if (created) order.businessDay = ctx.dayOf(order.createdAt);
        }
      }
      if (wasPartial) order.flags = order.flags.filter((f) => f !== 'partial');
      target = s.status;
      break;
    }
    case 'status':
      target = u.status;
      break;
    case 'refund':
      order.refund = mergeRefund(order.refund, u.refund);
      target = u.status;
      break;
    case 'delivery':
      order.delivery = mergeDelivery(order.delivery, u.delivery, ctx.deliveryMayFollow);
      target = u.status;
      break;
    case 'notice':
      order.flags = addFlags(order.flags, ['notice']);
      break;
    case 'reminder':
      order.reminder = { id: u.reminder.id, at: u.at || ctx.at, replied: u.reminder.replied };
      order.flags = u.reminder.replied ? order.flags.filter((f) => f !== 'reminder') : addFlags(order.flags, ['reminder']);
      // Answered elsewhere (the platform's own app): nothing left to see.
      if (u.reminder.replied && order.attention?.reason === 'reminder') order.attention = null;
      break;
  }
  if (created && target !== undefined && u.kind === 'snapshot') order.status = target;
  else order.status = nextStatus(order.status, target);
  order.updatedAt = ctx.at;
  const attention = attentionFor(created, prev, order, u);
  if (attention) order.attention = { reason: attention, since: ctx.at };
  order.events.push(event(ctx, u.eventType, u.detail, order.status));
  return { order, created, changed: true, previousStatus: created ? null : prev.status };
}

/** What a shop must be told about, loudly: new orders, cancels and refund requests ring (takeaway only). */
function attentionFor(created: boolean, prev: Order, order: Order, u: OrderUpdate): AttentionReason | null {
  if (kindOf(order.platform) !== 'takeaway') return null;
  const cancelledNow = order.status === 'cancelled' && prev.status !== 'cancelled';
  // The platform cancels an order once its refund is agreed; when staff agreed it here, that
  // cancellation is their own decision coming back, not news.
  const ourRefund = u.kind === 'refund' && prev.refund?.state === 'agreed';
  if (cancelledNow && !created && !ourRefund) return 'cancelled';
  if (u.kind === 'refund' && newRequest(prev.refund, order.refund)) return 'refund-requested';
  // A 催单 is news to see (and answer); it does not hide a cancel staff have not seen yet.
  if (u.kind === 'reminder' && !u.reminder.replied && prev.attention?.reason !== 'cancelled') return 'reminder';
  if (created) return order.status === 'cancelled' ? 'cancelled' : order.status === 'completed' ? null : 'new-order';
  return null;
}

function event(ctx: FactContext, type: string, detail: string, status: OrderStatus): OrderEvent {
  return { at: ctx.at, type, source: ctx.source, detail, seq: ctx.seq, status, fingerprint: ctx.fingerprint };
}

/** What the app itself did to an order (API calls, auto-accept, staff). Journaled like callbacks. */
export type OrderAction =
  /** `prepared`: 出餐 reported (by staff or the automatic rule): `Order.prepared` is set at the journal's time. */
  | { kind: 'api-ok'; call: string; status?: OrderStatus; refund?: OrderRefund; detail: string; reminderReplied?: boolean; prepared?: PreparedMark['by'] }
  | { kind: 'api-failed'; call: string; detail: string }
  | { kind: 'auto-accept'; state: AutoAcceptState; detail: string }
  /** What the store's auto-accept rules decided when the order came in (floor/accept-rules.ts). */
  | { kind: 'auto-accept-decision'; decision: AutoAcceptDecision }
  | { kind: 'acknowledge' }
  /**
   * A pre-order's cooking reminder: `due` when its lead time has come (raised by a counter
   * window, which owns the lead setting), `started` when staff say cooking has begun. Both are
   * kept as events carrying the delivery time they were for: a changed time is a new reminder.
   */
  | { kind: 'cooking'; step: 'due' | 'started' }
  /** A pickup order's food is ready (「已备好」): kept here only, the platform has no 出餐 for it. */
  | { kind: 'ready-local' };

export function applyAction(existing: Order, action: OrderAction, ctx: FactContext): Reduced {
  if (existing.events.some((e) => e.fingerprint === ctx.fingerprint)) {
    return { order: existing, created: false, changed: false, previousStatus: existing.status };
  }
  const order: Order = { ...existing, events: [...existing.events] };
  switch (action.kind) {
    case 'api-ok':
      order.status = nextStatus(order.status, action.status);
      if (action.refund) order.refund = action.refund;
      if (action.prepared) order.prepared = { at: ctx.at, by: action.prepared };
      if (action.reminderReplied && order.reminder) {
        order.reminder = { ...order.reminder, replied: true };
        order.flags = order.flags.filter((f) => f !== 'reminder');
      }
      // Staff acted on it, so they have seen it: stop ringing. (An automatic accept has not
      // been seen by anyone and keeps ringing until someone looks.)
      if (ctx.source === 'staff' && order.attention) {
        order.attention = null;
        order.acknowledgedAt = ctx.at;
      }
      order.events.push(event(ctx, `api:${action.call}`, action.detail, order.status));
      break;
    case 'api-failed':
      order.events.push(event(ctx, `api-failed:${action.call}`, action.detail, order.status));
      break;
    case 'auto-accept': {
      order.autoAccept = action.state;
      if (action.state.state === 'failed') {
        order.flags = addFlags(order.flags, ['auto-accept-failed']);
        order.attention = { reason: 'auto-accept-failed', since: ctx.at };
      }
      if (action.state.state === 'done') order.flags = order.flags.filter((f) => f !== 'auto-accept-failed');
      order.events.push(event(ctx, `auto-accept:${action.state.state}`, action.detail, order.status));
      break;
    }
    case 'auto-accept-decision':
      order.autoAcceptDecision = action.decision;
      order.events.push(event(ctx, 'auto-accept:decision', action.decision.reason, order.status));
      break;
    case 'cooking': {
      const unchanged = { order: existing, created: false, changed: false, previousStatus: existing.status };
      const when = order.deliveryTime;
      if (!order.preOrder || when === null) return unchanged;
      const has = (type: string): boolean => order.events.some((e) => e.type === type && e.detail === when);
      if (has('cooking:started')) return unchanged;
      if (action.step === 'due') {
        if (has('cooking:due') || order.status !== 'accepted') return unchanged;
        order.attention = { reason: 'preorder-due', since: ctx.at };
      } else if (order.attention?.reason === 'preorder-due') {
        order.attention = null;
        order.acknowledgedAt = ctx.at;
      }
      order.events.push(event(ctx, `cooking:${action.step}`, when, order.status));
      break;
    }
    case 'ready-local':
      if (order.prepared) return { order: existing, created: false, changed: false, previousStatus: existing.status };
      order.prepared = { at: ctx.at, by: ctx.source === 'auto-prepare' ? 'auto' : 'staff' };
      order.events.push(event(ctx, 'ready:local', '已备好（到店自取）', order.status));
      break;
    case 'acknowledge':
      if (order.attention === null) return { order: existing, created: false, changed: false, previousStatus: existing.status };
      order.attention = null;
      order.acknowledgedAt = ctx.at;
      order.events.push(event(ctx, 'acknowledged', '', order.status));
      break;
  }
  order.updatedAt = ctx.at;
  return { order, created: false, changed: true, previousStatus: existing.status };
}
