/**
 * 今日 (today's numbers): the takeaway platforms' orders of a period — valid orders, revenue,
 * expected income, refunds, cancellations, average ticket — by platform, store, hour of the
 * shop's clock and day, and the CSV the shop hands its accountant (docs/shop-floor.md, 今日).
 *
 * Promotion orders (美团联盟) have their own page and never count here. Amounts stay integer
 * cents until written as text. A long period stays cheap: each past day is summed once into a
 * small summary (a few hundred numbers, never the orders) and kept until one of its orders
 * changes; only today is read in full every time.
 */
import type { Order, Platform } from '../../../shared/order.js';
import { isTakeaway, PLATFORM_IDENTITIES } from '../../../shared/platforms.js';
import type { DayReport, DayTotals, IncomeRate } from '../../../shared/shop-floor.js';
import { DeskActionError } from '../api-schemas.js';
import { csvCell, daysOf, type CsvValue } from '../union/report.js';

/** What one order adds up to, before the income estimate is made. */
interface Acc {
  valid: number;
  revenue: number;
  /** The platform's own income figure, summed over valid orders that carry it, and what they paid. */
  knownIncome: number;
  knownPaid: number;
  /** Paid by valid orders without the figure, per platform (estimated at the platform's rate). */
  unknownPaid: Partial<Record<Platform, number>>;
  unknownOrders: number;
  /** Part refunds agreed on valid orders: taken off the expected income. */
  partRefundOnValid: number;
  refund: number;
  refunded: number;
  partRefunds: number;
  cancelled: number;
}

const acc = (): Acc => ({ valid: 0, revenue: 0, knownIncome: 0, knownPaid: 0, unknownPaid: {}, unknownOrders: 0, partRefundOnValid: 0, refund: 0, refunded: 0, partRefunds: 0, cancelled: 0 });

/** One business day summed: small, so a year of them costs little memory. */
interface DaySummary {
  total: Acc;
  platforms: Map<Platform, Acc>;
  stores: Map<string, Acc & { name: string }>;
  hours: Acc[];
}

/** The platform's income figure for the order (the order's own field, else its income facts). */
export function incomeOf(o: Order): number | null {
  return o.receivableCents ?? o.facts?.income?.receivableCents ?? null;
}

/** Cancelled for the numbers: cancelled, or a full refund agreed (the platform's cancel may still be on its way). */
export function isCancelled(o: Order): boolean {
  return o.status === 'cancelled' || (o.refund?.state === 'agreed' && !o.refund.partial);
}

/**
 * What an agreed refund gave back: the platform's amount, else the sum of its dishes' amounts
 * when every one is given, else the whole order for a full refund (0 for a part refund whose
 * amount nobody said). 0 when no refund was agreed.
 */
export function refundOf(o: Order): number {
  const r = o.refund;
  if (r?.state !== 'agreed') return 0;
  if (r.amountCents !== null) return r.amountCents;
  if (r.items.length > 0 && r.items.every((i) => i.refundCents !== null)) return r.items.reduce((s, i) => s + (i.refundCents ?? 0), 0);
  return r.partial ? 0 : o.totalCents;
}

function addOrder(a: Acc, o: Order): void {
  const cancelled = isCancelled(o);
  const refund = refundOf(o);
  if (o.refund?.state === 'agreed') {
    a.refunded += 1;
    a.refund += refund;
    if (o.refund.partial) a.partRefunds += 1;
  }
  if (cancelled) {
    a.cancelled += 1;
    return;
  }
  a.valid += 1;
  a.revenue += o.totalCents;
  if (o.refund?.state === 'agreed') a.partRefundOnValid += refund;
  const income = incomeOf(o);
  if (income !== null) {
    a.knownIncome += income;
    a.knownPaid += o.totalCents;
  } else {
    a.unknownPaid[o.platform] = (a.unknownPaid[o.platform] ?? 0) + o.totalCents;
    a.unknownOrders += 1;
  }
}

