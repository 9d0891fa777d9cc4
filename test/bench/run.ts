/**
 * `npm run bench`: how fast the receiver acknowledges signed pushes with durable writes, as
 * ratios against baselines measured in the same run on the same machine (targets in README, "Benchmark"):
 *   - bare:  a Node HTTP server that only answers {"data":"OK"} (the ceiling);
 *   - naive: one lowdb file, push then write per callback (the first design people write);
 *   - desk:  our receiver — verify, journal + fsync (group commit), answer, fold in background;
 *   - desk with 100,000 orders of history against an empty store.
 * Each server runs in its own process; this process only generates load.
 * Targets: p99 < 10 ms at 200 pushes/s; ≥ 2,000 pushes/s sustained; history ≤ 1.2× empty.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import autocannon from 'autocannon';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { signedPushBodies } from './payloads.js';
import { printPrintingBench } from './printing.js';
import { printTickets } from './tickets.js';
import { tunnelBench } from './tunnel.js';
import { firstRenderBench, uiBench, type UiFigures } from './ui.js';
import { CHROMIUM } from '../support/browser.js';
import { existsSync } from 'node:fs';

const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url));
const quick = process.argv.includes('--quick');
const THROUGHPUT_SECONDS = quick ? 3 : 8;
const THROUGHPUT_REQUESTS = THROUGHPUT_SECONDS * 3_500;
const CONCURRENCY = 32;
const PACED_RATE = 200;
const PACED_SECONDS = quick ? 3 : 6;
const NAIVE_LIMIT_SECONDS = 10;

interface Started {
  url: string;
  child: ChildProcess;
  dir: string;
}

async function startServer(mode: string, history: number): Promise<Started> {
  const dir = await mkdtemp(join(tmpdir(), `waimai-bench-${mode}-`));
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER, mode, dir, String(history)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (l) => {
      if (l.startsWith('listening ')) resolve(`${l.split(' ')[1]!}/meituan/order/new`);
    });
    child.once('exit', (c) => reject(new Error(`${mode} server exited ${c}`)));
  });
  return { url, child, dir };
}

async function stopServer(s: Started): Promise<void> {
  s.child.kill('SIGTERM');
  await new Promise((r) => s.child.once('exit', r));
  await rm(s.dir, { recursive: true, force: true });
}

interface Load {
  perSecond: number;
  p50: number;
  p99: number;
  sent: number;
}

/**
 * autocannon as the load generator: far cheaper per request than Node's own HTTP client, so on
 * a two-core machine the client steals less of the server's CPU. Every answer must be exactly
 * {"data":"OK"}; anything else fails the run.
 */
