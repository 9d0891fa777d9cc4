/**
 * The public path (tunnel/README.md): sandbox → tunnel server → our tunnel client → receiver, with the
 * supervisor keeping it alive across a tunnel-server crash, a taken name and a refused one.
 * Short probe/backoff intervals; every wait is for an event, bounded by waitForEvent's net.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openTunnel, type TunnelHandle } from '../../electron/core/tunnel/client.js';
import { superviseDeskTunnel } from '../../electron/core/tunnel/desk-tunnel.js';
import type { AddressChanged, TunnelStatus, TunnelSupervisor } from '../../electron/core/tunnel/supervisor.js';
import { OrderLog, startFixture, type Fixture } from '../support/desk-fixture.js';
import { quietLogger, waitForEvent } from '../support/helpers.js';
import { HostShim, TestTunnelServer } from '../support/tunnel-server.js';

let fx: Fixture | undefined;
let server: TestTunnelServer | undefined;
let shim: HostShim | undefined;
let sup: TunnelSupervisor | undefined;
let holder: TunnelHandle | undefined;
afterEach(async () => {
  holder?.close();
  await sup?.stop();
  await shim?.stop();
  await server?.close();
  await fx?.close();
  fx = server = shim = sup = holder = undefined;
});

const FAST = { probeIntervalMs: 150, firstConnectDeadlineMs: 2000, probeTimeoutMs: 1000, backoffMs: 50, backoffCapMs: 400, wantedNameRetryMs: 200 };

/** A desk, a tunnel server, and the app's wiring (superviseDeskTunnel), not yet started; `before` runs first. */
async function setUp(subdomain?: string, graceMs = 100, before?: (s: TestTunnelServer) => Promise<void>): Promise<{ server: TestTunnelServer; sup: TunnelSupervisor; fx: Fixture }> {
  server = new TestTunnelServer({ graceMs });
  await server.start();
  const s = server;
  await before?.(s);
  let pushVia: string | null = null;
  fx = await startFixture({ pushTo: (direct) => pushVia ?? direct });
  sup = superviseDeskTunnel(fx.desk, { host: s.url, fetch: s.fetchVia(), ...FAST, ...(subdomain ? { subdomain } : {}) }, quietLogger);
  const tunnel = sup;
  shim = new HostShim(() => s.port, () => tunnel.status.url);
  await shim.start();
  pushVia = shim.url;
  return { server: s, sup, fx };
}

const upOrFail = (s: TunnelSupervisor): Promise<TunnelStatus> => waitForEvent<TunnelStatus>(s, 'state', (t) => t.state === 'up');

