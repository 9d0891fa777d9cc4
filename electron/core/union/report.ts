/**
 * 推广订单 (orders of the promotion platforms): totals by promoter and by day, and the CSV the shop
 * hands its accountant. Pure: the Desk reads the days and the promoter names and passes them in.
 * Amounts stay integer cents until they are written as text, so no float ever rounds a 分 away.
 */
import type { UnionReport, UnionTotals } from '../../../shared/api.js';
import { addDays } from '../../../shared/business-day.js';
import type { Order } from '../../../shared/order.js';
import { kindOf } from '../../../shared/platforms.js';

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
  return Array.from({ length: count }, (_, i) => addDays(from, i));
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
  const orders = all.filter((o) => kindOf(o.platform) === 'promotion').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
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

/** What a CSV cell holds: free text, an id Excel must keep exactly, or an amount in cents. */
export type CsvValue = string | { id: string } | { cents: number };

/** Ids that can sit inside `="…"` with nothing to break out with: no quote, no space, no control. */
const PLAIN_ID = /^[0-9A-Za-z_.:-]{1,64}$/;

/** A spreadsheet runs a cell as a formula when it starts with one of these (tab and CR included). */
const FORMULA_START = /^[=+\-@\t\r\n]/;

/**
 * Every cell of the CSV goes through here, so no cell can become a formula on the office PC:
 * - an amount is written by `yuan` (digits, one dot, maybe a leading minus): a number, never a formula;
 * - an id made only of letters, digits and `_.:-` is written `="27061900338318741"`: Excel and
 *   WPS would otherwise read a long numeric id as a number and show 2.70619E+16, losing digits
 *   for good, and a leading tab or apostrophe would stay in the cell. Inside `="…"` such an id
 *   is a plain string literal: it has no quote to close the literal with;
 * - anything else (titles, names staff typed, an id with other characters, a status word) is
 *   text: one starting with = + - @ tab or a line break gets a leading apostrophe, so it shows
 *   as typed and never runs.
 * Then RFC 4180: quoted when it holds a comma, quote or line break, inner quotes doubled.
 */
export function csvCell(value: CsvValue): string {
  let text: string;
  if (typeof value === 'object' && 'cents' in value) text = yuan(value.cents);
  else if (typeof value === 'object' && PLAIN_ID.test(value.id)) text = `="${value.id}"`;
  else {
    const raw = typeof value === 'object' ? value.id : value;
    text = FORMULA_START.test(raw) ? `'${raw}` : raw;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV: BOM first so Excel reads UTF-8 (Chinese intact), CRLF line ends as Excel writes them. */
export function unionCsv(report: UnionReport, names: Readonly<Record<string, string>>): string {
  const rows = report.orders.map((o) => {
    const sid = o.promotion?.sid ?? '';
    const cells: CsvValue[] = [
      o.businessDay,
      { id: o.orderId },
      sid ? { id: sid } : '',
      names[sid] ?? '',
      o.promotion?.title ?? '',
      UNION_STATUS_ZH[o.status] ?? o.status,
      { cents: isPaid(o) ? o.totalCents : 0 },
      { cents: commissionCents(o) },
      { cents: refundedCents(o) },
    ];
    return cells.map(csvCell).join(',');
  });
  return `\ufeff${[CSV_HEADER.map(csvCell).join(','), ...rows].join('\r\n')}\r\n`;
}
