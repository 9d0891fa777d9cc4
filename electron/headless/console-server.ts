/**
 * The console: the same `DeskApi` the Electron window gets over IPC, served over HTTP + SSE on
 * its own loopback port behind a random token (docs/design.md, Console API), plus the renderer
 * bundle. The contract routes (`/api/orders`, `/api/stores`, `/api/events`) are kept exactly
 * (`/api/orders?view=card` is an extension: the board's card form of the same orders);
 * every other call goes through `POST /api/rpc/<method>` with `{"args":[…]}`, parsed by the
 * same schemas as IPC.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { DeskApi, DeskEventName, DeskEvents } from '../../shared/api.js';
import { toOrderCard } from '../../shared/order-card.js';
import type { Order } from '../../shared/order.js';
import { ApiInputError, DeskActionError, isApiMethod, parseArgs } from '../core/api-schemas.js';
import { sameSecret } from '../core/platforms/common/secure-compare.js';
import { dayIn } from '../core/config.js';
import { CSP } from '../csp.js';

export interface EventSource {
  /** Hear every DeskEvents event; returns the unsubscribe function. */
  subscribe(listener: (name: DeskEventName, payload: DeskEvents[DeskEventName]) => void): () => void;
}

export interface ConsoleOptions {
  api: DeskApi;
  events: EventSource;
  token: string;
  logger: Logger;
  /** Folder of the built renderer (index.html + assets); served at `/` when present. */
  rendererDir?: string;
  port?: number;
  /**
   * Build today's card list as soon as the console listens, so the first page load finds it
   * ready (`serve` does; off by default: a console over a stand-in API calls nothing unasked).
   */
  warmCards?: boolean;
  /** Resolves the one-time `/binding/<id>` links `bindUrl`/`unbindUrl` hand out. */
  bindingLinks?: { resolveBindingLink(id: string): string | undefined };
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wav': 'audio/wav',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export class ConsoleServer {
  private readonly app: FastifyInstance;
  private readonly streams = new Set<FastifyReply>();
  private keepAlive: NodeJS.Timeout | null = null;
  private readonly cards: CardLists;

  constructor(private readonly opts: ConsoleOptions) {
    this.cards = new CardLists(opts.api);
    this.app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
    this.app.addHook('onRequest', async (req, reply) => {
      // Before anything else, for every path (API, event stream, page, binding links): a page
      // on another site whose name was re-pointed at 127.0.0.1 (DNS rebinding) gets nothing.
      const foreign = foreignRequest(req);
      if (foreign) {
        await reply.code(403).send({ error: foreign });
        return;
      }
      if (!req.url.startsWith('/api/')) return;
      if (!this.authorized(req)) {
        await reply.code(401).send({ error: 'missing or wrong token: send it as "Authorization: Bearer <token>" (open the address printed at start-up)' });
      }
    });
    // Full orders, as the contract says; `&view=card` (an extension) gives the board's card
    // form instead: no `raw`, history cut to what a card shows — a fraction of the bytes.
    this.app.get('/api/orders', async (req, reply) => {
      const query = req.query as Record<string, unknown>;
      const date = query['date'];
      const view = query['view'];
      if (view !== undefined && view !== 'card' && view !== 'full') throw new ApiInputError('view must be "card" or "full" (or left out: full orders)');
      const day = typeof date === 'string' && date ? date : undefined;
      if (view === 'card') return reply.type(JSON_TYPE).send(wrapJson('{"orders":', await this.cardList([day])));
      return { orders: await this.call('listOrders', [day]) };
    });
    this.app.get('/api/stores', async () => ({ stores: await this.call('listStores', []) }));
    this.app.get('/api/status', async () => this.call('status', []));
    // One-time link to the platform's signed binding page: the signed URL (it may carry the
    // store's token) never passes through the API.
    this.app.get('/binding/:id', async (req, reply) => {
      const url = this.opts.bindingLinks?.resolveBindingLink((req.params as { id: string }).id);
      if (!url) return reply.code(410).type('text/html; charset=utf-8').send(EXPIRED_PAGE);
      return reply.redirect(url, 302);
    });
    this.app.get('/api/events', (req, reply) => this.stream(req, reply));
    this.app.post('/api/rpc/:method', async (req, reply) => {
      const method = (req.params as { method: string }).method;
      if (!isApiMethod(method)) throw new ApiInputError(`no such call: ${method}`);
      const body = (req.body ?? {}) as { args?: unknown };
      if (method === 'listOrderCards') return reply.type(JSON_TYPE).send(wrapJson('{"result":', await this.cardList(body.args ?? [])));
      return { result: await this.call(method, body.args ?? []) };
    });
    this.app.setErrorHandler((err, _req, reply) => {
      if (err instanceof ApiInputError) return reply.code(400).send({ error: err.message, retriable: false });
      if (err instanceof DeskActionError) return reply.code(err.httpStatus).send({ error: err.message, retriable: err.retriable });
      const e = err as { statusCode?: number; message?: string };
      if (e.statusCode && e.statusCode < 500) return reply.code(e.statusCode).send({ error: e.message, retriable: false });
      this.opts.logger.error({ err: e.message }, 'console call failed');
      return reply.code(500).send({ error: `内部错误：${e.message ?? 'unknown'}`, retriable: true });
    });
    this.app.setNotFoundHandler((req, reply) => this.serveStatic(req, reply));
  }

