/**
 * What the order board shows and in which order — pure, so the rules a shop relies on
 * (a refund request is never hidden in another tab; `#7` is not `#17`) are tested without React.
 */
import type { Order, Platform } from '../../../shared/order.js';
import { owedReason } from '../../../shared/owed.js';
import { reminderWaiting } from '../../../shared/reminders.js';
import { PLATFORM_IDENTITIES, isTakeaway, platformsOfKind } from '../../../shared/platforms.js';
import { inGroup, type GroupKind } from '../sound/ring-schedule.js';

/**
 * Tabs of the board, in display order; ids are the e2e contract (test/e2e/SELECTORS.md). Every
 * order lives in one status tab; 催单 (`reminder`) is a view across them: the orders whose
 * customer's hurry-up request waits for a reply (they stay in their status tab too).
 */
export const TAB_IDS = ['new', 'preorder', 'preparing', 'delivering', 'reminder', 'completed', 'refund'] as const;
export type TabId = (typeof TAB_IDS)[number];

/** Only takeaway platforms belong on the board; promotion orders are commission records, not food to cook. */
export const BOARD_PLATFORMS: readonly Platform[] = platformsOfKind('takeaway');

export function isBoardOrder(order: Order): boolean {
  return isTakeaway(order.platform);
}

/** A refund the shop still has to agree to or reject. */
export function refundOpen(order: Order): boolean {
  return order.refund?.state === 'requested';
}

/**
 * The tab an order lives in. An open refund request wins over the status: a shop that
 * only watches 已接单 would otherwise miss it until the platform decides for them.
 */
export function tabOf(order: Order): TabId | null {
  if (!isBoardOrder(order)) return null;
  if (refundOpen(order)) return 'refund';
  switch (order.status) {
    case 'new':
      return 'new';
    case 'accepted':
      // An accepted pre-order waits in its own tab (its reminder says when to start cooking).
      return order.preOrder ? 'preorder' : 'preparing';
    case 'delivering':
      return 'delivering';
    case 'completed':
      return 'completed';
    case 'cancelled':
    case 'refunded':
      return 'refund';
    case 'paid':
      return null;
  }
}

export type TabCounts = Record<TabId, number>;

export function emptyCounts(): TabCounts {
  return { new: 0, preorder: 0, preparing: 0, delivering: 0, reminder: 0, completed: 0, refund: 0 };
}

export function countTabs(orders: readonly Order[]): TabCounts {
  const counts = emptyCounts();
  for (const o of orders) {
    const tab = tabOf(o);
    if (tab) counts[tab] += 1;
    if (reminderWaiting(o)) counts.reminder += 1;
  }
  return counts;
}

/** Tabs holding at least one order that owes an action or has news nobody has seen yet. */
export function tabsNeedingAttention(orders: readonly Order[]): Set<TabId> {
  const out = new Set<TabId>();
  for (const o of orders) {
    const tab = tabOf(o);
    if (tab && (o.attention || owedReason(o))) out.add(tab);
    if (o.attention?.reason === 'reminder' && reminderWaiting(o)) out.add('reminder');
  }
  return out;
}

/** The orders behind one count of the alert strip (the same predicate counted them), oldest first. */
export function ordersInGroup(orders: readonly Order[], kind: GroupKind, reason: string): Order[] {
  return orders.filter((o) => isBoardOrder(o) && inGroup(o, kind, reason)).sort(byCreated);
}

/**
 * Trimmed, lower-cased, spaces removed; full-width forms folded to plain ones (`１２` → `12`,
 * `＃` → `#`); a leading `#` is kept as a marker (see matchesSearch).
 */
export function normalizeQuery(query: string): string {
  return query.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');
}

const digitsOf = (s: string): string => s.replace(/\D/g, '');

/**
 * The takeaway platform a word in front of a pickup number names: its short mark (`美`, `mt`) or
 * the start of its name (`美团`, `饿了么`, `meituan`), from the platforms' identity lines.
 * undefined when it names none.
 */
