/**
 * The demo restarted on an old data folder: the sandbox keeps its orders and store tokens in the
 * folder, so an order taken before the restart can still be accepted through its API afterwards
 * (before, it answered "no such order" / an unknown token, and the card could never be worked).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeskStatus } from '../../shared/api.js';
import type { Order } from '../../shared/order.js';
import { parseConfig } from '../../electron/core/config.js';
import type { UnionSandboxHandle } from '../../electron/core/platforms/union/index.js';
import { serve } from '../../electron/headless/cli.js';
import type { Sandboxes } from '../../electron/headless/sandbox-setup.js';
import { quietLogger, tempDir } from '../support/helpers.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(dir: string, config: string): Promise<ServeProcess> {
  const serve = await startServe(['--data-dir', dir, '--config', config, '--sandbox', '--demo-interval', '0']);
  cleanups.push(() => serve.stop());
  return serve;
}

describe('sandbox serve restarted on the same data folder', () => {
  it('still knows an order from before the restart: accepting it goes through the sandbox API', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const config = join(dir, 'config.json');
    // A store that does not auto-accept, so the order is still new when the sandbox restarts.
    await writeFile(config, JSON.stringify({ stores: [{ id: 'shop-1', name: '测试店', autoAccept: false }] }));

    const first = await start(dir, config);
    await first.rpc('simulate', 'new-order', 'shop-1');
    const [order] = await first.rpc<Order[]>('listOrders');
    expect(order?.status).toBe('new');
    expect(await first.stop()).toBe(0);

    const second = await start(dir, config);
    const before = await second.rpc<Order | null>('getOrder', order!.key);
    expect(before?.status).toBe('new');
    const accepted = await second.rpc<Order>('accept', order!.key);
    expect(accepted.status).toBe('accepted');
    // And the sandbox walks it on: a refund request for the old order reaches the board.
    await second.rpc('simulate', 'refund-request', 'shop-1');
    await expect.poll(async () => (await second.rpc<Order | null>('getOrder', order!.key))?.refund?.state, { timeout: 10_000 }).toBe('requested');
    const status = await second.rpc<DeskStatus>('status');
    expect(status.timeZone).toBe('Asia/Shanghai');
    expect(status.demo).toEqual({ state: 'stopped', reason: 'off', intervalSeconds: 0 });
    // Two serve processes start and stop here: room for a busy machine.
  }, 60_000);
});

const unionOf = (s: Sandboxes) => (s.running.get('union') as UnionSandboxHandle).instance;

describe('union sandbox restarted on the same data folder', () => {
  it('still knows a paid promotion order, so completing it after the restart reaches the board', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const options = { dataDir: dir, config: parseConfig({}), sandbox: true, receiverPort: 0, consolePort: 0, tunnel: 'none' as const, demoIntervalSeconds: 0 };
    const first = await serve(options, quietLogger);
    const orderid = await unionOf(first.sandboxes!).pushOrder();
    await first.stop();

    const second = await serve(options, quietLogger);
    cleanups.push(() => second.stop());
    const union = unionOf(second.sandboxes!);
    expect(await union.complete(orderid)).toBe(true);
    const orders = await second.desk.listOrders();
    expect(orders.find((o) => o.platform === 'union' && o.orderId === orderid)?.status).toBe('completed');
  });
});
