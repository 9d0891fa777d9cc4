/**
 * What the end-of-shift check's screen works out from a report, as pure functions (tested on
 * their own): the owed lines grouped by kind, whether everything is clear, the summary counts,
 * and how an order is named (`美#12`, as on the pickup shelf).
 */
import type { Platform } from '../../../../shared/order.js';
import { SHIFT_OWED_KINDS, type ShiftCheckReport, type ShiftOwed, type ShiftOwedKind } from '../../../../shared/shop-floor.js';
import { pickupLabel, type Lang } from '../../lib/format.js';

/** Owed lines by kind, in the fixed order of `SHIFT_OWED_KINDS`, kinds with nothing left out. */
export function owedGroups(owed: readonly ShiftOwed[]): { kind: ShiftOwedKind; lines: ShiftOwed[] }[] {
  return SHIFT_OWED_KINDS.map((kind) => ({ kind, lines: owed.filter((o) => o.kind === kind) })).filter((g) => g.lines.length > 0);
}

export interface ShiftSummary {
  owed: number;
  pulled: number;
  /** Rows that could not be checked in full (the platform failed, or an order could not be pulled in). */
  errors: number;
  /** Nothing owed, every platform answered, and nothing is missing that was not pulled in. */
  clear: boolean;
}

export function summaryOf(report: ShiftCheckReport): ShiftSummary {
  const pulled = report.platforms.reduce((n, r) => n + r.pulled.length, 0);
  const errors = report.platforms.filter((r) => r.error !== '' || r.platformCount === null || r.missing.length > r.pulled.length).length;
  return { owed: report.owed.length, pulled, errors, clear: report.owed.length === 0 && errors === 0 };
}

/** `美#12`; an order the window does not have yet goes by its id's last digits (`美 …8741`). */
export function orderName(platform: Platform, daySeq: number | null | undefined, orderId: string, lang: Lang): string {
  if (daySeq !== null && daySeq !== undefined) return pickupLabel(platform, daySeq, lang);
  return `${pickupLabel(platform, null, lang).replace('#—', '')} …${orderId.slice(-4)}`;
}
