/**
 * What the window works out from print jobs and printer states, as pure functions (tested on
 * their own): whether an order's tickets came out (the card's 未打印), the day's orders that
 * never printed, and which printers need a person (the status bar's 「后厨打印机缺纸」).
 *
 * A ticket counts as printed once any of its jobs was handed to a printer (sent) or confirmed:
 * a reprint that worked settles an earlier failure. A job still queued after STUCK_MS, a failed
 * one, or no job at all for an accepted order while printers print that ticket, is not printed.
 */
import type { Order } from '../../../../shared/order.js';
import type {
  PrinterConfig,
  PrinterState,
  PrinterStatusView,
  PrintingSettings,
  PrintJobView,
  TicketKind,
} from '../../../../shared/printing.js';

/** A job queued longer than this has not printed as far as staff are concerned. */
export const STUCK_MS = 30_000;

/** An accepted order with no job yet gets this long before it counts as not printed (the job is on its way). */
export const GRACE_MS = 30_000;

/** Tickets an accepted order prints. The cancellation ticket is checked only when a job for it exists. */
const ORDER_TICKETS: readonly TicketKind[] = ['kitchen', 'customer'];

/** Statuses after which the kitchen and customer tickets should have printed. */
const PRINTED_AFTER = new Set<Order['status']>(['accepted', 'delivering', 'completed']);

export type TicketPrintState = 'printed' | 'printing' | 'failed' | 'stuck' | 'none';

export interface TicketPrint {
  ticket: TicketKind;
  state: TicketPrintState;
  /** The latest failed job's error, in staff words ('' when none). */
  error: string;
}

export interface OrderPrint {
  /** `missing`: some expected ticket did not print; `printing`: on its way; `ok`: all out; `idle`: nothing expected. */
  state: 'ok' | 'printing' | 'missing' | 'idle';
  tickets: TicketPrint[];
}

export interface PrintContext {
  /** Tickets the configured printers print (`printedTickets`); empty: no printer, nothing expected. */
  expected: readonly TicketKind[];
  /**
   * Per ticket, since when (ms) some printer has printed it (`ticketSince`): an order placed
   * before is not expected to have that ticket (adding a printer does not print history, and
   * old days browsed on the board are not 未打印). Absent: no limit known.
   */
  since?: Partial<Record<TicketKind, number>>;
  /** The shop's choice for pre-orders; at the reminder, an accepted pre-order prints only once cooking is due. */
  preOrders: PrintingSettings['preOrders'];
  now: number;
}

/** The tickets some configured printer prints. */
export function printedTickets(printers: readonly Pick<PrinterConfig, 'tickets'>[]): TicketKind[] {
  const all = new Set(printers.flatMap((p) => p.tickets));
  return (['kitchen', 'customer', 'cancel'] as const).filter((t) => all.has(t));
}

/** Per ticket, the earliest `since` of the printers that print it (a printer whose time is unknown sets no limit). */
export function ticketSince(
  configured: readonly Pick<PrinterConfig, 'name' | 'tickets'>[],
  printers: readonly Pick<PrinterStatusView, 'name' | 'since'>[],
): Partial<Record<TicketKind, number>> {
  const since = new Map(printers.map((p) => [p.name, p.since === null ? NaN : Date.parse(p.since)]));
  const out: Partial<Record<TicketKind, number>> = {};
  for (const kind of ['kitchen', 'customer', 'cancel'] as const) {
    const times = configured.filter((p) => p.tickets.includes(kind)).map((p) => since.get(p.name) ?? NaN);
    if (times.length > 0 && times.every((t) => !Number.isNaN(t))) out[kind] = Math.min(...times);
  }
  return out;
}

/** One ticket from its jobs (any printer, any reason but a test page). */
export function ticketPrint(ticket: TicketKind, jobs: readonly PrintJobView[], now: number): TicketPrint {
  const mine = jobs.filter((j) => j.ticket === ticket && j.reason !== 'test');
  if (mine.some((j) => j.state === 'sent' || j.state === 'confirmed'))
    return { ticket, state: 'printed', error: '' };
  const failed = mine.filter((j) => j.state === 'failed');
  const lastFailed = failed.at(-1);
  const queued = mine.filter((j) => j.state === 'queued');
  // A reprint asked after a failure is the one that counts while it is young.
  if (queued.some((j) => now - Date.parse(j.createdAt) < STUCK_MS))
    return { ticket, state: 'printing', error: '' };
  if (lastFailed) return { ticket, state: 'failed', error: lastFailed.lastError };
  if (queued.length > 0) return { ticket, state: 'stuck', error: '' };
  return { ticket, state: 'none', error: '' };
}