function merge(into: Acc, from: Acc): void {
  into.valid += from.valid;
  into.revenue += from.revenue;
  into.knownIncome += from.knownIncome;
  into.knownPaid += from.knownPaid;
  for (const [p, c] of Object.entries(from.unknownPaid) as [Platform, number][]) into.unknownPaid[p] = (into.unknownPaid[p] ?? 0) + c;
  into.unknownOrders += from.unknownOrders;
  into.partRefundOnValid += from.partRefundOnValid;
  into.refund += from.refund;
  into.refunded += from.refunded;
  into.partRefunds += from.partRefunds;
  into.cancelled += from.cancelled;
}

/**
 * The hour (0–23) of an instant on the shop's clock. Every zone's offset is a whole number of
 * quarter hours, so all instants of one UTC quarter hour share a shop hour: asked once per
 * quarter (a day of orders costs ~100 questions, not one per order).
 */
export function hourFormatter(timeZone: string): (iso: string) => number {
  const f = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone });
  const quarters = new Map<number, number>();
  return (iso) => {
    const t = Date.parse(iso);
    if (Number.isNaN(t)) return 0;
    const q = Math.floor(t / 900_000);
    let h = quarters.get(q);
    if (h === undefined) {
      const n = Number(f.formatToParts(q * 900_000).find((p) => p.type === 'hour')?.value);
      h = Number.isInteger(n) && n >= 0 && n < 24 ? n : 0;
      if (quarters.size > 10_000) quarters.clear();
      quarters.set(q, h);
    }
    return h;
  };
}

/** Sum one business day's takeaway orders. */
export function summarize(orders: readonly Order[], hourOf: (iso: string) => number): DaySummary {
  const s: DaySummary = { total: acc(), platforms: new Map(), stores: new Map(), hours: Array.from({ length: 24 }, acc) };
  for (const o of orders) {
    if (!isTakeaway(o.platform)) continue;
    addOrder(s.total, o);
    let p = s.platforms.get(o.platform);
    if (!p) s.platforms.set(o.platform, (p = acc()));
    addOrder(p, o);
    let st = s.stores.get(o.storeId);
    if (!st) s.stores.set(o.storeId, (st = { ...acc(), name: o.storeName }));
    if (o.storeName) st.name = o.storeName;
    addOrder(st, o);
    addOrder(s.hours[hourOf(o.createdAt)]!, o);
  }
  return s;
}

/** Income / paid over the orders that carry the platform's figure, per platform with orders to estimate. */
function ratesOf(platforms: ReadonlyMap<Platform, Acc>): IncomeRate[] {
  const out: IncomeRate[] = [];
  for (const [platform, a] of platforms) {
    if (a.unknownOrders === 0) continue;
    out.push({ platform, rate: a.knownPaid > 0 ? a.knownIncome / a.knownPaid : null });
  }
  return out;
}

function finish(a: Acc, rates: ReadonlyMap<Platform, number | null>): DayTotals {
  let estimated = 0;
  for (const [p, paid] of Object.entries(a.unknownPaid) as [Platform, number][]) estimated += Math.round(paid * (rates.get(p) ?? 1));
  return {
    validOrders: a.valid,
    revenueCents: a.revenue,
    expectedIncomeCents: a.knownIncome + estimated - a.partRefundOnValid,
    incomeEstimatedCents: estimated,
    incomeEstimatedOrders: a.unknownOrders,
    refundCents: a.refund,
    refundedOrders: a.refunded,
    partRefundOrders: a.partRefunds,
    cancelledOrders: a.cancelled,
    averageCents: a.valid === 0 ? 0 : Math.round(a.revenue / a.valid),
  };
}

const PLATFORM_ORDER = Object.keys(PLATFORM_IDENTITIES) as Platform[];

