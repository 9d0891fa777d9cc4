/**
 * Test helpers for the Meituan sandbox: a tiny fake receiver that records every request and
 * answers as told, event waiters (tests wait on events, never on sleeps), and a signed API caller.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter } from 'node:events';
import { MeituanSandbox } from '../../../../electron/core/platforms/meituan/sandbox.js';
import { meituanSign } from '../../../../electron/core/platforms/meituan/sign.js';

export interface Recorded {
  method: string;
  path: string;
  contentType: string;
  raw: string;
  fields: Record<string, string>;
}

/** An answer, or 'hang' (never answer: exercises the push timeout). */
export type Reply = { status?: number; body: string } | 'hang';

/** Emits 'request' with each Recorded request. */
export class FakeReceiver extends EventEmitter {
  readonly requests: Recorded[] = [];
  /** Per-path answers consumed in order; afterwards the platform's success body. */
  private readonly scripted = new Map<string, Reply[]>();
  private server: http.Server | null = null;
  url = '';

  script(path: string, ...replies: Reply[]): void {
    this.scripted.set(path, [...(this.scripted.get(path) ?? []), ...replies]);
  }

  at(path: string): Recorded[] {
    return this.requests.filter((r) => r.path === path);
  }

  async start(): Promise<void> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        const fields = Object.fromEntries(new URLSearchParams(raw));
        const rec = {
          method: req.method ?? '',
          path,
          contentType: req.headers['content-type'] ?? '',
          raw,
          fields,
        };
        this.requests.push(rec);
        this.emit('request', rec);
        const reply = this.scripted.get(path)?.shift() ?? {
          body: path.startsWith('/meituan/store/') ? '{"data":"success"}' : '{"data":"OK"}',
        };
        if (reply === 'hang') return;
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
        res.end(reply.body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    await new Promise<void>((r) => {
      s.close(() => r());
      s.closeAllConnections();
    });
  }
}

/** Resolve with the first `event` payload matching `match`; rejects after `ms` as a safety net. */
export function waitFor<T = Record<string, unknown>>(
  emitter: EventEmitter,
  event: string,
  match: (payload: T) => boolean = () => true,
  ms = 10_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`no '${event}' event within ${ms} ms`));
    }, ms);
    const listener = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(payload);
    };
    emitter.on(event, listener);
  });
}

/** Call the sandbox API the legacy way; `split` puts system params in the query, business in the body. */
export async function callApi(
  base: string,
  signKey: string,
  path: string,
  params: Record<string, string>,
  opts: { method?: 'GET' | 'POST'; split?: boolean; sign?: string } = {},
): Promise<string> {
  const all: Record<string, string> = {
    charset: 'utf-8',
    timestamp: String(Math.floor(Date.now() / 1000)),
    ...params,
  };
  all['sign'] = opts.sign ?? meituanSign(signKey, all);
  const method = opts.method ?? 'POST';
  if (method === 'GET') return (await fetch(`${base}${path}?${new URLSearchParams(all)}`)).text();
  const sys = ['appAuthToken', 'charset', 'timestamp', 'sign'];
  const query = opts.split ? Object.fromEntries(Object.entries(all).filter(([k]) => sys.includes(k))) : {};
  const body = opts.split ? Object.fromEntries(Object.entries(all).filter(([k]) => !sys.includes(k))) : all;
  const res = await fetch(`${base}${path}${opts.split ? `?${new URLSearchParams(query)}` : ''}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body).toString(),
  });
  expectStatus200(res.status);
  return res.text();
}

function expectStatus200(status: number): void {
  if (status !== 200) throw new Error(`API answered HTTP ${status}; the legacy API always answers 200`);
}

/** The hidden `session` value of a binding page form. */
export function sessionOf(html: string): string {
  const m = /name="session" value="([0-9a-f]+)"/.exec(html);
  if (!m?.[1]) throw new Error('no session field in page');
  return m[1];
}

export async function postForm(
  url: string,
  fields: Record<string, string>,
): Promise<{ status: number; html: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, html: await res.text() };
}

export const SANDBOX_TEST_KEY = 'demosignkey0001x';

/** A fake receiver plus a sandbox pushing to it, with short retries; `stop` ends both. */
export async function startPair(
  opts: Partial<ConstructorParameters<typeof MeituanSandbox>[0]> = {},
): Promise<{ receiver: FakeReceiver; sandbox: MeituanSandbox; stop: () => Promise<void> }> {
  const receiver = new FakeReceiver();
  await receiver.start();
  const sandbox = new MeituanSandbox({
    developerId: '100001',
    signKey: SANDBOX_TEST_KEY,
    receiverUrl: receiver.url,
    retryDelaysMs: [5, 10],
    duplicateRate: 0,
    pushTimeoutMs: 500,
    ...opts,
  });
  await sandbox.start();
  return {
    receiver,
    sandbox,
    stop: async () => {
      await sandbox.stop();
      await receiver.stop();
    },
  };
}
