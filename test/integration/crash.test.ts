/**
 * A hard kill (SIGKILL) in the middle of a burst of pushes, then a restart: every push that
 * was answered OK is there, exactly once (docs/design.md, Data flow).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../../shared/order.js';
import { MeituanSandbox, type PushEvent } from '../../electron/core/platforms/meituan/sandbox.js';
import { tempDir } from '../support/helpers.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';

const SIGN_KEY = 'crashTestKey0001';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('serve killed mid-burst', () => {
  it('keeps every acknowledged push exactly once across SIGKILL and restart', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    let receiverUrl = '';
    // No re-push: what was not answered OK stays unanswered, so "acknowledged" is exact.
    const sandbox = new MeituanSandbox({ developerId: '100001', signKey: SIGN_KEY, receiverUrl: () => receiverUrl, retryDelaysMs: [], duplicateRate: 0, pushTimeoutMs: 3000 });
    await sandbox.start();
    cleanups.push(() => sandbox.stop());
    const config = join(dir, 'config.json');
    await writeFile(config, JSON.stringify({ meituan: { developerId: '100001', signKey: SIGN_KEY, apiBase: sandbox.baseUrl, authBase: sandbox.baseUrl }, stores: [{ id: 'store-1', name: '湘北人家' }] }));
    const args = ['--config', config, '--data-dir', join(dir, 'data')];

    let serve: ServeProcess = await startServe(args);
    cleanups.push(() => serve.stop('SIGKILL'));
    receiverUrl = serve.ready.receiver;

    const acknowledged = new Set<string>();
    let killed = false;
    sandbox.on('push', (e: PushEvent) => {
      if (!e.ok || e.path !== '/meituan/order/new') return;
      acknowledged.add(JSON.parse(e.fields['order']!.replace(/"orderId":(\d+)/, '"orderId":"$1"')).orderId as string);
      if (acknowledged.size === 150 && !killed) {
        killed = true;
        serve.child.kill('SIGKILL');
      }
    });
    // A burst of 400 orders, 40 in flight at a time; the kill lands in the middle of it.
    const burst = Array.from({ length: 400 }, (_, i) => i);
    const workers = Array.from({ length: 40 }, async () => {
      for (let next = burst.shift(); next !== undefined; next = burst.shift()) {
        await sandbox.pushNewOrder('store-1').catch(() => undefined);
      }
    });
    await Promise.all(workers);
    expect(killed).toBe(true);
    expect(acknowledged.size).toBeGreaterThanOrEqual(150);

    serve = await startServe(args);
    const { orders } = await serve.api<{ orders: Order[] }>('/api/orders');
    const stored = orders.map((o) => o.orderId);
    for (const id of acknowledged) expect(stored.filter((s) => s === id)).toHaveLength(1);
    expect(new Set(stored).size).toBe(stored.length);
    // Kept, and flagged: store-1 was never bound in this test.
    expect(orders.every((o) => o.flags.includes('unbound-store'))).toBe(true);
  }, 90_000);
});
