/**
 * Pre-orders are filed under the day they were placed, but cooked on the day they are due: a
 * pre-order placed yesterday for today must be on today's board. This loads the open pre-orders
 * (new or accepted) of the previous days and follows their changes, for today's board only.
 */
import { useEffect, useMemo, useState } from 'react';
import { addDays } from '../../../../shared/business-day.js';
import type { Order } from '../../../../shared/order.js';
import { useDesk } from '../../state/use-desk.js';

/** How many earlier days to look through (Meituan takes pre-orders a few days ahead). */
export const CARRY_DAYS = 3;

export function isOpenPreOrder(order: Order): boolean {
  return order.preOrder && (order.status === 'new' || order.status === 'accepted');
}

/** `YYYY-MM-DD` minus `n` days (calendar arithmetic, no time zone involved). */
export function daysBefore(day: string, n: number): string {
  return addDays(day, -n);
}

export function useCarriedPreOrders(today: string | null): Order[] {
  const desk = useDesk();
  const [carried, setCarried] = useState<Map<string, Order>>(new Map());
  useEffect(() => {
    if (today === null) {
      setCarried(new Map());
      return;
    }
    let alive = true;
    const earlier = Array.from({ length: CARRY_DAYS }, (_, i) => daysBefore(today, i + 1));
    const follow = (order: Order): void =>
      setCarried((prev) => {
        if (!earlier.includes(order.businessDay)) return prev;
        const next = new Map(prev);
        if (isOpenPreOrder(order)) next.set(order.key, order);
        else next.delete(order.key);
        return next;
      });
    const unsubscribe = desk.subscribe((name, payload) => {
      if (name === 'order-changed') follow((payload as { order: Order }).order);
    });
    void Promise.all(earlier.map((day) => desk.api.listOrderCards(day).catch(() => [] as Order[]))).then((lists) => {
      if (!alive) return;
      const next = new Map(lists.flat().filter(isOpenPreOrder).map((o) => [o.key, o]));
      // Nothing carried (the usual case) and nothing before: no new state, no board re-render.
      setCarried((prev) => (prev.size === 0 && next.size === 0 ? prev : next));
    });
    return () => {
      alive = false;
      unsubscribe();
    };
  }, [desk, today]);
  return useMemo(() => [...carried.values()], [carried]);
}
