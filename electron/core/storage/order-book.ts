/**
 * Orders split by business day (docs/design.md, Storage): one file per day plus an append-only
 * key → day index (order-index.ts), so a write costs the same with a year of history as on the
 * first day. Changed days are written back ("folded") in the background — the journal, not
 * these files, is what makes an order durable.
 *
 * Days are loaded lazily and kept in memory while in use, under rules that cannot lose a write:
 * - a day with changes not yet written, or being written, is never dropped from memory;
 * - eviction is synchronous (after a fold, or once a read has its answer) and every caller looks
 *   its day up again after each await, so no write lands in an object that was dropped;
 * - one load per day at a time (callers share it), so a read started before a write finished
 *   can never be installed over newer data;
 * - at most MAX_LOADED_DAYS clean days stay loaded, the least recently used go first.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Order } from '../../../shared/order.js';
import type { StoreFs } from './disk.js';
import { DurableJsonFile } from './durable-file.js';
import { appendIndexLines, DAY_RE, loadIndex } from './order-index.js';

interface DayFile {
  v: 1;
  orders: Order[];
}

interface LoadedDay {
  orders: Map<string, Order>;
  /** Each order's JSON as UTF-8, made once per change: a fold writes these as they are. */
  json: Map<string, Buffer>;
  file: DurableJsonFile<DayFile>;
  /** Changed since the last write started. */
  dirty: boolean;
  /** A write of this day is in flight. */
  writing: boolean;
  lastUsed: number;
}

/** Clean days kept in memory; the least recently used beyond this are dropped. */
export const MAX_LOADED_DAYS = 8;

export interface BookOpenReport {
  /** Why the index was rebuilt from the day files, or null. */
  indexRebuilt: string | null;
  /** Orders the index names after opening. */
  indexed: number;
}

export class OrderBook {
  private readonly dir: string;
  private index = new Map<string, string>();
  private readonly days = new Map<string, LoadedDay>();
  private readonly loading = new Map<string, Promise<void>>();
  private readonly newIndexLines: string[] = [];
  private useCounter = 0;

  /**
   * @param onCorrupt a day file that does not parse has been moved aside; the day starts empty
   *   and the caller rebuilds it from the journal.
   * @param fs day files' disk calls (tests pass a wrapper to hold a write in flight).
   */
  constructor(
    dataDir: string,
    private readonly onCorrupt: (day: string, movedTo: string) => void = () => undefined,
    private readonly fs?: StoreFs,
  ) {
    this.dir = join(dataDir, 'orders');
  }

  async open(): Promise<BookOpenReport> {
    await mkdir(this.dir, { recursive: true });
    const { index, rebuilt } = await loadIndex(this.dir);
    this.index = index;
    return { indexRebuilt: rebuilt, indexed: index.size };
  }

  get size(): number {
    return this.index.size;
  }

  /** Days held in memory now (bounded: MAX_LOADED_DAYS clean ones plus those not yet written). */
  get loadedDays(): number {
    return this.days.size;
  }

  /** Loaded days with changes not yet written, or being written: never dropped until written. */
  get unwrittenDays(): number {
    let n = 0;
    for (const d of this.days.values()) if (d.dirty || d.writing) n++;
    return n;
  }

  dayOfKey(key: string): string | undefined {
    return this.index.get(key);
  }

  /** The day, loaded: resolves once `this.days` holds it (it may be dropped again later). */
  private async ensureLoaded(day: string): Promise<void> {
    while (!this.days.has(day)) {
      let pending = this.loading.get(day);
      if (!pending) {
        pending = this.readDay(day).finally(() => this.loading.delete(day));
        this.loading.set(day, pending);
      }
      await pending;
    }
  }

  private async readDay(day: string): Promise<void> {
    if (!DAY_RE.test(day)) throw new Error(`not a day: ${day}`);
    const file = new DurableJsonFile<DayFile>(join(this.dir, `${day}.json`), {
      validate: (v) => typeof v === 'object' && v !== null && Array.isArray((v as DayFile).orders),
      onCorrupt: (err) => this.onCorrupt(day, err.movedTo),
      ...(this.fs ? { fs: this.fs } : {}),
    });
    const data = await file.read();
    const orders = new Map((data?.orders ?? []).map((o) => [o.key, o]));
    this.days.set(day, { orders, json: new Map(), file, dirty: false, writing: false, lastUsed: ++this.useCounter });
  }

