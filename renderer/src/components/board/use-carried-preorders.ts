/**
 * Pre-orders are filed under the day they were placed, but cooked on the day they are due: a
 * pre-order placed yesterday for today must be on today's board. This loads the open pre-orders
 * (new or accepted) of the previous days and follows their changes, for today's board only.
 */
import { useMemo, useSyncExternalStore } from 'react';
import { addDays } from '../../../../shared/business-day.js';
import type { Order } from '../../../../shared/order.js';
import type { DeskClient } from '../../api/desk-client.js';
import { feedFor, whileRead } from '../../lib/feeds.js';
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

/**
 * Today's carried pre-orders, live. The board and the ringer both show them: they share one
 * feed (one subscription, one request per earlier day), as they share the day's list.
 */
export function useCarriedPreOrders(today: string | null): Order[] {
  const desk = useDesk();
  const feed = useMemo(() => (today === null ? null : carryFeed(desk, today)), [desk, today]);
  return useSyncExternalStore(feed?.subscribe ?? noFeed, feed?.snapshot ?? nothing, feed?.snapshot ?? nothing);
}

const NONE: Order[] = [];
const nothing = (): Order[] => NONE;
const noFeed = (): (() => void) => () => undefined;

interface CarryFeed {
  subscribe(listener: () => void): () => void;
  snapshot(): Order[];
}

const feeds = new WeakMap<DeskClient, Map<string, CarryFeed>>();

function carryFeed(desk: DeskClient, today: string): CarryFeed {
  return feedFor(feeds, desk, today, () => createCarryFeed(desk, today));
}

function createCarryFeed(desk: DeskClient, today: string): CarryFeed {
  const listeners = new Set<() => void>();
  let carried = new Map<string, Order>();
  let current: Order[] = NONE;
  const set = (next: Map<string, Order>): void => {
    if (next === carried) return;
    carried = next;
    current = next.size === 0 ? NONE : [...next.values()];
    listeners.forEach((l) => l());
  };
  const start = (): (() => void) => {
    let alive = true;
    carried = new Map();
    current = NONE;
    const earlier = Array.from({ length: CARRY_DAYS }, (_, i) => daysBefore(today, i + 1));
    const follow = (order: Order): void => {
      if (!earlier.includes(order.businessDay)) return;
      const next = new Map(carried);
      if (isOpenPreOrder(order)) next.set(order.key, order);
      else if (!next.delete(order.key)) return;
      set(next);
    };
    const unsubscribe = desk.subscribe((name, payload) => {
      if (name === 'order-changed') follow((payload as { order: Order }).order);
    });
    void Promise.all(earlier.map((day) => desk.api.listOrderCards(day).catch(() => [] as Order[]))).then((lists) => {
      if (!alive) return;
      const next = new Map(lists.flat().filter(isOpenPreOrder).map((o) => [o.key, o]));
      // Nothing carried (the usual case) and nothing before: no new state, no re-render.
      if (carried.size > 0 || next.size > 0) set(next);
    });
    return () => {
      alive = false;
      unsubscribe();
    };
  };
  return {
    // Nobody shows today's board any more: stop following; the next reader loads afresh.
    subscribe: whileRead(listeners, start),
    snapshot: () => current,
  };
}
