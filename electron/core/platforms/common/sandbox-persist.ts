/**
 * A sandbox's memory on disk: one JSON snapshot in the desk's data folder, so a demo restarted
 * on an old folder still knows the orders and tokens the desk holds.
 *
 * Written durably (temp file, fsync, rename) and coalesced; a sandbox saves a change before the
 * push that announces it, so the desk never stores an order the sandbox could forget. A damaged
 * file is moved aside and the sandbox starts empty: it is made-up data. Orders' API call logs
 * are not kept.
 */
import { DurableJsonFile } from '../../storage/durable-file.js';

/** What every sandbox snapshot has: its orders, each with a log of the API calls made on it. */
export interface SnapshotWithOrders {
  orders: readonly { apiCalls: readonly unknown[] }[];
}

export class SandboxSnapshotFile<T extends SnapshotWithOrders> {
  private readonly file: DurableJsonFile<T>;
  /** Set when a damaged file was moved aside at load (for the log). */
  movedAside: string | null = null;

  /** `looksValid` tells a snapshot of this sandbox from anything else found at `path`. */
  constructor(path: string, looksValid: (value: unknown) => boolean) {
    this.file = new DurableJsonFile<T>(path, {
      validate: looksValid,
      onCorrupt: (err) => {
        this.movedAside = err.movedTo;
      },
    });
  }

  load(): Promise<T | null> {
    return this.file.read();
  }

  /** Resolves once this snapshot (or a newer one) is on disk. */
  save(snapshot: T): Promise<void> {
    return this.file.write({ ...snapshot, orders: snapshot.orders.map((o) => ({ ...o, apiCalls: [] })) });
  }
}
