/**
 * When to print (README.md in this folder): the Desk hands every order change here; orders that
 * become accepted get their tickets queued on every printer that lists them, cancelled ones
 * whose kitchen ticket went out get a cancellation ticket, pre-orders follow `printing.preOrders`.
 * At start the orders accepted while the desk was down are caught up — never the history from
 * before a printer was set up.
 */
import type { Logger } from 'pino';
import { addDays } from '../../../shared/business-day.js';
import type { Order, OrderStatus } from '../../../shared/order.js';
import { isTakeaway } from '../../../shared/platforms.js';
import type { PrinterConfig, PrinterStatusView, PrintingSettings, PrintJobView, PrintReason, TicketKind, TicketPreviewInput } from '../../../shared/printing.js';
import type { DayReport } from '../../../shared/shop-floor.js';
import { cookingDue, cookingStarted } from '../../../shared/owed.js';
import './network.js';
// The operating system's printers (CUPS, the Windows spooler), in serve too; the shell adds its page printing.
import './system/index.js';
import { PrintQueue, type JobSpec } from './queue.js';
import { renderJob, sampleOrder, TICKET_WORDS, type Rendered } from './render.js';
import { DEFAULT_PRINTING } from './schemas.js';
import { createTransport, type PrinterTransport, type TransportOptions } from './transport.js';
import { renderDayReport, periodWords } from './tickets/day-report.js';

/** Statuses in which the kitchen works on an order: reaching one of them prints it. */
const ACCEPTED: ReadonlySet<OrderStatus> = new Set(['accepted', 'delivering']);

export interface PrintServiceOptions {
  dataDir: string;
  timeZone: string;
  logger: Logger;
  now?: () => Date;
  printers: PrinterConfig[];
  printing: PrintingSettings;
  getOrder: (key: string) => Promise<Order | undefined>;
  listOrders: (day: string) => Promise<Order[]>;
  today: () => string;
  onJob: (job: PrintJobView) => void;
  onPrinters: () => void;
  /** The numbers of a period, for a shift ticket (交班小票) when it prints. */
  dayReport?: (from: string, to: string) => Promise<DayReport>;
  retryDelaysMs?: readonly number[];
  /** Printer status checked this often while there are printers (ms, default 15 s). */
  statusPollMs?: number;
  failoverAfter?: number;
  transport?: TransportOptions;
  /** Tests: build transports another way. */
  transportFor?: (p: PrinterConfig) => PrinterTransport;
}