  /**
   * The token goes in the `Authorization: Bearer` header. Only the event stream may carry it as
   * `?token=` (a browser's EventSource cannot set headers) — it changes nothing and reads only
   * what the page already shows; a token in any other address (history, logs, a link) opens
   * nothing.
   */
  private authorized(req: FastifyRequest): boolean {
    const header = req.headers.authorization ?? '';
    const fromQuery = isEventStream(req) ? (req.query as Record<string, unknown> | undefined)?.['token'] : undefined;
    const given = header.startsWith('Bearer ') ? header.slice(7) : typeof fromQuery === 'string' ? fromQuery : '';
    return sameSecret(given, this.opts.token);
  }

  private async call(method: keyof DeskApi, args: unknown): Promise<unknown> {
    const parsed = parseArgs(method, args) as unknown[];
    const fn = this.opts.api[method] as (...a: unknown[]) => Promise<unknown>;
    return fn.apply(this.opts.api, parsed);
  }

  /** `listOrderCards` as UTF-8 JSON, from the cache (same arguments, same checks, same answer). */
  private async cardList(args: unknown): Promise<Buffer> {
    const [day] = parseArgs('listOrderCards', args) as [string | undefined];
    return this.cards.json(day);
  }

  private stream(req: FastifyRequest, reply: FastifyReply): void {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n: connected\n\n');
    const unsubscribe = this.opts.events.subscribe((name, payload) => {
      res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    this.streams.add(reply);
    req.raw.on('close', () => {
      unsubscribe();
      this.streams.delete(reply);
    });
  }

  private async serveStatic(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const dir = this.opts.rendererDir;
    const path = decodeURIComponent(req.url.split('?')[0] ?? '/');
    if (req.method !== 'GET' || path.startsWith('/api/') || !dir || !existsSync(dir)) {
      return reply.code(404).send({ error: 'not found' });
    }
    const rel = normalize(path === '/' ? '/index.html' : path).replace(/^([/\\])+/, '');
    if (rel.startsWith('..')) return reply.code(404).send({ error: 'not found' });
    const file = join(dir, rel);
    try {
      const body = await readFile(file);
      return reply
        .header('cache-control', rel === 'index.html' ? 'no-store' : 'public, max-age=31536000, immutable')
        .header('content-security-policy', CSP)
        .type(MIME[extname(file)] ?? 'application/octet-stream')
        .send(body);
    } catch {
      return reply.code(404).send({ error: 'not found' });
    }
  }

  async listen(): Promise<string> {
    const address = await this.app.listen({ host: '127.0.0.1', port: this.opts.port ?? 0 });
    // SSE proxies and browsers drop idle streams; a comment line every 15 s keeps them open.
    this.keepAlive = setInterval(() => {
      for (const r of this.streams) r.raw.write(': keep-alive\n\n');
    }, 15_000);
    this.keepAlive.unref();
    // The page's first question on a busy day is today's list: have it ready before anyone asks.
    if (this.opts.warmCards) {
      void this.opts.api
        .status()
        .then((s) => this.cards.json(dayIn(s.timeZone, new Date())))
        .catch(() => undefined);
    }
    return address.replace('://localhost', '://127.0.0.1');
  }

  async close(): Promise<void> {
    if (this.keepAlive) clearInterval(this.keepAlive);
    for (const r of this.streams) r.raw.end();
    this.streams.clear();
    await this.app.close();
  }
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** `{"key":` + json + `}`, as bytes (a megabyte string would be encoded again on every send). */
function wrapJson(head: string, json: Buffer): Buffer {
  return Buffer.concat([Buffer.from(head), json, Buffer.from('}')]);
}

/**
 * The board's card list of a day as JSON (UTF-8 bytes). A busy day is 2,000 orders: serializing them on
 * every load costs more than anything else the page waits for, so each order's card JSON is kept
 * for as long as the order object is the same one, and the whole list for as long as the day's
 * orders are. The desk never changes an order object in place (every change makes a new one),
 * so identity says exactly what changed: nothing here has to hear about changes to stay right.
 */
export class CardLists {
  private readonly cardJson = new WeakMap<Order, string>();
  /** The last few days asked for: the list as it was and its JSON. */
  private readonly days = new Map<string, { orders: readonly Order[]; json: Buffer }>();

  constructor(private readonly api: Pick<DeskApi, 'listOrders'>) {}

  async json(day: string | undefined): Promise<Buffer> {
    const orders = await this.api.listOrders(day);
    const id = day ?? '';
    // Any list held with exactly these orders will do: `listOrderCards()` (the desk's today) and
    // `listOrderCards('<today>')` are the same list.
    for (const held of this.days.values()) if (sameOrders(held.orders, orders)) return held.json;
    const parts: string[] = [];
    for (const o of orders) {
      let json = this.cardJson.get(o);
      if (json === undefined) this.cardJson.set(o, (json = JSON.stringify(toOrderCard(o))));
      parts.push(json);
    }
    const json = Buffer.from(`[${parts.join(',')}]`);
    this.days.delete(id);
    this.days.set(id, { orders, json });
    // Today, yesterday's late look-ups, the carried pre-order days: a handful is plenty.
    if (this.days.size > 8) this.days.delete(this.days.keys().next().value!);
    return json;
  }
}

function sameOrders(a: readonly Order[], b: readonly Order[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isEventStream(req: FastifyRequest): boolean {
  return req.method === 'GET' && pathOf(req.url) === '/api/events';
}

function pathOf(url: string): string {
  const i = url.indexOf('?');
  return i < 0 ? url : url.slice(0, i);
}

/** The names this console answers to: loopback, on the port the request came in on. */
function ownHosts(req: FastifyRequest): Set<string> {
  const port = req.socket.localPort;
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

/**
 * Why a request is not from this console's own page, or '' when it is. The Host must name
 * loopback and this port: a rebinding attack reaches 127.0.0.1 under the attacker's name, so
 * its Host is that name. A request that changes state must also not come from another
 * origin (a browser always sends Origin on cross-site POSTs; tools send none).
 */
function foreignRequest(req: FastifyRequest): string {
  const hosts = ownHosts(req);
  const host = (req.headers.host ?? '').toLowerCase();
  if (!hosts.has(host)) return `wrong Host "${host}": this console answers only to http://127.0.0.1:${req.socket.localPort}`;
  if (req.method === 'GET' || req.method === 'HEAD') return '';
  const origin = req.headers.origin;
  if (origin === undefined) return '';
  const from = /^http:\/\/([^/]+)$/i.exec(origin)?.[1]?.toLowerCase();
  if (from === undefined || !hosts.has(from)) return `foreign Origin "${origin}": calls are taken only from this console's own page`;
  return '';
}

const EXPIRED_PAGE =
  '<!doctype html><meta charset="utf-8"><title>链接已失效</title><p style="font:16px sans-serif;margin:3em">这个绑定链接已使用或已过期。请回到外卖接单台，在「门店」页重新点击「绑定」。</p>';

// The UI loads nothing from elsewhere and runs no inline script (docs/design.md, Security); the
// policy lives in electron/csp.ts, shared with the Electron shell, and stays importable here.
export { CSP };
