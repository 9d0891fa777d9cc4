/** Run `waimai-desk serve` as a child process, as a shop's launcher (or an outside check) would. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import type { Order } from '../../shared/order.js';

export const BIN = fileURLToPath(new URL('../../electron/headless/bin.mjs', import.meta.url));

export interface Ready {
  receiver: string;
  console: string;
  token: string;
  tunnel: string | null;
}

export interface ServeProcess {
  child: ChildProcess;
  ready: Ready;
  stderr: () => string;
  /** GET/POST the console API with the token. */
  api<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T>;
  rpc<T>(method: string, ...args: unknown[]): Promise<T>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Every `serve` this process started and that has not exited: killed if this process exits first. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** `env`: more environment for serve (e.g. WAIMAI_SANDBOX_SEED). */
export async function startServe(args: string[], timeoutMs = 20_000, env: Record<string, string> = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn', ...env } });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not get ready:\n${err}`)), timeoutMs);
    lines.on('line', (line) => {
      if (!line.startsWith('ready ')) return;
      clearTimeout(timer);
      resolve(JSON.parse(line.slice(6)) as Ready);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before ready:\n${err}`));
    });
  }).catch((e: unknown) => {
    // Not ready in time: do not leave it running behind the failed test.
    child.kill('SIGKILL');
    throw e;
  });
  const api = async <T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> => {
    const res = await fetch(ready.console + path, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${ready.token}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    const json = (await res.json()) as T & { error?: string };
    if (!res.ok) throw new Error(`${path}: ${res.status} ${json.error ?? ''}`);
    return json;
  };
  return {
    child,
    ready,
    stderr: () => err,
    api,
    rpc: async <T>(method: string, ...args: unknown[]) => (await api<{ result: T }>(`/api/rpc/${method}`, { method: 'POST', body: { args } })).result,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = once(child, 'exit');
      child.kill(signal);
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}

/** Have the demo platform send a customer's new order, and return it as the console API then lists it. */
export async function simulateNewOrder(serve: ServeProcess): Promise<Order> {
  const list = async (): Promise<Order[]> => (await serve.api<{ orders: Order[] }>('/api/orders')).orders;
  const before = new Set((await list()).map((o) => o.key));
  await serve.rpc('simulate', 'new-order');
  const created = (await list()).find((o) => !before.has(o.key));
  if (!created) throw new Error('no new order after simulate');
  return created;
}
