/**
 * The durable print queue (README.md in this folder says the rules in words). Every job and
 * every change of its state is a line in the print journal (`print/YYYY-MM-DD.jsonl` in the data
 * folder, the same group-committed, fsync'ed journal the orders use); the jobs in memory are
 * rebuilt from it at start. One serial worker per printer sends its jobs one at a time, in
 * order, retries with backoff, and hands them to the printer's backup while it fails.
 */
import { join } from 'node:path';
import type { Logger } from 'pino';
import { addDays, dayFormatter } from '../../../shared/business-day.js';
import type { PrinterConfig, PrinterState, PrinterStatusView, PrintJobState, PrintJobView, PrintReason, TicketKind } from '../../../shared/printing.js';
import { Journal } from '../storage/journal.js';
import type { Rendered } from './render.js';
import type { PrinterTransport, TransportStatus } from './transport.js';

export const PRINT_DIR = 'print';

/** Waits before the 1st, 2nd, … retry; the last one repeats. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [2_000, 5_000, 15_000, 30_000, 60_000];

/** Staff words the queue itself says. */
export const QUEUE_WORDS = {
  reprintMark: '补打',
  gaveUp: (hours: number) => `超过 ${hours} 小时没能打印，已停止自动重试；需要时请在订单上补打`,
  printerRemoved: (name: string) => `打印机「${name}」已从设置中删除，这张没有打印`,
  renderFailed: '小票生成失败，请在订单上补打',
};

/** States in which a printer cannot print: its jobs wait (or go to its backup). */
export function isProblem(state: PrinterState): boolean {
  return state === 'offline' || state === 'cover-open' || state === 'paper-out' || state === 'error';
}

export interface JobSpec {
  /** `<orderKey>|<ticket>|<reason>[|n]`, or `test|<printer>|<time>`. */
  id: string;
  printer: string;
  orderKey: string | null;
  ticket: TicketKind;
  reason: PrintReason;
  day: string;
}

interface Job extends JobSpec {
  state: PrintJobState;
  attempts: number;
  lastError: string;
  printedOn: string | null;
  createdAt: string;
  updatedAt: string;
  /** Print it with the 「补打」 mark: it may have printed before (sent, then a crash or a fault). */
  mark: boolean;
  /** No more automatic tries (given up, printer removed). */
  done: boolean;
  /** Not before this (ms since epoch). */
  nextAt: number;
}

type Entry =
  | ({ t: 'job' } & JobSpec)
  | { t: 'state'; id: string; printer: string; state: PrintJobState; attempts: number; lastError: string; printedOn: string | null; mark: boolean; done: boolean }
  /** A printer seen in the config. `since`: when it was first seen, carried forward (absent: this entry's own time). */
  | { t: 'printer'; name: string; since?: string };

export interface PrintQueueOptions {
  dataDir: string;
  timeZone: string;
  logger: Logger;
  now?: () => Date;
  retryDelaysMs?: readonly number[];
  /** Failed attempts in a row on a printer before its backup takes over (an offline state does at once). */
  failoverAfter?: number;
  /** A job not printed this long after it was made is given up (ms, default 6 h). */
  giveUpAfterMs?: number;
  /** Journal files read back at start (days, default 7): the jobs the queue remembers. */
  keepDays?: number;
  /**
   * A job's bytes for the printer that will print it (the backup's width when it covers), or
   * `{ skip }` with the staff words why it no longer prints (the order was cancelled meanwhile).
   */
  render: (job: JobSpec & { mark: boolean }, target: PrinterConfig) => Promise<Rendered | { skip: string }>;
  onJob: (job: PrintJobView) => void;
  /** A printer's state or coverage changed. */
  onPrinter: () => void;
}

interface Lane {
  config: PrinterConfig;
  transport: PrinterTransport;
  status: TransportStatus;
  checkedAt: string | null;
  failures: number;
  pending: Job[];
  /** Cuts the worker's current wait short. */
  wake: () => void;
  /** The device is busy with a send or a status check (one at a time per printer). */
  device: Promise<void>;
  alive: boolean;
  worker: Promise<void>;
}

