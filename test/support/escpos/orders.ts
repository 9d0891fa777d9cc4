/**
 * Orders for ticket tests and the benchmark, built from the platforms' captured and realistic
 * fixtures through their own normalizers (so tickets see exactly what the desk stores).
 */
import { readFileSync } from 'node:fs';
import type { OrderSnapshot } from '../../../electron/core/orders/update.js';
import { normalizeElemeOrder, parseJsonObject } from '../../../electron/core/platforms/eleme/normalize.js';
import { normalizeOrder } from '../../../electron/core/platforms/meituan/normalize.js';
import type { Order } from '../../../shared/order.js';

const fixture = (path: string): string => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8');

/** A stored order around a platform snapshot: accepted, no alerts, one `pushed:new` event. */
export function orderFromSnapshot(s: OrderSnapshot, over: Partial<Order> = {}): Order {
  return {
    ...s,
    key: `${s.platform}:${s.orderId}`,
    refund: s.refund ?? null,
    status: 'accepted',
    flags: [],
    businessDay: s.createdAt.slice(0, 10),
    updatedAt: s.createdAt,
    attention: null,
    acknowledgedAt: null,
    autoAccept: null,
    events: [{ at: s.createdAt, type: 'pushed:new', source: '/meituan/order/new', detail: '', seq: 1, status: 'new', fingerprint: 'f1' }],
    ...over,
  };
}

function meituanForm(name: string): OrderSnapshot {
  const fields = Object.fromEntries(new URLSearchParams(fixture(`meituan/${name}`).trim()));
  return normalizeOrder(fields['order']!, fields, {});
}

/**
 * Meituan's full realistic push: #7, a pre-order, 小炒黄牛肉 ×2 (大份 / 中辣 / 微甜) and 米饭 ×3 in
 * two bags, a 满30元减4元 discount split platform/shop, cutlery for 2, a privacy number with an
 * extension, paid online.
 */
export function meituanFull(over: Partial<Order> = {}): Order {
  return orderFromSnapshot(meituanForm('order-full.form.txt'), over);
}

/** A real captured Meituan push: cash on delivery (￥15.00), emoji, `^_^` and newlines in the note. */
export function meituanCashCapture(over: Partial<Order> = {}): Order {
  return orderFromSnapshot(meituanForm('capture-new-cod.form.txt'), over);
}

/** Eleme's full order: #7, an invoice (title and tax id), a backup phone, gifts, two bags. */
export function elemeFull(over: Partial<Order> = {}): Order {
  const text = fixture('eleme/order-full.json').trim();
  return orderFromSnapshot(normalizeElemeOrder(parseJsonObject(text, 'order'), { warnings: [], raw: { order: text } }), over);
}