/** Whether this order's tickets came out. `jobs` are the order's own (any order). */
export function orderPrint(order: Order, jobs: readonly PrintJobView[], ctx: PrintContext): OrderPrint {
  const tickets: TicketPrint[] = [];
  const expectsOrderTickets =
    PRINTED_AFTER.has(order.status) &&
    // A pre-order printed at its reminder is not expected before the reminder came.
    !(
      order.preOrder &&
      ctx.preOrders === 'at-reminder' &&
      order.status === 'accepted' &&
      !reminderCame(order)
    );
  for (const ticket of ORDER_TICKETS) {
    const t = ticketPrint(ticket, jobs, ctx.now);
    const hasJobs = t.state !== 'none';
    const placedBefore = Date.parse(order.createdAt) < (ctx.since?.[ticket] ?? -Infinity);
    if (!hasJobs && !(expectsOrderTickets && ctx.expected.includes(ticket) && !placedBefore)) continue;
    // No job yet for an order that just changed: the job is on its way.
    if (t.state === 'none' && ctx.now - Date.parse(order.updatedAt) < GRACE_MS)
      tickets.push({ ...t, state: 'printing' });
    else tickets.push(t);
  }
  const cancel = ticketPrint('cancel', jobs, ctx.now);
  if (cancel.state !== 'none') tickets.push(cancel);
  return { state: overall(tickets), tickets };
}

function reminderCame(order: Order): boolean {
  return order.events.some((e) => e.type === 'cooking:due' || e.type === 'cooking:started');
}

function overall(tickets: readonly TicketPrint[]): OrderPrint['state'] {
  if (tickets.length === 0) return 'idle';
  if (tickets.some((t) => t.state === 'failed' || t.state === 'stuck' || t.state === 'none'))
    return 'missing';
  if (tickets.some((t) => t.state === 'printing')) return 'printing';
  return 'ok';
}

/** The tickets of an order that are not printed (failed, stuck, never sent). */
export function missingTickets(print: OrderPrint): TicketPrint[] {
  return print.tickets.filter((t) => t.state === 'failed' || t.state === 'stuck' || t.state === 'none');
}

/** Jobs grouped by order key, oldest first within each (test pages left out). */
export function jobsByOrder(jobs: readonly PrintJobView[]): Map<string, PrintJobView[]> {
  const map = new Map<string, PrintJobView[]>();
  for (const job of jobs) {
    if (!job.orderKey) continue;
    const list = map.get(job.orderKey);
    if (list) list.push(job);
    else map.set(job.orderKey, [job]);
  }
  return map;
}

/** Adds or replaces a job (by id) in a day's list, keeping the list's order; the same array when nothing changed. */
export function mergeJob(jobs: readonly PrintJobView[], job: PrintJobView): PrintJobView[] {
  const i = jobs.findIndex((j) => j.id === job.id);
  if (i === -1) return [...jobs, job];
  const old = jobs[i];
  // Events can cross a reload: keep the newer version.
  if (old && old.updatedAt > job.updatedAt) return jobs as PrintJobView[];
  const next = [...jobs];
  next[i] = job;
  return next;
}

/** The day's orders whose tickets never came out, in order of arrival, with what is missing. */
export function neverPrinted(
  orders: readonly Order[],
  byOrder: ReadonlyMap<string, readonly PrintJobView[]>,
  ctx: PrintContext,
): { order: Order; missing: TicketPrint[] }[] {
  return orders
    .map((order) => ({
      order,
      missing: missingTickets(orderPrint(order, byOrder.get(order.key) ?? [], ctx)),
    }))
    .filter((o) => o.missing.length > 0)
    .sort((a, b) => a.order.createdAt.localeCompare(b.order.createdAt));
}

/** States that need a person at the printer. `unknown` (not asked yet) and `ready` do not. */
export const TROUBLE_STATES = [
  'offline',
  'cover-open',
  'paper-out',
  'error',
] as const satisfies readonly PrinterState[];
export type TroubleState = (typeof TROUBLE_STATES)[number];

export function isTrouble(state: PrinterState): state is TroubleState {
  return (TROUBLE_STATES as readonly string[]).includes(state);
}

/** Printers in trouble, in config order. */
export function printersInTrouble(
  printers: readonly PrinterStatusView[] | undefined,
): (PrinterStatusView & { state: TroubleState })[] {
  return (printers ?? []).filter((p): p is PrinterStatusView & { state: TroubleState } => isTrouble(p.state));
}

/**
 * What an acknowledgement covers: the set of printers and their troubles. A new trouble (another
 * printer, or the same one with a different problem) is not covered by an earlier 知道了.
 */
export function troubleKey(printers: readonly PrinterStatusView[] | undefined): string {
  return printersInTrouble(printers)
    .map((p) => `${p.name}:${p.state}`)
    .join('|');
}

/** While a printer is in trouble it rings this often; after 知道了, this often (never silent until fixed). */
export const TROUBLE_RING_MS = 30_000;
export const TROUBLE_RING_SEEN_MS = 5 * 60_000;

/**
 * When the printer alert rings next (epoch ms), or null when it must not ring (nothing wrong,
 * or muted). The first ring of a new trouble is at once.
 */
export function nextTroubleRing(input: {
  key: string;
  acknowledgedKey: string | null;
  muted: boolean;
  lastRing: { key: string; at: number } | null;
  now: number;
}): number | null {
  if (input.key === '' || input.muted) return null;
  const every = input.acknowledgedKey === input.key ? TROUBLE_RING_SEEN_MS : TROUBLE_RING_MS;
  if (!input.lastRing || input.lastRing.key !== input.key) return input.now;
  return Math.max(input.now, input.lastRing.at + every);
}

/** 「后厨」→「后厨打印机」 in Chinese (a name already ending in 打印机 stays); as is in English. */
export function printerDisplayName(name: string, lang: 'zh' | 'en'): string {
  if (lang === 'en') return name;
  return /打印机$/.test(name) ? name : `${name}打印机`;
}
