/**
 * `npm run soak -- --minutes N`: steady sandbox traffic into a desk through the test tunnel
 * server, with the tunnel dropped now and then, today's file starting with a 10,000-order day
 * (so every fold rewrites it). Reports throughput, latency percentiles (overall and while a fold
 * is writing), memory over time, and what was lost or duplicated — both must be zero.
 */
import { superviseDeskTunnel } from '../../electron/core/tunnel/desk-tunnel.js';
import type { TunnelStatus } from '../../electron/core/tunnel/supervisor.js';
import { dayIn } from '../../electron/core/config.js';
import { historyOrder } from '../bench/history.js';
import { startFixture } from '../support/desk-fixture.js';
import { quietLogger, waitForEvent } from '../support/helpers.js';
import { writeOrderDays } from '../support/order-files.js';
import { HostShim, TestTunnelServer } from '../support/tunnel-server.js';
import { MemorySampler, type MemoryReport } from './memory.js';

export interface SoakOptions {
  minutes: number;
  /** New orders per second (default 10). */
  rate?: number;
  /** Seconds between tunnel drops (default 20); each drop lasts `dropSeconds` (default 2). */
  dropEverySeconds?: number;
  dropSeconds?: number;
  /** Orders already on disk for today (default 10,000). */
  bigDay?: number;
  log?: (line: string) => void;
}

export interface Percentiles {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface SoakSummary {
  seconds: number;
  placed: number;
  acknowledged: number;
  /** Acknowledged pushes per second. */
  throughput: number;
  /** First-attempt answers that were OK (ms). */
  latency: Percentiles;
  /** The same, for pushes answered while a fold of the big day was writing. */
  latencyDuringFold: Percentiles;
  folds: number;
  foldMs: Percentiles;
  drops: number;
  /** Acknowledged, not stored. */
  lost: string[];
  /** Stored or announced as new more than once. */
  duplicated: string[];
  /** Placed, never acknowledged, and not pulled back by recovery either. */
  missing: string[];
  memory: MemoryReport;
}

export function percentiles(xs: number[]): Percentiles {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number): number => (s.length === 0 ? 0 : Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]!));
  return { n: s.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: Math.round(s.at(-1) ?? 0) };
}

const FAST = { probeIntervalMs: 500, firstConnectDeadlineMs: 5000, probeTimeoutMs: 2000, backoffMs: 100, backoffCapMs: 1000, wantedNameRetryMs: 500 };

export async function runSoak(o: SoakOptions): Promise<SoakSummary> {
  const log = o.log ?? (() => undefined);
  const rate = o.rate ?? 10;
  const bigDay = o.bigDay ?? 10_000;
  const server = new TestTunnelServer({ graceMs: 5000 });
  await server.start();
  let pushVia = '';
  const today = dayIn('Asia/Shanghai', new Date());
  const fx = await startFixture({
    pushTo: (direct) => pushVia || direct,
    foldDelayMs: 1000,
    seed: (dir) => writeOrderDays(dir, Array.from({ length: bigDay }, (_, i) => historyOrder(i, today))),
  });
  const sup = superviseDeskTunnel(fx.desk, { host: server.url, fetch: server.fetchVia(), subdomain: 'waimai-soak-1', ...FAST }, quietLogger);
  const shim = new HostShim(() => server.port, () => sup.status.url);
  const memory = new MemorySampler();
  const folds: [number, number][] = [];
  const store = fx.desk.storage;
  const fold = store.fold.bind(store);
  store.fold = async () => {
    const t = performance.now();
    try {
      await fold();
    } finally {
      folds.push([t, performance.now()]);
    }
  };
  const created = new Map<string, number>();
  store.on('order', (c) => {
    if (c.created) created.set(c.order.key, (created.get(c.order.key) ?? 0) + 1);
  });
  const acked = new Set<string>();
  const firstTry = new Map<string, number>();
  fx.sandbox.on('push-ok', (e: { path: string; fields: Record<string, string>; attempts: number }) => {
    const id = /"orderId":"?(\d+)/.exec(e.fields['order'] ?? '')?.[1];
    if (e.path !== '/meituan/order/new' || !id) return;
    acked.add(id);
    if (!firstTry.has(id)) firstTry.set(id, e.attempts);
  });
  const timings: { id: string; t0: number; t1: number }[] = [];
  const placed: string[] = [];
  let drops = 0;
  const started = performance.now();
  try {
    await shim.start();
    pushVia = shim.url;
    const up = waitForEvent<TunnelStatus>(sup, 'state', (t) => t.state === 'up', 20_000);
    sup.start();
    await up;
    log(`tunnel up at ${sup.status.url}; ${rate} orders/s for ${o.minutes} min, today starts with ${bigDay} orders`);
    const endAt = started + o.minutes * 60_000;
    const inFlight = new Set<Promise<void>>();
    let nextDrop = started + (o.dropEverySeconds ?? 20) * 1000;
    let nextReport = started + 10_000;
    for (let i = 0; performance.now() < endAt; i++) {
      const due = started + (i * 1000) / rate;
      if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
      const t0 = performance.now();
      const p = fx.sandbox.pushNewOrder('store-1').then(
        (id) => {
          placed.push(id);
          timings.push({ id, t0, t1: performance.now() });
        },
        () => undefined,
      );
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
      if (performance.now() >= nextDrop) {
        nextDrop += (o.dropEverySeconds ?? 20) * 1000;
        drops++;
        await server.kill();
        setTimeout(() => void server.start().catch(() => undefined), (o.dropSeconds ?? 2) * 1000);
      }
      if (performance.now() >= nextReport) {
        nextReport += 10_000;
        memory.sample();
        const m = memory.report();
        log(`  ${Math.round((performance.now() - started) / 1000)} s: ${acked.size} acknowledged, ${folds.length} folds, rss ${m.series.at(-1)![1]} MiB, heap ${m.heapLastMb} MiB`);
      }
    }
    await Promise.all([...inFlight]);
    // Whatever the platform gave up pushing during drops is pulled back once the tunnel is up.
    if (sup.status.state !== 'up') await waitForEvent<TunnelStatus>(sup, 'state', (t) => t.state === 'up', 30_000);
    await fx.desk.recoverMissed('soak-end');
    await store.fold();
    memory.sample();
    const orders = await fx.desk.listOrders(today);
    const stored = new Map<string, number>();
    for (const ord of orders) stored.set(ord.orderId, (stored.get(ord.orderId) ?? 0) + 1);
    const seconds = (performance.now() - started) / 1000;
    const ok = timings.filter((t) => firstTry.get(t.id) === 1);
    const inFold = ok.filter((t) => folds.some(([a, b]) => t.t0 < b && t.t1 > a));
    return {
      seconds,
      placed: placed.length,
      acknowledged: acked.size,
      throughput: Math.round((acked.size / seconds) * 10) / 10,
      latency: percentiles(ok.map((t) => t.t1 - t.t0)),
      latencyDuringFold: percentiles(inFold.map((t) => t.t1 - t.t0)),
      folds: folds.length,
      foldMs: percentiles(folds.map(([a, b]) => b - a)),
      drops,
      lost: [...acked].filter((id) => !stored.has(id)),
      duplicated: [...[...stored].filter(([, n]) => n > 1).map(([id]) => id), ...[...created].filter(([, n]) => n > 1).map(([k]) => k)],
      missing: placed.filter((id) => !acked.has(id) && !stored.has(id)),
      memory: memory.report(),
    };
  } finally {
    await sup.stop();
    await shim.stop();
    await server.close();
    await fx.close();
  }
}
