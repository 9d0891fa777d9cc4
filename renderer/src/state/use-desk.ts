/**
 * The main side owns state and pushes it (docs/shell-habits.md): these hooks load once, then
 * follow events. No polling.
 */
import { createContext, useContext, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { DeskStatus } from '../../../shared/api.js';
import type { Order } from '../../../shared/order.js';
import type { Store } from '../../../shared/store.js';
import type { DeskClient } from '../api/desk-client.js';
import { dateFormat } from '../lib/format.js';

export const DeskContext = createContext<DeskClient | null>(null);

export function useDesk(): DeskClient {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk outside <DeskContext.Provider>');
  return desk;
}

/** The orders of one business day (default today), live. */
export function useOrders(day: string | undefined): { orders: Order[]; loading: boolean; error: string } {
  const desk = useDesk();
  const feed = useMemo(() => dayFeed(desk, day), [desk, day]);
  return useSyncExternalStore(feed.subscribe, feed.snapshot, feed.snapshot);
}

interface DayOrders {
  orders: Order[];
  loading: boolean;
  error: string;
}

interface DayFeed {
  subscribe(listener: () => void): () => void;
  snapshot(): DayOrders;
}

/**
 * One load and one event subscription per day, however many parts of the window show it (the
 * board and the ringer both follow today): a busy day is fetched and parsed once, each change
 * is merged once, and every reader gets the same array until the next change.
 */
const feeds = new WeakMap<DeskClient, Map<string, DayFeed>>();

function dayFeed(desk: DeskClient, day: string | undefined): DayFeed {
  let byDay = feeds.get(desk);
  if (!byDay) feeds.set(desk, (byDay = new Map()));
  const id = day ?? '';
  let feed = byDay.get(id);
  if (!feed) byDay.set(id, (feed = createDayFeed(desk, day)));
  return feed;
}

function createDayFeed(desk: DeskClient, day: string | undefined): DayFeed {
  const listeners = new Set<() => void>();
  let map = new Map<string, Order>();
  let current: DayOrders = { orders: [], loading: true, error: '' };
  let stop: (() => void) | null = null;
  const publish = (next: Partial<DayOrders>): void => {
    current = { ...current, ...next };
    listeners.forEach((l) => l());
  };
  const setMap = (next: Map<string, Order>): void => {
    if (next === map) return;
    map = next;
    publish({ orders: [...map.values()] });
  };
  const start = (): (() => void) => {
    let alive = true;
    // Subscribe first so nothing that happens during the load is missed.
    const pending: Order[] = [];
    let loaded = false;
    const unsubscribe = desk.subscribe((name, payload) => {
      if (name !== 'order-changed') return;
      const { order } = payload as { order: Order };
      if (!loaded) {
        pending.push(order);
        return;
      }
      setMap(mergeOrder(map, order, day));
    });
    if (!current.loading) publish({ loading: true });
    desk.api
      .listOrders(day)
      .then((list) => {
        if (!alive) return;
        loaded = true;
        let next = new Map(list.map((o) => [o.key, o]));
        for (const o of pending) next = mergeOrder(next, o, day);
        map = next;
        publish({ orders: [...map.values()], loading: false, error: '' });
      })
      .catch((err: unknown) => alive && publish({ loading: false, error: (err as Error).message }));
    return () => {
      alive = false;
      unsubscribe();
    };
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      stop ??= start();
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0 || !stop) return;
        // Nobody shows this day any more: stop following it; the next reader loads it afresh.
        stop();
        stop = null;
      };
    },
    snapshot: () => current,
  };
}

function mergeOrder(prev: Map<string, Order>, order: Order, day: string | undefined): Map<string, Order> {
  const current = prev.get(order.key);
  // Events can cross a reload: keep the newer version.
  if (current && current.updatedAt > order.updatedAt) return prev;
  if (!current && day !== undefined && order.businessDay !== day) return prev;
  const next = new Map(prev);
  next.set(order.key, order);
  return next;
}

export function useStores(): Store[] {
  const desk = useDesk();
  const [stores, setStores] = useState<Store[]>([]);
  useEffect(() => {
    const unsubscribe = desk.subscribe((name, payload) => {
      if (name !== 'store-changed') return;
      const { store } = payload as { store: Store };
      setStores((prev) => prev.map((s) => (s.id === store.id ? store : s)));
    });
    void desk.api.listStores().then(setStores);
    return unsubscribe;
  }, [desk]);
  return stores;
}

/** True once the console refused this page's link (wrong or from an earlier start). */
export function useLinkInvalid(): boolean {
  const desk = useDesk();
  const [invalid, setInvalid] = useState(false);
  useEffect(() => desk.onLinkInvalid?.(() => setInvalid(true)), [desk]);
  return invalid;
}

export function useStatus(): DeskStatus | null {
  const desk = useDesk();
  const [status, setStatus] = useState<DeskStatus | null>(null);
  useEffect(() => {
    const unsubscribe = desk.subscribe((name, payload) => {
      if (name === 'status-changed') setStatus(payload as DeskStatus);
      if (name === 'callback') setStatus((s) => (s ? { ...s, lastCallback: payload as DeskStatus['lastCallback'] } : s));
    });
    void desk.api.status().then(setStatus);
    return unsubscribe;
  }, [desk]);
  return status;
}

/** YYYY-MM-DD of now in the shop's time zone. */
export function dayInZone(timeZone: string, at = new Date()): string {
  return dateFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * Today's business day, which turns over at midnight while the counter stays open (late-night
 * takeaway): checked every half minute, so the board moves to the new day by itself.
 */
export function useToday(timeZone: string | undefined): string | null {
  const [today, setToday] = useState<string | null>(() => (timeZone ? dayInZone(timeZone) : null));
  useEffect(() => {
    if (!timeZone) return;
    setToday(dayInZone(timeZone));
    const timer = setInterval(() => setToday(dayInZone(timeZone)), 30_000);
    return () => clearInterval(timer);
  }, [timeZone]);
  return today;
}
