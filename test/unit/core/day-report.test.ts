/**
 * 今日 numbers: what counts as valid, revenue, expected income (the platform's figure, else an
 * estimate that says so), refunds (part and full) and cancellations; by platform, store, hour of
 * the shop's clock and day; past days summed once; the CSV Excel opens safely.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseArgs } from '../../../electron/core/api-schemas.js';
import { parseConfig } from '../../../electron/core/config.js';
import { Desk } from '../../../electron/core/desk.js';
import { buildDayReport, DayReports, hourFormatter, summarize } from '../../../electron/core/floor/day-report.js';
import { renderDayReport } from '../../../electron/core/printing/tickets/day-report.js';
import { fakeBox } from '../../support/fake-box.js';
import { quietLogger, tempDir } from '../../support/helpers.js';
import { writeOrderDays } from '../../support/order-files.js';
import type { Order } from '../../../shared/order.js';
import { unionOrder } from '../renderer/fake-union-order.js';
import { fakeOrder } from '../renderer/fake-order.js';

const TZ = 'Asia/Shanghai';
const D1 = '2026-12-01';
const D2 = '2026-12-02';

function o(id: string, over: Partial<Order>): Order {
  const platform = over.platform ?? 'meituan';
  return fakeOrder({ orderId: id, key: `${platform}:${id}`, platform, status: 'completed', businessDay: D2, ...over });
}

const agreed = (amountCents: number | null, partial: boolean): Order['refund'] => ({ state: 'agreed', reason: '少送了一份', partial, amountCents, items: [] });

const orders: Order[] = [
  // The day before, one minute to midnight in Shanghai (15:59 UTC): hour 23 of 12-01.
  o('mt-4', { businessDay: D1, totalCents: 1800, receivableCents: 1500, createdAt: '2026-12-01T15:59:00.000Z' }),
  o('mt-1', { totalCents: 3000, receivableCents: 2400, createdAt: '2026-12-02T03:00:00.000Z' }),
  o('mt-2', { storeId: 'store-2', storeName: '湘北二店', status: 'accepted', totalCents: 2000, receivableCents: 1600, refund: agreed(500, true), createdAt: '2026-12-02T04:30:00.000Z' }),
  o('mt-3', { status: 'cancelled', totalCents: 1500, receivableCents: 1200, createdAt: '2026-12-02T05:00:00.000Z' }),
  // Two minutes later than mt-4 in UTC, but 00:01 of the next day on the shop's clock; no income figure.
  o('el-1', { platform: 'eleme', totalCents: 4000, receivableCents: null, facts: null, createdAt: '2026-12-01T16:01:00.000Z' }),
  o('el-2', { platform: 'eleme', storeId: 'store-2', storeName: '湘北二店', totalCents: 1000, receivableCents: 800, createdAt: '2026-12-02T10:00:00.000Z' }),
  // A full refund agreed; the platform's cancel has not come yet: counted as cancelled, refund = the whole order.
  o('el-3', { platform: 'eleme', storeId: 'store-2', storeName: '湘北二店', status: 'accepted', totalCents: 2500, receivableCents: 2000, refund: agreed(null, false), createdAt: '2026-12-02T06:00:00.000Z' }),
  // A refund asked for and not decided counts nothing yet.
  o('mt-6', { totalCents: 0, receivableCents: 0, status: 'new', refund: { ...agreed(900, true)!, state: 'requested' }, createdAt: '2026-12-02T12:00:00.000Z' }),
  // A promotion order never counts here.
  { ...unionOrder({ id: 'u-1', day: D2, sid: 's', status: 'paid', paidCents: 9900, commissionCents: 100 }) },
];

function reportOf(list: readonly Order[], from = D1, to = D2): ReturnType<typeof buildDayReport> {
  const hourOf = hourFormatter(TZ);
  const days = [D1, D2].filter((d) => d >= from && d <= to).map((day) => ({ day, summary: summarize(list.filter((x) => x.businessDay === day), hourOf) }));
  return buildDayReport(from, to, TZ, days, { 'store-1': '湘北人家' });
}

describe('day report', () => {
  const r = reportOf(orders);

  it('sums the period: valid orders, revenue, income (estimated where the platform gave none), refunds, cancels, average', () => {
    expect(r.totals).toEqual({
      validOrders: 6, // mt-4, mt-1, mt-2, el-1, el-2, and mt-6 (new, not cancelled)
      revenueCents: 1800 + 3000 + 2000 + 4000 + 1000 + 0,
      // Known 1500+2400+1600+800+0, el-1 at Eleme's rate over the period (800/1000) = 3200, less mt-2's part refund.
      expectedIncomeCents: 1500 + 2400 + 1600 + 800 + 3200 - 500,
      incomeEstimatedCents: 3200,
      incomeEstimatedOrders: 1,
      refundCents: 500 + 2500,
      refundedOrders: 2,
      partRefundOrders: 1,
      cancelledOrders: 2,
      averageCents: Math.round(11800 / 6),
    });
    expect(r.incomeRates).toEqual([{ platform: 'eleme', rate: 0.8 }]);
  });

  it('splits by platform and by store (names as staff set them, most revenue first)', () => {
    expect(r.byPlatform.map((p) => [p.platform, p.validOrders, p.revenueCents, p.expectedIncomeCents, p.cancelledOrders, p.refundCents])).toEqual([
      ['meituan', 4, 6800, 1500 + 2400 + 1600 - 500, 1, 500],
      ['eleme', 2, 5000, 800 + 3200, 1, 2500],
    ]);
    expect(r.byStore.map((s) => [s.storeId, s.storeName, s.validOrders, s.revenueCents, s.cancelledOrders])).toEqual([
      ['store-1', '湘北人家', 4, 8800, 1],
      ['store-2', '湘北二店', 2, 3000, 1],
    ]);
  });

  it('puts each order in the hour of the shop clock, every hour present, and days by business day', () => {
    expect(r.byHour.map((h) => h.hour)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    const busy = r.byHour.filter((h) => h.validOrders + h.cancelledOrders > 0).map((h) => [h.hour, h.validOrders, h.revenueCents]);
    expect(busy).toEqual([
      [0, 1, 4000],
      [11, 1, 3000],
      [12, 1, 2000],
      [13, 0, 0],
      [14, 0, 0],
      [18, 1, 1000],
      [20, 1, 0],
      [23, 1, 1800],
    ]);
    expect(r.byDay.map((d) => [d.day, d.validOrders, d.revenueCents])).toEqual([
      [D1, 1, 1800],
      [D2, 5, 10000],
    ]);
  });

  it('reads the hour on the shop clock, in zones a quarter or half hour off UTC too', () => {
    const kathmandu = hourFormatter('Asia/Kathmandu'); // +05:45
    expect(['2026-12-01T18:14:59.999Z', '2026-12-01T18:15:00.000Z', '2026-12-01T18:00:00.000Z'].map(kathmandu)).toEqual([23, 0, 23]);
    const adelaide = hourFormatter('Australia/Adelaide'); // +10:30 in December
    expect(['2026-12-01T13:29:00.000Z', '2026-12-01T13:30:00.000Z'].map(adelaide)).toEqual([23, 0]);
    expect(hourFormatter(TZ)('not a time')).toBe(0);
  });

  it('estimates at what the customer paid when the platform gave no figure at all in the period', () => {
    const only = reportOf([o('el-9', { platform: 'eleme', totalCents: 1234, receivableCents: null, facts: null })], D2, D2);
    expect(only.incomeRates).toEqual([{ platform: 'eleme', rate: null }]);
    expect(only.totals).toMatchObject({ expectedIncomeCents: 1234, incomeEstimatedCents: 1234, incomeEstimatedOrders: 1 });
  });

  it('takes the income from the order facts when the order field is empty, and a part refund from its dishes', () => {
    const income = { receivableCents: 700, onlinePaymentCents: 1000, commissionCents: 300, logisticsFeeCents: null, platformPays: [], shopPays: [] };
    const x = o('mt-9', {
      totalCents: 1000,
      receivableCents: null,
      facts: { invoice: null, cashOnDelivery: false, cutlery: null, discounts: [], income, backupPhones: [] },
      refund: { ...agreed(null, true)!, items: [{ name: '米饭', quantity: 1, refundCents: 200 }, { name: '可乐', quantity: 1, refundCents: 100 }] },
    });
    expect(reportOf([x], D2, D2).totals).toMatchObject({ validOrders: 1, expectedIncomeCents: 700 - 300, incomeEstimatedOrders: 0, refundCents: 300, partRefundOrders: 1 });
  });
});

describe('day reports over a period', () => {
  function reporter(today: string) {
    const byDay = new Map<string, Order[]>();
    for (const x of orders) byDay.set(x.businessDay, [...(byDay.get(x.businessDay) ?? []), x]);
    const asked: string[] = [];
    const reports = new DayReports({
      timeZone: TZ,
      today: () => today,
      listOrders: async (day) => {
        asked.push(day);
        return byDay.get(day) ?? [];
      },
    });
    return { reports, asked, byDay };
  }

  it('reads a past day once, again only after one of its orders changed, and today every time', async () => {
    const { reports, asked, byDay } = reporter(D2);
    await reports.report(D1, D2);
    await reports.report(D1, D2);
    expect(asked).toEqual([D1, D2, D2]);
    // A late refund on yesterday's order: its day is summed again.
    byDay.set(D1, [{ ...byDay.get(D1)![0]!, status: 'cancelled' }]);
    reports.changed(D1);
    const r = await reports.report(D1, D1);
    expect(asked).toEqual([D1, D2, D2, D1]);
    expect(r.totals).toMatchObject({ validOrders: 0, cancelledOrders: 1 });
  });

  it('reads a past day once when two reports ask for it at the same time', async () => {
    const { reports, asked } = reporter(D2);
    const [a, b] = await Promise.all([reports.report(D1, D1), reports.report(D1, D1)]);
    expect(asked).toEqual([D1]);
    expect(a.totals).toEqual(b.totals);
  });

  it('never reads days after today, and refuses periods in words', async () => {
    const { reports, asked } = reporter(D1);
    const r = await reports.report(D1, '2026-12-31');
    expect(asked).toEqual([D1]);
    expect(r.byHour).toHaveLength(24);
    await expect(reports.report(D2, D1)).rejects.toThrow('结束日期不能早于开始日期');
    await expect(reports.report('2025-01-01', '2026-01-02')).rejects.toThrow('一次最多查询 366 天');
    await expect(reports.csv('2026-02-30', '2026-03-01')).rejects.toThrow('日期无效');
  });
});

/** RFC 4180 as a spreadsheet reads it: the cells of every row, quotes undone. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('day CSV', () => {
  const hostile = [`=cmd|' /C calc'!A0`, '+1+1', '-2', '@SUM(1)', '\t=1', '不要香菜, "少辣"\n多放葱'];
  const list: Order[] = [
    ...orders,
    ...hostile.map((h, i) => o(`x-${i}`, { note: h, refund: { ...agreed(100, true)!, reason: h }, storeName: h, storeId: `s-${i}`, createdAt: `2026-12-02T0${i}:30:00.000Z` })),
  ];
  const byDay = new Map<string, Order[]>();
  for (const x of list) byDay.set(x.businessDay, [...(byDay.get(x.businessDay) ?? []), x]);
  const reports = new DayReports({ timeZone: TZ, today: () => D2, listOrders: async (day) => byDay.get(day) ?? [] });

  it('starts with a BOM, ends lines with CRLF, one row per takeaway order with the columns in place', async () => {
    const csv = await reports.csv(D1, D2, { 'store-1': '湘北人家' });
    expect(csv.startsWith('\ufeff日期,平台,门店,当日序号,订单号,下单时间,最后更新,状态,实付(元),平台收入(元),退款状态,退款(元),部分退款,退款原因,顾客备注\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const cells = parseCsv(csv.slice(1));
    expect(cells).toHaveLength(1 + orders.length - 1 + hostile.length); // the union order is not in it
    for (const row of cells) expect(row).toHaveLength(15);
    const mt2 = cells.find((r) => r[4] === '="mt-2"')!;
    expect(mt2).toEqual([D2, '美团外卖', '湘北二店', '7', '="mt-2"', '2026-12-02 12:30', '2026-11-25 12:00', '已接单', '20.00', '16.00', '已同意', '5.00', '是', '少送了一份', '不要香菜']);
    const el1 = cells.find((r) => r[4] === '="el-1"')!;
    expect([el1[0], el1[5], el1[9]]).toEqual([D2, '2026-12-02 00:01', '']); // no platform figure: left empty, never guessed here
    const el3 = cells.find((r) => r[4] === '="el-3"')!;
    expect([el3[7], el3[11]]).toEqual(['已退款', '25.00']);
  });

  it('lets no customer or store text start a formula, and keeps commas, quotes and line breaks inside their cell', async () => {
    const cells = parseCsv((await reports.csv(D2, D2)).slice(1));
    for (const row of cells.slice(1)) {
      for (const [n, cell] of row.entries()) if (/^[=+\-@\t\r\n]/.test(cell)) expect(`${n}: ${cell}`).toMatch(/^\d: ="[0-9A-Za-z_.:-]+"$/);
    }
    const notes = cells.map((r) => r[14]);
    expect(notes).toContain(`'=cmd|' /C calc'!A0`);
    expect(notes).toContain("'\t=1");
    expect(notes).toContain('不要香菜, "少辣"\n多放葱');
    expect(cells.map((r) => r[2])).toContain("'@SUM(1)");
    expect(cells.map((r) => r[13])).toContain("'+1+1");
  });
});

describe('Desk: 今日', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let desk: Desk | null = null;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(async () => {
    await desk?.stop();
    desk = null;
    await cleanup();
  });

  it('reads the days from disk with store names as staff set them, and sums a past day again once one of its orders changed', async () => {
    await writeOrderDays(dir, orders.map((x) => (x.orderId === 'mt-4' ? { ...x, attention: { reason: 'new-order' as const, since: x.createdAt } } : x)));
    const config = parseConfig({ stores: [{ id: 'store-1', name: '湘北人家·总店' }], timeZone: TZ });
    desk = await Desk.start({ dataDir: dir, config, sandbox: false, logger: quietLogger, secretBox: fakeBox, now: () => new Date('2026-12-03T04:00:00.000Z') });
    const r = await desk.dayReport(D1, D2);
    expect(r.totals.validOrders).toBe(6);
    expect(r.byStore.map((x) => x.storeName)).toEqual(['湘北人家·总店', '湘北二店']);
    const reads = desk.dayReports.reads;
    await desk.dayReport(D1, D2);
    expect(desk.dayReports.reads).toBe(reads); // both days past: summed once
    await desk.acknowledge('meituan:mt-4'); // a change to an order of 12-01
    await desk.dayReport(D1, D2);
    expect(desk.dayReports.reads).toBe(reads + 1);
    await expect(desk.printDayReport(D1, D2)).rejects.toThrow('还没有设置打印机');
    expect(() => parseArgs('printDayReport', [D1, D2, 'yes'])).toThrow();
    expect(parseArgs('printDayReport', [D1, D2, true])).toEqual([D1, D2, true]);
  });
});

describe('the shift ticket (交班小票)', () => {
  it('prints the totals, each platform and store, busy hours and the estimate, within the paper and with store names literal', () => {
    const named = orders.map((x) => (x.storeId === 'store-2' ? { ...x, storeName: '二店|{code:x}^"_' } : x));
    const r = reportOf(named);
    for (const width of [58, 80] as const) {
      const t = renderDayReport(r, { width, timeZone: TZ, now: new Date('2026-12-02T14:30:00.000Z') });
      const lines = t.text.split('\n');
      const cols = (l: string): number => [...l].reduce((n, ch) => n + (ch.codePointAt(0)! < 0x80 ? 1 : 2), 0);
      expect(lines.every((l) => cols(l) <= (width === 58 ? 32 : 48))).toBe(true);
      const flat = t.text.replace(/ +/g, ' ');
      for (const words of ['交 班 小 票', `${D1} 至 ${D2}`, '打印时间 12-02 22:30', '有效订单 6 单', '预计收入 ￥90.00', '其中估算 ￥32.00', '退款 2 单 ￥30.00', '取消 2 单', '美团', '饿了么', '二店|{code:x}^"_', '00:00 1 单 ￥40.00', '23:00 1 单 ￥18.00', '预计收入含 1 单估算']) {
        expect(flat, `${width} mm: ${words}`).toContain(words);
      }
      expect(t.escpos.length).toBeGreaterThan(100);
    }
  });
});
