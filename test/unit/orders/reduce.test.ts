import { describe, expect, it } from 'vitest';
import type { Order } from '../../../shared/order.js';
import type { FactContext } from '../../../electron/core/orders/reduce.js';
import { applyAction, applyUpdate, isForward } from '../../../electron/core/orders/reduce.js';
import type { OrderSnapshot, OrderUpdate } from '../../../electron/core/orders/update.js';
import { meituan } from '../../../electron/core/platforms/meituan/index.js';

let seq = 0;
const ctx = (fingerprint: string, flags: FactContext['flags'] = []): FactContext => ({
  seq: ++seq,
  at: `2026-11-25T04:00:${String(seq % 60).padStart(2, '0')}.000Z`,
  source: '/meituan/order/new',
  fingerprint,
  flags,
  dayOf: (iso) => iso.slice(0, 10),
});

const snapshot = (status: Order['status'], extra: Partial<OrderSnapshot> = {}): OrderSnapshot => ({
  platform: 'meituan',
  orderId: '27061900338318741',
  orderIdView: '27061900338318741',
  storeId: 'store-1',
  storeName: '湘北人家',
  daySeq: 7,
  status,
  items: [{ name: '小炒黄牛肉', quantity: 1, priceCents: 4800, spec: '大份', attributes: ['中辣'], boxCount: 1, boxPriceCents: 100, sku: 'D1', bag: 0 }],
  totalCents: 4900,
  originalCents: 5200,
  shippingFeeCents: 300,
  receivableCents: 4100,
  note: '少辣',
  customer: { name: '张先生', phone: '13800000000_1234', address: 'a', addressGeo: 'b', latitude: null, longitude: null },
  deliveryTime: null,
  preOrder: false,
  pickup: false,
  delivery: null,
  promotion: null,
  createdAt: '2026-11-25T03:59:00.000Z',
  raw: {},
  ...extra,
});

const snap = (status: Order['status'], type: string): OrderUpdate => ({
  kind: 'snapshot',
  platform: 'meituan',
  orderId: '27061900338318741',
  storeId: 'store-1',
  eventType: type,
  detail: '',
  at: '',
  snapshot: snapshot(status),
});

