/**
 * Print jobs of a business day, live: loaded once with `printJobs(day)`, then followed through
 * 'print-changed'; the printers' states ride on 'status-changed'; the printers as configured (which
 * tickets each prints) and the pre-order choice come from `getPrintingConfig`, reloaded after a save.
 * One load and one subscription per day however many cards read it, like the orders' day feed;
 * each card reads only its own order's jobs, so a change to one order re-renders one card's mark.
 */
import { useMemo, useSyncExternalStore } from 'react';
import type { DeskStatus } from '../../../../shared/api.js';
import type {
  PrinterConfig,
  PrinterStatusView,
  PrintingSettings,
  PrintJobView,
} from '../../../../shared/printing.js';
import type { DeskClient } from '../../api/desk-client.js';
import { feedFor, whileRead } from '../../lib/feeds.js';
import { useDesk } from '../../state/use-desk.js';
import { jobsByOrder, mergeJob, printedTickets, ticketSince, type PrintContext } from './print-state.js';

export interface PrintDay {
  jobs: PrintJobView[];
  loading: boolean;
  error: string;
}

/** The shop's printers: states (live) and configuration (which tickets, pre-orders). */
export interface PrintSetup {
  printers: PrinterStatusView[];
  configured: PrinterConfig[];
  preOrders: PrintingSettings['preOrders'];
  loaded: boolean;
}

const NO_JOBS: readonly PrintJobView[] = [];

interface Feed {
  subscribe(listener: () => void): () => void;
  day(): PrintDay;
  jobsOf(key: string): readonly PrintJobView[];
}

interface SetupFeed {
  subscribe(listener: () => void): () => void;
  snapshot(): PrintSetup;
  reload(): void;
}

const feeds = new WeakMap<DeskClient, Map<string, Feed>>();
const setups = new WeakMap<DeskClient, SetupFeed>();

function feedOf(desk: DeskClient, day: string): Feed {
  return feedFor(feeds, desk, day, () => createFeed(desk, day));
}

function createFeed(desk: DeskClient, day: string): Feed {
  const listeners = new Set<() => void>();
  let current: PrintDay = { jobs: [], loading: true, error: '' };
  let byOrder = new Map<string, PrintJobView[]>();
  const publish = (next: Partial<PrintDay>): void => {
    current = { ...current, ...next };
    listeners.forEach((l) => l());
  };
  const start = (): (() => void) => {
    let alive = true;
    let loaded = false;
    const pending: PrintJobView[] = [];
    // Listening first: nothing that happens during the load is missed.
    const unsubscribe = desk.subscribe((name, payload) => {
      if (name !== 'print-changed') return;
      const { job } = payload as { job: PrintJobView };
      if (job.day !== day) return;
      if (!loaded) {
        pending.push(job);
        return;
      }
      const jobs = mergeJob(current.jobs, job);
      if (jobs === current.jobs) return;
      if (job.orderKey) {
        // Only this order's list is new: every other card keeps its array and does not re-render.
        byOrder = new Map(byOrder);
        byOrder.set(job.orderKey, mergeJob(byOrder.get(job.orderKey) ?? [], job));
      }
      publish({ jobs });
    });
    if (!current.loading) publish({ loading: true });
    // Asked inside a promise: a desk that cannot answer (an older main side) is an error shown, not a crash.
    Promise.resolve()
      .then(() => desk.api.printJobs(day))
      .then((list) => {
        if (!alive) return;
        loaded = true;
        let jobs = list;
        for (const job of pending) jobs = mergeJob(jobs, job);
        byOrder = jobsByOrder(jobs);
        publish({ jobs, loading: false, error: '' });
      })
      .catch((err: unknown) => alive && publish({ loading: false, error: (err as Error).message }));
    return () => {
      alive = false;
      unsubscribe();
    };
  };
  return {
    subscribe: whileRead(listeners, start),
    day: () => current,
    jobsOf: (key) => byOrder.get(key) ?? NO_JOBS,
  };
}

function setupOf(desk: DeskClient): SetupFeed {
  let feed = setups.get(desk);
  if (!feed) setups.set(desk, (feed = createSetup(desk)));
  return feed;
}

function createSetup(desk: DeskClient): SetupFeed {
  const listeners = new Set<() => void>();
  let current: PrintSetup = { printers: [], configured: [], preOrders: 'on-accept', loaded: false };
  let stop: (() => void) | null = null;
  let generation = 0;
  const publish = (next: Partial<PrintSetup>): void => {
    current = { ...current, ...next };
    listeners.forEach((l) => l());
  };
  const load = (): void => {
    const mine = ++generation;
    void Promise.resolve()
      .then(() => Promise.all([desk.api.printers(), desk.api.getPrintingConfig()]))
      .then(([printers, config]) => {
        if (mine !== generation) return;
        publish({
          printers,
          configured: config.printers,
          preOrders: config.printing.preOrders,
          loaded: true,
        });
      })
      // Without printers there is nothing to say on the cards; the settings screen shows its own error.
      .catch(() => mine === generation && publish({ loaded: true }));
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!stop) {
        const unsubscribe = desk.subscribe((name, payload) => {
          if (name !== 'status-changed') return;
          const printers = (payload as DeskStatus).printers ?? [];
          if (!samePrinters(printers, current.printers)) publish({ printers });
        });
        load();
        stop = unsubscribe;
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0 || !stop) return;
        stop();
        stop = null;
        generation++;
      };
    },
    snapshot: () => current,
    reload: load,
  };
}

/** Status arrives often (every callback); a printer list that says the same keeps its array. */
function samePrinters(a: readonly PrinterStatusView[], b: readonly PrinterStatusView[]): boolean {
  return a.length === b.length && a.every((p, i) => JSON.stringify(p) === JSON.stringify(b[i]));
}

/** A business day's print jobs (oldest first), live. */
export function usePrintJobs(day: string): PrintDay {
  const feed = feedOf(useDesk(), day);
  return useSyncExternalStore(feed.subscribe, feed.day, feed.day);
}

/** One order's print jobs (its business day's feed), live; the same array until that order's jobs change. */
export function useOrderJobs(order: { key: string; businessDay: string }): readonly PrintJobView[] {
  const feed = feedOf(useDesk(), order.businessDay);
  const key = order.key;
  const snapshot = useMemo(() => () => feed.jobsOf(key), [feed, key]);
  return useSyncExternalStore(feed.subscribe, snapshot, snapshot);
}

/** The printers (states and configuration), live. */
export function usePrintSetup(): PrintSetup {
  const feed = setupOf(useDesk());
  return useSyncExternalStore(feed.subscribe, feed.snapshot, feed.snapshot);
}

/** After the settings were saved: which tickets print may have changed. */
export function reloadPrintSetup(desk: DeskClient): void {
  setupOf(desk).reload();
}

/** What `orderPrint` needs from the setup, at `now`. */
export function printContext(setup: PrintSetup, now: number): PrintContext {
  return { expected: printedTickets(setup.configured), since: ticketSince(setup.configured, setup.printers), preOrders: setup.preOrders, now };
}