async function load(url: string, bodies: string[], o: { connections: number; amount?: number; rate?: number; seconds?: number }): Promise<Load> {
  let i = 0;
  let wrongAnswers = 0;
  const t0 = performance.now();
  const result = await autocannon({
    url,
    connections: o.connections,
    ...(o.amount !== undefined ? { amount: o.amount } : {}),
    ...(o.seconds !== undefined ? { duration: o.seconds } : {}),
    ...(o.rate !== undefined ? { overallRate: o.rate } : {}),
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        setupRequest: (req) => ({ ...req, body: bodies[i++ % bodies.length]! }),
        onResponse: (_status, body) => {
          if (body !== '{"data":"OK"}') wrongAnswers++;
        },
      },
    ],
  });
  const bad = result.non2xx + result.errors + result.timeouts + wrongAnswers;
  if (bad > 0) throw new Error(`${url}: ${bad} requests not answered {"data":"OK"} (${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts)`);
  // autocannon's own duration is whole seconds: time it here.
  const seconds = (performance.now() - t0) / 1000;
  return { perSecond: result.requests.total / seconds, p50: result.latency.p50, p99: result.latency.p99, sent: result.requests.total };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function post(url: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => (text === '{"data":"OK"}' ? resolve() : reject(new Error(`answer ${res.statusCode} ${text}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Open loop at a fixed rate, timed here to the microsecond (autocannon's latencies are whole
 * milliseconds): latency runs from the scheduled send, so a stalled server is charged for the
 * queue it builds. Stops sending after `limitSeconds` (the naive design falls far behind).
 */
async function paced(url: string, bodies: string[], rate: number, limitSeconds = Infinity): Promise<Load> {
  const latencies: number[] = [];
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < bodies.length; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (performance.now() - start > limitSeconds * 1000) break;
    inflight.push(post(url, bodies[i]!).then(() => void latencies.push(performance.now() - due)));
  }
  await Promise.all(inflight);
  latencies.sort((a, b) => a - b);
  const at = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return { perSecond: rate, p50: at(50), p99: at(99), sent: latencies.length };
}

interface Row {
  name: string;
  perSecond: number;
  p50: number;
  p99: number;
  note: string;
}

async function measure(name: string, mode: string, history: number, bodies: string[], limitSeconds?: number): Promise<Row> {
  process.stderr.write(`  measuring: ${name}…\n`);
  const s = await startServer(mode, history);
  try {
    const warm = bodies.slice(0, 200);
    const pacedBodies = bodies.slice(200, 200 + PACED_RATE * PACED_SECONDS);
    const rest = bodies.slice(200 + pacedBodies.length);
    await load(s.url, warm, { connections: 4, amount: warm.length, ...(limitSeconds ? { seconds: 2 } : {}) }); // JIT, first files
    // The naive design cannot keep 200/s: a short paced run shows it without a minutes-long queue.
    const lat = await paced(s.url, limitSeconds ? pacedBodies.slice(0, PACED_RATE) : pacedBodies, PACED_RATE, limitSeconds);
    // The naive design answers one push per whole-file write: a few clients keep it busy, and
    // fewer requests are cut off (uncounted) when the time box ends.
    const tp = await load(s.url, rest, limitSeconds ? { connections: 4, seconds: limitSeconds } : { connections: CONCURRENCY, seconds: THROUGHPUT_SECONDS });
    const note = limitSeconds ? `paced 1 s only; ${tp.sent} acks in ${limitSeconds} s closed-loop` : '';
    return { name, perSecond: tp.perSecond, p50: lat.p50, p99: lat.p99, note };
  } finally {
    await stopServer(s);
  }
}

const fmt = (n: number, d = 1): string => (Number.isFinite(n) ? n.toFixed(d) : '—');

async function main(): Promise<void> {
  const bodies = signedPushBodies(200 + PACED_RATE * PACED_SECONDS + THROUGHPUT_REQUESTS);
  // `--only-ui`: just the counter in Chromium (a quick look after a board change).
  if (process.argv.includes('--only-ui')) {
    await printUi();
    process.exit(0);
  }
  // `--only-tickets`: just the ticket rendering rows (test/bench/tickets.ts).
  if (process.argv.includes('--only-tickets')) {
    printTickets();
    process.exit(0);
  }
  // `--only-printing`: just accept → bytes at the printer (a quick look after a printing change).
  if (process.argv.includes('--only-printing')) {
    await printPrintingBench();
    process.exit(0);
  }
  // `--only-first-render [--rounds N]`: just the board's first render, empty day against 2,000
  // orders (no scrolling, no push → card): the quick loop while working on the first render.
  if (process.argv.includes('--only-first-render')) {
    await printFirstRender();
    process.exit(0);
  }
  // `--only-tunnel`: just the tunnel rows (a quick look after a tunnel change).
  if (process.argv.includes('--only-tunnel')) {
    await printTunnel(bodies);
    process.exit(0);
  }
  console.log(`waimai-desk bench — ${bodies.length} distinct signed Meituan new-order pushes per server, ${CONCURRENCY} concurrent clients, paced at ${PACED_RATE}/s for ${PACED_SECONDS} s\n`);
  const rows: Row[] = [];
  rows.push(await measure('bare Node server ({"data":"OK"} only)', 'bare', 0, bodies));
  rows.push(await measure('naive: one lowdb file, write per push', 'naive', 0, bodies, NAIVE_LIMIT_SECONDS));
  rows.push(await measure('naive with 10,000 orders of history', 'naive', 10_000, bodies, NAIVE_LIMIT_SECONDS));
  rows.push(await measure('waimai-desk receiver, empty store', 'desk', 0, bodies));
  rows.push(await measure('waimai-desk receiver, 100,000 orders of history', 'desk', 100_000, bodies));
  agent.destroy();

  const bare = rows[0]!;
  const empty = rows[3]!;
  const hist = rows[4]!;
  console.log('| design | acks/s | ×bare | p50 ms @200/s | p99 ms @200/s | |');
  console.log('|---|---:|---:|---:|---:|---|');
  for (const r of rows) {
    console.log(`| ${r.name} | ${fmt(r.perSecond, 0)} | ${fmt(r.perSecond / bare.perSecond, 3)} | ${fmt(r.p50, 2)} | ${fmt(r.p99, 2)} | ${r.note} |`);
  }
  const checks = [
    [`p99 at ${PACED_RATE}/s < 10 ms (empty)`, empty.p99 < 10, `${fmt(empty.p99, 2)} ms`],
    [`p99 at ${PACED_RATE}/s < 10 ms (100k history)`, hist.p99 < 10, `${fmt(hist.p99, 2)} ms`],
    ['≥ 2,000 acks/s sustained (empty)', empty.perSecond >= 2000, `${fmt(empty.perSecond, 0)}/s`],
    ['≥ 2,000 acks/s sustained (100k history)', hist.perSecond >= 2000, `${fmt(hist.perSecond, 0)}/s`],
    ['history costs ≤ 1.2× empty (throughput)', empty.perSecond / hist.perSecond <= 1.2, `${fmt(empty.perSecond / hist.perSecond, 3)}×`],
    ['history costs ≤ 1.2× empty (p99)', hist.p99 / empty.p99 <= 1.2 || hist.p99 < 10, `${fmt(hist.p99 / empty.p99, 3)}×`],
  ] as const;
  console.log(`\nours vs naive (empty): ${fmt(empty.perSecond / rows[1]!.perSecond, 1)}× the throughput; vs naive with 10k history: ${fmt(empty.perSecond / rows[2]!.perSecond, 0)}×`);
  for (const [what, ok, value] of checks) console.log(`${ok ? 'PASS' : 'MISS'}  ${what}: ${value}`);

  await printTunnel(bodies);
  printTickets();
  await printPrintingBench();

  if (!process.argv.includes('--no-ui')) await printUi();
  process.exit(0);
}

/** The first render's rounds and how it is measured. */
function printRenderRounds(ui: Pick<UiFigures, 'renderEmptyRounds' | 'render2000Rounds'>): void {
  console.log(`first render rounds (ms, in the order run; navigation start → board usable and painted, timed in the page): empty ${ui.renderEmptyRounds.join(', ')}; 2,000 orders ${ui.render2000Rounds.join(', ')}`);
}

function printRenderCheck(ui: Pick<UiFigures, 'renderEmptyMs' | 'render2000Ms'>): void {
  const ratio = ui.render2000Ms / ui.renderEmptyMs;
  console.log(`${ratio <= 1.3 ? 'PASS' : 'MISS'}  2,000-order day's first render ≤ 1.3× an empty day: ${ratio.toFixed(2)}×`);
}

async function printFirstRender(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
    return;
  }
  const i = process.argv.indexOf('--rounds');
  const rounds = i > 0 ? Number(process.argv[i + 1]) : 5;
  const loadBefore = loadavg()[0]!;
  const ui = await firstRenderBench(rounds, false);
  console.log(`board first render (median of ${rounds}): empty day ${ui.renderEmptyMs.toFixed(0)} ms, 2,000 orders ${ui.render2000Ms.toFixed(0)} ms`);
  printRenderRounds(ui);
  console.log(`machine load (1-min average, ${cpus().length} cores): ${fmt(loadBefore, 1)} before, ${fmt(loadavg()[0]!, 1)} after`);
  printRenderCheck(ui);
}

/** The public path's cost — through the test tunnel server and our client vs direct. */
async function printTunnel(bodies: string[]): Promise<void> {
  const tunnelDesk = await startServer('desk', 0);
  try {
    const t = await tunnelBench(new URL(tunnelDesk.url).origin, bodies, THROUGHPUT_SECONDS);
    console.log('\n| path (16 clients, closed loop) | acks/s | p50 ms | p99 ms |');
    console.log('|---|---:|---:|---:|');
    console.log(`| direct to the receiver | ${fmt(t.direct.perSecond, 0)} | ${fmt(t.direct.p50, 0)} | ${fmt(t.direct.p99, 0)} |`);
    console.log(`| through the test tunnel server + our client | ${fmt(t.tunnel.perSecond, 0)} | ${fmt(t.tunnel.p50, 0)} | ${fmt(t.tunnel.p99, 0)} |`);
    console.log(`| the same, every push with Connection: close | ${fmt(t.tunnelClose.perSecond, 0)} | ${fmt(t.tunnelClose.p50, 0)} | ${fmt(t.tunnelClose.p99, 0)} |`);
    console.log(`tunnel vs direct: ${fmt(t.tunnel.perSecond / t.direct.perSecond, 2)}× the throughput (tunnel server, client and load generator share this process)`);
  } finally {
    await stopServer(tunnelDesk);
  }
}

async function printUi(): Promise<void> {
  console.log('\nThe counter in Chromium (build the renderer first: npm run build:renderer)');
  const loadBefore = loadavg()[0]!;
  const ui = await uiBench();
  if (!ui) {
    console.log('  skipped: no Chromium at /usr/bin/chromium (apt-get install chromium)');
    return;
  }
  const f = (n: number): string => n.toFixed(0);
  console.log('| measure | p50 ms | p95 ms | ×baseline |');
  console.log('|---|---:|---:|---:|');
  console.log(`| signed push → platform hears OK (baseline) | ${f(ui.pushAck.p50)} | ${f(ui.pushAck.p95)} | 1.00 |`);
  console.log(`| signed push → card in the DOM | ${f(ui.pushToCard.p50)} | ${f(ui.pushToCard.p95)} | ${(ui.pushToCard.p95 / ui.pushAck.p95).toFixed(2)} |`);
  console.log(`| board first render, empty day (baseline) | ${f(ui.renderEmptyMs)} | | 1.00 |`);
  console.log(`| board first render, 2,000 orders | ${f(ui.render2000Ms)} | | ${(ui.render2000Ms / ui.renderEmptyMs).toFixed(2)} |`);
  console.log(`| frame time while scrolling 2,000 orders (p95) | | ${f(ui.scrollFrameP95Ms)} | |`);
  console.log(`| frame time while scrolling the 新订单 card grid (p95) | | ${f(ui.scrollGridP95Ms)} | |`);
  printRenderRounds(ui);
  console.log(`the 2,000-order day: GET /api/orders ${fmt(ui.dayBytes.full / 1e6, 2)} MB (full orders); the board's card form (?view=card) ${fmt(ui.dayBytes.card / 1e6, 2)} MB (${fmt(ui.dayBytes.card / ui.dayBytes.full, 2)}×)`);
  console.log(`machine load (1-min average, ${cpus().length} cores): ${fmt(loadBefore, 1)} before, ${fmt(loadavg()[0]!, 1)} after`);
  printRenderCheck(ui);
  console.log(`${ui.pushToCard.p95 < 150 ? 'PASS' : 'MISS'}  push → card p95 < 150 ms (the rush): ${f(ui.pushToCard.p95)} ms`);
  console.log(`${ui.pushToCard.p95 < 300 ? 'PASS' : 'MISS'}  push → card p95 < 300 ms: ${f(ui.pushToCard.p95)} ms`);
  console.log(`${ui.scrollFrameP95Ms < 50 ? 'PASS' : 'MISS'}  no jank scrolling 2,000 orders (frame p95 < 50 ms): ${f(ui.scrollFrameP95Ms)} ms`);
  console.log(`${ui.scrollGridP95Ms < 50 ? 'PASS' : 'MISS'}  no jank scrolling the card grid (frame p95 < 50 ms): ${f(ui.scrollGridP95Ms)} ms`);
}

void main();
