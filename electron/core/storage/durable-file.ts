/**
 * A lowdb adapter that keeps a JSON file whole across crashes and power cuts.
 *
 * lowdb's own JSONFile goes through steno, which writes a same-folder temp file and renames it
 * but never fsyncs, and pretty-prints every write; shops have lost or NUL-filled files after
 * power cuts that way (docs/counter-lessons.md, "Files on a shop PC"; lowdb's tracker #549, #352,
 * #139, #27). Here: compact JSON → unique temp file → fsync → rename → fsync the folder. Writes are
 * serialized and coalesced like steno's. A file that does not parse is moved aside and reported,
 * never replaced with defaults (docs/design.md, Storage).
 */
import { randomUUID } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { errnoCode, fsyncDir, nodeFs, renameWithRetry, type RenameRetry, type StoreFs } from './disk.js';

/** Anything with zod's `safeParse` (zod 3 and 4 both fit), so callers may pass a schema. */
export interface SafeParser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: unknown };
}

export interface DurableJsonFileOptions<T> {
  /** Checked on every read; a value that fails is treated like a file that does not parse. */
  schema?: SafeParser<T>;
  /** Alternative to `schema`: return false (or throw) to reject the parsed value. */
  validate?: (value: unknown) => boolean;
  /**
   * Without it a corrupt file makes `read()` throw `CorruptFileError`. With it, the error is
   * handed here and `read()` resolves null, so lowdb starts from its defaults; the old bytes are
   * still kept in `movedTo` for someone to look at.
   */
  onCorrupt?: (err: CorruptFileError) => void;
  renameRetry?: RenameRetry;
  fs?: StoreFs;
}

