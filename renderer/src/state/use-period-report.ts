/**
 * A report over a period of business days, live: loaded once, loaded again when an order of the
 * period that the report counts changes (the main side pushes `order-changed`; no polling). A
 * burst of events while a load is under way costs one more load, not one per event.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeskApi } from '../../../shared/api.js';
import type { Order } from '../../../shared/order.js';
import { useDesk } from './use-desk.js';

export interface PeriodReportState<R> {
  report: R | null;
  loading: boolean;
  error: string;
  reload: () => void;
}

/** `load` and `counts` are read when the period changes; pass functions defined outside the component. */
export function usePeriodReport<R>(
  from: string,
  to: string,
  load: (api: DeskApi, from: string, to: string) => Promise<R>,
  counts: (order: Order) => boolean,
): PeriodReportState<R> {
  const desk = useDesk();
  const [report, setReport] = useState<R | null>(null);
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
        if (!counts(order) || order.businessDay < from || order.businessDay > to) return;
        if (inFlight.current) again.current = true;
        else reload();
      }),
    [desk, from, to, reload, counts],
  );

  useEffect(() => {
    let alive = true;
    inFlight.current = true;
    again.current = false;
    setLoading(true);
    load(desk.api, from, to)
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
  }, [desk, from, to, version, reload, load]);

  return { report, loading, error, reload };
}