  /**
   * The day, loaded and marked used. Looked up again after every await: a fold may drop clean
   * days meanwhile, so nothing is ever written through a reference eviction has dropped.
   */
  private async acquire(day: string): Promise<LoadedDay> {
    for (let attempt = 0; attempt < 100; attempt++) {
      await this.ensureLoaded(day);
      const loaded = this.days.get(day);
      if (loaded) {
        loaded.lastUsed = ++this.useCounter;
        return loaded;
      }
    }
    throw new Error(`day ${day} keeps being dropped while loading`);
  }

  async get(key: string): Promise<Order | undefined> {
    const day = this.index.get(key);
    if (day === undefined) return undefined;
    const order = (await this.acquire(day)).orders.get(key);
    this.evict();
    return order;
  }

  async list(day: string): Promise<Order[]> {
    const orders = [...(await this.acquire(day)).orders.values()];
    this.evict();
    return orders;
  }

  /** Put an order in memory and mark its day for the next fold. */
  async put(order: Order): Promise<void> {
    const known = this.index.get(order.key);
    // An order stays filed under the day it was first filed, whatever its fields say later.
    const day = known ?? order.businessDay;
    const loaded = await this.acquire(day);
    // No await from here on: the day cannot be dropped before the change is marked dirty.
    if (!this.index.has(order.key)) {
      this.index.set(order.key, day);
      this.newIndexLines.push(JSON.stringify([order.key, day]));
    }
    loaded.orders.set(order.key, day === order.businessDay ? order : { ...order, businessDay: day });
    loaded.json.delete(order.key);
    loaded.dirty = true;
  }

  get dirty(): boolean {
    return this.newIndexLines.length > 0 || [...this.days.values()].some((d) => d.dirty);
  }

  /** Write every changed day and the new index lines durably, then drop idle days. */
  async fold(): Promise<void> {
    const writes: Promise<void>[] = [];
    for (const day of this.days.values()) {
      if (!day.dirty) continue;
      day.dirty = false;
      day.writing = true;
      writes.push(
        dayPieces(day)
          .then((pieces) => day.file.writeJsonText(pieces))
          .catch((err: unknown) => {
            day.dirty = true; // written next time; the journal still holds it meanwhile
            throw err;
          })
          .finally(() => {
            day.writing = false;
            this.evict(); // written now: it may be the one to go, so clean days stay bounded
          }),
      );
    }
    const lines = this.newIndexLines.splice(0);
    if (lines.length > 0) {
      writes.push(
        appendIndexLines(this.dir, lines).catch((err: unknown) => {
          this.newIndexLines.unshift(...lines);
          throw err;
        }),
      );
    }
    try {
      await Promise.all(writes);
    } finally {
      this.evict();
    }
  }

  /** Drop the least recently used clean days beyond MAX_LOADED_DAYS. Synchronous: a safe point. */
  private evict(): void {
    if (this.days.size <= MAX_LOADED_DAYS) return;
    const idle = [...this.days.entries()].filter(([, d]) => !d.dirty && !d.writing).sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    for (const [day] of idle.slice(0, this.days.size - MAX_LOADED_DAYS)) this.days.delete(day);
  }
}

const OPEN = Buffer.from('{"v":1,"orders":[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']}');
/** Orders serialized between two turns of the event loop. */
const SERIALIZE_BATCH = 500;

/**
 * `{"v":1,"orders":[…]}` as pieces, from the cached per-order bytes: only orders changed since
 * the last fold are serialized, and the day is never joined into one string.
 */
async function dayPieces(day: LoadedDay): Promise<Buffer[]> {
  const pieces: Buffer[] = [OPEN];
  let made = 0;
  for (const [key, order] of day.orders) {
    let json = day.json.get(key);
    if (json === undefined) {
      // The first fold after a day is read serializes all of it: let pushes be answered meanwhile.
      if (++made % SERIALIZE_BATCH === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      json = day.json.get(key) ?? Buffer.from(JSON.stringify(day.orders.get(key) ?? order), 'utf8');
      day.json.set(key, json);
    }
    if (pieces.length > 1) pieces.push(COMMA);
    pieces.push(json);
  }
  pieces.push(CLOSE);
  return pieces;
}
