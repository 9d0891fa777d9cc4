/**
 * The local callback receiver (docs/design.md, Receiver routes). Listens on 127.0.0.1 only; the
 * tunnel is the only way in. Each request: decode → verify → make durable → answer in the
 * platform's own dialect. Nothing but the platforms' routes and the tunnel's health probe is
 * served here; every bad request gets a clear failure answer and an audit entry, and changes
 * nothing else.
 */
import { EventEmitter } from 'node:events';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { CallbackSeen } from '../../../shared/api.js';
import type { CallbackRecord, DeskStorage } from '../storage/desk-storage.js';
import type { CallbackRoute, RawCallback, VerifyContext } from '../platforms/types.js';
import { CallbackRejected } from '../platforms/types.js';
import { bodyExcerpt } from '../storage/reject-log.js';

/** Orders are a few KiB; a megabyte of "order" is an attack or a bug (docs/design.md, Security). */
export const MAX_BODY_BYTES = 256 * 1024;
export const HEALTH_PATH = '/_waimai-desk/health';
/** Refused requests and checks are told to the screen at most this often (ms). */
const SEEN_EVERY_MS = 500;

/**
 * How long one request may take to arrive. Every request comes through the tunnel, whose few
 * sockets are shared by all pushes: a client trickling its headers or body would hold one for
 * minutes with Node's defaults (headers 60 s, request 300 s, checked every 30 s). A real push
 * is a few KiB sent at once, so a few seconds is plenty; after that the request is answered
 * 408 and the connection closed, and the socket serves the next push.
 */
export const RECEIVER_TIMEOUTS = {
  /** Request line and headers complete within this. */
  headersMs: 5_000,
  /** The whole request (headers and body) complete within this. */
  requestMs: 10_000,
  /** An idle keep-alive connection is closed after this. */
  keepAliveMs: 5_000,
  /** How often Node checks the two limits above (its default, 30 s, would let them slip). */
  checkEveryMs: 1_000,
} as const;

export interface ReceiverOptions {
  routes: readonly CallbackRoute[];
  storage: DeskStorage;
  /** Each platform's routes see only that platform's secrets. */
  configFor(platform: CallbackRoute['platform']): VerifyContext['config'];
  /** Takes (uses up) the app's vouch for an unsigned binding callback; see VerifyContext. */
  pendingBinding: VerifyContext['pendingBinding'];
  /** Gives a vouch taken by a callback back when that callback could not be stored. */
  releaseBinding?(...binding: Parameters<VerifyContext['pendingBinding']>): void;
  logger: Logger;
  host?: string;
  port?: number;
  /** Shorter limits for tests; production uses RECEIVER_TIMEOUTS. */
  timeouts?: Partial<Record<keyof typeof RECEIVER_TIMEOUTS, number>>;
  /** Pages a person's browser is sent to (an OAuth authorize page coming back): GET only, not callbacks. */
  pages?: readonly ReceiverPage[];
}

/** A page for a person's browser on the receiver (GET), answered with a small HTML page. */
export interface ReceiverPage {
  path: string;
  handle(query: URLSearchParams): Promise<{ status: number; title: string; message: string }>;
}

export class Receiver extends EventEmitter<{ callback: [CallbackSeen] }> {
  private readonly app: FastifyInstance;
  private readonly byPath: Map<string, CallbackRoute>;
  private url_ = '';
  lastCallback: CallbackSeen | null = null;
  private seenTimer: NodeJS.Timeout | null = null;
  private lastToldAt = 0;

