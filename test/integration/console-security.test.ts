/**
 * The console as another web page (or a rebinding attack) would meet it, over real HTTP: the
 * token only in the Authorization header (the event stream alone may take `?token=`), the Host
 * header naming this loopback console or nothing happens, and no state change from a foreign
 * Origin. Requests with a chosen Host go through node:http (fetch forbids setting Host).
 */
import http from 'node:http';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskApi, DeskStatus } from '../../shared/api.js';
import { ConsoleServer } from '../../electron/headless/console-server.js';
import { quietLogger, tempDir } from '../support/helpers.js';

const TOKEN = 'a'.repeat(40);

interface Answer {
  status: number;
  type: string;
  body: string;
}

let server: ConsoleServer;
let base: string;
let port: number;
let calls: string[];
let cleanup: () => Promise<void>;

beforeEach(async () => {
  calls = [];
  const dir = await tempDir();
  cleanup = dir.cleanup;
  await writeFile(join(dir.dir, 'index.html'), '<!doctype html><title>接单台</title>');
  // Every call is recorded: "nothing happened" means this list stayed empty.
  const api = new Proxy({} as DeskApi, {
    get: (_t, method: string) => async (...args: unknown[]) => {
      calls.push(`${method}(${JSON.stringify(args).slice(1, -1)})`);
      return method === 'listOrders' || method === 'listStores' ? [] : ({ autoAcceptPaused: args[0] } as Partial<DeskStatus>);
    },
  });
  server = new ConsoleServer({
    api,
    events: { subscribe: () => () => undefined },
    token: TOKEN,
    logger: quietLogger,
    rendererDir: dir.dir,
    bindingLinks: { resolveBindingLink: (id) => (id === 'known' ? 'https://example.test/storemap' : undefined) },
  });
  base = await server.listen();
  port = Number(new URL(base).port);
});

afterEach(async () => {
  await server.close();
  await cleanup();
});

/** One request with exactly these headers (Host included); the SSE stream is read up to its first comment. */
function request(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, setHost: !('host' in headers) }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (String(res.headers['content-type']).includes('event-stream') && text.includes(': connected')) res.destroy();
      });
      const done = (): void => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: text });
      res.on('end', done);
      res.on('close', done);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const bearer = { authorization: `Bearer ${TOKEN}` };
const rpcPause = (headers: Record<string, string>, query = ''): Promise<Answer> =>
  request('POST', `/api/rpc/setAutoAcceptPaused${query}`, { 'content-type': 'application/json', ...headers }, '{"args":[true]}');

describe('console token', () => {
  it('changes state only with the token in the Authorization header, never from ?token=', async () => {
    const viaQuery = await rpcPause({}, `?token=${TOKEN}`);
    expect(viaQuery.status).toBe(401);
    expect(JSON.parse(viaQuery.body).error).toMatch(/Authorization: Bearer/);
    expect((await request('GET', `/api/orders?token=${TOKEN}`, {})).status).toBe(401);
    expect((await request('GET', `/api/status?token=${TOKEN}`, {})).status).toBe(401);
    expect(calls).toEqual([]);

    expect((await rpcPause(bearer)).status).toBe(200);
    expect(calls).toEqual(['setAutoAcceptPaused(true)']);
  });

  it('lets the event stream alone take ?token= (EventSource cannot send headers), and not without it', async () => {
    const stream = await request('GET', `/api/events?token=${TOKEN}`, {});
    expect(stream.status).toBe(200);
    expect(stream.type).toContain('text/event-stream');
    expect((await request('GET', '/api/events', {})).status).toBe(401);
    expect((await request('GET', '/api/events?token=wrong', {})).status).toBe(401);
  });

  it('serves the page without a token', async () => {
    const page = await request('GET', '/', {});
    expect(page.status).toBe(200);
    expect(page.body).toContain('接单台');
  });
});

describe('console Host header (DNS rebinding)', () => {
  it('answers to 127.0.0.1, localhost and [::1] on its own port', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      expect((await request('GET', '/', { host })).status, host).toBe(200);
      expect((await request('GET', '/api/orders', { host, ...bearer })).status, host).toBe(200);
    }
  });

  it('refuses any other Host on the API, the event stream, the page and binding links, and nothing happens', async () => {
    const hosts = [`evil.example:${port}`, 'evil.example', `127.0.0.1:${port + 1}`, '127.0.0.1', `localhost.evil.example:${port}`, `127.0.0.2:${port}`];
    for (const host of hosts) {
      const tries = [
        await rpcPause({ host, ...bearer }),
        await request('GET', '/api/orders', { host, ...bearer }),
        await request('GET', `/api/events?token=${TOKEN}`, { host }),
        await request('GET', '/', { host }),
        await request('GET', '/binding/known', { host }),
      ];
      for (const answer of tries) {
        expect(answer.status, host).toBe(403);
        expect(answer.type).toContain('application/json');
        expect(JSON.parse(answer.body).error).toMatch(/wrong Host/);
      }
    }
    expect(calls).toEqual([]);
  });

  it('refuses a state change sent from another origin, takes one from its own page', async () => {
    for (const origin of ['http://evil.example', `http://evil.example:${port}`, 'null', `https://127.0.0.1:${port}`, `http://127.0.0.1:${port + 1}`]) {
      const answer = await rpcPause({ origin, ...bearer });
      expect(answer.status, origin).toBe(403);
      expect(JSON.parse(answer.body).error).toMatch(/foreign Origin/);
    }
    expect(calls).toEqual([]);
    expect((await rpcPause({ origin: `http://127.0.0.1:${port}`, ...bearer })).status).toBe(200);
    expect((await rpcPause({ origin: `http://localhost:${port}`, ...bearer })).status).toBe(200);
    expect(calls).toHaveLength(2);
  });
});