describe('applyUpdate', () => {
  it('creates one record from a new-order push and rings for it', () => {
    const r = applyUpdate(undefined, snap('new', 'pushed:new'), ctx('a'));
    expect(r.created).toBe(true);
    expect(r.order.key).toBe('meituan:27061900338318741');
    expect(r.order.status).toBe('new');
    expect(r.order.attention?.reason).toBe('new-order');
    expect(r.order.businessDay).toBe('2026-11-25');
    expect(r.order.events.map((e) => e.type)).toEqual(['pushed:new']);
  });

  it('changes nothing for an exact duplicate', () => {
    const first = applyUpdate(undefined, snap('new', 'pushed:new'), ctx('same')).order;
    const again = applyUpdate(first, snap('new', 'pushed:new'), ctx('same'));
    expect(again.changed).toBe(false);
    expect(again.order).toBe(first);
  });

  it('never moves an order backwards when a new-order push arrives after the confirmed one', () => {
    const confirmed = applyUpdate(undefined, snap('accepted', 'pushed:confirmed'), ctx('c')).order;
    const late = applyUpdate(confirmed, snap('new', 'pushed:new'), ctx('n')).order;
    expect(late.status).toBe('accepted');
    expect(late.events.map((e) => e.type)).toEqual(['pushed:confirmed', 'pushed:new']);
  });

  it('creates a partial record for a cancel of an unseen order, completed by the full push later', () => {
    const cancel: OrderUpdate = { kind: 'status', platform: 'meituan', orderId: '27061900338318741', storeId: 'store-1', eventType: 'cancelled', detail: '用户取消', at: '', status: 'cancelled' };
    const partial = applyUpdate(undefined, cancel, ctx('x')).order;
    expect(partial.flags).toContain('partial');
    expect(partial.status).toBe('cancelled');
    expect(partial.attention?.reason).toBe('cancelled');
    const full = applyUpdate(partial, snap('new', 'pushed:new'), ctx('y')).order;
    expect(full.flags).not.toContain('partial');
    expect(full.items).toHaveLength(1);
    expect(full.status).toBe('cancelled');
  });

  it('keeps an agreed refund final and rings for a refund request', () => {
    let o = applyUpdate(undefined, snap('accepted', 'pushed:confirmed'), ctx('1')).order;
    const refund = (state: 'requested' | 'agreed', fp: string): Order =>
      applyUpdate(o, { kind: 'refund', platform: 'meituan', orderId: o.orderId, storeId: 'store-1', eventType: `refund:${state}`, detail: '', at: '', refund: { state, reason: '洒了', partial: false, amountCents: null, items: [] }, ...(state === 'agreed' ? { status: 'cancelled' as const } : {}) }, ctx(fp)).order;
    o = refund('requested', '2');
    expect(o.attention?.reason).toBe('refund-requested');
    o = refund('agreed', '3');
    expect(o.status).toBe('cancelled');
    o = refund('requested', '4');
    expect(o.refund?.state).toBe('agreed');
  });

  it('rings for a part refund request like a full one, keeps the order going, and rings again for a new request', () => {
    let o = applyUpdate(undefined, snap('accepted', 'pushed:confirmed'), ctx('p0')).order;
    o = applyAction(o, { kind: 'acknowledge' }, ctx('p0a')).order;
    const items = [{ name: '小炒黄牛肉', quantity: 1, refundCents: 4800 }];
    const part = (state: 'requested' | 'agreed', fp: string, amountCents = 4800, partial = true): Order =>
      applyUpdate(o, { kind: 'refund', platform: 'meituan', orderId: o.orderId, storeId: 'store-1', eventType: `part-refund:${state}`, detail: '缺货', at: '', refund: { state, reason: '缺货', partial, amountCents, items: partial ? items : [] } }, ctx(fp)).order;
    o = part('requested', 'p1');
    expect(o.attention?.reason).toBe('refund-requested');
    expect(o.refund).toEqual({ state: 'requested', reason: '缺货', partial: true, amountCents: 4800, items });
    expect(o.status).toBe('accepted');
    o = applyAction(o, { kind: 'api-ok', call: 'agreeRefund', refund: { ...o.refund!, state: 'agreed' }, detail: '' }, { ...ctx('p2'), source: 'staff' }).order;
    expect(o.attention).toBeNull();
    // The same request pushed again late does not reopen the decision…
    o = part('requested', 'p3');
    expect(o.refund?.state).toBe('agreed');
    expect(o.attention).toBeNull();
    // …but the customer asking again (another amount) is a new request, and so is a full refund.
    o = part('requested', 'p4', 1200);
    expect(o.refund).toMatchObject({ state: 'requested', amountCents: 1200 });
    expect(o.attention?.reason).toBe('refund-requested');
    o = applyAction(o, { kind: 'acknowledge' }, ctx('p5')).order;
    o = part('requested', 'p6', 9900, false);
    expect(o.refund).toMatchObject({ state: 'requested', partial: false });
    expect(o.attention?.reason).toBe('refund-requested');
    expect(o.status).toBe('accepted');
  });

  it('keeps a notice it does not understand as an event and a flag, changing nothing else', () => {
    const o = applyUpdate(undefined, snap('accepted', 'pushed:confirmed'), ctx('n0')).order;
    const r = applyUpdate(o, { kind: 'notice', platform: 'meituan', orderId: o.orderId, storeId: 'store-1', eventType: 'notice:refund:appeal', detail: '退款通知类型「appeal」无法识别', at: '' }, ctx('n1'));
    expect(r.changed).toBe(true);
    expect(r.order.flags).toEqual(['notice']);
    expect(r.order.events.at(-1)).toMatchObject({ type: 'notice:refund:appeal', detail: '退款通知类型「appeal」无法识别', status: 'accepted' });
    expect({ ...r.order, flags: [], events: [], updatedAt: '' }).toEqual({ ...o, flags: [], events: [], updatedAt: '' });
    // For an order never seen, it is still kept (a partial record), never dropped.
    const unseen = applyUpdate(undefined, { kind: 'notice', platform: 'meituan', orderId: '42', storeId: 'store-1', eventType: 'notice:refund:x', detail: 'x', at: '' }, ctx('n2')).order;
    expect(unseen.flags).toEqual(['partial', 'notice']);
  });

  it('does not ring for the cancellation that follows a refund staff agreed here', () => {
    let o = applyUpdate(undefined, snap('accepted', 'pushed:confirmed'), ctx('r0')).order;
    o = applyAction(o, { kind: 'api-ok', call: 'agreeRefund', refund: { state: 'agreed', reason: '同意', partial: false, amountCents: null, items: [] }, detail: '' }, { ...ctx('r1'), source: 'staff' }).order;
    const pushed = applyUpdate(o, { kind: 'refund', platform: 'meituan', orderId: o.orderId, storeId: 'store-1', eventType: 'refund:agreed', detail: '', at: '', refund: { state: 'agreed', reason: '同意', partial: false, amountCents: null, items: [] }, status: 'cancelled' }, ctx('r2')).order;
    expect(pushed.status).toBe('cancelled');
    expect(pushed.attention).toBeNull();
  });

  it('moves delivery codes only as the platform’s progression allows (Meituan: forward, except a cancelled delivery)', () => {
    let o = applyUpdate(undefined, snap('accepted', 'pushed:confirmed'), ctx('s0')).order;
    const rule = { deliveryMayFollow: meituan.deliveryMayFollow! };
    const ship = (code: number, fp: string, rules: Partial<FactContext> = rule): Order =>
      applyUpdate(o, { kind: 'delivery', platform: 'meituan', orderId: o.orderId, storeId: 'store-1', eventType: `shipping:${code}`, detail: '', at: '', delivery: { statusCode: code, statusText: String(code) } }, { ...ctx(fp), ...rules }).order;
    o = ship(20, 's1');
    o = ship(10, 's2');
    expect(o.delivery?.statusCode).toBe(20);
    o = ship(100, 's3');
    expect(o.delivery?.statusCode).toBe(100);
    o = ship(10, 's4');
    expect(o.delivery?.statusCode).toBe(10);
    // A platform with no progression: the latest push wins.
    o = ship(0, 's5', {});
    expect(o.delivery?.statusCode).toBe(0);
  });

  it('records the receiver’s flags for an unknown store', () => {
    const r = applyUpdate(undefined, snap('new', 'pushed:new'), ctx('u', ['unknown-store']));
    expect(r.order.flags).toEqual(['unknown-store']);
  });
});

