/**
 * Orders split by business day (DESIGN.md, Storage): one file per day plus an append-only
 * key → day index, so a write costs the same with a year of history as on the first day.
 * Days are loaded lazily and kept in memory while in use; changed days are written back
 * ("folded") in the background — the journal, not these files, is what makes an order durable.
 */
import { open, readFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Order } from '../../../shared/order.js';
import { DurableJsonFile } from './durable-file.js';

interface DayFile {
  v: 1;
  orders: Order[];
}

interface LoadedDay {
  orders: Map<string, Order>;
  /** Each order's JSON, made once per change: a fold joins these instead of re-serializing the day. */
  json: Map<string, string>;
  file: DurableJsonFile<DayFile>;
  dirty: boolean;
  lastUsed: number;
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
/** Days kept in memory besides those being written; older untouched days are dropped. */
const MAX_LOADED_DAYS = 8;

export class OrderBook {
  private readonly dir: string;
  private readonly index = new Map<string, string>();
  private readonly days = new Map<string, LoadedDay>();
  private readonly newIndexLines: string[] = [];
  private useCounter = 0;

  /**
   * @param onCorrupt a day file that does not parse has been moved aside; the day starts empty
   *   and the caller rebuilds it from the journal.
   */
  constructor(
    dataDir: string,
    private readonly onCorrupt: (day: string, movedTo: string) => void = () => undefined,
  ) {
    this.dir = join(dataDir, 'orders');
  }

  async open(): Promise<{ indexLinesSkipped: number }> {
    await mkdir(this.dir, { recursive: true });
    let skipped = 0;
    let text = '';
    try {
      text = await readFile(join(this.dir, 'index.jsonl'), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        const [key, day] = JSON.parse(line) as [string, string];
        if (typeof key === 'string' && DAY_RE.test(day)) this.index.set(key, day);
        else skipped++;
      } catch {
        // A torn last line from a crash: the journal replay re-adds the key.
        skipped++;
      }
    }
    return { indexLinesSkipped: skipped };
  }

  get size(): number {
    return this.index.size;
  }

  dayOfKey(key: string): string | undefined {
    return this.index.get(key);
  }

  private async loadDay(day: string): Promise<LoadedDay> {
    let loaded = this.days.get(day);
    if (!loaded) {
      if (!DAY_RE.test(day)) throw new Error(`not a day: ${day}`);
      const file = new DurableJsonFile<DayFile>(join(this.dir, `${day}.json`), {
        validate: (v) => typeof v === 'object' && v !== null && Array.isArray((v as DayFile).orders),
        onCorrupt: (err) => this.onCorrupt(day, err.movedTo),
      });
      const data = await file.read();
      // Two callers may race to load the same day; the first one to finish wins.
      loaded = this.days.get(day);
      if (!loaded) {
        loaded = { orders: new Map((data?.orders ?? []).map((o) => [o.key, o])), json: new Map(), file, dirty: false, lastUsed: 0 };
        this.days.set(day, loaded);
        this.evict();
      }
    }
    loaded.lastUsed = ++this.useCounter;
    return loaded;
  }

  private evict(): void {
    if (this.days.size <= MAX_LOADED_DAYS) return;
    const idle = [...this.days.entries()].filter(([, d]) => !d.dirty).sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    for (const [day] of idle.slice(0, this.days.size - MAX_LOADED_DAYS)) this.days.delete(day);
  }

  async get(key: string): Promise<Order | undefined> {
    const day = this.index.get(key);
    if (day === undefined) return undefined;
    return (await this.loadDay(day)).orders.get(key);
  }

  async list(day: string): Promise<Order[]> {
    const loaded = await this.loadDay(day);
    return [...loaded.orders.values()];
  }

  /** Put an order in memory and mark its day for the next fold. */
  async put(order: Order): Promise<void> {
    const known = this.index.get(order.key);
    // An order stays filed under the day it was first filed, whatever its fields say later.
    const day = known ?? order.businessDay;
    if (known === undefined) {
      this.index.set(order.key, day);
      this.newIndexLines.push(JSON.stringify([order.key, day]));
    }
    const loaded = await this.loadDay(day);
    loaded.orders.set(order.key, day === order.businessDay ? order : { ...order, businessDay: day });
    loaded.json.delete(order.key);
    loaded.dirty = true;
  }

  get dirty(): boolean {
    return this.newIndexLines.length > 0 || [...this.days.values()].some((d) => d.dirty);
  }

  /** Write every changed day and the new index lines durably. */
  async fold(): Promise<void> {
    const writes: Promise<void>[] = [];
    for (const day of this.days.values()) {
      if (!day.dirty) continue;
      day.dirty = false;
      writes.push(
        day.file.writeJsonText(dayJson(day)).catch((err: unknown) => {
          day.dirty = true; // written next time; the journal still holds it meanwhile
          throw err;
        }),
      );
    }
    const lines = this.newIndexLines.splice(0);
    if (lines.length > 0) {
      writes.push(
        appendDurable(join(this.dir, 'index.jsonl'), lines.join('\n') + '\n').catch((err: unknown) => {
          this.newIndexLines.unshift(...lines);
          throw err;
        }),
      );
    }
    await Promise.all(writes);
    this.evict();
  }
}

/** `{"v":1,"orders":[…]}` from the cached per-order JSON; only changed orders are serialized. */
function dayJson(day: LoadedDay): string {
  const parts: string[] = [];
  for (const [key, order] of day.orders) {
    let json = day.json.get(key);
    if (json === undefined) {
      json = JSON.stringify(order);
      day.json.set(key, json);
    }
    parts.push(json);
  }
  return `{"v":1,"orders":[${parts.join(',')}]}`;
}

async function appendDurable(path: string, text: string): Promise<void> {
  const fh = await open(path, 'a');
  try {
    await fh.write(text);
    await fh.datasync();
  } finally {
    await fh.close();
  }
}
