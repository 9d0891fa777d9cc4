/**
 * The pool of TCP sockets to the tunnel server (README.md here: "How the pool behaves"). Each
 * socket carries one public request at a time; node:http parses it (an `http.Server` that never
 * listens is handed each socket), so the pool knows where a request ends and can hold it to
 * deadlines. Each request is passed to the receiver on loopback and its answer sent back.
 *
 * The tunnel server never answers a public request whose forwarding fails — it just hangs — so
 * every failure on our side is answered here: 502 when the receiver cannot be reached, 504 when
 * it does not answer in time, 408 when the request's body does not arrive in time. Each is
 * counted (`counts`, the `count` event).
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import type { TunnelCounts } from '../../../shared/api.js';

export interface TunnelInfo {
  id: string;
  port: number;
  /** Sockets we keep: the server's announced count, capped (`PoolOptions.maxSockets`). */
  maxConn: number;
  url: string;
}

export interface PoolOptions {
  /** Never more sockets than this, whatever the server announces (the reference server enforces 10). */
  maxSockets?: number;
  /** A request's body must have arrived within this after its headers, else 408 and a fresh socket. */
  requestDeadlineMs?: number;
  /** A request still arriving after this is slow: at most `maxConn - reserve` may be (oldest cut first). */
  slowAfterMs?: number;
  reserve?: number;
  /** The receiver must have answered within this after the request's body arrived, else 504. */
  forwardTimeoutMs?: number;
  /** A socket the server drops unused is dialled again after this, doubling per refusal up to the cap. */
  refusedBackoffMs?: number;
  refusedBackoffCapMs?: number;
}

export const POOL_DEFAULTS: Required<PoolOptions> = {
  maxSockets: 10,
  requestDeadlineMs: 5_000,
  slowAfterMs: 1_000,
  reserve: 2,
  forwardTimeoutMs: 15_000,
  refusedBackoffMs: 250,
  refusedBackoffCapMs: 30_000,
};

/** A socket that lived this long without a request was not refused, just idle (a NAT, a restart). */
const YOUNG_MS = 1_000;

/** Headers that describe one hop, not the request: never passed on. */
const HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade'];
function endToEnd(h: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = { ...h };
  for (const k of HOP) delete out[k];
  return out;
}

export type PoolEvents = { error: [Error]; drained: []; count: [keyof TunnelCounts] };

interface Slot {
  refusals: number;
}

interface Arriving {
  socket: net.Socket;
  since: number;
  slow: boolean;
  cut: () => void;
}

export class SocketPool extends EventEmitter<PoolEvents> {
  readonly opened: Promise<void>;
  readonly counts: TunnelCounts = { forwardTimeouts: 0, forwardErrors: 0, slowCut: 0, socketsRefused: 0 };
  private readonly o: Required<PoolOptions>;
  private readonly sockets = new Map<net.Socket, { slot: Slot; served: boolean }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly arriving = new Set<Arriving>();
  private readonly parser: http.Server;
  private closed = false;
  private settle: { ok: () => void; fail: (e: Error) => void } | null = null;

  constructor(
    readonly info: TunnelInfo,
    private readonly remoteHost: string,
    private readonly localPort: number,
    opts: PoolOptions = {},
  ) {
    super();
    this.o = { ...POOL_DEFAULTS, ...opts };
    // keepAliveTimeout 0: an idle tunnel socket is the normal state, never a reason to close it.
    this.parser = http.createServer({ keepAliveTimeout: 0, requestTimeout: 0 }, (req, res) => this.onRequest(req, res));
    this.parser.on('clientError', (_err, socket) => socket.destroy());
    this.opened = new Promise((ok, fail) => (this.settle = { ok, fail }));
    for (let i = 0; i < info.maxConn; i++) this.dial({ refusals: 0 });
  }

