/**
 * The 今日 page's periods. Pure, on YYYY-MM-DD strings in UTC arithmetic: the business day is
 * already the shop's, so no time zone may shift it again here. Weeks start on Monday, as
 * Chinese calendars run (the 推广订单 page's rule).
 */
import { addDays } from '../../../../shared/business-day.js';
import { quickPeriod as unionQuick } from '../union/period.js';

export const QUICKS = ['today', 'yesterday', 'week', 'month'] as const;
export type Quick = (typeof QUICKS)[number];

/** 今天 / 昨天 / 本周 / 本月, each up to today. */
export function quickPeriod(quick: Quick, today: string): { from: string; to: string } {
  if (quick === 'yesterday') {
    const y = addDays(today, -1);
    return { from: y, to: y };
  }
  return unionQuick(quick, today);
}

/** Which quick button the period matches, to show it pressed (today before week on a Monday). */
export function quickOf(from: string, to: string, today: string): Quick | null {
  for (const q of QUICKS) {
    const p = quickPeriod(q, today);
    if (p.from === from && p.to === to) return q;
  }
  return null;
}