export class CorruptFileError extends Error {
  override readonly name = 'CorruptFileError';
  constructor(
    readonly path: string,
    readonly movedTo: string,
    cause: unknown,
  ) {
    super(`${path} is not valid; moved it aside to ${movedTo}`, { cause });
  }
}

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class DurableJsonFile<T> implements Adapter<T> {
  readonly #path: string;
  readonly #dir: string;
  readonly #base: string;
  readonly #opts: DurableJsonFileOptions<T>;
  readonly #fs: StoreFs;
  /** Newest data not yet handed to the disk, with everyone waiting for it (or something newer). */
  #next: { text: string | readonly Uint8Array[]; waiters: Waiter[] } | null = null;
  #writing = false;
  #tempInFlight: string | null = null;

  constructor(path: string, opts: DurableJsonFileOptions<T> = {}) {
    this.#path = path;
    this.#dir = dirname(path);
    this.#base = basename(path);
    this.#opts = opts;
    this.#fs = opts.fs ?? nodeFs;
  }

  async read(): Promise<T | null> {
    await this.#removeLeftoverTemps();
    let text: string;
    try {
      text = await this.#fs.readFile(this.#path, 'utf8');
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') return null;
      throw err;
    }
    let value: unknown;
    try {
      // A BOM appears when someone "fixes" the file in Notepad; it is not corruption.
      value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
      return this.#check(value);
    } catch (cause) {
      const err = new CorruptFileError(this.#path, await this.#moveAside(), cause);
      if (!this.#opts.onCorrupt) throw err;
      this.#opts.onCorrupt(err);
      return null;
    }
  }

  /**
   * Resolves once data at least as new as `data` is durable. The value is serialized now, so the
   * caller may keep mutating it (lowdb passes its live `db.data`).
   */
  write(data: T): Promise<void> {
    let text: string | undefined;
    try {
      text = JSON.stringify(data);
    } catch (err) {
      return Promise.reject(err);
    }
    if (text === undefined) return Promise.reject(new TypeError(`${this.#path}: data is not JSON`));
    return this.writeJsonText(text);
  }

  /**
   * Like `write`, for a caller that already holds the JSON text, whole or as UTF-8 pieces in
   * order (the order book keeps each order's bytes and hands them over as they are: a busy day
   * is tens of megabytes, and joining or re-encoding it in one piece would hold the event loop,
   * and with it every push waiting for its answer, for a second on a slow PC).
   */
  writeJsonText(json: string | readonly Uint8Array[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      // While a write is in flight only the newest data is kept: one follow-up write serves all.
      this.#next ??= { text: json, waiters: [] };
      this.#next.text = json;
      this.#next.waiters.push({ resolve, reject });
      if (!this.#writing) void this.#drain();
    });
  }

  #check(value: unknown): T {
    const { schema, validate } = this.#opts;
    if (schema) {
      const result = schema.safeParse(value);
      if (!result.success) throw result.error;
      return result.data;
    }
    if (validate && !validate(value)) throw new Error('validate() rejected the data');
    return value as T;
  }

  async #drain(): Promise<void> {
    this.#writing = true;
    try {
      for (let batch = this.#next; batch; batch = this.#next) {
        this.#next = null;
        try {
          await this.#writeAtomic(batch.text);
          for (const w of batch.waiters) w.resolve();
        } catch (err) {
          for (const w of batch.waiters) w.reject(err);
        }
      }
    } finally {
      this.#writing = false;
    }
  }

  async #writeAtomic(text: string | readonly Uint8Array[]): Promise<void> {
    // Unique name: a second app instance or a stale temp from a crash never collides with ours.
    const temp = join(this.#dir, `.${this.#base}.${process.pid}-${randomUUID().slice(0, 8)}.tmp`);
    this.#tempInFlight = temp;
    try {
      const handle = await this.#fs.open(temp, 'wx');
      try {
        if (typeof text === 'string') await handle.writeFile(text, 'utf8');
        else for (const piece of joinPieces(text)) await handle.writeFile(piece);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await renameWithRetry(temp, this.#path, this.#fs, this.#opts.renameRetry);
      await fsyncDir(this.#dir, this.#fs);
    } catch (err) {
      await this.#fs.unlink(temp).catch(() => undefined);
      throw err;
    } finally {
      this.#tempInFlight = null;
    }
  }

  /** Temp files from a crash mid-write (ours, or steno's `.name.tmp`) never held the only copy. */
  async #removeLeftoverTemps(): Promise<void> {
    let names: string[];
    try {
      names = await this.#fs.readdir(this.#dir);
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') return;
      throw err;
    }
    const prefix = `.${this.#base}.`;
    for (const name of names) {
      const path = join(this.#dir, name);
      if (!name.startsWith(prefix) || !name.endsWith('.tmp') || path === this.#tempInFlight) continue;
      await this.#fs.unlink(path).catch((err: unknown) => {
        if (errnoCode(err) !== 'ENOENT') throw err;
      });
    }
  }

  async #moveAside(): Promise<string> {
    // ISO time without colons: Windows forbids ':' in file names.
    const stamp = new Date().toISOString().replace(/:/g, '-');
    let target = `${this.#path}.corrupt-${stamp}`;
    for (let n = 1; await exists(this.#fs, target); n++) target = `${this.#path}.corrupt-${stamp}-${n}`;
    await renameWithRetry(this.#path, target, this.#fs, this.#opts.renameRetry);
    await fsyncDir(this.#dir, this.#fs);
    return target;
  }
}

/** About a megabyte at a time: few writes, and the event loop breathes between them. */
const PIECE_BYTES = 1 << 20;

function* joinPieces(pieces: readonly Uint8Array[]): Generator<Uint8Array> {
  let batch: Uint8Array[] = [];
  let size = 0;
  for (const p of pieces) {
    batch.push(p);
    size += p.byteLength;
    if (size >= PIECE_BYTES) {
      yield Buffer.concat(batch, size);
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) yield Buffer.concat(batch, size);
}

async function exists(fs: StoreFs, path: string): Promise<boolean> {
  try {
    await fs.stat(path);
    return true;
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return false;
    throw err;
  }
}

/**
 * A lowdb `Low` over a durable file, already read. Creates the folder. `defaultData` is cloned so
 * mutating `db.data` never changes the caller's defaults object.
 */
export async function openLow<T>(
  path: string,
  defaultData: T,
  opts: DurableJsonFileOptions<T> = {},
): Promise<Low<T>> {
  await (opts.fs ?? nodeFs).mkdir(dirname(path), { recursive: true });
  const db = new Low<T>(new DurableJsonFile<T>(path, opts), structuredClone(defaultData));
  await db.read();
  return db;
}
