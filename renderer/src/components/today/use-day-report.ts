/** The 今日 numbers of a period, live: reloaded when a takeaway order of the period changes. */
import type { DeskApi } from '../../../../shared/api.js';
import { isTakeaway } from '../../../../shared/platforms.js';
import type { DayReport } from '../../../../shared/shop-floor.js';
import { usePeriodReport, type PeriodReportState } from '../../state/use-period-report.js';

export type DayReportState = PeriodReportState<DayReport>;

const load = (api: DeskApi, from: string, to: string): Promise<DayReport> => api.dayReport(from, to);
const counts = (o: { platform: Parameters<typeof isTakeaway>[0] }): boolean => isTakeaway(o.platform);

export function useDayReport(from: string, to: string): DayReportState {
  const state = usePeriodReport(from, to, load, counts);
  // The numbers on screen belong to the period asked for: an older period's are not shown under a new one.
  const { report } = state;
  return { ...state, report: report && report.from === from && report.to === to ? report : null };
}