function platformOfPrefix(prefix: string): Platform | undefined {
  const squash = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  return BOARD_PLATFORMS.find((id) => {
    const { short, label } = PLATFORM_IDENTITIES[id];
    return [short.zh, short.en].some((s) => squash(s) === prefix) || [label.zh, label.en].some((l) => squash(l).startsWith(prefix));
  });
}

/**
 * What staff say for a pickup number, reduced to its digits: `#12`, `12号`, `「12号」`, `美#12`,
 * `第12单`, `MT#12`. null when the query is not a way of saying one number.
 */
export function pickupNumberOf(q: string): { seq: number; platform: Platform | null } | null {
  const m = /^[「『"“(（]?([^\d#第「『"“(（]*?)(?:#|第|no\.?)?(\d{1,4})(?:号|单|号单)?[」』"”)）]?$/.exec(q);
  if (!m) return null;
  const prefix = m[1] ?? '';
  if (!prefix) return { seq: Number(m[2]), platform: null };
  const platform = platformOfPrefix(prefix);
  return platform ? { seq: Number(m[2]), platform } : null;
}

/** Says a pickup number in a marked way (`#12`, `12号`; a platform's mark in front counts too), not just bare digits. */
const MARKED_NUMBER = /[#号第单」「』『]/;

/**
 * Does the order match what staff typed?
 * - `#7`, `7号`, 「7号」, `美#7` → pickup number 7 only (never 17 or 70);
 * - 1–3 digits → pickup number (a bare `7` would otherwise hit nearly every long order id);
 * - 4+ digits → pickup number, phone tail (main number or privacy extension), or part of the order id;
 * - anything else → part of the order id / shown id, the customer's name or a dish, case-insensitive.
 * Full-width digits and signs count as their plain forms.
 */
export function matchesSearch(order: Order, query: string): boolean {
  const q = normalizeQuery(query);
  if (q === '' || q === '#') return true;
  const said = pickupNumberOf(q);
  if (said && (said.platform !== null || MARKED_NUMBER.test(q))) {
    return order.daySeq === said.seq && (said.platform === null || said.platform === order.platform);
  }
  const hash = q.startsWith('#');
  const body = hash ? q.slice(1) : q;
  const isNumber = /^\d+$/.test(body);
  if (isNumber && order.daySeq !== null && order.daySeq === Number(body)) return true;
  if (hash || (isNumber && body.length <= 3)) return false;
  if (isNumber && phoneTailMatches(order.customer.phone, body)) return true;
  if (order.orderId.toLowerCase().includes(body) || order.orderIdView.toLowerCase().includes(body)) return true;
  if (isNumber) return false;
  return textMatches(order.customer.name, body) || order.items.some((i) => textMatches(i.name, body));
}

const textMatches = (text: string, q: string): boolean =>
  text !== '' && text.normalize('NFKC').toLowerCase().replace(/\s+/g, '').includes(q);

function phoneTailMatches(phone: string, tail: string): boolean {
  if (phone === '') return false;
  // Privacy numbers look like `13800000000_1234`: customers may quote either part.
  return (
    phone.split(/[_,，#-]/).some((part) => digitsOf(part).endsWith(tail)) || digitsOf(phone).endsWith(tail)
  );
}

const byCreated = (a: Order, b: Order): number =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;

const byDeliveryTime = (a: Order, b: Order): number =>
  (a.deliveryTime ?? '') < (b.deliveryTime ?? '') ? -1 : (a.deliveryTime ?? '') > (b.deliveryTime ?? '') ? 1 : byCreated(a, b);

/**
 * Order within a tab: 新订单 oldest first (the one waiting longest on top); everything else
 * newest first, except that open refund requests sit on top of 退款/取消.
 */
export function sortForTab(orders: readonly Order[], tab: TabId): Order[] {
  const list = [...orders];
  if (tab === 'new') return list.sort(byCreated);
  if (tab === 'preorder') return list.sort(byDeliveryTime); // the next one due on top
  list.sort((a, b) => byCreated(b, a));
  if (tab === 'refund') list.sort((a, b) => Number(refundOpen(b)) - Number(refundOpen(a)));
  return list;
}

/** The 催单 view: every order whose 催单 waits for a reply, the one waiting longest on top. */
export function ordersWaitingReply(orders: readonly Order[]): Order[] {
  const at = (o: Order): string => o.reminder?.at ?? '';
  return orders.filter((o) => isBoardOrder(o) && reminderWaiting(o)).sort((a, b) => (at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : byCreated(a, b)));
}

/** The orders one tab shows. */
export function ordersOfTab(orders: readonly Order[], tab: TabId): Order[] {
  if (tab === 'reminder') return ordersWaitingReply(orders);
  return sortForTab(
    orders.filter((o) => tabOf(o) === tab),
    tab,
  );
}

/** Search results across every tab of the day, newest first. */
export function searchOrders(orders: readonly Order[], query: string): Order[] {
  return orders.filter((o) => isBoardOrder(o) && matchesSearch(o, query)).sort((a, b) => byCreated(b, a));
}

/** Which staff actions make sense for an order now (the core checks again). */
export interface OrderActionsAvailable {
  accept: boolean;
  cancel: boolean;
  refundDecision: boolean;
  markDelivering: boolean;
  markDelivered: boolean;
  acknowledge: boolean;
  retryAutoAccept: boolean;
}

export function availableActions(order: Order): OrderActionsAvailable {
  // The shop moves the order itself only when it delivers itself or the customer collects.
  const ownDelivery = order.delivery?.selfDelivery === true || order.pickup;
  return {
    accept: order.status === 'new',
    cancel: order.status === 'new' || order.status === 'accepted' || order.status === 'delivering',
    refundDecision: refundOpen(order),
    markDelivering: ownDelivery && order.status === 'accepted',
    markDelivered: ownDelivery && (order.status === 'accepted' || order.status === 'delivering'),
    acknowledge: order.attention !== null,
    retryAutoAccept: order.status === 'new' && order.flags.includes('auto-accept-failed'),
  };
}

/** Waiting-time urgency of a new order (Otter style: green < 3 min, amber < 8, red after). */
export type Urgency = 'ok' | 'warn' | 'late';

export function urgencyOf(order: Order, nowMs: number): Urgency | null {
  if (order.status !== 'new') return null;
  const minutes = (nowMs - Date.parse(order.createdAt)) / 60_000;
  if (!(minutes >= 3)) return 'ok';
  return minutes < 8 ? 'warn' : 'late';
}

/** When the order was accepted (its first event leaving it in 已接单), null if the record does not say. */
export function acceptedAtOf(order: Order): string | null {
  return order.events.find((e) => e.status === 'accepted')?.at ?? null;
}

/**
 * How long an accepted order has waited to go out, with the same colours as a new order's wait
 * but kitchen-sized steps: green < 15 min, amber < 25, red after. null outside 已接单.
 */
export function prepUrgencyOf(order: Order, nowMs: number): { minutes: number; urgency: Urgency } | null {
  if (order.status !== 'accepted') return null;
  const at = acceptedAtOf(order);
  if (!at) return null;
  const minutes = Math.max(0, Math.floor((nowMs - Date.parse(at)) / 60_000));
  return { minutes, urgency: minutes < 15 ? 'ok' : minutes < 25 ? 'warn' : 'late' };
}

/** History: done or called off, nothing left to decide. Shown as one line, opened on demand. */
export function isFinishedOrder(order: Order): boolean {
  const done = order.status === 'completed' || order.status === 'cancelled' || order.status === 'refunded';
  return done && !refundOpen(order);
}

/** The new order that has waited longest (the keyboard's 接单 takes it). */
export function oldestNewOrder(orders: readonly Order[]): Order | null {
  return sortForTab(orders.filter((o) => tabOf(o) === 'new'), 'new')[0] ?? null;
}
