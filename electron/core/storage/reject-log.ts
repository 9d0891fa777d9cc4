/**
 * The audit trail of requests that stored nothing (refused callbacks, console URL checks).
 * Anyone on the internet can send those through the tunnel, as fast as they like, so unlike an
 * accepted callback (appended and fsync'ed before the platform hears OK) they are:
 * - compact: route, verdict, reason, HTTP status and a short excerpt with the body's length and
 *   hash, never a whole body;
 * - batched: written to the journal together on a timer, or with the next accepted callback
 *   (sharing its disk flush), never one fsync each — nothing depends on them being on disk
 *   before the answer. Their journal `at` is when they were written (at most `flushMs` late);
 * - capped per business day: after `maxEntriesPerDay` entries or `maxBytesPerDay` bytes, further
 *   ones are only counted per reason, and those counts are written as summary entries
 *   (`count` = how many that day were not kept one by one) every `summaryEveryMs` and at close.
 */
import { createHash } from 'node:crypto';
import type { CallbackRecord } from './desk-storage.js';

export interface RejectLogOptions {
  /** Append these to the journal; they share one flush. */
  write(records: CallbackRecord[]): Promise<void>;
  /** Business day of a time, in the shop's zone. */
  dayOf(at: Date): string;
  now(): Date;
  flushMs?: number;
  maxEntriesPerDay?: number;
  maxBytesPerDay?: number;
  summaryEveryMs?: number;
  /** The journal refused a batch (it is dropped: these entries are audit only). */
  onError?(err: unknown): void;
}

/** What was refused today (the status bar's 已拒绝 N 个无效请求). */
export interface RejectCounts {
  day: string;
  /** Requests refused today (checks not included). */
  rejected: number;
  /** Of the refused and checks, how many were only counted (over the day's cap). */
  countedOnly: number;
}

export const REJECT_LOG_DEFAULTS = {
  flushMs: 2_000,
  maxEntriesPerDay: 2_000,
  maxBytesPerDay: 1024 * 1024,
  summaryEveryMs: 60_000,
};
const MAX_REASON = 200;
const MAX_ROUTE = 120;
const MAX_FIELD = 1024;
/** Distinct reasons counted per day; more share one bucket (reasons can carry sender text). */
const MAX_REASON_KEYS = 50;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/** A short, traceable description of a body: its start, length and hash. */
export function bodyExcerpt(body: Buffer, secret: boolean): string {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  const head = secret ? '' : `${JSON.stringify(cut(body.subarray(0, 96).toString('utf8'), 80))} `;
  return `${head}(${body.length} bytes, sha256 ${hash})`;
}

export function compactRecord(rec: CallbackRecord): CallbackRecord {
  const out: CallbackRecord = { type: 'callback', route: cut(rec.route, MAX_ROUTE), platform: rec.platform, verdict: rec.verdict, http: rec.http };
  if (rec.reason !== undefined) out.reason = cut(rec.reason, MAX_REASON);
  if (rec.excerpt !== undefined) out.excerpt = cut(rec.excerpt, MAX_REASON);
  if (rec.fields) out.fields = Object.fromEntries(Object.entries(rec.fields).slice(0, 40).map(([k, v]) => [cut(k, 64), cut(v, MAX_FIELD)]));
  if (rec.count !== undefined) out.count = rec.count;
  return out;
}

export class RejectLog {
  private readonly o: Required<Omit<RejectLogOptions, 'onError'>> & Pick<RejectLogOptions, 'onError'>;
  private pending: CallbackRecord[] = [];
  private day = '';
  private kept = 0;
  private bytes = 0;
  private rejected = 0;
  private countedOnly = 0;
  private notKept = new Map<string, number>();
  private summaryDue = false;
  private lastSummaryAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private timerDue = 0;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(opts: RejectLogOptions) {
    this.o = { ...REJECT_LOG_DEFAULTS, ...opts };
  }

