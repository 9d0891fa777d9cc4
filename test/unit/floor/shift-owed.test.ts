/**
 * What the end-of-shift check says is still owed, kind by kind, from the orders and the day's
 * print jobs: and what is not owed (done, cancelled, another platform kind, another delivery).
 */
import { describe, expect, it } from 'vitest';
import type { Order, OrderDelivery, OrderEvent } from '../../../shared/order.js';
import type { PrintJobView } from '../../../shared/printing.js';
import { owedOf, printExpectation, type PrintExpectation } from '../../../electron/core/floor/shift-check.js';
import { fakeOrder } from '../renderer/fake-order.js';

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const PRINTING: PrintExpectation = { expected: ['kitchen', 'customer', 'cancel'], since: {}, preOrders: 'on-accept' };
const NO_PRINTER: PrintExpectation = { expected: [], since: {}, preOrders: 'on-accept' };

const acceptedEvent: OrderEvent = { at: '2026-11-25T04:01:00.000Z', type: 'api:confirm', source: 'staff', detail: '', seq: 2, status: 'accepted', fingerprint: 'a' };
const riderDelivery: OrderDelivery = { code: '1001', name: '美团专送', statusCode: null, statusText: '', riderName: '', riderPhone: '', selfDelivery: false };
const selfDelivery: OrderDelivery = { ...riderDelivery, code: '0000', name: '商家自配送', selfDelivery: true };

function job(orderKey: string, ticket: PrintJobView['ticket'], state: PrintJobView['state'], lastError = ''): PrintJobView {
  return { id: `${orderKey}|${ticket}|accepted`, orderKey, ticket, reason: 'accepted', printer: '后厨', printedOn: null, state, attempts: 1, lastError, createdAt: '2026-11-25T04:01:00.000Z', updatedAt: '2026-11-25T04:01:00.000Z', day: '2026-11-25' };
}
const printed = (o: Order): PrintJobView[] => [job(o.key, 'kitchen', 'sent'), job(o.key, 'customer', 'confirmed')];
const accepted = (over: Partial<Order> = {}): Order => fakeOrder({ status: 'accepted', delivery: riderDelivery, events: [acceptedEvent], prepared: { at: '2026-11-25T04:20:00.000Z', by: 'staff' }, ...over });
const kinds = (orders: Order[], jobs: PrintJobView[] = orders.flatMap(printed), p = PRINTING) => owedOf(orders, jobs, p, NOW).map((o) => o.kind);

