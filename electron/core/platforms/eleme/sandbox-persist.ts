/**
 * The Eleme sandbox's memory on disk: its orders, grants (made-up tokens), pickup counters and
 * the pushes it gave up on, in one JSON file in the desk's data folder. A demo restarted on an
 * old folder then still knows the orders the desk holds and the tokens the desk was given, so
 * accepting works and the stores do not fall to 需要重新授权.
 *
 * Written durably (temp file, fsync, rename) and coalesced; a change is saved before the push
 * that announces it. A damaged file is moved aside and the sandbox starts empty — it is
 * made-up data.
 */
import { DurableJsonFile } from '../../store/durable-file.js';
import type { FailedPush } from './sandbox-api.js';
import type { SavedGrant } from './sandbox-oauth.js';
import type { SandboxEOrder } from './sandbox-orders.js';

export interface ElemeSandboxSnapshot {
  version: 1;
  orders: SandboxEOrder[];
  grants: SavedGrant[];
  daySns: [string, number][];
  failed: FailedPush[];
}

function looksLikeSnapshot(value: unknown): boolean {
  const v = value as Partial<ElemeSandboxSnapshot> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.version === 1 &&
    Array.isArray(v.orders) &&
    Array.isArray(v.grants) &&
    Array.isArray(v.daySns) &&
    Array.isArray(v.failed) &&
    v.orders.every((o) => typeof o?.orderId === 'string' && typeof o.shopId === 'string' && typeof o.status === 'string') &&
    v.grants.every((g) => typeof g?.id === 'string' && Array.isArray(g.access) && Array.isArray(g.shopIds))
  );
}

export class ElemeSandboxStateFile {
  private readonly file: DurableJsonFile<ElemeSandboxSnapshot>;
  /** Set when a damaged file was moved aside at load. */
  movedAside: string | null = null;

  constructor(path: string) {
    this.file = new DurableJsonFile<ElemeSandboxSnapshot>(path, {
      validate: looksLikeSnapshot,
      onCorrupt: (err) => {
        this.movedAside = err.movedTo;
      },
    });
  }

  load(): Promise<ElemeSandboxSnapshot | null> {
    return this.file.read();
  }

  /** Resolves once this snapshot (or a newer one) is on disk. API call logs are not kept. */
  save(snapshot: ElemeSandboxSnapshot): Promise<void> {
    return this.file.write({ ...snapshot, orders: snapshot.orders.map((o) => ({ ...o, apiCalls: [] })) });
  }
}