export class PrintService {
  readonly queue: PrintQueue;
  private printers: PrinterConfig[];
  private printing: PrintingSettings;
  private poll: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private readonly now: () => Date;
  /** Order changes waiting to be handled, in order (each waits for the one before). */
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly opts: PrintServiceOptions) {
    this.now = opts.now ?? (() => new Date());
    this.printers = opts.printers;
    this.printing = opts.printing;
    this.queue = new PrintQueue({
      dataDir: opts.dataDir,
      timeZone: opts.timeZone,
      logger: opts.logger,
      now: this.now,
      ...(opts.retryDelaysMs ? { retryDelaysMs: opts.retryDelaysMs } : {}),
      ...(opts.failoverAfter !== undefined ? { failoverAfter: opts.failoverAfter } : {}),
      render: (job, target) => this.render(job, target),
      onJob: opts.onJob,
      onPrinter: opts.onPrinters,
    });
  }

  /** Open the journal (resuming unfinished jobs), start the printers, catch up on what was missed. */
  async start(): Promise<void> {
    const { resumed, marked } = await this.queue.open();
    await this.queue.setPrinters(this.printers, (p) => this.transportFor(p));
    if (resumed > 0) this.opts.logger.info({ resumed, marked }, 'print jobs resumed');
    await this.catchUp();
    this.startPolling();
  }

  private transportFor(p: PrinterConfig): PrinterTransport {
    return this.opts.transportFor?.(p) ?? createTransport(p, this.opts.transport ?? {});
  }

  get config(): { printers: PrinterConfig[]; printing: PrintingSettings } {
    return { printers: this.printers, printing: this.printing };
  }

  /** New printers or settings, followed at once (no restart). */
  async configure(printers: PrinterConfig[], printing: PrintingSettings): Promise<void> {
    this.printers = printers;
    this.printing = printing;
    await this.queue.setPrinters(printers, (p) => this.transportFor(p));
    this.startPolling();
    await this.catchUp();
  }

  private startPolling(): void {
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
    if (this.printers.length === 0 || this.stopped) return;
    const check = (): void => {
      if (this.polling || this.stopped) return;
      this.polling = this.queue
        .pollStatus()
        .catch((err: unknown) => this.opts.logger.warn({ err: (err as Error).message }, 'printer status check failed'))
        .finally(() => {
          this.polling = null;
        });
    };
    check();
    this.poll = setInterval(check, this.opts.statusPollMs ?? 15_000);
    this.poll.unref();
  }

  printerViews(): PrinterStatusView[] {
    return this.queue.printerViews();
  }

  /** An order changed (the Desk's `order-changed`): queue what it now needs printed. */
  onOrder(change: { order: Order; previousStatus: OrderStatus | null }): void {
    const run = this.chain.then(() => this.handle(change.order, change.previousStatus));
    this.chain = run.catch((err: unknown) => this.opts.logger.error({ key: change.order.key, err: (err as Error).message }, 'could not queue print jobs'));
  }

  /** Resolves once the order changes handed in so far have been queued. */
  settled(): Promise<void> {
    return this.chain;
  }

  private async handle(order: Order, previousStatus: OrderStatus | null): Promise<void> {
    if (this.stopped || this.printers.length === 0 || !isTakeaway(order.platform)) return;
    // Old orders changing (a late completion push) never print.
    if (order.businessDay < addDays(this.opts.today(), -1)) return;
    const becameAccepted = ACCEPTED.has(order.status) && (previousStatus === null || !ACCEPTED.has(previousStatus));
    if (ACCEPTED.has(order.status)) {
      const reason = this.acceptReason(order);
      // Accepted just now, or a pre-order whose reminder came (a change that leaves the status as it was).
      if (reason !== null && (reason !== 'accepted' || becameAccepted)) await this.queueTickets(order, reason, ['kitchen', 'customer']);
    }
    if (this.cancelled(order)) await this.queueCancel(order);
  }

  /** Why an accepted order prints now: `accepted`, `pre-order` (its reminder came), or null (a pre-order waiting for its reminder). */
  private acceptReason(order: Order): PrintReason | null {
    if (!order.preOrder || this.printing.preOrders === 'on-accept') return 'accepted';
    return cookingDue(order) || cookingStarted(order) ? 'pre-order' : null;
  }

  private cancelled(order: Order): boolean {
    return order.status === 'cancelled' || (order.refund?.state === 'agreed' && !order.refund.partial);
  }

  private async queueTickets(order: Order, reason: PrintReason, kinds: TicketKind[], onlyAfter?: string): Promise<void> {
    for (const p of this.printers) {
      if (onlyAfter !== undefined && onlyAfter < (this.queue.printerSince(p.name) ?? '9')) continue;
      for (const ticket of kinds) {
        if (!p.tickets.includes(ticket)) continue;
        await this.queue.add(this.spec(order, ticket, reason, p.name));
      }
    }
  }

  /** A cancellation ticket, only where the kitchen ticket went out (sent or printed, on any printer). */
  private async queueCancel(order: Order, onlyAfter?: string): Promise<void> {
    const kitchenOut = this.queue.jobsOf(order.key).some((j) => j.ticket === 'kitchen' && j.reason !== 'test' && (j.printedOn !== null || j.state === 'confirmed'));
    if (!kitchenOut) return;
    await this.queueTickets(order, 'cancelled', ['cancel'], onlyAfter);
  }

  private spec(order: Order, ticket: TicketKind, reason: PrintReason, printer: string, n?: number): JobSpec {
    return { id: `${order.key}|${ticket}|${reason}${n !== undefined ? `|${n}` : ''}`, printer, orderKey: order.key, ticket, reason, day: order.businessDay };
  }

  /**
   * Orders of today and yesterday that became accepted (or cancelled) while the desk was down and
   * have no job yet — only those accepted after the printer was first set up here.
   */
  async catchUp(): Promise<void> {
    if (this.printers.length === 0) return;
    const today = this.opts.today();
    for (const day of [addDays(today, -1), today]) {
      for (const order of await this.opts.listOrders(day)) {
        if (this.stopped) return;
        if (!isTakeaway(order.platform)) continue;
        if (ACCEPTED.has(order.status)) {
          const reason = this.acceptReason(order);
          const at = reason === 'pre-order' ? lastEventAt(order, (e) => e.type === 'cooking:due' || e.type === 'cooking:started') : firstAcceptedAt(order);
          if (reason && at) await this.queueTickets(order, reason, ['kitchen', 'customer'], at);
        } else if (this.cancelled(order)) {
          const at = lastEventAt(order, (e) => e.status === 'cancelled' || e.type.startsWith('refund'));
          if (at) await this.queueCancel(order, at);
        }
      }
    }
  }

  /** 补打: this ticket of the order again on every printer that prints it; ids end `|n`. */
  async reprint(order: Order, ticket: TicketKind): Promise<PrintJobView[] | string> {
    if (this.printers.length === 0) return '还没有设置打印机';
    if (ticket === 'cancel' && !this.cancelled(order)) return '订单没有取消，不用打印取消单';
    const targets = this.printers.filter((p) => p.tickets.includes(ticket));
    if (targets.length === 0) return `没有打印机设置了打印${TICKET_WORDS[ticket]}，请先在打印设置里勾选`;
    const prefix = `${order.key}|${ticket}|reprint|`;
    const n = 1 + Math.max(0, ...this.queue.jobsOf(order.key).filter((j) => j.id.startsWith(prefix)).map((j) => Number(j.id.slice(prefix.length)) || 0));
    const made: PrintJobView[] = [];
    for (const p of targets) {
      const job = await this.queue.add(this.spec(order, ticket, 'reprint', p.name, n));
      if (job) made.push(job);
    }
    return made;
  }

  async testPrint(name: string): Promise<PrintJobView | string> {
    if (!this.printers.some((p) => p.name === name)) return `没有名为「${name}」的打印机`;
    const at = this.now().toISOString();
    const job = await this.queue.add({ id: `test|${name}|${at}`, printer: name, orderKey: null, ticket: 'customer', reason: 'test', day: this.opts.today() });
    return job ?? '测试页刚刚已经发出，请稍候再试';
  }

  /**
   * 交班小票: a period's numbers on every printer that prints the customer ticket. Its identity
   * is the period and the minute (`day-report|from|to|minute`), so a second press within the
   * same minute prints nothing and says so; `again` prints another one all the same (`|n`).
   * The numbers are taken when it prints, and the ticket says when that was.
   */
  async printDayReport(from: string, to: string, again = false): Promise<PrintJobView[] | { refused: string; repeat?: boolean }> {
    if (this.printers.length === 0) return { refused: '还没有设置打印机，请先在「打印」设置里添加打印机' };
    const targets = this.printers.filter((p) => p.tickets.includes('customer'));
    if (targets.length === 0) return { refused: '交班小票打在打印顾客联的打印机上，但没有打印机勾选顾客联，请先在打印设置里勾选' };
    const base = `day-report|${from}|${to}|${this.now().toISOString().slice(0, 16)}`;
    let id = base;
    if (again) {
      const taken = new Set(this.queue.jobsOfDay(this.opts.today()).map((j) => j.id));
      let n = 2;
      while (taken.has(`${base}|${n}`)) n++;
      id = taken.has(base) ? `${base}|${n}` : base;
    }
    const made: PrintJobView[] = [];
    for (const p of targets) {
      const job = await this.queue.add({ id, printer: p.name, orderKey: null, ticket: 'customer', reason: 'day-report', day: this.opts.today() });
      if (job) made.push(job);
    }
    if (made.length === 0) return { refused: `${periodWords(from, to)} 的交班小票刚刚已经打印，要再打一张请按「再打一张」`, repeat: true };
    return made;
  }

  async preview(input: TicketPreviewInput): Promise<{ svg: string } | string> {
    let order: Order | undefined;
    if (input.orderKey) {
      order = await this.opts.getOrder(input.orderKey);
      if (!order) return '找不到这个订单';
    }
    const rendered = renderJob({
      order: order ?? sampleOrder(this.now()),
      ticket: input.ticket,
      width: input.width,
      settings: input.settings ?? this.printing,
      copies: 1,
      timeZone: this.opts.timeZone,
      now: this.now(),
    });
    return { svg: rendered.svg };
  }

  private async render(job: JobSpec & { mark: boolean }, target: PrinterConfig): Promise<Rendered | { skip: string }> {
    const settings = this.printing ?? DEFAULT_PRINTING;
    const base = { ticket: job.ticket, width: target.width, settings, copies: target.copies, timeZone: this.opts.timeZone, now: this.now(), ...(job.mark ? { reprint: true } : {}) };
    if (job.reason === 'day-report') return this.renderDayReport(job, base);
    if (job.orderKey === null) return renderJob({ ...base, order: null, printerName: job.printer, copies: 1 });
    const order = await this.opts.getOrder(job.orderKey);
    if (!order) throw new Error(`order ${job.orderKey} not found`);
    // Cancelled while its ticket waited (the printer was down): never reaches the kitchen. One
    // that may already have printed (marked) goes out, and a cancellation ticket follows it.
    if ((job.reason === 'accepted' || job.reason === 'pre-order') && !job.mark && this.cancelled(order)) return { skip: '订单已取消，这张不再打印' };
    return renderJob({ ...base, order });
  }

  /** One copy whatever the printer's copies: the numbers are for the person closing the shift. */
  private async renderDayReport(job: JobSpec, base: { width: PrinterConfig['width']; timeZone: string; now: Date; reprint?: boolean }): Promise<Rendered> {
    const [, from = '', to = ''] = job.id.split('|');
    if (!this.opts.dayReport) throw new Error('day report not available');
    const t = renderDayReport(await this.opts.dayReport(from, to), base);
    return { bytes: t.escpos, svg: t.svg, title: `交班小票 ${periodWords(from, to)}` };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
    await this.chain;
    await this.polling;
    await this.queue.stop();
  }
}

function firstAcceptedAt(order: Order): string | null {
  return order.events.find((e) => ACCEPTED.has(e.status))?.at ?? null;
}

function lastEventAt(order: Order, match: (e: Order['events'][number]) => boolean): string | null {
  return order.events.findLast(match)?.at ?? null;
}
