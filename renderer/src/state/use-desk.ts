/**
 * The main side owns state and pushes it (docs/shell-habits.md): these hooks load once, then
 * follow events. No polling.
 */
import { createContext, useContext, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { DeskStatus, OrderCard } from '../../../shared/api.js';
import { toOrderCard } from '../../../shared/order-card.js';
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

/**
 * The orders of one business day (default today), live, in card form (`listOrderCards`: no raw
 * payload, history cut to what a card reads). Whatever shows an order's history fetches it
 * whole (`useFullOrder`).
 */
export function useOrders(day: string | undefined): DayOrders {
  const desk = useDesk();
  const feed = useMemo(() => dayFeed(desk, day), [desk, day]);
  return useSyncExternalStore(feed.subscribe, feed.snapshot, feed.snapshot);
}

interface DayOrders {
  orders: OrderCard[];
  loading: boolean;
  error: string;
}

interface DayFeed {
  subscribe(listener: () => void): () => void;
  snapshot(): DayOrders;
  /** Start loading now, before anyone shows the day (the page's first moments). */
  warm(head?: HeadStart): void;
}

/**
 * Today's list, asked for as the page starts — before the status has said which day today is,
 * so the two requests travel together: `listOrderCards()` with no day is the desk's today.
 * Changes heard meanwhile are kept for the day's feed.
 */
interface HeadStart {
  list: Promise<OrderCard[]>;
  /** Order changes heard since the list was asked for (card form), oldest first. */
  heard: OrderCard[];
  /** Stop keeping changes (the feed listens itself from then on). */
  stop(): void;
}

function headStart(desk: DeskClient): HeadStart {
  const heard: OrderCard[] = [];
  // Listening first, as the feed does: nothing that happens during the load is missed.
  const stop = desk.subscribe((name, payload) => {
    if (name === 'order-changed') heard.push(toOrderCard((payload as { order: Order }).order));
  });
  const list = desk.api.listOrderCards();
  // Nobody may take it (no status): a failed load is then nobody's error.
  list.catch(() => undefined);
  return { list, heard, stop };
}

/** A day loaded ahead that nobody came to show is let go after this long. */
const WARM_UNUSED_MS = 30_000;

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
  let map = new Map<string, OrderCard>();
  let current: DayOrders = { orders: [], loading: true, error: '' };
  let stop: (() => void) | null = null;
  const publish = (next: Partial<DayOrders>): void => {
    current = { ...current, ...next };
    listeners.forEach((l) => l());
  };
  const setMap = (next: Map<string, OrderCard>): void => {
    if (next === map) return;
    map = next;
    publish({ orders: [...map.values()] });
  };
  const start = (head?: HeadStart): (() => void) => {
    let alive = true;
    // Subscribe first so nothing that happens during the load is missed.
    const pending: OrderCard[] = [];
    let loaded = false;
    const unsubscribe = desk.subscribe((name, payload) => {
      if (name !== 'order-changed') return;
      // Events carry the full order: keep only the card form, like the list.
      const order = toOrderCard((payload as { order: Order }).order);
      if (!loaded) {
        pending.push(order);
        return;
      }
      setMap(mergeOrder(map, order, day));
    });
    if (!current.loading) publish({ loading: true });
    let list: Promise<OrderCard[]>;
    if (head && day !== undefined) {
      // What was heard before this feed listened comes first; then its own.
      pending.unshift(...head.heard);
      head.stop();
      // The desk's today was this day unless midnight fell between the two answers: a list
      // filed under another day is not this one's (an empty one is empty either way).
      list = head.list.then((l) => (l.every((o) => o.businessDay === day) ? l : desk.api.listOrderCards(day)));
    } else {
      head?.stop();
      list = desk.api.listOrderCards(day);
    }
    list
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
  let unusedTimer: ReturnType<typeof setTimeout> | null = null;
  return {
    subscribe(listener) {
      listeners.add(listener);
      if (unusedTimer) clearTimeout(unusedTimer);
      unusedTimer = null;
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
    warm(head) {
      if (stop) {
        head?.stop();
        return;
      }
      stop = start(head);
      unusedTimer = setTimeout(() => {
        unusedTimer = null;
        if (listeners.size > 0 || !stop) return;
        stop();
        stop = null;
      }, WARM_UNUSED_MS);
    },
  };
}

function mergeOrder(prev: Map<string, OrderCard>, order: OrderCard, day: string | undefined): Map<string, OrderCard> {
  const current = prev.get(order.key);
  // Events can cross a reload: keep the newer version.
  if (current && current.updatedAt > order.updatedAt) return prev;
  if (!current && day !== undefined && order.businessDay !== day) return prev;
  const next = new Map(prev);
  next.set(order.key, order);
  return next;
}

/**
 * One order in full (its whole history), live: fetched with `getOrder` when asked for, then kept
 * current from `order-changed` events, which carry the full order. The board's list holds only
 * the card form, so the detail view reads the history from here.
 */
export function useFullOrder(key: string): { order: Order | null; loading: boolean; error: string } {
  const desk = useDesk();
  const [state, setState] = useState<{ key: string; order: Order | null; error: string }>({ key, order: null, error: '' });
  useEffect(() => {
    let alive = true;
    setState({ key, order: null, error: '' });
    // A newer version (an event that overtook the answer) is never replaced by an older one.
    const keep = (order: Order): void =>
      setState((s) => (s.key === key && s.order && s.order.updatedAt > order.updatedAt ? s : { key, order, error: '' }));
    const unsubscribe = desk.subscribe((name, payload) => {
      if (name !== 'order-changed') return;
      const { order } = payload as { order: Order };
      if (order.key === key) keep(order);
    });
    desk.api
      .getOrder(key)
      .then((order) => {
        if (!alive) return;
        if (order) keep(order);
        else setState((s) => (s.order ? s : { key, order: null, error: NOT_FOUND }));
      })
      .catch((err: unknown) => alive && setState((s) => (s.order ? s : { key, order: null, error: (err as Error).message })));
    return () => {
      alive = false;
      unsubscribe();
    };
  }, [desk, key]);
  const mine = state.key === key ? state : { order: null, error: '' };
  return { order: mine.order, loading: mine.order === null && mine.error === '', error: mine.error };
}

/** `useFullOrder`'s error when the desk does not know the order (the board's card is all there is). */
export const NOT_FOUND = 'not-found';

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
    let alive = true;
    const unsubscribe = desk.subscribe((name, payload) => {
      if (name === 'status-changed') setStatus(payload as DeskStatus);
      if (name === 'callback') setStatus((s) => (s ? { ...s, lastCallback: payload as DeskStatus['lastCallback'] } : s));
    });
    // The page's first status is already on its way (startDesk); once it has been shown, later
    // mounts ask afresh.
    const first = firstStatus.get(desk);
    const asked = first && !first.used ? first.status.then((s) => s ?? desk.api.status()) : desk.api.status();
    void asked.then((s) => {
      if (!alive || !s) return;
      if (first) first.used = true;
      setStatus((now) => now ?? s);
    });
    return () => {
      alive = false;
      unsubscribe();
    };
  }, [desk]);
  return status;
}

const firstStatus = new WeakMap<DeskClient, { status: Promise<DeskStatus | null>; used: boolean }>();

/**
 * Called once as the page starts, before React renders: ask for the status and today's orders at
 * once, side by side; as soon as the status says which business day today is, that day's feed
 * takes the list. The board would otherwise ask only after its first render (and after the
 * status), and on a busy day that list is the longest wait.
 */
export function startDesk(desk: DeskClient): void {
  if (firstStatus.has(desk)) return;
  const head = headStart(desk);
  const status = desk.api.status().then(
    (s) => {
      if (s?.timeZone) dayFeed(desk, dayInZone(s.timeZone)).warm(head);
      else head.stop();
      return s;
    },
    () => {
      head.stop();
      return null;
    },
  );
  firstStatus.set(desk, { status, used: false });
}

/** YYYY-MM-DD of now in the shop's time zone. */
export function dayInZone(timeZone: string, at = new Date()): string {
  return dateFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }, 'day').format(at);
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