  /** Note one request; true when it is kept as its own entry, false when only counted. */
  record(rec: CallbackRecord): boolean {
    this.rollDay();
    if (rec.verdict === 'rejected') this.rejected++;
    const compact = compactRecord(rec);
    const size = JSON.stringify(compact).length;
    if (!this.closed && this.kept < this.o.maxEntriesPerDay && this.bytes + size <= this.o.maxBytesPerDay) {
      this.kept++;
      this.bytes += size;
      this.pending.push(compact);
      this.schedule(this.o.flushMs);
      return true;
    }
    this.countedOnly++;
    const key = this.notKept.size < MAX_REASON_KEYS || this.notKept.has(reasonKey(compact)) ? reasonKey(compact) : 'other reasons';
    this.notKept.set(key, (this.notKept.get(key) ?? 0) + 1);
    this.summaryDue = true;
    this.schedule(Math.max(this.o.flushMs, this.lastSummaryAt + this.o.summaryEveryMs - Date.now()));
    return false;
  }

  /**
   * Pick up today's tally from what the journal already holds for today (after a restart), so
   * the cap and the count are per day, not per run. Summary entries carry the day's running
   * count per reason; the latest one of each reason wins.
   */
  seed(today: readonly CallbackRecord[]): void {
    this.rollDay();
    const latest = new Map<string, number>();
    for (const rec of today) {
      if (rec.type !== 'callback' || rec.verdict === 'accepted') continue;
      if (rec.count !== undefined) {
        latest.set((rec.reason ?? '').replace(/ \(on \d{4}-\d{2}-\d{2}\)$/, ''), rec.count);
        continue;
      }
      this.kept++;
      this.bytes += JSON.stringify(compactRecord(rec)).length;
      if (rec.verdict === 'rejected') this.rejected++;
    }
    for (const [key, count] of latest) {
      this.notKept.set(key, count);
      this.countedOnly += count;
      // Summaries do not say which were checks; refusals are what they count almost always.
      if (!key.endsWith(' URL check')) this.rejected += count;
    }
  }

  counts(): RejectCounts {
    this.rollDay();
    return { day: this.day, rejected: this.rejected, countedOnly: this.countedOnly };
  }

  /**
   * Write what is waiting (and the day's counts, when `summary`); resolves when written. The
   * batch is handed to the journal at once (synchronously), so entries noted before an accepted
   * callback's append go into the journal before it, in the same disk flush.
   */
  flush(summary = false): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (summary || (this.summaryDue && Date.now() - this.lastSummaryAt >= this.o.summaryEveryMs)) this.takeSummary();
    const batch = this.pending.splice(0);
    if (batch.length > 0) {
      let written: Promise<void>;
      try {
        written = this.o.write(batch);
      } catch (err) {
        written = Promise.reject(err);
      }
      const handled = written.catch((err: unknown) => this.o.onError?.(err));
      this.writing = Promise.all([this.writing, handled]).then(() => undefined);
    }
    if (this.summaryDue) this.schedule(this.o.summaryEveryMs);
    return this.writing;
  }

  /** Last write: everything waiting and the day's counts. Later requests are only counted. */
  async close(): Promise<void> {
    await this.flush(true);
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private takeSummary(): void {
    if (!this.summaryDue) return;
    this.summaryDue = false;
    this.lastSummaryAt = Date.now();
    for (const [key, count] of this.notKept) {
      this.pending.push({ type: 'callback', route: '(counted only)', platform: 'unknown', verdict: 'rejected', http: 0, reason: `${key} (on ${this.day})`, count });
    }
  }

  private rollDay(): void {
    const day = this.o.dayOf(this.o.now());
    if (day === this.day) return;
    this.takeSummary();
    this.day = day;
    this.kept = 0;
    this.bytes = 0;
    this.rejected = 0;
    this.countedOnly = 0;
    this.notKept = new Map();
    if (this.pending.length > 0) this.schedule(this.o.flushMs);
  }

  private schedule(ms: number): void {
    if (this.closed) return;
    const due = Date.now() + Math.max(0, ms);
    if (this.timer && this.timerDue <= due) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, Math.max(0, ms));
    this.timer.unref();
  }
}

/** Reasons grouped without the sender's own text: up to the first colon, with the status. */
function reasonKey(rec: CallbackRecord): string {
  const reason = (rec.reason ?? rec.verdict).split(':')[0] ?? '';
  return `${rec.http} ${rec.verdict === 'check' ? 'URL check' : cut(reason, 80)}`;
}
