/**
 * Our localtunnel client (README.md here says why not the npm package): the documented
 * handshake, then a pool of sockets to the server (`pool.ts`), each carrying one request at a
 * time to the local receiver. It reports — it never decides: an `error` per failed socket,
 * `drained` when the pool is empty and `count` for each request it had to answer itself; the
 * supervisor decides what to do.
 */
import type { EventEmitter } from 'node:events';
import type { TunnelCounts } from '../../../shared/api.js';
import type { TunnelFetch } from './http-get.js';
import { POOL_DEFAULTS, SocketPool, type PoolEvents, type PoolOptions, type TunnelInfo } from './pool.js';

export type { PoolOptions, TunnelInfo } from './pool.js';

export interface OpenTunnelOptions {
  host: string;
  subdomain?: string;
  localPort: number;
  fetch: TunnelFetch;
  /** Aborts the handshake and closes any socket already dialled. */
  signal: AbortSignal;
  pool?: PoolOptions;
}

/** What the supervisor holds; the unit tests give it a fake. */
export interface TunnelHandle extends EventEmitter<PoolEvents> {
  readonly info: TunnelInfo;
  readonly counts?: TunnelCounts;
  close(): void;
}

/** The server refused the request; `fatal` when asking again cannot help (a 4xx other than 429). */
export class TunnelRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
  get fatal(): boolean {
    return this.status >= 400 && this.status < 500 && this.status !== 429;
  }
}

export async function openTunnel(o: OpenTunnelOptions): Promise<TunnelHandle> {
  const base = o.host.replace(/\/+$/, '');
  const res = await o.fetch(`${base}/${o.subdomain ? encodeURIComponent(o.subdomain) : '?new'}`, { headers: { accept: 'application/json' }, signal: o.signal });
  const text = await res.text();
  let body: Partial<{ id: unknown; port: unknown; max_conn_count: unknown; url: unknown; message: unknown }> = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // an HTML error page from a proxy: the status says enough
  }
  if (res.status !== 200) throw new TunnelRequestError(res.status, `HTTP ${res.status}: ${typeof body.message === 'string' ? body.message : text.slice(0, 200)}`);
  const { id, port, max_conn_count: max, url } = body;
  if (typeof id !== 'string' || typeof port !== 'number' || typeof url !== 'string') throw new Error(`tunnel server answered no tunnel: ${text.slice(0, 200)}`);
  // The reference server enforces 10 sockets whatever it announces: never dial more than our cap.
  const cap = o.pool?.maxSockets ?? POOL_DEFAULTS.maxSockets;
  const maxConn = typeof max === 'number' && Number.isInteger(max) && max > 0 ? Math.min(max, cap) : 1;
  const info: TunnelInfo = { id, port, maxConn, url: url.replace(/\/+$/, '') };
  const pool = new SocketPool(info, new URL(base).hostname, o.localPort, o.pool);
  const abort = (): void => pool.close();
  o.signal.addEventListener('abort', abort, { once: true });
  try {
    await pool.opened;
  } finally {
    o.signal.removeEventListener('abort', abort);
  }
  return pool;
}
