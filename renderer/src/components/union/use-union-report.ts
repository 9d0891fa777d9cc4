/** The promotion report of a period, live: reloaded when a union order of the period changes. */
import type { DeskApi, UnionReport } from '../../../../shared/api.js';
import { kindOf } from '../../../../shared/platforms.js';
import { usePeriodReport, type PeriodReportState } from '../../state/use-period-report.js';

export type UnionReportState = PeriodReportState<UnionReport>;

const load = (api: DeskApi, from: string, to: string): Promise<UnionReport> => api.unionReport(from, to);
const counts = (o: { platform: Parameters<typeof kindOf>[0] }): boolean => kindOf(o.platform) === 'promotion';

export function useUnionReport(from: string, to: string): UnionReportState {
  return usePeriodReport(from, to, load, counts);
}
