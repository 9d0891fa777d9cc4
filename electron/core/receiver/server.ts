/**
 * The local callback receiver (DESIGN.md, receiver routes). Listens on 127.0.0.1 only; the
 * tunnel is the only way in. Each request: decode → verify → make durable → answer in the
 * platform's own dialect. Nothing but the platforms' routes and the tunnel's health probe is
 * served here; every bad request gets a clear failure answer and an audit entry, and changes
 * nothing else.
 */
import { EventEmitter } from 'node:events';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { CallbackSeen } from '../../../shared/api.js';
import type { CallbackRecord, DeskStore } from '../store/desk-store.js';
import type { CallbackRoute, RawCallback, VerifyContext } from '../platforms/types.js';
import { CallbackRejected } from '../platforms/types.js';

/** Orders are a few KiB; a megabyte of "order" is an attack or a bug (DESIGN.md, Security). */
export const MAX_BODY_BYTES = 256 * 1024;
export const HEALTH_PATH = '/_waimai-desk/health';

export interface ReceiverOptions {
  routes: readonly CallbackRoute[];
  store: DeskStore;
  /** Each platform's routes see only that platform's secrets. */
  configFor(platform: CallbackRoute['platform']): VerifyContext['config'];
  pendingBinding: VerifyContext['pendingBinding'];
  logger: Logger;
  host?: string;
  port?: number;
}

export class Receiver extends EventEmitter<{ callback: [CallbackSeen] }> {
  private readonly app: FastifyInstance;
  private readonly byPath: Map<string, CallbackRoute>;
  private url_ = '';
  lastCallback: CallbackSeen | null = null;

  constructor(private readonly opts: ReceiverOptions) {
    super();
    this.byPath = new Map(opts.routes.map((r) => [r.path, r]));
    this.app = Fastify({ bodyLimit: MAX_BODY_BYTES, logger: false, return503OnClosing: true });
    // Decode nothing here: each platform decodes its own body exactly once (protocols: sign
    // the decoded values, payload JSON byte for byte).
    this.app.removeAllContentTypeParsers();
    this.app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

    this.app.get(HEALTH_PATH, async (req, reply) => {
      const nonce = String((req.query as Record<string, unknown>)['nonce'] ?? '').slice(0, 64);
      return reply.header('cache-control', 'no-store').type('text/plain').send(`ok ${nonce}`);
    });
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

  async listen(): Promise<string> {
    const address = await this.app.listen({ host: this.opts.host ?? '127.0.0.1', port: this.opts.port ?? 0 });
    this.url_ = address.replace('://localhost', '://127.0.0.1');
    return this.url_;
  }

  async close(): Promise<void> {
    await this.app.close();
  }

  private async handle(route: CallbackRoute, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const raw: RawCallback = {
      method: req.method,
      headers: req.headers,
      query: queryOf(req.url),
      body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
    };
    let fields: Record<string, string>;
    try {
      fields = route.parse(raw);
      if (route.isCheck(fields)) {
        await this.journal(route, { verdict: 'check', http: 200 });
        return this.send(reply, route, 200, route.okBody);
      }
      if (!(route.methods as readonly string[]).includes(req.method)) {
        throw new CallbackRejected(`method ${req.method} not allowed here (use ${route.methods.join('/')})`, 405);
      }
      route.verify(fields, { config: this.opts.configFor(route.platform), pendingBinding: this.opts.pendingBinding });
    } catch (err) {
      return this.reject(route, req, reply, err, undefined, raw.body);
    }
    let effects;
    try {
      effects = route.interpret(fields);
    } catch (err) {
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
      await this.opts.store.acceptCallback(record, effects);
    } catch (err) {
      // Not durable → not OK: the platform must send it again (FIELD-NOTES, how orders get lost).
      this.opts.logger.error({ route: route.path, err: (err as Error).message }, 'could not store callback');
      this.seen(route.path, 'rejected', `storage failed: ${(err as Error).message}`);
      return this.send(reply, route, 503, route.failBody('storage unavailable, send again later'));
    }
    this.seen(route.path, 'accepted');
    this.opts.logger.info({ route: route.path }, 'callback stored');
    return this.send(reply, route, 200, route.okBody);
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
    await this.journal(route, record, path, route ? undefined : 'unknown');
    this.opts.logger.warn({ route: path, method: req.method, reason: rejection.reason }, 'callback rejected');
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
  ): Promise<void> {
    this.seen(path, rec.verdict, rec.reason);
    try {
      await this.opts.store.audit({ type: 'callback', route: path, platform, ...rec });
    } catch (err) {
      this.opts.logger.error({ err: (err as Error).message }, 'audit journal write failed');
    }
  }

  private seen(route: string, verdict: CallbackRecord['verdict'], reason?: string): void {
    this.lastCallback = { route, verdict, at: new Date().toISOString(), ...(reason ? { reason } : {}) };
    this.emit('callback', this.lastCallback);
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

/** Enough of a bad body to trace it, never a secret (binding bodies carry the token). */
function excerptOf(route: CallbackRoute | undefined, body: Buffer): string {
  if (route?.secretFields?.length) return `(${body.length} bytes, not kept: may hold a secret)`;
  return body.subarray(0, 512).toString('utf8');
}
