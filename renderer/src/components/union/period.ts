/**
 * Periods and sums for the 推广订单 page. Pure, on YYYY-MM-DD strings in UTC arithmetic: the
 * business day already is the shop's, so no time zone may shift it again here.
 */
import type { UnionReport, UnionTotals } from '../../../../shared/api.js';
import type { Order } from '../../../../shared/order.js';

export type Quick = 'today' | 'week' | 'month';
export type StatusFilter = 'all' | 'paid' | 'completed' | 'refunded';
export const STATUS_FILTERS: readonly StatusFilter[] = ['all', 'paid', 'completed', 'refunded'];

function shift(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 今天 / 本周 (Monday first, as Chinese calendars run) / 本月, each up to today. */
export function quickPeriod(quick: Quick, today: string): { from: string; to: string } {
  if (quick === 'today') return { from: today, to: today };
  if (quick === 'month') return { from: `${today.slice(0, 8)}01`, to: today };
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  return { from: shift(today, -weekday), to: today };
}

/** Which quick button the period matches, to show it pressed. */
export function quickOf(from: string, to: string, today: string): Quick | null {
  for (const q of ['today', 'week', 'month'] as const) {
    const p = quickPeriod(q, today);
    if (p.from === from && p.to === to) return q;
  }
  return null;
}

export function totalsOf(report: UnionReport): UnionTotals {
  return report.byDay.reduce<UnionTotals>(
    (t, d) => ({
      orders: t.orders + d.orders,
      paidCents: t.paidCents + d.paidCents,
      refundedCents: t.refundedCents + d.refundedCents,
      commissionCents: t.commissionCents + d.commissionCents,
    }),
    { orders: 0, paidCents: 0, refundedCents: 0, commissionCents: 0 },
  );
}

/** Newest first: staff look for the order that just came in. */
export function filterOrders(orders: readonly Order[], status: StatusFilter): Order[] {
  return orders.filter((o) => status === 'all' || o.status === status).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Same rules as the core's report (electron/core/union/report.ts), for one row of the list. */
export function orderRefundCents(o: Order): number {
  return o.status === 'refunded' ? (o.refund?.amountCents ?? o.totalCents) : 0;
}

export function orderCommissionCents(o: Order): number | null {
  return o.status === 'refunded' ? 0 : (o.promotion?.commissionCents ?? null);
}
