/**
 * The append-only journal: write-ahead log for orders and audit trail of every callback
 * (docs/design.md, Data flow and Storage). A callback is appended, fsync'ed, and only then may the
 * platform hear OK; lowdb is folded from the journal afterwards, and replayed from it after a
 * crash ("persist, then answer": docs/counter-lessons.md, How orders get lost). Files are
 * `<dir>/YYYY-MM-DD.jsonl`, one JSON object per line.
 *
 * Group commit: appends made while a write+fsync is in flight queue up and share the next single
 * write() and fdatasync(), so many pushes cost one disk flush. One writer per folder: the store
 * holds the folder's lock (folder-lock.ts) before it opens the journal.
 */
import { join } from 'node:path';
import { dayFormatter } from '../../../shared/business-day.js';
import { errnoCode, nodeFs, type StoreFs } from './disk.js';
import { ActiveFile } from './journal-file.js';
import {
  parseEntry,
  readLines,
  repairTail,
  type JournalEntry,
  type TornTail,
} from './journal-lines.js';

export type { JournalEntry, TornTail } from './journal-lines.js';

/** A byte position in the journal: just after an entry, or `{file: '', offset: 0}` for "the start". */
export interface JournalPosition {
  file: string;
  offset: number;
}

export interface JournalRecord {
  entry: JournalEntry;
  /** Just after this entry: pass it back to `readFrom` to continue after it. */
  position: JournalPosition;
}

/** pino's `logger.warn(obj, msg)` fits. */
export interface JournalLog {
  warn(obj: object, msg: string): void;
}

export interface JournalOptions {
  dir: string;
  /** IANA zone that decides which day's file an entry goes to (default: the system's). */
  timeZone?: string;
  now?: () => Date;
  fs?: StoreFs;
  log?: JournalLog;
  /** A complete line that does not parse was skipped while reading (so staff can be told). */
  onBadLine?: (where: BadLine) => void;
}

export interface BadLine {
  file: string;
  offset: number;
  preview: string;
}

export interface JournalOpenReport {
  lastSeq: number;
  position: JournalPosition;
  /** Torn tails cut at start-up (normally none; at most the file being written at a crash). */
  repaired: TornTail[];
}

interface Pending {
  /** The caller's fields as JSON, without `seq`/`at`: serialized at append time. */
  body: string;
  at: string;
  day: string;
  resolve: (seq: number) => void;
  reject: (err: unknown) => void;
}

const FILE_RE = /^\d{4}-\d{2}-\d{2}\.jsonl$/;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const consoleLog: JournalLog = { warn: (obj, msg) => console.warn(msg, obj) };

export class Journal {
  readonly #dir: string;
  readonly #fs: StoreFs;
  readonly #now: () => Date;
  readonly #dayOf: (at: Date) => string;
  readonly #log: JournalLog;
  readonly #onBadLine: (where: BadLine) => void;
  #state: 'new' | 'open' | 'closing' | 'closed' = 'new';
  #seq = 0;
  #file: ActiveFile | null = null;
  #queue: Pending[] = [];
  #flushing: Promise<void> | null = null;

  constructor(opts: JournalOptions) {
    this.#dir = opts.dir;
    this.#fs = opts.fs ?? nodeFs;
    this.#now = opts.now ?? (() => new Date());
    this.#dayOf = dayFormatter(opts.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
    this.#log = opts.log ?? consoleLog;
    this.#onBadLine = opts.onBadLine ?? (() => undefined);
  }

  get lastSeq(): number {
    return this.#seq;
  }