  constructor(private readonly opts: ReceiverOptions) {
    super();
    this.byPath = new Map(opts.routes.map((r) => [r.path, r]));
    const t = { ...RECEIVER_TIMEOUTS, ...opts.timeouts };
    this.app = Fastify({
      bodyLimit: MAX_BODY_BYTES,
      logger: false,
      return503OnClosing: true,
      requestTimeout: t.requestMs,
      keepAliveTimeout: t.keepAliveMs,
      // Idle socket limit: no request may sit silent longer than it may take in total.
      connectionTimeout: t.requestMs,
      http: { headersTimeout: t.headersMs, requestTimeout: t.requestMs, connectionsCheckingInterval: t.checkEveryMs },
      clientErrorHandler: (err, socket) => this.clientError(err as NodeJS.ErrnoException, socket),
    });
    // Decode nothing here: each platform decodes its own body exactly once (protocols: sign
    // the decoded values, payload JSON byte for byte).
    this.app.removeAllContentTypeParsers();
    this.app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

    this.app.get(HEALTH_PATH, async (req, reply) => {
      const nonce = String((req.query as Record<string, unknown>)['nonce'] ?? '').slice(0, 64);
      return reply.header('cache-control', 'no-store').type('text/plain').send(`ok ${nonce}`);
    });
    for (const page of opts.pages ?? []) {
      this.app.get(page.path, async (req, reply) => {
        const q = req.url.indexOf('?');
        const answer = await page.handle(new URLSearchParams(q >= 0 ? req.url.slice(q + 1) : '')).catch((err: unknown) => ({
          status: 500,
          title: '出错了',
          message: `没有完成：${(err as Error).message}`,
        }));
        return reply.code(answer.status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(pageHtml(answer.title, answer.message));
      });
    }
    for (const route of opts.routes) {
      this.app.route({
        method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'],
        url: route.path,
        handler: (req, reply) => this.handle(route, req, reply),
      });
    }
    this.app.setNotFoundHandler((req, reply) => {
      // A platform's path asked with a method no route serves (OPTIONS, PROPFIND…): refused in that platform's dialect.
      const route = this.byPath.get(pathOf(req.url));
      const rejection = route
        ? new CallbackRejected(`method ${req.method} not allowed here (use ${route.methods.join('/')})`, 405)
        : new CallbackRejected(`no such route: ${req.method} ${pathOf(req.url)}`, 404);
      return this.reject(route, req, reply, rejection);
    });
    this.app.setErrorHandler((err, req, reply) => {
      const route = this.byPath.get(pathOf(req.url));
      const e = err as { code?: string; message?: string };
      const tooLarge = e.code === 'FST_ERR_CTP_BODY_TOO_LARGE';
      const rejection = tooLarge
        ? new CallbackRejected(`body larger than ${MAX_BODY_BYTES} bytes`, 413)
        : new CallbackRejected(`unreadable request: ${e.message ?? 'unknown error'}`, 400);
      return this.reject(route, req, reply, rejection);
    });
  }

  get url(): string {
    return this.url_;
  }

  /** The limits the HTTP server really enforces (see RECEIVER_TIMEOUTS). */
  get timeouts(): { headersMs: number; requestMs: number; keepAliveMs: number; idleMs: number } {
    const server = this.app.server;
    return { headersMs: server.headersTimeout, requestMs: server.requestTimeout, keepAliveMs: server.keepAliveTimeout, idleMs: server.timeout };
  }

  async listen(): Promise<string> {
    const address = await this.app.listen({ host: this.opts.host ?? '127.0.0.1', port: this.opts.port ?? 0 });
    this.url_ = address.replace('://localhost', '://127.0.0.1');
    return this.url_;
  }

  async close(): Promise<void> {
    await this.app.close();
    if (this.seenTimer) clearTimeout(this.seenTimer);
    this.seenTimer = null;
  }

  private async handle(route: CallbackRoute, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const raw: RawCallback = {
      method: req.method,
      headers: req.headers,
      query: queryOf(req.url),
      body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
    };
    let fields: Record<string, string>;
    const claims: Parameters<VerifyContext['pendingBinding']>[] = [];
    const pendingBinding: VerifyContext['pendingBinding'] = (...args) => {
      const vouched = this.opts.pendingBinding(...args);
      if (vouched) claims.push(args);
      return vouched;
    };
    try {
      if (route.isCheck(raw)) {
        await this.journal(route, { verdict: 'check', http: 200 });
        return this.send(reply, route, 200, route.okBody);
      }
      fields = route.parse(raw);
      if (!(route.methods as readonly string[]).includes(req.method)) {
        throw new CallbackRejected(`method ${req.method} not allowed here (use ${route.methods.join('/')})`, 405);
      }
      route.verify(fields, { config: this.opts.configFor(route.platform), pendingBinding });
    } catch (err) {
      this.release(claims);
      return this.reject(route, req, reply, err, undefined, raw.body);
    }
    let effects;
    try {
      effects = route.interpret(fields);
    } catch (err) {
      this.release(claims);
      return this.reject(route, req, reply, err, redact(route, fields));
    }
    const record: CallbackRecord = {
      type: 'callback',
      route: route.path,
      platform: route.platform,
      verdict: 'accepted',
      http: 200,
      fields: redact(route, fields),
    };
    try {
      await this.opts.storage.acceptCallback(record, effects);
    } catch (err) {
      // Not durable → not OK: the platform must send it again (docs/counter-lessons.md, How orders get lost).
      this.opts.logger.error({ route: route.path, err: (err as Error).message }, 'could not store callback');
      this.release(claims);
      this.seen(route.path, 'rejected', `storage failed: ${(err as Error).message}`);
      return this.send(reply, route, 503, route.failBody('storage unavailable, send again later'));
    }
    this.seen(route.path, 'accepted');
    this.opts.logger.info({ route: route.path }, 'callback stored');
    return this.send(reply, route, 200, route.okBody);
  }

  /**
   * A request Node itself refused before any route saw it (too slow, malformed HTTP): answered
   * as fastify would (408 / 400, JSON) and closed, and counted with the other refusals.
   */
  private clientError(err: NodeJS.ErrnoException, socket: Duplex): void {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const timeout = err.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    const status = timeout ? 408 : err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const reason = timeout ? 'request not complete in time (trickled or stalled)' : `unreadable HTTP: ${err.code ?? 'error'}`;
    void this.journal(undefined, { verdict: 'rejected', reason, http: status }, '(connection)', 'unknown');
    const body = JSON.stringify({ error: reason });
    if (socket.writable) {
      socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    }
    socket.destroy();
  }

  private release(claims: Parameters<VerifyContext['pendingBinding']>[]): void {
    for (const args of claims) this.opts.releaseBinding?.(...args);
  }

  private async reject(
    route: CallbackRoute | undefined,
    req: FastifyRequest,
    reply: FastifyReply,
    err: unknown,
    fields?: Record<string, string>,
    body?: Buffer,
  ): Promise<FastifyReply> {
    const rejection = err instanceof CallbackRejected ? err : new CallbackRejected(`bad request: ${(err as Error).message}`, 400);
    const path = route?.path ?? pathOf(req.url);
    const record: Omit<CallbackRecord, 'type' | 'route' | 'platform'> = {
      verdict: 'rejected',
      reason: rejection.reason,
      http: rejection.httpStatus,
      ...(fields ? { fields } : {}),
      ...(body && body.length > 0 && !fields ? { excerpt: excerptOf(route, body) } : {}),
    };
    // Logged only while the day's audit keeps entries one by one: a flood must not fill the log.
    if (await this.journal(route, record, path, route ? undefined : 'unknown')) {
      this.opts.logger.warn({ route: path, method: req.method, reason: rejection.reason.slice(0, 200) }, 'callback rejected');
    }
    if (!route) {
      return reply.code(rejection.httpStatus).type('application/json; charset=utf-8').send(JSON.stringify({ error: rejection.reason }));
    }
    return this.send(reply, route, rejection.httpStatus, route.failBody(rejection.reason));
  }

  private async journal(
    route: CallbackRoute | undefined,
    rec: Omit<CallbackRecord, 'type' | 'route' | 'platform'>,
    path = route?.path ?? '',
    platform: CallbackRecord['platform'] = route?.platform ?? 'unknown',
  ): Promise<boolean> {
    try {
      // Counted as soon as it is asked for, so `seen` below tells the new total.
      const kept = this.opts.storage.audit({ type: 'callback', route: path, platform, ...rec });
      this.seen(path, rec.verdict, rec.reason);
      return await kept;
    } catch (err) {
      this.opts.logger.error({ err: (err as Error).message }, 'audit journal write failed');
      return false;
    }
  }

  private seen(route: string, verdict: CallbackRecord['verdict'], reason?: string): void {
    const refusedToday = this.opts.storage.rejectCounts().rejected;
    this.lastCallback = {
      route: route.slice(0, 200),
      verdict,
      at: new Date().toISOString(),
      ...(reason ? { reason: reason.slice(0, 200) } : {}),
      ...(refusedToday > 0 ? { refusedToday } : {}),
    };
    // Refusals and checks can come as a flood: the screen hears of them a few times a second
    // at most (the latest always arrives); an accepted callback is told at once.
    const wait = this.lastToldAt + SEEN_EVERY_MS - Date.now();
    if (verdict === 'accepted' || wait <= 0) this.tellSeen();
    else if (!this.seenTimer) {
      this.seenTimer = setTimeout(() => this.tellSeen(), wait);
      this.seenTimer.unref();
    }
  }

  private tellSeen(): void {
    if (this.seenTimer) clearTimeout(this.seenTimer);
    this.seenTimer = null;
    this.lastToldAt = Date.now();
    if (this.lastCallback) this.emit('callback', this.lastCallback);
  }

  private send(reply: FastifyReply, route: CallbackRoute, status: number, body: string): FastifyReply {
    return reply.code(status).type(route.contentType).send(body);
  }
}

function pathOf(url: string): string {
  const i = url.indexOf('?');
  return i < 0 ? url : url.slice(0, i);
}

function queryOf(url: string): string {
  const i = url.indexOf('?');
  return i < 0 ? '' : url.slice(i + 1);
}

function redact(route: CallbackRoute, fields: Record<string, string>): Record<string, string> {
  const secret = route.secretFields ?? [];
  if (secret.length === 0) return fields;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = secret.includes(k) ? '***' : v;
  return out;
}

/** Enough of a bad body to trace it (start, length, hash), never a secret (binding bodies carry the token). */
function excerptOf(route: CallbackRoute | undefined, body: Buffer): string {
  return bodyExcerpt(body, (route?.secretFields?.length ?? 0) > 0);
}

/** A small page for a person's browser; the words are escaped. */
export function pageHtml(title: string, message: string): string {
  const esc = (t: string): string => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return (
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title>` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"></head>` +
    `<body style="font-family:sans-serif;text-align:center;padding:3em 1em"><h1 style="font-size:1.4em">${esc(title)}</h1>` +
    `<p>${esc(message)}</p></body></html>`
  );
}