/** The report from the period's day summaries (days in order, one summary each). */
export function buildDayReport(from: string, to: string, timeZone: string, days: readonly { day: string; summary: DaySummary }[], storeNames: Readonly<Record<string, string>> = {}): DayReport {
  const total = acc();
  const platforms = new Map<Platform, Acc>();
  const stores = new Map<string, Acc & { name: string }>();
  const hours = Array.from({ length: 24 }, acc);
  for (const { summary: s } of days) {
    merge(total, s.total);
    for (const [p, a] of s.platforms) {
      let t = platforms.get(p);
      if (!t) platforms.set(p, (t = acc()));
      merge(t, a);
    }
    for (const [id, a] of s.stores) {
      let t = stores.get(id);
      if (!t) stores.set(id, (t = { ...acc(), name: a.name }));
      if (a.name) t.name = a.name; // the newest day's name wins
      merge(t, a);
    }
    s.hours.forEach((a, h) => merge(hours[h]!, a));
  }
  const incomeRates = ratesOf(platforms).sort((a, b) => PLATFORM_ORDER.indexOf(a.platform) - PLATFORM_ORDER.indexOf(b.platform));
  const rates = new Map(incomeRates.map((r) => [r.platform, r.rate]));
  return {
    from,
    to,
    timeZone,
    totals: finish(total, rates),
    byPlatform: [...platforms]
      .sort((a, b) => PLATFORM_ORDER.indexOf(a[0]) - PLATFORM_ORDER.indexOf(b[0]))
      .map(([platform, a]) => ({ platform, ...finish(a, rates) })),
    byStore: [...stores]
      .map(([storeId, a]) => ({ storeId, storeName: storeNames[storeId] || a.name || storeId, ...finish(a, rates) }))
      .sort((a, b) => b.revenueCents - a.revenueCents || a.storeId.localeCompare(b.storeId)),
    byHour: hours.map((a, hour) => ({ hour, ...finish(a, rates) })),
    byDay: days.filter(({ summary: s }) => s.total.valid + s.total.cancelled > 0).map(({ day, summary }) => ({ day, ...finish(summary.total, rates) })),
    incomeRates: incomeRates.map((r) => ({ platform: r.platform, rate: r.rate === null ? null : Math.round(r.rate * 10_000) / 10_000 })),
  };
}

/** Past days summed at most this many kept (a year and a little). */
export const MAX_CACHED_DAYS = 400;

export interface DayReportsOptions {
  listOrders: (day: string) => Promise<Order[]>;
  timeZone: string;
  today: () => string;
}

/**
 * The Desk's reporter: reads the period a day at a time (the store keeps only a few days in
 * memory), sums each past day once and keeps the sum until `changed` names that day.
 */
export class DayReports {
  private readonly cache = new Map<string, DaySummary>();
  /** Bumped by every change of a day: a sum made while an order of it changed is not kept. */
  private readonly versions = new Map<string, number>();
  private readonly reading = new Map<string, Promise<DaySummary>>();
  private readonly hourOf: (iso: string) => number;
  /** Days read from the store (not the cache) since start: for tests and the bench. */
  reads = 0;

  constructor(private readonly opts: DayReportsOptions) {
    this.hourOf = hourFormatter(opts.timeZone);
  }

  /** An order of `day` changed (the storage's `order` event): its sum is made again next time. */
  changed(day: string): void {
    this.cache.delete(day);
    this.reading.delete(day);
    this.versions.set(day, (this.versions.get(day) ?? 0) + 1);
  }

  private async summary(day: string, today: string): Promise<DaySummary> {
    const hit = this.cache.get(day);
    if (hit) {
      // Most recently used last: the oldest unused go first.
      this.cache.delete(day);
      this.cache.set(day, hit);
      return hit;
    }
    // Two reports at once (two windows, a shift ticket printing) read a past day once.
    const reading = this.reading.get(day);
    if (reading) return reading;
    const version = this.versions.get(day) ?? 0;
    this.reads += 1;
    const read = this.opts.listOrders(day).then((orders) => summarize(orders, this.hourOf));
    if (day < today) this.reading.set(day, read);
    let s: DaySummary;
    try {
      s = await read;
    } finally {
      if (this.reading.get(day) === read) this.reading.delete(day);
    }
    // Today changes all the time and is read fresh; a past day is kept unless it changed meanwhile.
    if (day < today && (this.versions.get(day) ?? 0) === version) {
      this.cache.set(day, s);
      while (this.cache.size > MAX_CACHED_DAYS) this.cache.delete(this.cache.keys().next().value!);
    }
    return s;
  }