  private count(what: keyof TunnelCounts): void {
    this.counts[what]++;
    this.emit('count', what);
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => (this.timers.delete(t), fn()), ms);
    this.timers.add(t);
  }

  private dial(slot: Slot): void {
    if (this.closed) return;
    const remote = net.connect({ host: this.remoteHost, port: this.info.port });
    remote.setKeepAlive(true);
    remote.setNoDelay(true);
    const state = { slot, served: false };
    this.sockets.set(remote, state);
    let connectedAt = 0;
    let lastError: Error | null = null;
    remote.once('connect', () => {
      connectedAt = Date.now();
      this.settle?.ok();
      this.settle = null;
      this.parser.emit('connection', remote);
    });
    remote.on('error', (err) => (lastError = err));
    remote.once('close', () => {
      this.sockets.delete(remote);
      if (this.closed) return;
      if (connectedAt > 0) return this.redial(slot, state.served || Date.now() - connectedAt >= YOUNG_MS, lastError);
      // Never connected: the server is gone (a restart frees the port). This slot ends; when
      // every slot has, the pool is drained and the supervisor asks for a fresh tunnel.
      const err = lastError ?? new Error(`connection closed: ${this.remoteHost}:${this.info.port}`);
      if (this.settle && this.sockets.size === 0 && this.timers.size === 0) {
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

  /**
   * A socket that carried a request (the server drops one after every `Connection: close`
   * request and after bursts) or that lived a while is dialled again at once. One dropped
   * young and unused was refused: once at once (the server may not have counted the socket
   * it just dropped yet), then after a doubling, capped wait — a server that allows fewer
   * sockets than it announced can never spin us.
   */
  private redial(slot: Slot, earned: boolean, err: Error | null): void {
    if (earned) {
      slot.refusals = 0;
      if (err) this.emit('error', err);
      return this.dial(slot);
    }
    this.count('socketsRefused');
    const n = slot.refusals++;
    if (n === 0) return this.dial(slot);
    this.later(Math.min(this.o.refusedBackoffMs * 2 ** (n - 1), this.o.refusedBackoffCapMs), () => this.dial(slot));
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const socket = req.socket;
    const state = this.sockets.get(socket);
    if (state) state.served = true;
    let answered = false;
    let fwdTimer: NodeJS.Timeout | undefined;
    const out = http.request({ host: '127.0.0.1', port: this.localPort, method: req.method, path: req.url, headers: endToEnd(req.headers), agent: false });
    /** Answer for the receiver (the tunnel server would leave the platform hanging). */
    const fail = (status: number, text: string, closeSocket: boolean): void => {
      if (answered) return;
      answered = true;
      clearTimeout(fwdTimer);
      out.destroy();
      if (res.headersSent) return void socket.destroy();
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...(closeSocket ? { connection: 'close' } : {}) }).end(`${text}\n`);
      if (closeSocket) res.once('finish', () => socket.destroy());
    };

    // Headers are in: the body must follow within the deadline; a slow one may also be cut
    // early so that `reserve` sockets stay free for everyone else.
    const timers: NodeJS.Timeout[] = [];
    const entry: Arriving = { socket, since: Date.now(), slow: false, cut: () => undefined };
    const arrived = (): void => {
      timers.forEach(clearTimeout);
      this.arriving.delete(entry);
    };
    entry.cut = (): void => {
      arrived();
      this.count('slowCut');
      if (answered) socket.destroy(); // answered early, but the body still trickles in
      else fail(408, 'request body too slow', true);
    };
    this.arriving.add(entry);
    timers.push(
      setTimeout(entry.cut, this.o.requestDeadlineMs),
      setTimeout(() => ((entry.slow = true), this.keepReserve()), this.o.slowAfterMs),
    );
    req.once('end', () => {
      arrived();
      if (answered) return;
      fwdTimer = setTimeout(() => (this.count('forwardTimeouts'), fail(504, 'the order desk did not answer in time', false)), this.o.forwardTimeoutMs);
    });
    req.once('close', arrived);
    res.once('close', () => {
      clearTimeout(fwdTimer);
      out.destroy();
    });

    out.on('response', (answer) => {
      if (answered) return void answer.resume();
      res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
      answer.pipe(res);
      answer.once('error', () => socket.destroy());
      answer.once('end', () => {
        answered = true;
        clearTimeout(fwdTimer);
      });
    });
    out.on('error', () => {
      if (answered) return;
      this.count('forwardErrors');
      fail(502, 'the order desk is not reachable', false);
    });
    req.pipe(out);
  }

  /** More slow requests than the pool can spare: cut the oldest until `reserve` sockets are free of them. */
  private keepReserve(): void {
    const allowed = Math.max(1, this.info.maxConn - this.o.reserve);
    const slow = [...this.arriving].filter((a) => a.slow).sort((a, b) => a.since - b.since);
    for (const a of slow.slice(0, Math.max(0, slow.length - allowed))) a.cut();
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const s of this.sockets.keys()) s.destroy();
    this.sockets.clear();
    this.parser.close();
    this.settle?.fail(new Error('tunnel closed'));
    this.settle = null;
  }
}
