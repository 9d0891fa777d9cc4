/**
 * Pushes through the tunnel vs straight to the receiver, against the same desk server in the
 * same run (issue 5, benchmark): what the extra hop costs. The test tunnel server and our
 * tunnel client run in this process with the load generator (on a real shop they are on
 * other machines), so the tunnel row is a pessimistic bound on a small machine.
 */
import autocannon from 'autocannon';
import { openTunnel } from '../../electron/core/tunnel/client.js';
import { TestTunnelServer } from '../support/tunnel-server.js';

export interface TunnelBenchRow {
  perSecond: number;
  p50: number;
  p99: number;
}

async function run(url: string, host: string | undefined, bodies: string[], seconds: number): Promise<TunnelBenchRow> {
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
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(host ? { host } : {}) },
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
export async function tunnelBench(receiverUrl: string, bodies: string[], seconds: number): Promise<{ direct: TunnelBenchRow; tunnel: TunnelBenchRow }> {
  const server = new TestTunnelServer();
  await server.start();
  const handle = await openTunnel({ host: server.url, subdomain: 'waimai-bench', localPort: Number(new URL(receiverUrl).port), fetch: server.fetchVia(), signal: AbortSignal.timeout(10_000) });
  try {
    const half = Math.floor(bodies.length / 2);
    const tunnelBodies = bodies.slice(0, half);
    const directBodies = bodies.slice(half);
    const host = new URL(handle.info.url).host;
    await run(`${server.url}/meituan/order/new`, host, tunnelBodies.slice(0, 100), 1); // warm both paths
    await run(`${receiverUrl}/meituan/order/new`, undefined, directBodies.slice(0, 100), 1);
    const direct = await run(`${receiverUrl}/meituan/order/new`, undefined, directBodies.slice(100), seconds);
    const tunnel = await run(`${server.url}/meituan/order/new`, host, tunnelBodies.slice(100), seconds);
    return { direct, tunnel };
  } finally {
    handle.close();
    await server.close();
  }
}
