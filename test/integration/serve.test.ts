/** `waimai-desk serve` as docs/design.md promises it: flags, the ready line, the console API. */
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../../shared/order.js';
import type { Store } from '../../shared/store.js';
import { tempDir } from '../support/helpers.js';
import { BIN, startServe, type ServeProcess } from '../support/serve-process.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serveIn(extra: string[] = []): Promise<{ serve: ServeProcess; dir: string }> {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const serve = await startServe(['--data-dir', dir, ...extra]);
  cleanups.push(() => serve.stop());
  return { serve, dir };
}

describe('serve', () => {
  it('with nothing configured runs the sandbox: the ready line, then demo orders arrive in /api/orders', async () => {
    const { serve } = await serveIn(['--demo-interval', '0.2']);
    expect(serve.ready.receiver).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(serve.ready.console).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(serve.ready.token.length).toBeGreaterThanOrEqual(24);
    expect(serve.ready.tunnel).toBeNull();

    const { stores } = await serve.api<{ stores: Store[] }>('/api/stores');
    expect(stores.map((s) => s.id)).toEqual(['demo-store-1', 'demo-store-2']);
    expect(stores[0]!.bindings.meituan.bound).toBe(true);
    expect(JSON.stringify(stores)).not.toMatch(/token/i);

    // Wait for the event stream to announce an order, then read it back through the contract route.
    const events = await fetch(`${serve.ready.console}/api/events?token=${serve.ready.token}`);
    expect(events.headers.get('content-type')).toContain('text/event-stream');
    const reader = events.body!.getReader();
    let text = '';
    while (!text.includes('event: order-changed')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const { orders } = await serve.api<{ orders: Order[] }>('/api/orders');
    expect(orders.length).toBeGreaterThan(0);
    // The demo's takeaway platforms (Meituan and Eleme side by side), ids exact as digits.
    for (const o of orders) {
      expect(['meituan', 'eleme']).toContain(o.platform);
      expect(o.orderId).toMatch(/^\d{16,20}$/);
    }
  });

  it('refuses the console API without the token and serves the callback routes only on the receiver', async () => {
    const { serve } = await serveIn(['--demo-interval', '0']);
    expect((await fetch(`${serve.ready.console}/api/orders`)).status).toBe(401);
    expect((await fetch(`${serve.ready.console}/api/orders`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    expect((await fetch(`${serve.ready.receiver}/api/orders`)).status).toBe(404);
    const day = await serve.api<{ orders: Order[] }>('/api/orders?date=2020-01-01');
    expect(day.orders).toEqual([]);
    const bad = await fetch(`${serve.ready.console}/api/orders?date=yesterday`, { headers: { authorization: `Bearer ${serve.ready.token}` } });
    expect(bad.status).toBe(400);
  });

  it('binds a store through a one-time link that never exposes the signed URL to the API', async () => {
    const { serve } = await serveIn(['--demo-interval', '0']);
    const link = await serve.rpc<string>('bindUrl', 'meituan', 'demo-store-2');
    expect(link).toMatch(/^\/binding\/[0-9a-f]{32}$/);
    const first = await fetch(serve.ready.console + link, { redirect: 'manual' });
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toMatch(/\/storemap\?.*ePoiId=demo-store-2.*sign=[0-9a-f]{40}/);
    expect((await fetch(serve.ready.console + link, { redirect: 'manual' })).status).toBe(410);
  });

  it('says what is wrong with a bad config file or flag, and exits non-zero', async () => {
    const { dir } = await tempDir();
    const config = join(dir, 'config.json');
    await writeFile(config, JSON.stringify({ meituan: { developerId: '1' }, stores: [] }));
    const r = spawnSync(process.execPath, [BIN, 'serve', '--config', config, '--data-dir', dir], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/meituan\.signKey/);
    const flag = spawnSync(process.execPath, [BIN, 'serve', '--tunnel', 'ngrok'], { encoding: 'utf8' });
    expect(flag.status).toBe(2);
    expect(flag.stderr).toMatch(/--tunnel must be none or localtunnel/);
  });
});
