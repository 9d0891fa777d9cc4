/**
 * The report for a period, live: loaded once, loaded again when a union order of the period
 * changes (the main side pushes `order-changed`; no polling). A burst of events while a load is
 * under way costs one more load, not one per event.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { UnionReport } from '../../../../shared/api.js';
import type { Order } from '../../../../shared/order.js';
import { kindOf } from '../../../../shared/platforms.js';
import { useDesk } from '../../state/use-desk.js';

export interface UnionReportState {
  report: UnionReport | null;
  loading: boolean;
  error: string;
  reload: () => void;
}

export function useUnionReport(from: string, to: string): UnionReportState {
  const desk = useDesk();
  const [report, setReport] = useState<UnionReport | null>(null);
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
        if (kindOf(order.platform) !== 'promotion' || order.businessDay < from || order.businessDay > to) return;
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
      .unionReport(from, to)
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

  return { report, loading, error, reload };
}
