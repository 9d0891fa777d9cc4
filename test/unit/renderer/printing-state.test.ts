/**
 * What the counter shows about printing, worked out from jobs and printer states: 未打印 on a card,
 * the day's never-printed orders, and which printers need a person (and how often that rings).
 */
import { describe, expect, it } from 'vitest';
import type { PrinterStatusView, PrintJobView } from '../../../shared/printing.js';
import {
  jobsByOrder,
  mergeJob,
  neverPrinted,
  nextTroubleRing,
  orderPrint,
  printedTickets,
  printerDisplayName,
  printersInTrouble,
  ticketSince,
  troubleKey,
  TROUBLE_RING_MS,
  TROUBLE_RING_SEEN_MS,
  type PrintContext,
} from '../../../renderer/src/components/printing/print-state.js';
import { fakeOrder } from './fake-order.js';

const NOW = Date.parse('2026-03-01T12:00:00+08:00');
const ago = (s: number): string => new Date(NOW - s * 1000).toISOString();

const order = fakeOrder({ status: 'accepted', updatedAt: ago(120), createdAt: ago(180) });

function job(over: Partial<PrintJobView> = {}): PrintJobView {
  const ticket = over.ticket ?? 'kitchen';
  return {
    id: `${order.key}|${ticket}|accepted`,
    orderKey: order.key,
    ticket,
    reason: 'accepted',
    printer: '后厨',
    printedOn: null,
    state: 'confirmed',
    attempts: 1,
    lastError: '',
    createdAt: ago(100),
    updatedAt: ago(99),
    day: '2026-03-01',
    ...over,
  };
}

const ctx: PrintContext = { expected: ['kitchen', 'customer', 'cancel'], preOrders: 'on-accept', now: NOW };

