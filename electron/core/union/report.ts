/**
 * 推广订单 (Meituan Union promotion orders): totals by promoter and by day, and the CSV the shop
 * hands its accountant. Pure: the Desk reads the days and the promoter names and passes them in.
 * Amounts stay integer cents until they are written as text, so no float ever rounds a 分 away.
 */
import type { UnionReport, UnionTotals } from '../../../shared/api.js';
import type { Order } from '../../../shared/order.js';

/** The longest period one report covers: a year (leap years included). */
export const MAX_REPORT_DAYS = 366;

/** Every day from `from` to `to` inclusive, or an error in words for staff. */
export function daysOf(from: string, to: string): string[] | string {
  const start = dayMs(from);
  const end = dayMs(to);
  if (start === null || end === null) return '日期无效';
  if (end < start) return '结束日期不能早于开始日期';
  const count = (end - start) / 86_400_000 + 1;
  if (count > MAX_REPORT_DAYS) return `一次最多查询 ${MAX_REPORT_DAYS} 天`;
  return Array.from({ length: count }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}

/** Midnight UTC of a real calendar day; null for `2026-02-30` and other non-days. */
function dayMs(day: string): number | null {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day ? null : ms;
}

export function isPaid(o: Order): boolean {
  return o.status === 'paid' || o.status === 'completed';
}

/** What went back to the customer: the platform's part-refund amount when it said, else all of it. */
export function refundedCents(o: Order): number {
  return o.status === 'refunded' ? (o.refund?.amountCents ?? o.totalCents) : 0;
}

/** A refunded order earns no commission (the platform claws it back). */
export function commissionCents(o: Order): number {
  return o.status === 'refunded' ? 0 : (o.promotion?.commissionCents ?? 0);
}

function add(t: UnionTotals, o: Order): void {
  t.orders += 1;
  if (isPaid(o)) t.paidCents += o.totalCents;
  t.refundedCents += refundedCents(o);
  t.commissionCents += commissionCents(o);
}

const zero = (): UnionTotals => ({ orders: 0, paidCents: 0, refundedCents: 0, commissionCents: 0 });

/** Union orders only, oldest first; promoters by paid amount (the ones worth thanking on top). */
export function buildUnionReport(all: readonly Order[], names: Readonly<Record<string, string>>): UnionReport {
  const orders = all.filter((o) => o.platform === 'union').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const promoters = new Map<string, UnionReport['byPromoter'][number]>();
  const days = new Map<string, UnionReport['byDay'][number]>();
  for (const o of orders) {
    const sid = o.promotion?.sid ?? '';
    let p = promoters.get(sid);
    if (!p) promoters.set(sid, (p = { sid, name: names[sid] ?? '', ...zero() }));
    add(p, o);
    let d = days.get(o.businessDay);
    if (!d) days.set(o.businessDay, (d = { day: o.businessDay, ...zero() }));
    add(d, o);
  }
  return {
    orders,
    byPromoter: [...promoters.values()].sort((a, b) => b.paidCents - a.paidCents || a.sid.localeCompare(b.sid)),
    byDay: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
  };
}

/** `25.50` from 2550, `-0.05` from -5: integer division only. */
export function yuan(cents: number): string {
  const abs = Math.abs(Math.round(cents));
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export const UNION_STATUS_ZH: Record<string, string> = { paid: '已付款', completed: '已完成', refunded: '已退款' };

export const CSV_HEADER = ['日期', '订单号', '推广位(sid)', '推广员', '标题', '状态', '实付(元)', '佣金(元)', '退款(元)'];

/** One CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Free text (titles, names staff typed) that Excel would run as a formula (`=`, `+`, `-`, `@`)
 * gets a leading apostrophe: a CSV from a platform must not execute anything on the office PC.
 */
function text(value: string): string {
  return field(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
}

/**
 * Long numeric ids as `="27061900338318741"`: Excel (and WPS) would otherwise read them as a
 * number and show 2.70619E+16, losing the last digits for good. The formula form displays the
 * exact text and survives re-saving; a leading tab also works but leaves a tab in every cell.
 */
function id(value: string): string {
  return field(`="${value}"`);
}

/** The CSV: BOM first so Excel reads UTF-8 (Chinese intact), CRLF line ends as Excel writes them. */
export function unionCsv(report: UnionReport, names: Readonly<Record<string, string>>): string {
  const rows = report.orders.map((o) => {
    const sid = o.promotion?.sid ?? '';
    return [
      o.businessDay,
      id(o.orderId),
      sid ? id(sid) : '',
      text(names[sid] ?? ''),
      text(o.promotion?.title ?? ''),
      UNION_STATUS_ZH[o.status] ?? o.status,
      yuan(isPaid(o) ? o.totalCents : 0),
      yuan(commissionCents(o)),
      yuan(refundedCents(o)),
    ].join(',');
  });
  return `\ufeff${[CSV_HEADER.join(','), ...rows].join('\r\n')}\r\n`;
}
