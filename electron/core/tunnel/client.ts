/**
 * Our localtunnel client (README.md here says why not the npm package): the documented
 * handshake, then a pool of `max_conn_count` TCP sockets to the server, each piped to the
 * local receiver for the request it carries. It reports — it never decides: an `error` per
 * failed socket and `drained` when the pool is empty; the supervisor decides what to do.
 */
import { EventEmitter } from 'node:events';
import net from 'node:net';
import type { TunnelFetch } from './http-get.js';

export interface TunnelInfo {
  id: string;
  port: number;
  maxConn: number;
  url: string;
}

export interface OpenTunnelOptions {
  host: string;
  subdomain?: string;
  localPort: number;
  fetch: TunnelFetch;
  /** Aborts the handshake and closes any socket already dialled. */
  signal: AbortSignal;
}

/** What the supervisor holds; the unit tests give it a fake. */
export interface TunnelHandle extends EventEmitter<{ error: [Error]; drained: [] }> {
  readonly info: TunnelInfo;
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
  const info: TunnelInfo = { id, port, maxConn: typeof max === 'number' && max > 0 ? Math.min(max, 50) : 1, url: url.replace(/\/+$/, '') };
  const pool = new SocketPool(info, new URL(base).hostname, o.localPort);
  const abort = (): void => pool.close();
  o.signal.addEventListener('abort', abort, { once: true });
  try {
    await pool.opened;
  } finally {
    o.signal.removeEventListener('abort', abort);
  }
  return pool;
}

class SocketPool extends EventEmitter<{ error: [Error]; drained: [] }> implements TunnelHandle {
  readonly opened: Promise<void>;
  private readonly sockets = new Set<net.Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;
  private settle: { ok: () => void; fail: (e: Error) => void } | null = null;

  constructor(
    readonly info: TunnelInfo,
    private readonly remoteHost: string,
    private readonly localPort: number,
  ) {
    super();
    this.opened = new Promise((ok, fail) => (this.settle = { ok, fail }));
    for (let i = 0; i < info.maxConn; i++) this.dial();
  }

  private dial(): void {
    if (this.closed) return;
    const remote = net.connect({ host: this.remoteHost, port: this.info.port });
    remote.setKeepAlive(true);
    this.sockets.add(remote);
    let connectedAt = 0;
    let local: net.Socket | null = null;
    let lastError: Error | null = null;

    // One request at a time per socket: open the local connection when bytes arrive, and
    // open it again for the next request if the receiver closed the previous one.
    const onData = (chunk: Buffer): void => {
      remote.off('data', onData);
      remote.pause();
      const l = net.connect({ host: '127.0.0.1', port: this.localPort });
      local = l;
      l.on('error', () => remote.destroy()); // the receiver is down: the server answers 502
      l.once('close', () => {
        l.unpipe(remote);
        remote.unpipe(l);
        local = null;
        if (!remote.destroyed) {
          remote.on('data', onData);
          remote.resume();
        }
      });
      l.write(chunk);
      remote.pipe(l);
      l.pipe(remote, { end: false });
    };
    remote.on('data', onData);
    remote.once('connect', () => {
      connectedAt = Date.now();
      this.settle?.ok();
      this.settle = null;
    });
    remote.on('error', (err) => (lastError = err));
    remote.once('close', () => {
      this.sockets.delete(remote);
      (local as net.Socket | null)?.destroy();
      if (this.closed) return;
      if (connectedAt > 0) {
        // Re-dial a socket that worked, as the reference client does; a short-lived one after
        // a pause, so a server that accepts and drops cannot spin us.
        const t = setTimeout(() => (this.timers.delete(t), this.dial()), Date.now() - connectedAt > 1000 ? 0 : 250);
        this.timers.add(t);
        if (lastError) this.emit('error', lastError);
        return;
      }
      const err = lastError ?? new Error(`connection closed: ${this.remoteHost}:${this.info.port}`);
      if (this.settle && this.sockets.size === 0) {
        this.settle.fail(err);
        this.settle = null;
        this.close();
        return;
      }
      if (!this.settle) this.emit('error', new Error(`connection refused: ${this.remoteHost}:${this.info.port} (${err.message})`));
      if (this.sockets.size === 0 && this.timers.size === 0) {
        this.closed = true;
        this.emit('drained');
      }
    });
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    this.settle?.fail(new Error('tunnel closed'));
    this.settle = null;
  }
}