const keyOf = (id: string, printer: string): string => `${id}@${printer}`;

export class PrintQueue {
  private readonly journal: Journal;
  private readonly jobs = new Map<string, Job>();
  private readonly since = new Map<string, string>();
  /** The business day each printer's `since` was last written on: only recent days are read back at start. */
  private readonly sinceWritten = new Map<string, string>();
  private readonly lanes = new Map<string, Lane>();
  private readonly now: () => Date;
  private readonly delays: readonly number[];
  private readonly failoverAfter: number;
  private readonly giveUpAfterMs: number;
  private readonly dayOf: (at: Date) => string;
  private stopped = false;

  constructor(private readonly opts: PrintQueueOptions) {
    this.now = opts.now ?? (() => new Date());
    this.delays = opts.retryDelaysMs?.length ? opts.retryDelaysMs : DEFAULT_RETRY_DELAYS_MS;
    this.failoverAfter = opts.failoverAfter ?? 2;
    this.giveUpAfterMs = opts.giveUpAfterMs ?? 6 * 3_600_000;
    this.dayOf = dayFormatter(opts.timeZone);
    this.journal = new Journal({
      dir: join(opts.dataDir, PRINT_DIR),
      timeZone: opts.timeZone,
      now: this.now,
      log: { warn: (obj, msg) => opts.logger.warn(obj, msg) },
    });
  }

  /** Read the journal back: jobs and their states, printers seen. Unfinished jobs wait for their printer. */
  async open(): Promise<{ resumed: number; marked: number }> {
    await this.journal.open();
    const from = addDays(this.dayOf(this.now()), -(this.opts.keepDays ?? 7));
    for (const day of await this.journal.days()) {
      if (day < from) continue;
      for await (const { entry } of this.journal.readDay(day)) this.apply(entry as unknown as Entry & { at: string });
    }
    let resumed = 0;
    let marked = 0;
    for (const job of this.jobs.values()) {
      if (job.done || job.state === 'confirmed') continue;
      // Sent, never confirmed: the ticket may be in the kitchen or may be lost. Printed again, marked 补打.
      if (job.state === 'sent') {
        job.mark = true;
        marked++;
      }
      resumed++;
    }
    return { resumed, marked };
  }

  private apply(e: Entry & { at: string }): void {
    if (e.t === 'printer') {
      const first = e.since ?? e.at;
      const known = this.since.get(e.name);
      if (known === undefined || first < known) this.since.set(e.name, first);
      this.sinceWritten.set(e.name, this.dayOf(new Date(e.at)));
      return;
    }
    if (e.t === 'job') {
      const { t: _t, at: _at, seq: _seq, ...spec } = e as Entry & { at: string; seq?: number } & JobSpec;
      this.jobs.set(keyOf(e.id, e.printer), {
        ...(spec as JobSpec),
        state: 'queued',
        attempts: 0,
        lastError: '',
        printedOn: null,
        createdAt: e.at,
        updatedAt: e.at,
        mark: false,
        done: false,
        nextAt: 0,
      });
      return;
    }
    const job = this.jobs.get(keyOf(e.id, e.printer));
    if (!job) return;
    Object.assign(job, { state: e.state, attempts: e.attempts, lastError: e.lastError, printedOn: e.printedOn, mark: e.mark, done: e.done, updatedAt: e.at });
  }

  /** When a printer (by name) was first configured here; undefined before `notePrinters` saw it. */
  printerSince(name: string): string | undefined {
    return this.since.get(name);
  }

  has(id: string, printer: string): boolean {
    return this.jobs.has(keyOf(id, printer));
  }

  /** Jobs of an order (any printer), for the cancel rule and reprint numbering. */
  jobsOf(orderKey: string): PrintJobView[] {
    return [...this.jobs.values()].filter((j) => j.orderKey === orderKey).map(view);
  }

