/**
 * `serve --tunnel localtunnel` as a child process: it waits for the public URL before `ready`,
 * reports it in the status, answers the health nonce through it, and keeps the console off it.
 * The tunnel server's domain is `localhost` here: `*.localhost` is loopback (RFC 6761), which
 * the app's tunnel client honours, so the child needs no test hook to reach its public URL.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DeskStatus } from '../../shared/api.js';
import { tempDir } from '../support/helpers.js';
import { startServe } from '../support/serve-process.js';
import { TestTunnelServer } from '../support/tunnel-server.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('serve --tunnel localtunnel', () => {
  it('prints ready with the public URL, which reaches the receiver and only the receiver', async () => {
    const server = new TestTunnelServer({ domain: 'localhost' });
    await server.start();
    cleanups.push(() => server.close());
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const serve = await startServe(['--data-dir', dir, '--demo-interval', '0', '--tunnel', 'localtunnel', '--tunnel-host', server.url, '--subdomain', 'waimai-serve']);
    cleanups.push(() => serve.stop());

    const publicUrl = `http://waimai-serve.localhost:${server.port}`;
    expect(serve.ready.tunnel).toBe(publicUrl);
    const status = await serve.rpc<DeskStatus>('status');
    expect(status.tunnel).toMatchObject({ state: 'up', url: publicUrl, lastError: '' });

    const via = server.fetchVia();
    const health = await via(`${publicUrl}/_waimai-desk/health?nonce=abc123`, { headers: {}, signal: AbortSignal.timeout(5000) });
    expect(await health.text()).toBe('ok abc123');
    const consoleApi = await via(`${publicUrl}/api/orders`, { headers: {}, signal: AbortSignal.timeout(5000) });
    expect(consoleApi.status).toBe(404);
  });

  it('with a name the tunnel server refuses, is ready at once with tunnel null and says why', async () => {
    const server = new TestTunnelServer({ domain: 'localhost' });
    await server.start();
    cleanups.push(() => server.close());
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const t0 = Date.now();
    const serve = await startServe(['--data-dir', dir, '--demo-interval', '0', '--tunnel', 'localtunnel', '--tunnel-host', server.url, '--subdomain', 'Bad_Name']);
    cleanups.push(() => serve.stop());
    expect(Date.now() - t0).toBeLessThan(10_000); // not the 15 s first-connection deadline
    expect(serve.ready.tunnel).toBeNull();
    const { tunnel } = await serve.rpc<DeskStatus>('status');
    expect(tunnel.state).toBe('down');
    expect(tunnel.lastError).toMatch(/子域名「Bad_Name」/);
  });

  it('refuses a tunnel host that is not an http(s) URL', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    await expect(startServe(['--data-dir', dir, '--tunnel', 'localtunnel', '--tunnel-host', 'localtunnel.me'])).rejects.toThrow(/--tunnel-host must be/);
  });
});
