/**
 * The end-of-shift check (交班/日结, docs/shop-floor.md): what the counter still owes on a
 * business day, and each platform's own list of the day's orders against the desk's. An order
 * the platform has and the desk does not is fetched in full through the pull path (the same one
 * missed-order recovery uses: journaled, then read by the platform's `interpretPulled`), so it
 * is on the board, rings and prints like any other, and its history says it was pulled.
 */
import type { Logger } from 'pino';
import { orderKey, type Order, type Platform } from '../../../shared/order.js';
import { kindOf, PLATFORM_IDENTITIES } from '../../../shared/platforms.js';
import type { PrinterConfig, PrinterStatusView, PrintingSettings, PrintJobView, TicketKind } from '../../../shared/printing.js';
import type { PlatformStoreRef, ShiftCheckReport, ShiftOwed, ShiftReconcile } from '../../../shared/shop-floor.js';
import type { Store } from '../../../shared/store.js';
import type { PlatformOutbound } from '../platforms/types.js';

/** What the check reads and writes; the desk wires it. */
export interface ShiftCheckDeps {
  /** The day's orders, as the board lists them. */
  listOrders(day: string): Promise<Order[]>;
  getOrder(key: string): Promise<Order | undefined>;
  /** The pull path: journaled, then applied like a push. */
  acceptPull(platform: Platform, storeId: string, orderJson: string): Promise<unknown>;
  stores(): readonly Pick<Store, 'id' | 'name'>[];
  /** Each configured platform's outbound half. */
  outbound: ReadonlyMap<Platform, PlatformOutbound>;
  /** The platform's own shop id for a store ('' when the platform names our store id). */
  platformStoreId(platform: Platform, storeId: string): string;
  /** What the printers are expected to print, and the day's print jobs. */
  printing(): PrintExpectation;
  jobsOfDay(day: string): Promise<PrintJobView[]>;
  now(): Date;
  logger: Logger;
}

export interface PrintExpectation {
  /** Tickets some configured printer prints (none: no printer, nothing is owed to the printer). */
  expected: readonly TicketKind[];
  /** Per ticket, since when (ms) a printer prints it: older orders are not expected to have it. */
  since: Partial<Record<TicketKind, number>>;
  preOrders: PrintingSettings['preOrders'];
}

/** What the configured printers print, and since when each ticket has had a printer (ms). */
export function printExpectation(printers: readonly PrinterConfig[], views: readonly PrinterStatusView[], preOrders: PrintingSettings['preOrders']): PrintExpectation {
  const expected = (['kitchen', 'customer', 'cancel'] as const).filter((t) => printers.some((p) => p.tickets.includes(t)));
  const started = new Map(views.map((v) => [v.name, v.since === null ? NaN : Date.parse(v.since)]));
  const since: Partial<Record<TicketKind, number>> = {};
  for (const t of expected) {
    const times = printers.filter((p) => p.tickets.includes(t)).map((p) => started.get(p.name) ?? NaN);
    if (times.every((x) => !Number.isNaN(x))) since[t] = Math.min(...times);
  }
  return { expected, since, preOrders };
}

/** A queued job younger than this is on its way, not owed. */
const QUEUED_GRACE_MS = 30_000;
const ORDER_TICKETS: readonly TicketKind[] = ['kitchen', 'customer'];
const TICKET_WORDS: Record<TicketKind, string> = { kitchen: '后厨单', customer: '顾客联', cancel: '取消单' };

/** Run the whole check for a day. Never rejects for a platform's failure: that is in its row's `error`. */
export async function runShiftCheck(deps: ShiftCheckDeps, day: string): Promise<ShiftCheckReport> {
  // Reconcile first: an order pulled in now is owed like the rest (accepted elsewhere, never printed here …).
  const platforms = await reconcile(deps, day);
  const orders = await deps.listOrders(day);
  const jobs = await deps.jobsOfDay(day);
  const owed = owedOf(orders, jobs, deps.printing(), deps.now().getTime());
  return { day, at: deps.now().toISOString(), owed, platforms };
}

// ---- what is still owed ----

/** Everything owed on these orders, oldest first within each kind, kinds in `SHIFT_OWED_KINDS` order. */
export function owedOf(orders: readonly Order[], jobs: readonly PrintJobView[], printing: PrintExpectation, nowMs: number): ShiftOwed[] {
  const byOrder = new Map<string, PrintJobView[]>();
  for (const job of jobs) {
    if (!job.orderKey || job.reason === 'test') continue;
    byOrder.set(job.orderKey, [...(byOrder.get(job.orderKey) ?? []), job]);
  }
  const owed: ShiftOwed[] = [];
  for (const o of orders) {
    if (kindOf(o.platform) !== 'takeaway') continue;
    const line = (kind: ShiftOwed['kind'], since: string, detail: string): void => {
      owed.push({ kind, key: o.key, platform: o.platform, daySeq: o.daySeq, storeName: o.storeName, since, detail });
    };
    const open = o.status !== 'cancelled' && o.status !== 'completed';
    if (o.status === 'new') line('unaccepted', o.createdAt, o.autoAccept?.state === 'failed' && o.autoAccept.lastError ? `自动接单失败：${o.autoAccept.lastError}` : '待接单');
    if (o.refund?.state === 'requested') {
      const since = [...o.events].reverse().find((e) => e.type.includes('requested'))?.at ?? o.updatedAt;
      line('refund-undecided', since, `${o.refund.partial ? '部分退款' : '退款/取消'}申请待处理${o.refund.reason ? `：${o.refund.reason}` : ''}`);
    }
    if (o.reminder && !o.reminder.replied && o.status !== 'cancelled') line('reminder-unanswered', o.reminder.at, '顾客催单，尚未回复');
    const missing = missingTickets(o, byOrder.get(o.key) ?? [], printing, nowMs);
    if (missing.length > 0) {
      line('never-printed', o.updatedAt, missing.map((m) => `${TICKET_WORDS[m.ticket]}${m.error ? `打印失败：${m.error}` : '没有打出'}`).join('；'));
    }
    const accepted = acceptedAt(o) ?? o.createdAt;
    const selfDelivery = o.delivery?.selfDelivery === true;
    // 出餐 is reported for orders the platform delivers, until the rider has them.
    if (o.status === 'accepted' && !o.pickup && !selfDelivery && !o.prepared) line('not-prepared', accepted, o.preOrder ? '预订单，尚未出餐' : '尚未出餐');
    if (open && selfDelivery && !o.pickup && (o.status === 'accepted' || o.status === 'delivering')) {
      line('self-delivery-open', accepted, o.status === 'delivering' ? '商家自配送，配送中，尚未送达' : '商家自配送，尚未出发');
    }
  }
  const rank = (k: ShiftOwed['kind']): number => KIND_ORDER.indexOf(k);
  return owed.sort((a, b) => rank(a.kind) - rank(b.kind) || a.since.localeCompare(b.since));
}

