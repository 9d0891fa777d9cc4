/**
 * The sandbox's memory on disk: its orders, store tokens, pickup-number counters and store
 * open/closed flags, in one JSON file in the desk's data folder. A demo restarted on an old
 * folder then still knows every order the desk holds (accepting or refunding one works) and
 * the token the desk was given for its bound store.
 *
 * Written durably (temp file, fsync, rename) and coalesced; a change is saved before the push
 * that announces it, so the desk never stores an order the sandbox could forget. A damaged
 * file is moved aside and the sandbox starts empty — it is made-up data.
 */
import { DurableJsonFile } from '../../store/durable-file.js';
import type { SandboxOrderState } from './sandbox-state.js';

export interface SandboxSnapshot {
  version: 1;
  orders: SandboxOrderState[];
  /** ePoiId → appAuthToken. */
  tokens: [string, string][];
  daySeqs: [string, number][];
  storeOpen: [string, boolean][];
}

function looksLikeSnapshot(value: unknown): boolean {
  const v = value as Partial<SandboxSnapshot> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.version === 1 &&
    Array.isArray(v.orders) &&
    Array.isArray(v.tokens) &&
    Array.isArray(v.daySeqs) &&
    Array.isArray(v.storeOpen) &&
    v.orders.every((o) => typeof o?.orderId === 'string' && typeof o.ePoiId === 'string' && typeof o.times?.status === 'number')
  );
}

export class SandboxStateFile {
  private readonly file: DurableJsonFile<SandboxSnapshot>;
  /** Set when a damaged file was moved aside at load (for the log). */
  movedAside: string | null = null;

  constructor(path: string) {
    this.file = new DurableJsonFile<SandboxSnapshot>(path, {
      validate: looksLikeSnapshot,
      onCorrupt: (err) => {
        this.movedAside = err.movedTo;
      },
    });
  }

  load(): Promise<SandboxSnapshot | null> {
    return this.file.read();
  }

  /** Resolves once this snapshot (or a newer one) is on disk. API call logs are not kept. */
  save(snapshot: SandboxSnapshot): Promise<void> {
    return this.file.write({ ...snapshot, orders: snapshot.orders.map((o) => ({ ...o, apiCalls: [] })) });
  }
}
