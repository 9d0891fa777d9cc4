/**
 * The Eleme sandbox's memory on disk: its orders, grants (made-up tokens), pickup counters and
 * the pushes it gave up on, in one JSON file in the desk's data folder. A demo restarted on an
 * old folder then still knows the orders the desk holds and the tokens the desk was given, so
 * accepting works and the stores do not fall to 需要重新授权.
 * How it is written and what happens to a damaged file: common/sandbox-persist.ts.
 */
import { SandboxSnapshotFile } from '../common/sandbox-persist.js';
import type { FailedPush } from './sandbox-api.js';
import type { SavedGrant } from './sandbox-oauth.js';
import type { SandboxEOrder } from './sandbox-orders.js';

export interface ElemeSandboxSnapshot {
  version: 1;
  orders: SandboxEOrder[];
  grants: SavedGrant[];
  daySns: [string, number][];
  failed: FailedPush[];
  /** Shops opened or rested (absent in files written before it was kept). */
  shopOpen?: [string, boolean][];
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

/** The Eleme sandbox's snapshot file. */
export class ElemeSandboxStateFile extends SandboxSnapshotFile<ElemeSandboxSnapshot> {
  constructor(path: string) {
    super(path, looksLikeSnapshot);
  }
}