describe('applyAction', () => {
  it('acknowledging stops the alert once; a second acknowledge changes nothing', () => {
    const o = applyUpdate(undefined, snap('new', 'pushed:new'), ctx('n1')).order;
    const acked = applyAction(o, { kind: 'acknowledge' }, ctx('ack1'));
    expect(acked.order.attention).toBeNull();
    expect(acked.order.acknowledgedAt).not.toBeNull();
    expect(applyAction(acked.order, { kind: 'acknowledge' }, ctx('ack2')).changed).toBe(false);
  });

  it('a staff action stops the alert; an automatic accept does not', () => {
    const o = applyUpdate(undefined, snap('new', 'pushed:new'), ctx('n3')).order;
    const auto = applyAction(o, { kind: 'api-ok', call: 'confirm', status: 'accepted', detail: '' }, { ...ctx('x3'), source: 'auto-accept' }).order;
    expect(auto.status).toBe('accepted');
    expect(auto.attention?.reason).toBe('new-order');
    const staff = applyAction(o, { kind: 'api-ok', call: 'confirm', status: 'accepted', detail: '' }, { ...ctx('y3'), source: 'staff' }).order;
    expect(staff.attention).toBeNull();
  });

  it('a failed auto-accept raises the alert again', () => {
    const o = applyAction(applyUpdate(undefined, snap('new', 'pushed:new'), ctx('n2')).order, { kind: 'acknowledge' }, ctx('a2')).order;
    const failed = applyAction(o, { kind: 'auto-accept', state: { state: 'failed', attempts: 3, nextAt: null, lastError: 'x' }, detail: '' }, ctx('f2')).order;
    expect(failed.attention?.reason).toBe('auto-accept-failed');
    expect(failed.flags).toContain('auto-accept-failed');
  });
});

describe('isForward', () => {
  it('orders the takeaway lifecycle and makes cancel terminal', () => {
    expect(isForward('new', 'accepted')).toBe(true);
    expect(isForward('delivering', 'accepted')).toBe(false);
    expect(isForward('completed', 'cancelled')).toBe(true);
    expect(isForward('cancelled', 'completed')).toBe(false);
    expect(isForward('paid', 'refunded')).toBe(true);
  });
});

describe('order facts (invoice, cash, cutlery …)', () => {
  it('are kept from the full push, and a later push without them leaves them', () => {
    const facts = { invoice: { title: '某公司', taxpayerId: 'X1' }, cashOnDelivery: true, cutlery: 2, discounts: [], income: null, backupPhones: [] };
    const push: OrderUpdate = { kind: 'snapshot', platform: 'meituan', orderId: '27061900338318741', storeId: 'store-1', eventType: 'pushed:new', detail: '', at: '', snapshot: snapshot('new', { facts }) };
    const first = applyUpdate(undefined, push, ctx('facts-1'));
    expect(first.order.facts).toEqual(facts);
    const later = applyUpdate(first.order, snap('accepted', 'pushed:confirmed'), ctx('facts-2'));
    expect(later.order.facts).toEqual(facts);
  });
});
