/**
 * One process owns a data folder: a second `serve` on the same folder says so (Chinese and
 * English) and exits non-zero without touching anything, while the first keeps taking orders.
 * A lock left by a process that is gone does not keep the desk from starting.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname, uptime } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../../shared/order.js';
import { MeituanSandbox } from '../../electron/core/platforms/meituan/sandbox.js';
import { LOCK_NAME } from '../../electron/core/storage/folder-lock.js';
import { tempDir } from '../support/helpers.js';
import { BIN, startServe, type ServeProcess } from '../support/serve-process.js';

const SIGN_KEY = 'lockTestKey00001';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function runToExit(args: string[]): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr, stdout };
}

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[join(entry.parentPath, entry.name)] = (await readFile(join(entry.parentPath, entry.name))).toString('base64');
  }
  return out;
}

describe('one desk per data folder', () => {
  it('refuses a second serve on the same folder, and the first keeps every order', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    let receiverUrl = '';
    const sandbox = new MeituanSandbox({ developerId: '100001', signKey: SIGN_KEY, receiverUrl: () => receiverUrl, retryDelaysMs: [], duplicateRate: 0 });
    await sandbox.start();
    cleanups.push(() => sandbox.stop());
    const config = join(dir, 'config.json');
    await writeFile(config, JSON.stringify({ meituan: { developerId: '100001', signKey: SIGN_KEY, apiBase: sandbox.baseUrl, authBase: sandbox.baseUrl }, stores: [{ id: 'store-1', name: '湘北人家', autoAccept: false }] }));
    const data = join(dir, 'data');
    const args = ['--config', config, '--data-dir', data];

    const first: ServeProcess = await startServe(args);
    cleanups.push(() => first.stop('SIGKILL'));
    receiverUrl = first.ready.receiver;
    const before = [await sandbox.pushNewOrder('store-1'), await sandbox.pushNewOrder('store-1')];
    await expect.poll(async () => (await first.api<{ orders: Order[] }>('/api/orders')).orders.length).toBe(2);
    // Once both are folded the first desk has nothing left to write until the next push.
    await expect.poll(async () => JSON.parse(await readFile(join(data, 'checkpoint.json'), 'utf8').catch(() => '{}')).seq).toBe(2);
    const files = await snapshot(data);

    const second = await runToExit(args);
    expect(second.code).toBe(1);
    expect(second.stdout).not.toContain('ready');
    expect(second.stderr).toContain('正在使用数据文件夹');
    expect(second.stderr).toContain(`process ${first.child.pid}`);
    expect(second.stderr).toMatch(/another waimai-desk.*is using the data folder/);
    // Nothing touched: the same files, byte for byte (no fold, no journal line, no lock taken over).
    expect(await snapshot(data)).toEqual(files);

    const after = await sandbox.pushNewOrder('store-1');
    const { orders } = await first.api<{ orders: Order[] }>('/api/orders');
    expect(orders.map((o) => o.orderId).sort()).toEqual([...before, after].sort());
  }, 60_000);

  it('starts over a lock left by a process that is gone', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    // Same machine, same boot, a pid that cannot be running (beyond any pid_max).
    const boot = Math.round((Date.now() - uptime() * 1000) / 60_000) * 60_000;
    await writeFile(join(dir, LOCK_NAME), JSON.stringify({ pid: 2 ** 30, host: hostname(), boot, token: 'gone', since: '' }));
    const serve = await startServe(['--sandbox', '--demo-interval', '0', '--data-dir', dir]);
    cleanups.push(() => serve.stop());
    expect(JSON.parse(await readFile(join(dir, LOCK_NAME), 'utf8')).pid).toBe(serve.child.pid);
    expect(await serve.stop()).toBe(0);
    await expect(readFile(join(dir, LOCK_NAME))).rejects.toThrow(/ENOENT/);
  }, 60_000);
});