describe('the supervised tunnel', () => {
  it('carries signed pushes from the platform to the store, and nothing but the receiver', async () => {
    const { server, sup, fx } = await setUp('waimai-shop-1');
    const up = upOrFail(sup);
    sup.start();
    expect((await up).url).toBe(`http://waimai-shop-1.localtest:${server.port}`);
    expect((await fx.desk.status()).tunnel.state).toBe('up');

    const log = new OrderLog(fx.desk);
    const ids = [await fx.sandbox.pushNewOrder('store-1'), await fx.sandbox.pushNewOrder('store-1')];
    // Auto-accept runs to the end too, so nothing is still writing when the test closes the desk.
    for (const id of ids) await log.waitFor((o) => o.orderId === id && o.autoAccept?.state === 'done');
    expect(server.forwarded.filter((n) => n === 'waimai-shop-1').length).toBeGreaterThanOrEqual(2);

    // The console API lives on another port: through the tunnel it is the receiver's 404.
    const res = await server.fetchVia()(`${sup.status.url}/api/orders`, { headers: {}, signal: AbortSignal.timeout(5000) });
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/no such route/);
    const urls = await fx.desk.callbackUrls();
    expect(urls.find((u) => u.path === '/meituan/order/new')?.publicUrl).toBe(`${sup.status.url}/meituan/order/new`);
  });

  it('comes back by itself after the tunnel server crashes and restarts on the same port', async () => {
    const { server, sup, fx } = await setUp('waimai-shop-2', 50);
    const up = upOrFail(sup);
    sup.start();
    await up;
    const port = server.port;

    const log = new OrderLog(fx.desk);
    const down = waitForEvent<TunnelStatus>(sup, 'state', (t) => t.state === 'down');
    const seen: string[] = [];
    sup.on('state', (t) => seen.push(t.state));
    await server.kill();
    expect((await down).lastError).toMatch(/[\u4e00-\u9fa5]/);
    expect((await fx.desk.status()).tunnel.state).toBe('down');

    // Orders placed during the outage: the platform's few retries fail and it gives up.
    const missed = [await fx.sandbox.pushNewOrder('store-1'), await fx.sandbox.pushNewOrder('store-1')];
    for (const id of missed) expect(await fx.desk.getOrder(`meituan:${id}`)).toBeNull();

    const back = waitForEvent<TunnelStatus>(sup, 'state', (t) => t.state === 'up', 15_000);
    await server.start();
    expect(server.port).toBe(port);
    const again = await back;
    expect(again.url).toBe(`http://waimai-shop-2.localtest:${port}`);
    expect(seen).toContain('connecting');
    expect(Date.parse(again.lastOkAt!)).toBeGreaterThan(0);

    // Back up: what Meituan gave up pushing is pulled, exactly once, and goes on as usual.
    for (const id of missed) {
      const recovered = await log.waitFor((o) => o.orderId === id && o.autoAccept?.state === 'done');
      expect(recovered.events[0]?.type).toBe('pulled');
    }
    const today = await fx.desk.listOrders();
    for (const id of missed) expect(today.filter((o) => o.orderId === id)).toHaveLength(1);

    // And orders flow again through the fresh tunnel.
    const id = await fx.sandbox.pushNewOrder('store-1');
    await log.waitFor((o) => o.orderId === id && o.autoAccept?.state === 'done');
  });

  it('says so loudly when the wanted name is taken, and switches back once it is free', async () => {
    const { server, sup: s, fx } = await setUp('waimai-shop-3', 100, async (srv) => {
      // Someone else holds the name first (the way a name stays taken on the hosted service).
      holder = await openTunnel({ host: srv.url, subdomain: 'waimai-shop-3', localPort: 9, fetch: srv.fetchVia(), signal: AbortSignal.timeout(5000) });
    });
    expect(holder!.info.id).toBe('waimai-shop-3');
    const changed = waitForEvent<AddressChanged>(s, 'address-changed');
    const up = upOrFail(s);
    s.start();
    const ev = await changed;
    expect(ev.wanted).toBe('waimai-shop-3');
    expect(ev.got).not.toBe('waimai-shop-3');
    expect(ev.url).toBe(`http://${ev.got}.localtest:${server.port}`);
    await up;
    const status = await fx.desk.status();
    expect(status.tunnel.url).toBe(ev.url);
    expect(status.problems.join('\n')).toContain(`现在是 ${ev.url}`);
    const urls = await fx.desk.callbackUrls();
    expect(urls.every((u) => u.publicUrl === `${ev.url}${u.path}`)).toBe(true);

    const restored = waitForEvent<AddressChanged>(s, 'address-changed', (e) => e.got === 'waimai-shop-3');
    holder!.close();
    holder = undefined;
    const wantedUrl = `http://waimai-shop-3.localtest:${server.port}`;
    expect(await restored).toEqual({ wanted: 'waimai-shop-3', got: 'waimai-shop-3', url: wantedUrl, standIns: [ev.url] });
    await waitForEvent<TunnelStatus>(s, 'state', (t) => t.state === 'up' && t.url === wantedUrl);
    // Staff may have registered the stand-in: it is still served and still announced, and
    // the problem now asks them to go back to the wanted address and confirm.
    const back = await fx.desk.status();
    expect(back.tunnel.standInUrls).toEqual([ev.url]);
    expect(back.problems.join('\n')).not.toContain('公网地址变了');
    expect(back.problems.join('\n')).toContain(`临时地址 ${ev.url} 仍在接单`);
    const via = server.fetchVia();
    const health = await via(`${ev.url}/_waimai-desk/health?nonce=standin1`, { headers: {}, signal: AbortSignal.timeout(5000) });
    expect(await health.text()).toBe('ok standin1');

    const confirmed = await fx.desk.confirmTunnelAddress();
    expect(confirmed.tunnel.standInUrls).toBeUndefined();
    expect(confirmed.problems.join('\n')).not.toMatch(/公网地址/);
    await expect.poll(() => server.sockets(ev.got)).toBeNull(); // the stand-in name is given up
    await expect(fx.desk.confirmTunnelAddress()).rejects.toThrow(/没有需要确认/);
  });

  it('fails fast on an invalid subdomain (403) instead of retrying forever', async () => {
    const { sup } = await setUp('Bad_Name!');
    const down = waitForEvent<TunnelStatus>(sup, 'state', (t) => t.state === 'down', 3000);
    const startedAt = Date.now();
    sup.start();
    const st = await down;
    expect(Date.now() - startedAt).toBeLessThan(2000);
    expect(st.lastError).toMatch(/子域名/);
    expect(st.lastError).toMatch(/403/);
    // Given up, not retrying: waitUp answers null at once instead of waiting out its time.
    expect(await sup.waitUp(10_000)).toBeNull();
    expect(sup.status.state).toBe('down');
  });
});
