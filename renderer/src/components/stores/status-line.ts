/**
 * The status bar's one line, the answer to 「现在能收到订单吗？」: from the receiver, the public
 * address (tunnel or the shop's own publicUrl), the last callback, the stores' states and the
 * problems. Pure,
 * so each state is unit-tested; StatusBar turns it into words.
 */
import type { DeskStatus } from '../../../../shared/api.js';
import { timeAgo, type AgoUnit } from './time.js';

export type LineTone = 'ok' | 'warn' | 'bad';

export type LineReason =
  /** Nothing listens for the platforms' pushes. */
  | 'receiver-down'
  /** The tunnel is being opened for the first time: no public address yet. */
  | 'tunnel-connecting'
  /** The tunnel dropped and is being re-opened (the supervisor keeps trying). */
  | 'tunnel-down'
  /** No tunnel and no publicUrl: the platforms cannot reach this machine. */
  | 'no-public-address'
  /** Orders arrive, but the tunnel loses requests now and then. */
  | 'tunnel-unstable'
  /** Orders arrive, but a store is resting or offline on the platform: none for it. */
  | 'store-closed'
  /** Orders arrive, but something went wrong that staff should read (a file moved aside …). */
  | 'problems'
  | 'receiving';

export interface StatusLine {
  tone: LineTone;
  reason: LineReason;
  /** The store named by `store-closed`. */
  store?: string;
  /** How many problems `problems` is about. */
  count?: number;
  /** How long ago the last push came, and whether it was a new order; null = none yet. */
  last: { unit: AgoUnit; count: number; order: boolean } | null;
}

/** Is there an address the platforms can push to? The sandbox pushes straight to the receiver. */
function reach(s: DeskStatus): LineReason | null {
  if (s.sandbox || s.publicUrl) return null;
  switch (s.tunnel.state) {
    case 'up':
      return null;
    case 'degraded':
      return 'tunnel-unstable';
    case 'connecting':
      // A tunnel that was up before and is opening again is a reconnect.
      return s.tunnel.lastOkAt ? 'tunnel-down' : 'tunnel-connecting';
    case 'down':
      return 'tunnel-down';
    case 'off':
      return 'no-public-address';
  }
}

export function statusLine(s: DeskStatus, now: number): StatusLine {
  const seen = s.lastCallback;
  const last = seen ? { ...timeAgo(seen.at, now), order: /\/order\/new$/.test(seen.route) } : null;
  if (!s.receiver.up) return { tone: 'bad', reason: 'receiver-down', last };
  const unreachable = reach(s);
  if (unreachable === 'tunnel-unstable') return { tone: 'warn', reason: unreachable, last };
  if (unreachable) return { tone: 'bad', reason: unreachable, last };
  const closed = (s.storeWarnings ?? []).find((w) => w.kind === 'resting' || w.kind === 'offline');
  if (closed) return { tone: 'warn', reason: 'store-closed', store: closed.storeName || closed.storeId, last };
  if (s.problems.length > 0) return { tone: 'warn', reason: 'problems', count: s.problems.length, last };
  return { tone: 'ok', reason: 'receiving', last };
}