describe('an order’s tickets', () => {
  it('are fine once every expected ticket was sent or confirmed', () => {
    const print = orderPrint(order, [job(), job({ ticket: 'customer', id: 'c', state: 'sent' })], ctx);
    expect(print.state).toBe('ok');
  });

  it('are not printed when a job failed, with the printer’s words', () => {
    const print = orderPrint(order, [job({ state: 'failed', lastError: '后厨打印机缺纸' }), job({ ticket: 'customer', id: 'c' })], ctx);
    expect(print.state).toBe('missing');
    expect(print.tickets.find((t) => t.ticket === 'kitchen')).toEqual({ ticket: 'kitchen', state: 'failed', error: '后厨打印机缺纸' });
  });

  it('are on their way while queued under 30 s, not printed after', () => {
    const young = [job({ state: 'queued', createdAt: ago(10) }), job({ ticket: 'customer', id: 'c' })];
    expect(orderPrint(order, young, ctx).state).toBe('printing');
    const old = [job({ state: 'queued', createdAt: ago(45) }), job({ ticket: 'customer', id: 'c' })];
    expect(orderPrint(order, old, ctx).state).toBe('missing');
    expect(orderPrint(order, old, ctx).tickets[0]?.state).toBe('stuck');
  });

  it('are not printed when an accepted order has no job at all while printers print them', () => {
    expect(orderPrint(order, [], ctx)).toEqual({
      state: 'missing',
      tickets: [
        { ticket: 'kitchen', state: 'none', error: '' },
        { ticket: 'customer', state: 'none', error: '' },
      ],
    });
  });

  it('are not expected of an order placed before any printer printed them (history, a printer added today)', () => {
    const since = { kitchen: NOW - 60_000, customer: Date.parse(ago(600)) };
    // Placed 3 minutes ago: before the kitchen printer came (1 minute ago), after the customer one.
    const print = orderPrint(order, [], { ...ctx, since });
    expect(print.tickets.map((t) => [t.ticket, t.state])).toEqual([['customer', 'none']]);
    // Placed before both: nothing expected, so no 未打印 for the day browsed back.
    expect(orderPrint(order, [], { ...ctx, since: { kitchen: NOW - 60_000, customer: NOW - 60_000 } }).state).toBe('idle');
    // A job made for it anyway (a reprint) still counts.
    expect(orderPrint(order, [job({ state: 'failed' })], { ...ctx, since: { kitchen: NOW } }).state).toBe('missing');
  });

  it('take each ticket’s time from the earliest printer that prints it, none while one printer’s time is unknown', () => {
    const configured = [
      { name: '后厨', tickets: ['kitchen', 'cancel'] as const },
      { name: '前台', tickets: ['customer', 'kitchen'] as const },
    ].map((p) => ({ ...p, tickets: [...p.tickets] }));
    const views = [
      { name: '后厨', since: '2026-03-01T01:00:00.000Z' },
      { name: '前台', since: '2026-02-01T01:00:00.000Z' },
    ];
    expect(ticketSince(configured, views)).toEqual({
      kitchen: Date.parse('2026-02-01T01:00:00.000Z'),
      customer: Date.parse('2026-02-01T01:00:00.000Z'),
      cancel: Date.parse('2026-03-01T01:00:00.000Z'),
    });
    expect(ticketSince(configured, [{ name: '后厨', since: null }, views[1]!])).toEqual({ customer: Date.parse('2026-02-01T01:00:00.000Z') });
  });

  it('give a just-accepted order time for its job to appear', () => {
    expect(orderPrint({ ...order, updatedAt: ago(5) }, [], ctx).state).toBe('printing');
  });

  it('expect only the tickets some printer prints, and nothing without printers', () => {
    expect(orderPrint(order, [job()], { ...ctx, expected: ['kitchen'] }).state).toBe('ok');
    expect(orderPrint(order, [], { ...ctx, expected: [] }).state).toBe('idle');
  });

  it('expect nothing of an order not accepted', () => {
    expect(orderPrint({ ...order, status: 'new' }, [], ctx).state).toBe('idle');
    expect(orderPrint({ ...order, status: 'cancelled' }, [], ctx).state).toBe('idle');
  });

  it('a reprint that printed settles an earlier failure', () => {
    const jobs = [
      job({ state: 'failed', lastError: '连不上' }),
      job({ id: 'r', reason: 'reprint', state: 'confirmed' }),
      job({ ticket: 'customer', id: 'c' }),
    ];
    expect(orderPrint(order, jobs, ctx).state).toBe('ok');
  });

  it('a young reprint after a failure shows as on its way, not failed', () => {
    const jobs = [
      job({ state: 'failed', lastError: '连不上' }),
      job({ id: 'r', reason: 'reprint', state: 'queued', createdAt: ago(3) }),
      job({ ticket: 'customer', id: 'c' }),
    ];
    expect(orderPrint(order, jobs, ctx).state).toBe('printing');
  });

  it('a pre-order printed at its reminder is not missing before the reminder came', () => {
    const pre = { ...order, preOrder: true, events: [] };
    expect(orderPrint(pre, [], { ...ctx, preOrders: 'at-reminder' }).state).toBe('idle');
    expect(orderPrint(pre, [], ctx).state).toBe('missing');
    const due = { ...pre, events: [{ at: ago(60), type: 'cooking:due', detail: pre.deliveryTime ?? '' }] } as typeof pre;
    expect(orderPrint(due, [], { ...ctx, preOrders: 'at-reminder' }).state).toBe('missing');
  });

  it('a failed cancellation ticket counts; test pages never do', () => {
    const cancelled = { ...order, status: 'cancelled' as const };
    expect(orderPrint(cancelled, [job({ ticket: 'cancel', id: 'x', state: 'failed' })], ctx).state).toBe('missing');
    expect(orderPrint(order, [job({ reason: 'test' }), job({ ticket: 'customer', id: 'c' })], ctx).state).toBe('missing');
  });
});

