/**
 * `npm run fuzz`: thousands of generated bad requests (fuzz-requests.ts) against a real desk's
 * receiver. Every answer must be well-formed and in the route's own dialect, nothing may be
 * stored (order, binding and settings files byte-identical, no journal line that changes an
 * order, no order added) and memory must stay bounded. Seeded: the same seed sends the same
 * requests.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { seeded } from '../bench/payloads.js';
import { startFixture } from '../support/desk-fixture.js';
import { generateCase, type FuzzCase } from './fuzz-requests.js';
import { exchange, type RawAnswer } from './raw-http.js';
import { MemorySampler, type MemoryReport } from './memory.js';

export interface FuzzOptions {
  count: number;
  seed: number;
  concurrency?: number;
  /** Heap growth (MiB) above the starting heap that counts as unbounded. */
  maxHeapGrowthMb?: number;
  log?: (line: string) => void;
}

export interface FuzzSummary {
  requests: number;
  seed: number;
  seconds: number;
  byKind: Record<string, number>;
  byStatus: Record<string, number>;
  /** Answered with the route's OK body: an empty URL check (allowed: nothing is stored). */
  answeredOk: number;
  /** The same, by kind of request: an OK to a request that carried parameters is worth a look. */
  okByKind: Record<string, number>;
  ordersBefore: number;
  ordersAfter: number;
  filesChanged: string[];
  memory: MemoryReport;
  violations: string[];
}

const jsonObject = (body: Buffer): Record<string, unknown> | null => {
  try {
    const v = JSON.parse(body.toString('utf8')) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/** Why this answer is not acceptable for this request, or null. */
export function judge(c: FuzzCase, a: RawAnswer): string | null {
  if (a.timedOut) return 'no answer and the connection stayed open';
  if (a.status === null) return c.expect === 'wire' || c.mayClose ? null : 'connection closed without an answer';
  // HEAD without parameters is an empty URL check like GET; either way headers only.
  if (c.head) return a.status === 200 || (a.status >= 400 && a.status < 500) ? null : `status ${a.status} for HEAD`;
  if (a.cut) return 'answer cut short';
  // A request whose bytes stop short never reached a route: refused below routing, like junk.
  if (c.expect === 'wire' || c.mayClose) return a.status >= 400 && a.status < 500 ? null : `status ${a.status} for bytes that are not a valid request`;
  const ok = a.status === 200 || (a.status >= 400 && a.status < 500) || a.status === 503;
  if (!ok) return `status ${a.status}`;
  const body = jsonObject(a.body);
  if (!body) return `body is not a JSON object: ${a.body.subarray(0, 80).toString('utf8')}`;
  if (!/json/i.test(a.headers['content-type'] ?? '')) return `content-type ${a.headers['content-type'] ?? '(none)'}`;
  if (c.expect === 'meituan' && typeof body['data'] !== 'string') return `not Meituan's dialect: ${a.body.subarray(0, 80).toString('utf8')}`;
  if (c.expect === 'union' && body['errcode'] === undefined) return `not Union's dialect: ${a.body.subarray(0, 80).toString('utf8')}`;
  if (c.expect === 'not-found' && a.status !== 404) return `status ${a.status} for an unknown path`;
  if (a.status === 200 && c.expect === 'meituan' && body['data'] !== 'OK' && body['data'] !== 'success') return 'status 200 with a failure body';
  return null;
}

const KEPT = /^(orders[\\/].*|bindings\.json|settings\.json)$/;

/**
 * Hash of every file that holds orders, bindings or settings, plus the number of journal lines
 * that change something (accepted callbacks, actions, pulls). Audit lines for refused requests
 * may be added however the receiver keeps them; nothing else may change.
 */
async function snapshot(dataDir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let changing = 0;
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      const rel = relative(dataDir, path);
      if (e.isDirectory()) await walk(path);
      else if (KEPT.test(rel)) out.set(rel, createHash('sha1').update(await readFile(path)).digest('hex'));
      else if (/^journal[\\/].*\.jsonl$/.test(rel)) {
        for (const line of (await readFile(path, 'utf8')).split('\n')) {
          // An unsigned unbind nobody asked for is kept (never lost) and checked with the
          // platform, which still takes the token: it changes nothing, as the hashes show.
          if (line.includes('"x-desk-unvouched"')) continue;
          if (/"verdict":"accepted"|"type":"(action|pull)"/.test(line)) changing++;
        }
      }
    }
  };
  await walk(dataDir);
  out.set('journal lines that change something', String(changing));
  return out;
}

export async function runFuzz(o: FuzzOptions): Promise<FuzzSummary> {
  const log = o.log ?? (() => undefined);
  // Nothing bound and no auto-accept: no binding is pending and nothing changes on its own.
  const fx = await startFixture({ bind: [], stores: [{ id: 'store-1', name: '湘北人家', autoAccept: false }] });
  const violations: string[] = [];
  const byKind: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  let answeredOk = 0;
  const okByKind: Record<string, number> = {};
  const started = performance.now();
  const memory = new MemorySampler();
  try {
    // One real order first, so there are order files that must not change.
    await fx.sandbox.pushNewOrder('store-1');
    await fx.desk.storage.fold();
    const ordersBefore = fx.desk.storage.orderCount;
    const before = await snapshot(fx.dataDir);
    const port = Number(new URL(fx.desk.receiver.url).port);
    const random = seeded(o.seed);
    let sent = 0;
    const worker = async (): Promise<void> => {
      while (sent < o.count) {
        const n = ++sent;
        const c = generateCase(random);
        const a = await exchange(port, c, 10_000);
        byKind[c.kind] = (byKind[c.kind] ?? 0) + 1;
        const status = a.status === null ? 'closed' : String(a.status);
        byStatus[status] = (byStatus[status] ?? 0) + 1;
        if (a.status === 200) {
          answeredOk++;
          okByKind[c.kind] = (okByKind[c.kind] ?? 0) + 1;
        }
        const why = judge(c, a);
        if (why && violations.length < 50) violations.push(`#${n} ${c.kind} ${c.path}: ${why}`);
        if (n % 500 === 0) {
          memory.sample();
          if (n % 2000 === 0) log(`  ${n}/${o.count} sent, ${violations.length} violations, heap ${memory.report().heapLastMb} MiB`);
        }
      }
    };
    await Promise.all(Array.from({ length: o.concurrency ?? 16 }, worker));
    await fx.desk.storage.fold();
    const after = await snapshot(fx.dataDir);
    const filesChanged = [...new Set([...before.keys(), ...after.keys()])].filter((k) => before.get(k) !== after.get(k));
    const ordersAfter = fx.desk.storage.orderCount;
    if (ordersAfter !== ordersBefore) violations.push(`order count changed: ${ordersBefore} → ${ordersAfter}`);
    for (const f of filesChanged) violations.push(`stored something: ${f} changed`);
    memory.sample();
    const report = memory.report();
    if (report.heapGrowthMb > (o.maxHeapGrowthMb ?? 128)) violations.push(`heap grew by ${report.heapGrowthMb} MiB`);
    return { requests: sent, seed: o.seed, seconds: (performance.now() - started) / 1000, byKind, byStatus, answeredOk, okByKind, ordersBefore, ordersAfter, filesChanged, memory: report, violations };
  } finally {
    await fx.close();
  }
}
