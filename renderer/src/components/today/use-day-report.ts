/**
 * The numbers of a period, live: loaded once, loaded again when a takeaway order of the period
 * changes (the main side pushes `order-changed`; no polling). A burst of events while a load is
 * under way costs one more load, not one per event.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Order } from '../../../../shared/order.js';
import { isTakeaway } from '../../../../shared/platforms.js';
import type { DayReport } from '../../../../shared/shop-floor.js';
import { useDesk } from '../../state/use-desk.js';

export interface DayReportState {
  report: DayReport | null;
  loading: boolean;
  error: string;
  reload: () => void;
}

export function useDayReport(from: string, to: string): DayReportState {
  const desk = useDesk();
  const [report, setReport] = useState<DayReport | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState('');
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const inFlight = useRef(false);
  const again = useRef(false);

  useEffect(
    () =>
      desk.subscribe((name, payload) => {
        if (name !== 'order-changed') return;
        const { order } = payload as { order: Order };
        if (!isTakeaway(order.platform) || order.businessDay < from || order.businessDay > to) return;
        if (inFlight.current) again.current = true;
        else reload();
      }),
    [desk, from, to, reload],
  );

  useEffect(() => {
    let alive = true;
    inFlight.current = true;
    again.current = false;
    setLoading(true);
    desk.api
      .dayReport(from, to)
      .then((r) => {
        if (!alive) return;
        setReport(r);
        setError('');
      })
      .catch((err: unknown) => alive && setError((err as Error).message))
      .finally(() => {
        if (!alive) return;
        inFlight.current = false;
        setLoading(false);
        if (again.current) reload();
      });
    return () => {
      alive = false;
    };
  }, [desk, from, to, version, reload]);

  // The numbers on screen belong to the period asked for: an older period's are not shown under a new one.
  const current = report && report.from === from && report.to === to ? report : null;
  return { report: current, loading, error, reload };
}