const KIND_ORDER: readonly ShiftOwed['kind'][] = ['unaccepted', 'refund-undecided', 'reminder-unanswered', 'never-printed', 'not-prepared', 'self-delivery-open'];

function acceptedAt(o: Order): string | null {
  return o.events.find((e) => e.status === 'accepted')?.at ?? null;
}

/**
 * The order's tickets that never came out: an expected ticket with no job handed to a printer
 * (failed, still queued after a while, or never made). The same reading as the board's 未打印.
 */
export function missingTickets(o: Order, jobs: readonly PrintJobView[], printing: PrintExpectation, nowMs: number): { ticket: TicketKind; error: string }[] {
  const printed = o.status === 'accepted' || o.status === 'delivering' || o.status === 'completed';
  const reminderDue = o.events.some((e) => e.type === 'cooking:due' || e.type === 'cooking:started');
  const expectsOrderTickets = printed && !(o.preOrder && printing.preOrders === 'at-reminder' && o.status === 'accepted' && !reminderDue);
  const out: { ticket: TicketKind; error: string }[] = [];
  for (const ticket of ORDER_TICKETS) {
    const mine = jobs.filter((j) => j.ticket === ticket);
    const placedBefore = Date.parse(o.createdAt) < (printing.since[ticket] ?? -Infinity);
    if (mine.length === 0 && !(expectsOrderTickets && printing.expected.includes(ticket) && !placedBefore)) continue;
    if (mine.some((j) => j.state === 'sent' || j.state === 'confirmed')) continue;
    if (mine.some((j) => j.state === 'queued' && nowMs - Date.parse(j.createdAt) < QUEUED_GRACE_MS)) continue;
    // No job yet for an order that just changed: the job is on its way.
    if (mine.length === 0 && nowMs - Date.parse(o.updatedAt) < QUEUED_GRACE_MS) continue;
    out.push({ ticket, error: mine.filter((j) => j.state === 'failed').at(-1)?.lastError ?? '' });
  }
  return out;
}

// ---- the platforms' lists against the desk's ----

async function reconcile(deps: ShiftCheckDeps, day: string): Promise<ShiftReconcile[]> {
  const rows: ShiftReconcile[] = [];
  const desk = await deps.listOrders(day);
  for (const [platform, out] of deps.outbound) {
    if (!out.dayOrderIds || !out.recovery) continue;
    const words = PLATFORM_IDENTITIES[platform].label.zh;
    for (const store of deps.stores()) {
      const row: ShiftReconcile = {
        platform,
        storeId: store.id,
        storeName: store.name,
        platformCount: null,
        deskCount: desk.filter((o) => o.platform === platform && o.storeId === store.id).length,
        missing: [],
        pulled: [],
        error: '',
      };
      let token: string | undefined;
      try {
        token = await out.tokenFor(store.id);
      } catch (err) {
        rows.push({ ...row, error: `无法向${words}核对：${out.describeError(err).message}` });
        continue;
      }
      if (!token) continue; // not bound to this platform: nothing to reconcile
      const ref: PlatformStoreRef = { storeId: store.id, platformStoreId: deps.platformStoreId(platform, store.id) };
      let ids: string[];
      try {
        ids = await out.dayOrderIds(token, ref, day);
      } catch (err) {
        deps.logger.warn({ platform, storeId: store.id, err: (err as Error).message }, 'end-of-shift check: the day list failed');
        rows.push({ ...row, error: `${words}当日订单没有取到：${out.describeError(err).message}。请稍后再点「开始检查」` });
        continue;
      }
      row.platformCount = ids.length;
      const failures: string[] = [];
      for (const id of ids) {
        const known = await deps.getOrder(orderKey(platform, id));
        if (known && !known.flags.includes('partial')) continue;
        row.missing.push(id);
        try {
          const text = await out.recovery.fetchOrder(token, id);
          await deps.acceptPull(platform, store.id, text);
          row.pulled.push(id);
        } catch (err) {
          failures.push(`订单 ${id} 没有补回：${out.describeError(err).message}`);
        }
      }
      if (failures.length > 0) row.error = `${failures.join('；')}。请稍后再点「开始检查」`;
      if (row.pulled.length > 0) deps.logger.info({ platform, storeId: store.id, pulled: row.pulled }, 'end-of-shift check pulled in orders the desk did not have');
      rows.push(row);
    }
  }
  return rows;
}
