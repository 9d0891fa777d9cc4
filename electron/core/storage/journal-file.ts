/**
 * The journal file being written: one open handle, rotated when the day changes, and the count
 * of acknowledged bytes. A failed write or sync is cut back before anything else is written, so
 * a rejected line never sits between acknowledged ones (the caller may reuse its seqs).
 */
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDir, type StoreFs } from './disk.js';

export class ActiveFile {
  readonly #dir: string;
  readonly #fs: StoreFs;
  #day: string;
  #handle: FileHandle | null = null;
  /** Bytes acknowledged (written and synced). */
  #size: number;
  /** A failed write may have left unacknowledged bytes past `#size`. */
  #dirty = false;

  /** `last`: the newest existing file (already repaired by `Journal.open`), if any. */
  constructor(dir: string, fs: StoreFs, last: { day: string; size: number } | null) {
    this.#dir = dir;
    this.#fs = fs;
    this.#day = last?.day ?? '';
    this.#size = last?.size ?? 0;
  }

  /** `YYYY-MM-DD` of the file being written, '' before the first. */
  get day(): string {
    return this.#day;
  }

  get name(): string {
    return this.#day ? `${this.#day}.jsonl` : '';
  }

  get size(): number {
    return this.#size;
  }

  /** One write() and one fdatasync() of whole lines; rejects with the disk's error. */
  async append(day: string, buf: Buffer): Promise<void> {
    const handle = await this.#handleFor(day);
    try {
      for (let off = 0; off < buf.length;) {
        const { bytesWritten } = await handle.write(buf, off, buf.length - off);
        if (bytesWritten <= 0) throw new Error(`journal: short write to ${this.name}`);
        off += bytesWritten;
      }
      await handle.datasync();
      this.#size += buf.length;
    } catch (err) {
      this.#dirty = true;
      await this.#repair().catch(() => undefined);
      throw err;
    }
  }

  async close(): Promise<void> {
    // Best effort: leave no unacknowledged bytes behind if the disk has recovered by now.
    if (this.#dirty) await this.#repair().catch(() => undefined);
    const handle = this.#handle;
    this.#handle = null;
    await handle?.close();
  }

  async #handleFor(day: string): Promise<FileHandle> {
    // Unacknowledged bytes from a failed write must go before anything else is written.
    if (this.#dirty) await this.#repair();
    if (day !== this.#day) {
      const old = this.#handle;
      this.#handle = null;
      await old?.close();
      this.#day = day;
      this.#size = 0;
    }
    if (this.#handle) return this.#handle;
    const handle = await this.#fs.open(join(this.#dir, this.name), 'a');
    try {
      const { size } = await handle.stat();
      // A new file's name must be durable too, or a power cut could lose the whole file.
      if (size === 0) await fsyncDir(this.#dir, this.#fs);
      this.#size = size;
    } catch (err) {
      await handle.close();
      throw err;
    }
    this.#handle = handle;
    return handle;
  }

  /**
   * After a failed write or sync: reopen (after an fsync error the old descriptor's state is
   * unknown), cut back to the acknowledged size and sync that. Until this succeeds the file
   * stays dirty and every write is refused.
   */
  async #repair(): Promise<void> {
    await this.#handle?.close().catch(() => undefined);
    this.#handle = null;
    const handle = await this.#fs.open(join(this.#dir, this.name), 'a');
    try {
      await handle.truncate(this.#size);
      await handle.datasync();
    } catch (err) {
      await handle.close().catch(() => undefined);
      throw err;
    }
    this.#handle = handle;
    this.#dirty = false;
  }
}
