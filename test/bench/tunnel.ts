/**
 * Pushes through the tunnel vs straight to the receiver, against the same desk server in the
 * same run: what the extra hop costs. The test tunnel server and our tunnel client run in this
 * process with the load generator (on a real shop they are on other machines), so the tunnel
 * rows are a pessimistic bound on a small machine. The `Connection: close` row is the case the
 * reference server makes expensive: it drops the tunnel socket after every such request, so
 * it measures how fast the client re-dials (tunnel README, "The server as it behaves").
 */
import autocannon from 'autocannon';
import { openTunnel } from '../../electron/core/tunnel/client.js';
import { TestTunnelServer } from '../support/tunnel-server.js';

export interface TunnelBenchRow {
  perSecond: number;
  p50: number;
  p99: number;
}

async function run(url: string, host: string | undefined, bodies: string[], seconds: number, close = false): Promise<TunnelBenchRow> {
  let i = 0;
  let wrong = 0;
  const t0 = performance.now();
  const result = await autocannon({
    url,
    connections: 16,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(host ? { host } : {}), ...(close ? { connection: 'close' } : {}) },
        setupRequest: (req) => ({ ...req, body: bodies[i++ % bodies.length]! }),
        onResponse: (_status, body) => {
          if (body !== '{"data":"OK"}') wrong++;
        },
      },
    ],
  });
  const bad = result.non2xx + result.errors + result.timeouts + wrong;
  if (bad > 0) throw new Error(`${url}: ${bad} pushes not answered {"data":"OK"}`);
  return { perSecond: result.requests.total / ((performance.now() - t0) / 1000), p50: result.latency.p50, p99: result.latency.p99 };
}

/** `receiverUrl`: a running desk bench server (test/bench/server.ts, mode `desk`), base URL. */
export async function tunnelBench(receiverUrl: string, bodies: string[], seconds: number): Promise<{ direct: TunnelBenchRow; tunnel: TunnelBenchRow; tunnelClose: TunnelBenchRow }> {
  const server = new TestTunnelServer();
  await server.start();
  const handle = await openTunnel({ host: server.url, subdomain: 'waimai-bench', localPort: Number(new URL(receiverUrl).port), fetch: server.fetchVia(), signal: AbortSignal.timeout(10_000) });
  try {
    const third = Math.floor(bodies.length / 3);
    const tunnelBodies = bodies.slice(0, third);
    const directBodies = bodies.slice(third, 2 * third);
    const closeBodies = bodies.slice(2 * third);
    const host = new URL(handle.info.url).host;
    await run(`${server.url}/meituan/order/new`, host, tunnelBodies.slice(0, 100), 1); // warm both paths
    await run(`${receiverUrl}/meituan/order/new`, undefined, directBodies.slice(0, 100), 1);
    const direct = await run(`${receiverUrl}/meituan/order/new`, undefined, directBodies.slice(100), seconds);
    const tunnel = await run(`${server.url}/meituan/order/new`, host, tunnelBodies.slice(100), seconds);
    const tunnelClose = await run(`${server.url}/meituan/order/new`, host, closeBodies, seconds, true);
    return { direct, tunnel, tunnelClose };
  } finally {
    handle.close();
    await server.close();
  }
}