describe('the owed list', () => {
  it('a new order is owed an accept, with why when auto-accept failed', () => {
    const o = fakeOrder({ status: 'new' });
    expect(kinds([o])).toEqual(['unaccepted']);
    const failed = fakeOrder({ status: 'new', autoAccept: { state: 'failed', attempts: 3, nextAt: null, lastError: '网络不通' } });
    expect(owedOf([failed], [], PRINTING, NOW)[0]?.detail).toContain('网络不通');
  });

  it('a refund or cancel request waiting for a decision is owed; a decided one is not', () => {
    const waiting = accepted({ refund: { state: 'requested', reason: '洒了', partial: false, amountCents: null, items: [] } });
    expect(kinds([waiting])).toEqual(['refund-undecided']);
    expect(owedOf([waiting], printed(waiting), PRINTING, NOW)[0]?.detail).toContain('洒了');
    expect(kinds([accepted({ refund: { state: 'rejected', reason: '', partial: false, amountCents: null, items: [] } })])).toEqual([]);
  });

  it('a 催单 without a reply is owed, since it came; a replied one is not', () => {
    const at = '2026-11-25T04:30:00.000Z';
    const hurried = accepted({ platform: 'eleme', key: 'eleme:1', reminder: { id: 'r1', at, replied: false } });
    expect(owedOf([hurried], printed(hurried), PRINTING, NOW)).toMatchObject([{ kind: 'reminder-unanswered', since: at, platform: 'eleme' }]);
    expect(kinds([accepted({ reminder: { id: 'r1', at, replied: true } })])).toEqual([]);
  });

  it('a ticket that never came out is owed (failed, stuck, or never made), printed ones are not', () => {
    const o = accepted();
    expect(kinds([o], [])).toEqual(['never-printed']);
    const failed = owedOf([o], [job(o.key, 'kitchen', 'failed', '打印机缺纸'), job(o.key, 'customer', 'sent')], PRINTING, NOW);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.detail).toBe('后厨单打印失败：打印机缺纸');
    expect(kinds([o], [job(o.key, 'kitchen', 'queued'), job(o.key, 'customer', 'sent')])).toEqual(['never-printed']);
    // A reprint that worked settles the failure; no printer set up: nothing owed to a printer.
    expect(kinds([o], [job(o.key, 'kitchen', 'failed'), ...printed(o)])).toEqual([]);
    expect(kinds([o], [], NO_PRINTER)).toEqual([]);
    // An order from before the printer was set up is not expected to have printed.
    expect(kinds([o], [], { ...PRINTING, since: { kitchen: NOW, customer: NOW } })).toEqual([]);
  });

  it('an accepted order the platform delivers is owed its 出餐 until reported; pickup and later states are not', () => {
    expect(kinds([accepted({ prepared: null })])).toEqual(['not-prepared']);
    expect(kinds([accepted({ prepared: undefined })])).toEqual(['not-prepared']);
    expect(owedOf([accepted({ prepared: null })], [], NO_PRINTER, NOW)[0]?.since).toBe(acceptedEvent.at);
    expect(kinds([accepted({ prepared: null, pickup: true })])).toEqual([]);
    expect(kinds([accepted({ prepared: null, status: 'delivering' })])).toEqual([]);
  });

  it('a self-delivery order is owed until delivered, and not a 出餐', () => {
    expect(kinds([accepted({ prepared: null, delivery: selfDelivery })])).toEqual(['self-delivery-open']);
    expect(owedOf([accepted({ status: 'delivering', delivery: selfDelivery })], [], NO_PRINTER, NOW)[0]?.detail).toContain('配送中');
    expect(kinds([accepted({ status: 'completed', delivery: selfDelivery })])).toEqual([]);
  });

  it('cancelled and promotion orders owe nothing; kinds come in a fixed order, oldest first within each', () => {
    expect(kinds([fakeOrder({ status: 'cancelled' })], [])).toEqual([]);
    expect(kinds([fakeOrder({ platform: 'union', status: 'paid' } as Partial<Order>)], [])).toEqual([]);
    const late = fakeOrder({ status: 'new', key: 'meituan:2', createdAt: '2026-11-25T05:00:00.000Z' });
    const early = fakeOrder({ status: 'new', key: 'meituan:1', createdAt: '2026-11-25T04:00:00.000Z' });
    const hurried = accepted({ key: 'meituan:3', reminder: { id: 'r', at: '2026-11-25T03:00:00.000Z', replied: false } });
    expect(owedOf([late, hurried, early], printed(hurried), PRINTING, NOW).map((o) => [o.kind, o.key])).toEqual([
      ['unaccepted', 'meituan:1'],
      ['unaccepted', 'meituan:2'],
      ['reminder-unanswered', 'meituan:3'],
    ]);
  });

  it('the printers say which tickets are expected and since when', () => {
    const p = printExpectation(
      [{ name: '后厨', type: 'network', host: '127.0.0.1', port: 9100, width: 80, tickets: ['kitchen'], copies: 1 }],
      [{ name: '后厨', since: '2026-11-25T01:00:00.000Z' } as never],
      'at-reminder',
    );
    expect(p).toEqual({ expected: ['kitchen'], since: { kitchen: Date.parse('2026-11-25T01:00:00.000Z') }, preOrders: 'at-reminder' });
  });
});