  /** The printers now configured: lanes made, changed or closed; new names remembered with the time. */
  async setPrinters(printers: PrinterConfig[], transportFor: (p: PrinterConfig) => PrinterTransport): Promise<void> {
    const seen = printers.filter((p) => !this.since.has(p.name));
    for (const p of seen) {
      const { at } = await this.journal.appendTimed({ t: 'printer', name: p.name });
      this.since.set(p.name, at);
      this.sinceWritten.set(p.name, this.dayOf(new Date(at)));
    }
    await this.keepSince(printers.map((p) => p.name));
    const wanted = new Map(printers.map((p) => [p.name, p]));
    for (const [name, lane] of [...this.lanes]) {
      const next = wanted.get(name);
      if (next && JSON.stringify(next) === JSON.stringify(lane.config)) continue;
      await this.closeLane(lane);
      this.lanes.delete(name);
    }
    for (const p of printers) {
      if (this.lanes.has(p.name)) continue;
      const lane: Lane = {
        config: p,
        transport: transportFor(p),
        status: { state: 'unknown', detail: '' },
        checkedAt: null,
        failures: 0,
        pending: [],
        wake: () => undefined,
        device: Promise.resolve(),
        alive: true,
        worker: Promise.resolve(),
      };
      lane.pending = [...this.jobs.values()].filter((j) => j.printer === p.name && !j.done && j.state !== 'confirmed').sort(byCreated);
      this.lanes.set(p.name, lane);
      lane.worker = this.work(lane);
    }
    // Jobs left for printers no longer configured: never printed, and said so.
    for (const job of this.jobs.values()) {
      if (!job.done && job.state !== 'confirmed' && !this.lanes.has(job.printer)) {
        await this.record(job, { state: 'failed', lastError: QUEUE_WORDS.printerRemoved(job.printer), done: true });
      }
    }
    this.opts.onPrinter();
  }

  /** A new job, journaled before it is queued; null when a job with that id is already on that printer. */
  async add(spec: JobSpec): Promise<PrintJobView | null> {
    const k = keyOf(spec.id, spec.printer);
    if (this.jobs.has(k) || this.stopped) return null;
    const at = this.now().toISOString();
    const job: Job = { ...spec, state: 'queued', attempts: 0, lastError: '', printedOn: null, createdAt: at, updatedAt: at, mark: spec.reason === 'reprint', done: false, nextAt: 0 };
    // Claimed before the write: a second event in the same tick finds it and adds nothing.
    this.jobs.set(k, job);
    try {
      const r = await this.journal.appendTimed({ t: 'job', ...spec });
      job.createdAt = job.updatedAt = r.at;
    } catch (err) {
      this.jobs.delete(k);
      throw err;
    }
    const lane = this.lanes.get(spec.printer);
    if (lane) {
      lane.pending.push(job);
      lane.wake();
    }
    this.opts.onJob(view(job));
    this.opts.onPrinter();
    return view(job);
  }

  jobsOfDay(day: string): PrintJobView[] {
    return [...this.jobs.values()].filter((j) => j.day === day).sort(byCreated).map(view);
  }

  printerViews(): PrinterStatusView[] {
    return [...this.lanes.values()].map((lane) => {
      const backup = this.backupOf(lane);
      return {
        name: lane.config.name,
        type: lane.config.type,
        width: lane.config.width,
        state: lane.status.state,
        detail: lane.status.detail,
        checkedAt: lane.checkedAt,
        queued: lane.pending.length,
        coveredBy: backup && this.failing(lane) && lane.pending.length > 0 ? backup.config.name : null,
        since: this.since.get(lane.config.name) ?? null,
      };
    });
  }

  /**
   * Write each configured printer's first-seen time again once a business day. Only the last
   * `keepDays` of the journal are read at start; without this, a desk restarted after a week
   * would take its printers for new ones and skip the catch-up of orders accepted while it was down.
   */
  async keepSince(names: Iterable<string> = this.lanes.keys()): Promise<void> {
    const today = this.dayOf(this.now());
    for (const name of names) {
      const since = this.since.get(name);
      if (since === undefined || this.sinceWritten.get(name) === today) continue;
      await this.journal.appendTimed({ t: 'printer', name, since });
      this.sinceWritten.set(name, today);
    }
  }