  /** The report; a period that cannot be asked for is refused in staff's words (400). */
  async report(from: string, to: string, storeNames: Readonly<Record<string, string>> = {}): Promise<DayReport> {
    const days = periodDays(from, to);
    const today = this.opts.today();
    const out: { day: string; summary: DaySummary }[] = [];
    for (const day of days) out.push({ day, summary: day > today ? summarize([], this.hourOf) : await this.summary(day, today) });
    return buildDayReport(from, to, this.opts.timeZone, out, storeNames);
  }

  /** The CSV of the period: one row per order, oldest day first. */
  async csv(from: string, to: string, storeNames: Readonly<Record<string, string>> = {}): Promise<string> {
    const days = periodDays(from, to);
    const today = this.opts.today();
    const rows: string[] = [DAY_CSV_HEADER.map(csvCell).join(',')];
    const time = timeFormatter(this.opts.timeZone);
    for (const day of days) {
      if (day > today) break;
      for (const o of await this.opts.listOrders(day)) if (isTakeaway(o.platform)) rows.push(csvRow(o, time, storeNames).map(csvCell).join(','));
    }
    return `\ufeff${rows.join('\r\n')}\r\n`;
  }
}

/** The days of a period (the union report's rules: real days, in order, at most 366), or a refusal in words. */
export function periodDays(from: string, to: string): string[] {
  const days = daysOf(from, to);
  if (typeof days === 'string') throw new DeskActionError(days, false, 400);
  return days;
}

// ---- CSV ----

export const DAY_CSV_HEADER = ['日期', '平台', '门店', '当日序号', '订单号', '下单时间', '最后更新', '状态', '实付(元)', '平台收入(元)', '退款状态', '退款(元)', '部分退款', '退款原因', '顾客备注'];

const STATUS_ZH: Record<string, string> = { new: '待接单', accepted: '已接单', delivering: '配送中', completed: '已完成', cancelled: '已取消' };
const REFUND_ZH: Record<string, string> = { requested: '申请中', agreed: '已同意', rejected: '已拒绝', withdrawn: '已撤回' };

/** `2026-12-02 12:30` on the shop's clock. */
export function timeFormatter(timeZone: string): (iso: string) => string {
  const f = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
  return (iso) => {
    const t = Date.parse(iso);
    if (Number.isNaN(t)) return '';
    const p: Record<string, string> = {};
    for (const part of f.formatToParts(t)) p[part.type] = part.value;
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  };
}

function csvRow(o: Order, time: (iso: string) => string, storeNames: Readonly<Record<string, string>>): CsvValue[] {
  const income = incomeOf(o);
  const status = o.status === 'cancelled' || !isCancelled(o) ? (STATUS_ZH[o.status] ?? o.status) : '已退款';
  return [
    o.businessDay,
    PLATFORM_IDENTITIES[o.platform].label.zh,
    storeNames[o.storeId] || o.storeName || o.storeId,
    o.daySeq === null ? '' : String(o.daySeq),
    { id: o.orderId },
    time(o.createdAt),
    time(o.updatedAt),
    status,
    { cents: o.totalCents },
    income === null ? '' : { cents: income },
    o.refund ? (REFUND_ZH[o.refund.state] ?? o.refund.state) : '',
    { cents: refundOf(o) },
    o.refund?.partial ? '是' : '',
    o.refund?.reason ?? '',
    o.note,
  ];
}