describe('the day’s jobs', () => {
  it('merge by id, newer wins, order kept', () => {
    const a = job({ id: 'a', state: 'queued', updatedAt: ago(50) });
    const b = job({ id: 'b' });
    const list = [a, b];
    const sent = { ...a, state: 'sent' as const, updatedAt: ago(40) };
    expect(mergeJob(list, sent)).toEqual([sent, b]);
    // An older version arriving late changes nothing (same array).
    expect(mergeJob([sent, b], a)).toEqual([sent, b]);
    expect(mergeJob(list, job({ id: 'c' })).map((j) => j.id)).toEqual(['a', 'b', 'c']);
  });

  it('group by order, leaving test pages out', () => {
    const map = jobsByOrder([job(), job({ id: 't', orderKey: null, reason: 'test' }), job({ id: 'o', orderKey: 'eleme:1' })]);
    expect([...map.keys()]).toEqual([order.key, 'eleme:1']);
  });

  it('list the orders that never printed, oldest first, with what is missing', () => {
    const printed = fakeOrder({ orderId: '1', status: 'completed', createdAt: ago(900), updatedAt: ago(800) });
    const failed = fakeOrder({ orderId: '2', status: 'accepted', createdAt: ago(600), updatedAt: ago(500) });
    const none = fakeOrder({ orderId: '3', status: 'delivering', createdAt: ago(1200), updatedAt: ago(1100) });
    const fresh = fakeOrder({ orderId: '4', status: 'new', createdAt: ago(5), updatedAt: ago(5) });
    const jobs = [
      job({ orderKey: printed.key, id: 'p' }),
      job({ orderKey: failed.key, id: 'f', state: 'failed', lastError: '缺纸' }),
      job({ orderKey: failed.key, id: 'fc', ticket: 'customer' }),
    ];
    const list = neverPrinted([printed, failed, none, fresh], jobsByOrder(jobs), { ...ctx, expected: ['kitchen'] });
    expect(list.map((l) => [l.order.key, l.missing.map((m) => `${m.ticket}:${m.state}`)])).toEqual([
      [none.key, ['kitchen:none']],
      [failed.key, ['kitchen:failed']],
    ]);
  });

  it('know which tickets the printers print', () => {
    expect(printedTickets([{ tickets: ['customer'] }, { tickets: ['kitchen', 'cancel'] }])).toEqual(['kitchen', 'customer', 'cancel']);
    expect(printedTickets([])).toEqual([]);
  });
});

describe('printers in trouble', () => {
  const printer = (over: Partial<PrinterStatusView>): PrinterStatusView => ({
    name: '后厨',
    type: 'network',
    width: 80,
    state: 'ready',
    detail: '',
    checkedAt: ago(1),
    queued: 0,
    coveredBy: null,
    since: null,
    ...over,
  });

  it('are those offline, with the cover open, out of paper or in error — not ready or unknown', () => {
    const list = [
      printer({ name: 'a', state: 'ready' }),
      printer({ name: 'b', state: 'paper-out' }),
      printer({ name: 'c', state: 'unknown' }),
      printer({ name: 'd', state: 'offline' }),
      printer({ name: 'e', state: 'cover-open' }),
      printer({ name: 'f', state: 'error' }),
    ];
    expect(printersInTrouble(list).map((p) => p.name)).toEqual(['b', 'd', 'e', 'f']);
    expect(troubleKey(list)).toBe('b:paper-out|d:offline|e:cover-open|f:error');
    expect(troubleKey(undefined)).toBe('');
  });

  it('ring at once, then every 30 s; every 5 minutes once acknowledged; never when muted or fixed', () => {
    const key = '后厨:paper-out';
    expect(nextTroubleRing({ key, acknowledgedKey: null, muted: false, lastRing: null, now: NOW })).toBe(NOW);
    const last = { key, at: NOW - 1000 };
    expect(nextTroubleRing({ key, acknowledgedKey: null, muted: false, lastRing: last, now: NOW })).toBe(last.at + TROUBLE_RING_MS);
    expect(nextTroubleRing({ key, acknowledgedKey: key, muted: false, lastRing: last, now: NOW })).toBe(last.at + TROUBLE_RING_SEEN_MS);
    expect(nextTroubleRing({ key, acknowledgedKey: null, muted: true, lastRing: last, now: NOW })).toBeNull();
    expect(nextTroubleRing({ key: '', acknowledgedKey: null, muted: false, lastRing: last, now: NOW })).toBeNull();
  });

  it('a new trouble is not covered by an earlier 知道了 and rings at once', () => {
    const seen = '后厨:paper-out';
    const now = '后厨:paper-out|前台:offline';
    expect(nextTroubleRing({ key: now, acknowledgedKey: seen, muted: false, lastRing: { key: seen, at: NOW - 1000 }, now: NOW })).toBe(NOW);
  });

  it('are named as staff call them', () => {
    expect(printerDisplayName('后厨', 'zh')).toBe('后厨打印机');
    expect(printerDisplayName('前台打印机', 'zh')).toBe('前台打印机');
    expect(printerDisplayName('后厨', 'en')).toBe('后厨');
  });
});
