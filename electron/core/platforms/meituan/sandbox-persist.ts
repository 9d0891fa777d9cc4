/**
 * The sandbox's memory on disk: its orders, store tokens, pickup-number counters and store
 * open/closed flags, in one JSON file in the desk's data folder. A demo restarted on an old
 * folder then still knows every order the desk holds (accepting or refunding one works) and
 * the token the desk was given for its bound store.
 * How it is written and what happens to a damaged file: common/sandbox-persist.ts.
 */
import { SandboxSnapshotFile } from '../common/sandbox-persist.js';
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

/** The Meituan sandbox's snapshot file. */
export class SandboxStateFile extends SandboxSnapshotFile<SandboxSnapshot> {
  constructor(path: string) {
    super(path, looksLikeSnapshot);
  }
}
