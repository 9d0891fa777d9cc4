/**
 * 交班小票 (the shift ticket): a period's numbers on paper — the totals, each platform, each
 * store, the hours that had orders. Printed on the printers that print the customer ticket.
 * Store names are the shop's own words but still go through `lit`.
 */
import type { PaperWidth } from '../../../../shared/printing.js';
import type { DayReport, DayTotals } from '../../../../shared/shop-floor.js';
import { lit } from './escape.js';
import { dateTime, money, PLATFORM_WORD } from './format.js';
import { bold, center, left, rows, RULE } from './layout.js';
import { renderDoc, type RenderedTicket } from './render.js';

export interface DayTicketContext {
  width: PaperWidth;
  timeZone: string;
  now: Date;
  /** Marked 「补打」: it may have printed before (sent, then a crash). */
  reprint?: boolean;
}

/** 「2026-12-02」 or 「2026-12-01 至 2026-12-07」. */
export function periodWords(from: string, to: string): string {
  return from === to ? from : `${from} 至 ${to}`;
}

function totalsRows(t: DayTotals, estimatedNote: boolean): [string, string][] {
  const out: [string, string][] = [
    ['有效订单', `${t.validOrders} 单`],
    ['营业额', money(t.revenueCents)],
    ['预计收入', money(t.expectedIncomeCents)],
  ];
  if (estimatedNote && t.incomeEstimatedOrders > 0) out.push(['其中估算', money(t.incomeEstimatedCents)]);
  out.push(['退款', `${t.refundedOrders} 单 ${money(t.refundCents)}`], ['取消', `${t.cancelledOrders} 单`], ['客单价', money(t.averageCents)]);
  return out;
}

export function dayReportLines(report: DayReport, ctx: DayTicketContext): string[] {
  const right = ctx.width === 58 ? 14 : 20;
  const lines: string[] = ['{align:center}'];
  if (ctx.reprint) lines.push(center('`补打`', 3));
  lines.push(center(bold('交班小票'), 3), center(periodWords(report.from, report.to)), `打印时间 ${dateTime(ctx.now.toISOString(), ctx.timeZone)}`, RULE);
  lines.push(...rows(totalsRows(report.totals, true), right));
  if (report.byPlatform.length > 0) {
    lines.push(RULE, center(bold('按平台')));
    for (const p of report.byPlatform) lines.push(left(bold(lit(PLATFORM_WORD[p.platform]))), ...rows(platformRows(p), right));
  }
  if (report.byStore.length > 1) {
    lines.push(RULE, center(bold('按门店')));
    for (const s of report.byStore) lines.push(left(bold(lit(s.storeName))), ...rows(platformRows(s), right));
  }
  const hours = report.byHour.filter((h) => h.validOrders + h.cancelledOrders > 0);
  if (hours.length > 0) {
    lines.push(RULE, center(bold('按小时')));
    lines.push(...rows(hours.map((h) => [`${String(h.hour).padStart(2, '0')}:00`, `${h.validOrders} 单 ${money(h.revenueCents)}`] as [string, string]), right));
  }
  if (report.totals.incomeEstimatedOrders > 0) lines.push(RULE, left(`预计收入含 ${report.totals.incomeEstimatedOrders} 单估算（平台未给出收入）`));
  lines.push(RULE, center(lit('交班人签字：____________')));
  return lines;
}

function platformRows(t: DayTotals): [string, string][] {
  return [
    ['有效订单', `${t.validOrders} 单`],
    ['营业额', money(t.revenueCents)],
    ['预计收入', money(t.expectedIncomeCents)],
    ['退款/取消', `${t.refundedOrders}/${t.cancelledOrders} 单`],
  ];
}

export function renderDayReport(report: DayReport, ctx: DayTicketContext): RenderedTicket {
  return renderDoc(dayReportLines(report, ctx), ctx.width);
}