  /** Ask every printer that is not busy how it is (the periodic check). */
  async pollStatus(): Promise<void> {
    await this.keepSince();
    await Promise.all([...this.lanes.values()].map((lane) => this.checkStatus(lane)));
  }

  private async checkStatus(lane: Lane): Promise<void> {
    await this.onDevice(lane, async () => {
      if (!lane.alive) return;
      this.setStatus(lane, await lane.transport.status());
    });
  }

  private setStatus(lane: Lane, status: TransportStatus): void {
    const changed = status.state !== lane.status.state || status.detail !== lane.status.detail;
    const wasProblem = isProblem(lane.status.state);
    lane.status = status;
    lane.checkedAt = this.now().toISOString();
    if (wasProblem && !isProblem(status.state)) {
      // Back: its own jobs go to it again, at once.
      lane.failures = 0;
      for (const j of lane.pending) j.nextAt = 0;
      for (const l of this.lanes.values()) l.wake();
    }
    if (changed) this.opts.onPrinter();
  }

  /** One thing at a time on a device (sends, status checks), in call order. */
  private onDevice<T>(lane: Lane, fn: () => Promise<T>): Promise<T> {
    const run = lane.device.then(fn);
    lane.device = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private backupOf(lane: Lane): Lane | undefined {
    const name = lane.config.backup;
    return name && name !== lane.config.name ? this.lanes.get(name) : undefined;
  }

  private failing(lane: Lane): boolean {
    return lane.failures >= this.failoverAfter || isProblem(lane.status.state);
  }

  /** Where the lane's next job goes: itself, or its backup while it fails and the backup does not. */
  private target(lane: Lane): Lane {
    const backup = this.backupOf(lane);
    if (backup && this.failing(lane) && !this.failing(backup)) return backup;
    return lane;
  }

  private async work(lane: Lane): Promise<void> {
    while (lane.alive && !this.stopped) {
      const job = lane.pending[0];
      if (job && (job.done || job.state === 'confirmed')) {
        lane.pending.shift();
        continue;
      }
      const wait = job ? job.nextAt - this.now().getTime() : Infinity;
      if (wait > 0) {
        await new Promise<void>((resolve) => {
          const t = Number.isFinite(wait) ? setTimeout(done, wait) : null;
          function done(): void {
            if (t) clearTimeout(t);
            resolve();
          }
          lane.wake = done;
        });
        lane.wake = () => undefined;
        continue;
      }
      if (!job) continue;
      try {
        await this.attempt(lane, job);
      } catch (err) {
        // A journal write failed (disk full): try again later, nothing was lost.
        this.opts.logger.error({ job: job.id, printer: job.printer, err: (err as Error).message }, 'print queue: could not record a job state');
        job.nextAt = this.now().getTime() + this.delayFor(job.attempts);
        continue;
      }
      if (job.done || job.state === 'confirmed') {
        lane.pending.shift();
        this.opts.onPrinter();
      }
    }
  }

  private delayFor(attempts: number): number {
    return this.delays[Math.min(Math.max(attempts - 1, 0), this.delays.length - 1)] ?? 60_000;
  }

  private async attempt(lane: Lane, job: Job): Promise<void> {
    if (this.now().getTime() - Date.parse(job.createdAt) > this.giveUpAfterMs) {
      await this.record(job, { state: 'failed', lastError: QUEUE_WORDS.gaveUp(Math.round(this.giveUpAfterMs / 3_600_000)), done: true });
      return;
    }
    const target = this.target(lane);
    const own = target === lane;
    const outcome = await this.onDevice(target, async (): Promise<{ ok: true } | { ok: false; error: string; sent: boolean }> => {
      // Known to be unable: ask again before sending (it may be back), and do not send into it.
      if (isProblem(target.status.state)) {
        this.setStatus(target, await target.transport.status());
        if (isProblem(target.status.state)) return { ok: false, error: target.status.detail, sent: false };
      }
      let rendered: Rendered;
      try {
        const r = await this.opts.render({ ...job, mark: job.mark }, target.config);
        if ('skip' in r) {
          await this.record(job, { state: 'failed', lastError: r.skip, done: true });
          return { ok: true };
        }
        rendered = r;
      } catch (err) {
        this.opts.logger.error({ job: job.id, err: (err as Error).message }, 'print queue: rendering failed');
        await this.record(job, { state: 'failed', lastError: QUEUE_WORDS.renderFailed, done: true });
        return { ok: true };
      }
      // Journaled before the bytes go: after a crash from here on, the ticket may be out.
      await this.record(job, { state: 'sent', attempts: job.attempts + 1, printedOn: target.config.name, lastError: '' });
      try {
        await target.transport.send(rendered.bytes, { id: job.id, title: rendered.title, svg: rendered.svg });
      } catch (err) {
        this.setStatus(target, await target.transport.status());
        const status = target.status;
        return { ok: false, error: isProblem(status.state) ? status.detail : (err as Error).message, sent: false };
      }
      // Handed over; the printer's own word decides whether it printed.
      this.setStatus(target, await target.transport.status());
      if (isProblem(target.status.state)) return { ok: false, error: target.status.detail, sent: true };
      return { ok: true };
    });
    if (job.done) return;
    if (outcome.ok) {
      target.failures = 0;
      await this.record(job, { state: 'confirmed', lastError: '' });
      return;
    }
    target.failures++;
    if (own) this.opts.onPrinter();
    const attempts = job.state === 'sent' ? job.attempts : job.attempts + 1;
    await this.record(job, { state: 'failed', attempts, lastError: outcome.error, mark: job.mark || outcome.sent });
    // A backup may take it now; else wait.
    job.nextAt = this.target(lane) !== target ? 0 : this.now().getTime() + this.delayFor(attempts);
    this.opts.logger.warn({ job: job.id, printer: target.config.name, attempts, err: outcome.error }, 'print job failed, will retry');
  }

  private async record(job: Job, change: Partial<Pick<Job, 'state' | 'attempts' | 'lastError' | 'printedOn' | 'mark' | 'done'>>): Promise<void> {
    const next = { ...job, ...change };
    const r = await this.journal.appendTimed({
      t: 'state',
      id: job.id,
      printer: job.printer,
      state: next.state,
      attempts: next.attempts,
      lastError: next.lastError,
      printedOn: next.printedOn,
      mark: next.mark,
      done: next.done,
    });
    Object.assign(job, change, { updatedAt: r.at });
    this.opts.onJob(view(job));
  }

  private async closeLane(lane: Lane): Promise<void> {
    lane.alive = false;
    lane.wake();
    // Its worker finishes the attempt under way first: a new lane for the same printer must
    // never work on the same job at the same time.
    await lane.worker.catch(() => undefined);
    await lane.device;
    await lane.transport.close().catch(() => undefined);
  }

  /** Stop the workers (a send under way finishes), close transports and the journal. */
  async stop(): Promise<void> {
    this.stopped = true;
    const lanes = [...this.lanes.values()];
    for (const lane of lanes) {
      lane.alive = false;
      lane.wake();
    }
    await Promise.all(lanes.map((l) => l.worker.catch(() => undefined)));
    await Promise.all(lanes.map((l) => this.closeLane(l)));
    this.lanes.clear();
    await this.journal.close();
  }
}

function byCreated(a: { createdAt: string }, b: { createdAt: string }): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
}

function view(j: Job): PrintJobView {
  return {
    id: j.id,
    orderKey: j.orderKey,
    ticket: j.ticket,
    reason: j.reason,
    printer: j.printer,
    printedOn: j.printedOn,
    state: j.state,
    attempts: j.attempts,
    lastError: j.lastError,
    createdAt: j.createdAt,
    updatedAt: j.updatedAt,
    day: j.day,
  };
}
