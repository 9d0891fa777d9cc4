/**
 * `WAIMAI_SANDBOX_SEED`: two `serve --sandbox` runs with the same seed get the same made-up
 * orders from both takeaway platforms, dish for dish; another seed gets other orders, and a
 * seed that is not an integer is refused with a message saying so.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Order } from '../../shared/order.js';
import { tempDir } from '../support/helpers.js';
import { BIN, startServe } from '../support/serve-process.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** What a customer chose and who they are: what the seed decides (not times, not keys). */
const content = (o: Order) => ({
  platform: o.platform,
  items: o.items.map((i) => `${i.name}×${i.quantity}`),
  note: o.note,
  customer: o.customer.name,
  total: o.totalCents,
});

async function threeOrders(seed: string): Promise<unknown[]> {
  const t = await tempDir('waimai-seed-');
  const serve = await startServe(['--sandbox', '--data-dir', t.dir, '--demo-interval', '0'], undefined, { WAIMAI_SANDBOX_SEED: seed });
  cleanups.push(() => t.cleanup(), () => serve.stop());
  await serve.rpc('updateStoreSettings', 'demo-store-1', { autoAccept: false });
  await serve.rpc('simulate', 'new-order', 'demo-store-1', 'meituan');
  await serve.rpc('simulate', 'new-order', 'demo-store-1', 'meituan');
  await serve.rpc('simulate', 'new-order', 'demo-store-1', 'eleme');
  // An order is complete once its dishes are in (an Eleme push may come before its details).
  const orders = await vi.waitFor(
    async () => {
      const { orders: all } = await serve.api<{ orders: Order[] }>('/api/orders');
      if (all.length < 3 || all.some((o) => o.items.length === 0)) throw new Error('orders still arriving');
      return all;
    },
    { timeout: 20_000, interval: 100 },
  );
  return orders.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map(content);
}

describe('serve --sandbox with WAIMAI_SANDBOX_SEED', () => {
  it('makes the same orders on every run with the same seed, and other orders with another', async () => {
    const first = await threeOrders('7');
    expect(first).toHaveLength(3);
    expect(first.map((o) => (o as { platform: string }).platform)).toEqual(['meituan', 'meituan', 'eleme']);
    expect(await threeOrders('7')).toEqual(first);
    expect(await threeOrders('8')).not.toEqual(first);
  }, 60_000);

  it('refuses a seed that is not an integer, naming the variable', async () => {
    const t = await tempDir('waimai-seed-');
    cleanups.push(() => t.cleanup());
    const child = spawn(process.execPath, [BIN, 'serve', '--sandbox', '--data-dir', t.dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'warn', WAIMAI_SANDBOX_SEED: 'lunch' },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).not.toBe(0);
    expect(stderr).toContain('WAIMAI_SANDBOX_SEED must be an integer');
  }, 30_000);
});