  /** Finds the last seq and cuts a torn tail left by a crash. Call once before `append`. */
  async open(): Promise<JournalOpenReport> {
    if (this.#state !== 'new') throw new Error('Journal.open() called twice');
    await this.#fs.mkdir(this.#dir, { recursive: true });
    const files = await this.#listFiles();
    const repaired: TornTail[] = [];
    let last: { day: string; size: number } | null = null;
    // The newest file may be empty (created just before a crash): then the seq is in an older one.
    for (let i = files.length - 1; i >= 0; i--) {
      const name = files[i] as string;
      const scan = await repairTail(this.#fs, join(this.#dir, name), name);
      if (scan.torn) {
        repaired.push(scan.torn);
        this.#log.warn(scan.torn, 'journal: cut a torn tail left by a crash (never acknowledged)');
      }
      if (i === files.length - 1) {
        last = { day: name.slice(0, 10), size: scan.size };
      }
      if (scan.lastSeq !== null) {
        this.#seq = scan.lastSeq;
        break;
      }
    }
    this.#file = new ActiveFile(this.#dir, this.#fs, last);
    this.#state = 'open';
    return { lastSeq: this.#seq, position: this.position(), repaired };
  }

  /**
   * Resolves with the entry's seq once its line is on disk (fdatasync'ed). `seq` and `at` are
   * the journal's: same-named fields of `entry` are replaced. Rejects with the disk's error when
   * the write fails, so the caller can answer the platform with a failure (it pushes again).
   */
  append(entry: object): Promise<number> {
    return this.appendTimed(entry).then((r) => r.seq);
  }

  /** Like `append`, also telling the `at` the journal recorded (what a replay will see). */
  appendTimed(entry: object): Promise<{ seq: number; at: string }> {
    if (this.#state !== 'open')
      return Promise.reject(
        new Error(`journal is ${this.#state === 'new' ? 'not open yet' : this.#state}, cannot append`),
      );
    let body: string;
    try {
      const { seq: _seq, at: _at, ...fields } = entry as Record<string, unknown>;
      body = JSON.stringify(fields);
    } catch (err) {
      return Promise.reject(err);
    }
    const now = this.#now();
    const at = now.toISOString();
    return new Promise<{ seq: number; at: string }>((resolve, reject) => {
      this.#queue.push({ body, at, day: this.#dayOf(now), resolve: (seq) => resolve({ seq, at }), reject });
      // Start on a microtask, so appends made in the same tick already share the first fsync.
      this.#flushing ??= Promise.resolve().then(() => this.#flushLoop());
    });
  }

  /** End of the acknowledged data: entries appended later are after it. */
  position(): JournalPosition {
    return { file: this.#file?.name ?? '', offset: this.#file?.size ?? 0 };
  }

  /** Complete entries after `checkpoint` (null: from the very start), across files in order. */
  async *readFrom(checkpoint: JournalPosition | null): AsyncGenerator<JournalRecord> {
    for (const name of await this.#listFiles()) {
      if (checkpoint && name < checkpoint.file) continue;
      yield* this.#readFile(name, checkpoint && name === checkpoint.file ? checkpoint.offset : 0);
    }
  }

  /** One day's entries, streamed, for the audit view. */
  async *readDay(day: string): AsyncGenerator<JournalRecord> {
    if (!DAY_RE.test(day)) throw new RangeError(`not a YYYY-MM-DD day: ${day}`);
    yield* this.#readFile(`${day}.jsonl`, 0);
  }

  /** Days that have a journal file, oldest first. */
  async days(): Promise<string[]> {
    return (await this.#listFiles()).map((name) => name.slice(0, 10));
  }

  /** Waits for queued appends to be written, then closes the file. */
  async close(): Promise<void> {
    if (this.#state === 'closed') return;
    this.#state = 'closing';
    await this.#flushing;
    await this.#file?.close();
    this.#state = 'closed';
  }

  async #flushLoop(): Promise<void> {
    try {
      while (this.#queue.length > 0) await this.#commit(this.#queue.splice(0));
    } finally {
      this.#flushing = null;
    }
  }

  /**
   * One batch: seqs in queue order, one write + one sync per day file (a batch may span
   * midnight). A rejected run's seqs are handed out again, keeping seq gap-free: ActiveFile
   * refuses to write until the rejected bytes are cut and synced, and after a crash in between
   * `open()` reads them back from disk and continues above them, so a seq never appears twice.
   */
  async #commit(batch: Pending[]): Promise<void> {
    const runs: { day: string; lines: string[]; items: { p: Pending; seq: number }[] }[] = [];
    let seq = this.#seq;
    // A clock stepping back never reopens an older day: file order must stay seq order.
    let day = this.#file?.day ?? '';
    for (const p of batch) {
      if (p.day > day) day = p.day;
      seq++;
      const head = `{"seq":${seq},"at":${JSON.stringify(p.at)}`;
      const line = p.body === '{}' ? `${head}}\n` : `${head},${p.body.slice(1)}\n`;
      const run = runs.at(-1);
      if (run?.day === day) {
        run.lines.push(line);
        run.items.push({ p, seq });
      } else runs.push({ day, lines: [line], items: [{ p, seq }] });
    }
    for (const [i, run] of runs.entries()) {
      try {
        await (this.#file as ActiveFile).append(run.day, Buffer.from(run.lines.join(''), 'utf8'));
      } catch (err) {
        for (const later of runs.slice(i)) for (const { p } of later.items) p.reject(err);
        return;
      }
      this.#seq = (run.items.at(-1) as { seq: number }).seq;
      for (const { p, seq: s } of run.items) p.resolve(s);
    }
  }

  async *#readFile(name: string, start: number): AsyncGenerator<JournalRecord> {
    // Never hand out bytes of the current file that are not yet acknowledged: a failed sync
    // may still cut them.
    const limit = this.#state !== 'closed' && this.#file?.name === name ? this.#file.size : Infinity;
    for await (const line of readLines(this.#fs, join(this.#dir, name), start, limit)) {
      const entry = parseEntry(line.text);
      if (entry) yield { entry, position: { file: name, offset: line.end } };
      else {
        const where = { file: name, offset: line.start, preview: line.text.slice(0, 200) };
        this.#log.warn(where, 'journal: skipped a line that does not parse');
        this.#onBadLine(where);
      }
    }
  }

  async #listFiles(): Promise<string[]> {
    const names = await this.#fs.readdir(this.#dir).catch((err: unknown) => {
      if (errnoCode(err) === 'ENOENT') return [] as string[];
      throw err;
    });
    return names.filter((n) => FILE_RE.test(n)).sort();
  }
}
