/**
 * 今日 end to end: a real desk with the Meituan sandbox pushing over loopback HTTP. Orders in,
 * one cancelled, one part-refunded → the numbers add up to what the orders say, and follow the
 * next change; the shift ticket (交班小票) arrives on a virtual ESC/POS printer once per minute
 * unless asked again, and is refused in words without a printer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../../shared/order.js';
import type { PrinterConfig } from '../../shared/printing.js';
import { parseConfig } from '../../electron/core/config.js';
import { serve } from '../../electron/headless/cli.js';
import { quietLogger, tempDir } from '../support/helpers.js';
import { VirtualPrinter } from '../../electron/core/printing/virtual-printer.js';
import { OrderLog, startFixture, type Fixture } from '../support/desk-fixture.js';
import { decodeEscPos } from '../support/escpos/decode.js';

let fx: Fixture | undefined;
const printers: VirtualPrinter[] = [];
afterEach(async () => {
  await fx?.close();
  fx = undefined;
  for (const p of printers.splice(0)) await p.stop();
});

const quick = { retryDelaysMs: [50, 100, 200], statusPollMs: 100, transport: { connectTimeoutMs: 500, statusTimeoutMs: 300, writeTimeoutMs: 2000 } };
const stores = [
  { id: 'store-1', name: '湘北人家', autoAccept: true, autoAcceptDelaySeconds: 0 },
  { id: 'store-2', name: '湘北二店', autoAccept: true, autoAcceptDelaySeconds: 0 },
];

const yuan = (c: number): string => `￥${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;

describe('今日 through the sandbox', () => {
  it('adds up the orders the desk holds: valid, revenue, income, cancels, part refunds, by store', async () => {
    fx = await startFixture({ stores, bind: ['store-1', 'store-2'] });
    const log = new OrderLog(fx.desk);
    const a = await fx.sandbox.pushNewOrder('store-1');
    const b = await fx.sandbox.pushNewOrder('store-1');
    const c = await fx.sandbox.pushNewOrder('store-2');
    for (const id of [a, b, c]) await log.waitFor((o) => o.orderId === id && o.status === 'accepted');
    await fx.sandbox.cancel(b, '1001', '顾客取消');
    await log.waitFor((o) => o.orderId === b && o.status === 'cancelled');
    await fx.sandbox.partRefund(c, { notifyType: 'agree' });
    const refunded = await log.waitFor((o) => o.orderId === c && o.refund?.state === 'agreed');
    await fx.desk.settled();

    const today = fx.desk.today();
    const held = await fx.desk.listOrders(today);
    const byId = new Map(held.map((o) => [o.orderId, o]));
    const [oa, oc] = [byId.get(a)!, byId.get(c)!];
    const r = await fx.desk.dayReport(today, today);
    const income = (o: typeof oa): number => o.receivableCents ?? o.facts?.income?.receivableCents ?? o.totalCents;
    expect(refunded.refund?.partial).toBe(true);
    const refundCents = refunded.refund!.amountCents!;
    expect(refundCents).toBeGreaterThan(0);
    expect(r.totals).toMatchObject({
      validOrders: 2,
      revenueCents: oa.totalCents + oc.totalCents,
      expectedIncomeCents: income(oa) + income(oc) - refundCents,
      cancelledOrders: 1,
      refundedOrders: 1,
      partRefundOrders: 1,
      refundCents,
      averageCents: Math.round((oa.totalCents + oc.totalCents) / 2),
    });
    expect(r.byStore.map((s) => [s.storeName, s.validOrders, s.cancelledOrders]).sort()).toEqual([
      ['湘北二店', 1, 0],
      ['湘北人家', 1, 1],
    ]);
    expect(r.byPlatform.map((p) => p.platform)).toEqual(['meituan']);
    expect(r.byHour.reduce((s, h) => s + h.validOrders, 0)).toBe(2);

    // The next order changes today's numbers at once.
    const d = await fx.sandbox.pushNewOrder('store-2');
    await log.waitFor((o) => o.orderId === d && o.status === 'accepted');
    expect((await fx.desk.dayReport(today, today)).totals.validOrders).toBe(3);

    const csv = await fx.desk.dayReportCsv(today, today);
    expect(csv.startsWith('\ufeff日期,平台,门店')).toBe(true);
    expect(csv.split('\r\n').filter((l) => l.includes('美团外卖'))).toHaveLength(4);
    await expect(fx.desk.dayReport(today, '2020-01-01')).rejects.toThrow('结束日期不能早于开始日期');
  });

  it('prints the shift ticket on the printer of the customer ticket, once a minute unless asked again', async () => {
    const front = await new VirtualPrinter().start();
    const kitchen = await new VirtualPrinter().start();
    printers.push(front, kitchen);
    const net = (name: string, p: VirtualPrinter, tickets: PrinterConfig['tickets']): PrinterConfig => ({ name, type: 'network', host: '127.0.0.1', port: p.port, width: 58, tickets, copies: 2 });
    fx = await startFixture({ config: () => ({ printers: [net('前台', front, ['customer']), net('后厨', kitchen, ['kitchen'])] }), printing: quick });
    const log = new OrderLog(fx.desk);
    const a = await fx.sandbox.pushNewOrder('store-1');
    const accepted = await log.waitFor((o) => o.orderId === a && o.status === 'accepted');
    await front.waitForJobs(2); // the order's own customer ticket, two copies
    await fx.desk.printService.settled();
    const shiftTickets = (): string[] => front.jobs.map((j) => decodeEscPos(j.bytes).text).filter((t) => t.includes('交班小票'));
    const today = fx.desk.today();

    // Both presses within one clock minute (the ticket's identity): start early in a minute.
    await expect.poll(() => new Date().getSeconds() < 50, { timeout: 15_000 }).toBe(true);
    const jobs = await fx.desk.printDayReport(today, today);
    expect(jobs.map((j) => [j.printer, j.reason])).toEqual([['前台', 'day-report']]);
    await front.waitForJobs(3);
    await expect.poll(() => shiftTickets().length).toBe(1);
    const text = shiftTickets()[0]!;
    expect(text).toContain(today);
    expect(text.replace(/\s+/g, ' ')).toMatch(/有效订单 1 单/);
    expect(text).toContain(yuan(accepted.totalCents));
    // One copy, whatever the printer's copies: a single title.
    expect(text.split('交班小票')).toHaveLength(2);

    // Pressed again within the minute: refused, nothing printed; asked again: a second ticket.
    await expect(fx.desk.printDayReport(today, today)).rejects.toThrow('刚刚已经打印');
    const again = await fx.desk.printDayReport(today, today, true);
    expect(again).toHaveLength(1);
    expect(again[0]!.id).not.toBe(jobs[0]!.id);
    await expect.poll(() => shiftTickets().length).toBe(2);
    await expect.poll(async () => (await fx!.desk.printJobs()).filter((j) => j.reason === 'day-report').every((j) => j.state === 'confirmed')).toBe(true);
    expect(kitchen.jobs.every((j) => !decodeEscPos(j.bytes).text.includes('交班小票'))).toBe(true);
  });

  it('refuses in words when no printer is set up', async () => {
    fx = await startFixture();
    const today = fx.desk.today();
    await expect(fx.desk.printDayReport(today, today)).rejects.toThrow('还没有设置打印机');
  });
});

describe('今日 with both platforms, as serve --sandbox runs them', () => {
  it('adds up Meituan and Eleme orders apart and together, a cancel included, and prints the shift ticket on the demo printer', async () => {
    const { dir, cleanup } = await tempDir();
    const s = await serve(
      { dataDir: dir, config: parseConfig({ stores: [{ id: 'shop-1', name: '湘北人家', autoAccept: true, autoAcceptDelaySeconds: 0 }] }), sandbox: true, receiverPort: 0, consolePort: 0, tunnel: 'none', demoIntervalSeconds: 0 },
      quietLogger,
    );
    try {
      for (const platform of ['meituan', 'eleme', 'meituan', 'eleme'] as const) await s.desk.simulate('new-order', 'shop-1', platform);
      const accepted = (o: Order): boolean => o.items.length > 0 && !o.flags.includes('partial') && o.status === 'accepted';
      await expect.poll(async () => (await s.desk.listOrders()).filter(accepted).length, { timeout: 20_000 }).toBe(4);
      await s.desk.simulate('cancel', 'shop-1', 'eleme');
      await expect.poll(async () => (await s.desk.listOrders()).filter((o) => o.status === 'cancelled').length, { timeout: 20_000 }).toBe(1);
      await s.desk.settled();

      const today = s.desk.today();
      const held = await s.desk.listOrders(today);
      const r = await s.desk.dayReport(today, today);
      for (const platform of ['meituan', 'eleme'] as const) {
        const valid = held.filter((o) => o.platform === platform && o.status !== 'cancelled');
        expect(r.byPlatform.find((p) => p.platform === platform)).toMatchObject({
          validOrders: valid.length,
          revenueCents: valid.reduce((n, o) => n + o.totalCents, 0),
          cancelledOrders: held.filter((o) => o.platform === platform && o.status === 'cancelled').length,
        });
      }
      const validCount = held.filter((o) => o.status !== 'cancelled').length;
      expect(validCount).toBeGreaterThanOrEqual(3);
      expect(r.totals.validOrders).toBe(validCount);
      expect(r.totals.revenueCents).toBe(r.byPlatform.reduce((n, p) => n + p.revenueCents, 0));
      expect(r.totals.expectedIncomeCents).toBe(r.byPlatform.reduce((n, p) => n + p.expectedIncomeCents, 0));
      expect(r.byHour.reduce((n, h) => n + h.validOrders, 0)).toBe(validCount);

      const printer = s.sandboxes!.printer!;
      const before = printer.jobs.length;
      await s.desk.printDayReport(today, today);
      await printer.waitForJobs(before + 1);
      await expect.poll(() => printer.jobs.map((j) => decodeEscPos(j.bytes).text).filter((t) => t.includes('交班小票')).length).toBe(1);
      const ticket = printer.jobs.map((j) => decodeEscPos(j.bytes).text).find((t) => t.includes('交班小票'))!;
      expect(ticket).toContain('美团');
      expect(ticket).toContain('饿了么');
      expect(ticket.replace(/\s+/g, ' ')).toContain(`有效订单 ${validCount} 单`);
    } finally {
      await s.stop();
      await cleanup();
    }
  }, 60_000);
});
