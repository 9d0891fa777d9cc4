/**
 * `npm run crash`: a real `serve` process SIGKILLed again and again under mixed bursts — new
 * orders, status pushes, duplicates and Union orders — some kills landing while a fold is
 * writing a big day. After every kill: every data file parses; after every restart: every push
 * that was answered OK is there exactly once, with its acknowledged status.
 */
import { watch, type FSWatcher } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Order } from '../../shared/order.js';
import { dayIn } from '../../electron/core/config.js';
import { MeituanSandbox, type PushEvent } from '../../electron/core/platforms/meituan/sandbox.js';
import { UnionSandbox, type UnionPushEvent } from '../../electron/core/platforms/union/sandbox.js';
import { historyOrder } from '../bench/history.js';
import { seeded } from '../bench/payloads.js';
import { tempDir } from '../support/helpers.js';
import { writeOrderDays } from '../support/order-files.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';
import { unparseable, verify, type Acknowledged } from './crash-check.js';

export interface CrashOptions {
  rounds: number;
  seed?: number;
  /** Orders already on disk for today, so each fold rewrites a big day (default 3000). */
  bigDay?: number;
  /** New orders per burst (default 200). */
  burst?: number;
  log?: (line: string) => void;
}

export interface CrashRound {
  round: number;
  /** `fold-missed`: meant to land in a fold, but none began within 30 s (killed then). */
  kill: 'mid-burst' | 'during-fold' | 'fold-missed' | 'after-burst';
  ackedNew: number;
  ackedStatus: number;
  ackedUnion: number;
  duplicatesSent: number;
  stored: number;
  lost: number;
  doubled: number;
  wrongStatus: number;
  badFiles: number;
  restartMs: number;
}

export interface CrashSummary {
  rounds: CrashRound[];
  acknowledged: number;
  violations: string[];
  seconds: number;
}

const SIGN_KEY = 'crashSuiteKey001';
const UNION_SECRET = 'crashSuiteUnionSecret01';
const TZ = 'Asia/Shanghai';
const TEMP_DAY = /^\.\d{4}-\d{2}-\d{2}\.json\..+\.tmp$/;

function orderIdOf(e: PushEvent): string | undefined {
  // New and confirmed pushes carry the order JSON; a cancel carries `orderCancel` JSON.
  return e.fields['orderId'] ?? /"orderId":"?(\d+)/.exec(e.fields['order'] ?? e.fields['orderCancel'] ?? '')?.[1];
}

export async function runCrash(o: CrashOptions): Promise<CrashSummary> {
  const log = o.log ?? (() => undefined);
  const random = seeded(o.seed ?? 1);
  const started = performance.now();
  const { dir, cleanup } = await tempDir('waimai-crash-');
  const dataDir = join(dir, 'data');
  let receiverUrl = '';
  const meituan = new MeituanSandbox({ developerId: '100001', signKey: SIGN_KEY, receiverUrl: () => receiverUrl, retryDelaysMs: [], duplicateRate: 0.1, pushTimeoutMs: 3000, random });
  const union = new UnionSandbox({ callbackSecret: UNION_SECRET, receiverUrl: () => receiverUrl, retryDelaysMs: [], duplicateRate: 0.1, random, requestTimeoutMs: 3000 });
  await meituan.start();
  let serve: ServeProcess | null = null;
  let watcher: FSWatcher | null = null;
  const ack: Acknowledged = { meituan: new Set(), union: new Set(), status: new Map() };
  const newFields: Record<string, string>[] = [];
  let round: CrashRound | null = null;
  meituan.on('push', (e: PushEvent) => {
    const id = orderIdOf(e);
    if (!e.ok || !id) return;
    if (e.path === '/meituan/order/new') {
      if (ack.meituan.has(id)) return;
      newFields.push(Object.fromEntries(Object.entries(e.fields).filter(([k]) => k !== 'sign')));
      ack.meituan.add(id);
      if (round) round.ackedNew++;
    } else if (e.path === '/meituan/order/confirmed' || e.path === '/meituan/order/cancelled') {
      ack.status.set(id, e.path.endsWith('confirmed') ? 'accepted' : 'cancelled');
      if (round) round.ackedStatus++;
    }
  });
  union.on('pushed', (e: UnionPushEvent) => {
    if (!e.ok || ack.union.has(e.orderid)) return;
    ack.union.add(e.orderid);
    if (round) round.ackedUnion++;
  });
  const violations: string[] = [];
  const rounds: CrashRound[] = [];
  try {
    const config = join(dir, 'config.json');
    await writeFile(config, JSON.stringify({ meituan: { developerId: '100001', signKey: SIGN_KEY, apiBase: meituan.baseUrl, authBase: meituan.baseUrl }, union: { callbackSecret: UNION_SECRET }, stores: [{ id: 'store-1', name: '湘北人家' }], timeZone: TZ }));
    const today = dayIn(TZ, new Date());
    const bigDay = o.bigDay ?? 3000;
    await writeOrderDays(dataDir, Array.from({ length: bigDay }, (_, i) => historyOrder(i, today)));
    await mkdir(join(dataDir, 'orders'), { recursive: true });
    const args = ['--config', config, '--data-dir', dataDir];
    const start = async (): Promise<number> => {
      const t = performance.now();
      serve = await startServe(args, 60_000);
      receiverUrl = serve.ready.receiver;
      return performance.now() - t;
    };
    await start();
    const statusCandidates: string[] = [];
    for (let r = 1; r <= o.rounds; r++) {
      const kill: CrashRound['kill'] = r % 3 === 0 ? 'mid-burst' : r % 3 === 1 ? 'during-fold' : 'after-burst';
      round = { round: r, kill, ackedNew: 0, ackedStatus: 0, ackedUnion: 0, duplicatesSent: 0, stored: 0, lost: 0, doubled: 0, wrongStatus: 0, badFiles: 0, restartMs: 0 };
      const current = round;
      const child = serve!.child;
      let killed = false;
      const killNow = (): void => {
        if (killed) return;
        killed = true;
        child.kill('SIGKILL');
      };
      const killAfter = 20 + Math.floor(random() * (o.burst ?? 200) * 0.6);
      if (kill === 'mid-burst') meituan.on('push', function onPush(this: MeituanSandbox) {
        if (current.ackedNew >= killAfter) {
          meituan.off('push', onPush);
          killNow();
        }
      });
      // The burst: new orders, status pushes for earlier orders, duplicates and Union, 24 at a time.
      const jobs: (() => Promise<unknown>)[] = [];
      for (let i = 0; i < (o.burst ?? 200); i++) jobs.push(() => meituan.pushNewOrder('store-1'));
      for (const id of statusCandidates.splice(0, 30)) jobs.push(() => (random() < 0.5 ? meituan.confirmFromMerchantApp(id) : meituan.cancel(id, '1001', '用户取消')));
      for (let i = 0; i < 10 && newFields.length > 0; i++, current.duplicatesSent++) jobs.push(() => meituan.push('/meituan/order/new', newFields[Math.floor(random() * newFields.length)]!));
      for (let i = 0; i < 30; i++) jobs.push(() => union.pushOrder());
      jobs.sort(() => random() - 0.5);
      const workers = Array.from({ length: 24 }, async () => {
        for (let job = jobs.shift(); job && !killed; job = jobs.shift()) await job().catch(() => undefined);
      });
      await Promise.all(workers);
      if (kill === 'during-fold') {
        // The burst has gone quiet: the next fold writes today's big file. Kill as its temp file appears.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            current.kill = 'fold-missed';
            resolve();
          }, 30_000);
          watcher = watch(join(dataDir, 'orders'), (_ev, name) => {
            if (name && TEMP_DAY.test(name)) {
              killNow();
              clearTimeout(timer);
              resolve();
            }
          });
        });
        (watcher as FSWatcher | null)?.close();
        watcher = null;
      }
      killNow();
      await new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
      const badAfterKill = await unparseable(dataDir, true);
      current.restartMs = Math.round(await start());
      const orders = await serve!.rpc<Order[]>('listOrders', today);
      const v = verify(orders, ack, bigDay);
      const badFiles = [...badAfterKill, ...(await unparseable(dataDir, true))];
      Object.assign(current, { stored: v.stored, lost: v.lost.length, doubled: v.doubled.length, wrongStatus: v.wrongStatus.length, badFiles: badFiles.length });
      for (const x of v.lost) violations.push(`round ${r}: lost ${x}`);
      for (const x of v.doubled) violations.push(`round ${r}: doubled ${x}`);
      for (const x of v.wrongStatus) violations.push(`round ${r}: status ${x}`);
      for (const x of badFiles) violations.push(`round ${r}: ${x}`);
      rounds.push(current);
      log(row(current));
      // Orders still new on the platform's side get a status push in the next round.
      for (const id of ack.meituan) if (!ack.status.has(id) && statusCandidates.length < 30 && random() < 0.2) statusCandidates.push(id);
    }
    // A clean stop at the end: nothing torn, everything parses.
    await serve!.stop();
    for (const x of await unparseable(dataDir, false)) violations.push(`after a clean stop: ${x}`);
  } finally {
    (watcher as FSWatcher | null)?.close();
    await (serve as ServeProcess | null)?.stop('SIGKILL');
    await union.stop();
    await meituan.stop();
    await cleanup();
  }
  const acknowledged = ack.meituan.size + ack.union.size + ack.status.size;
  return { rounds, acknowledged, violations: violations.slice(0, 100), seconds: (performance.now() - started) / 1000 };
}

export const HEADER = 'round  kill         new  status  union  dups  stored  lost  doubled  status!  bad files  restart ms';

export function row(r: CrashRound): string {
  const c = (v: string | number, w: number): string => String(v).padStart(w);
  return `${c(r.round, 5)}  ${r.kill.padEnd(11)} ${c(r.ackedNew, 4)} ${c(r.ackedStatus, 7)} ${c(r.ackedUnion, 6)} ${c(r.duplicatesSent, 5)} ${c(r.stored, 7)} ${c(r.lost, 5)} ${c(r.doubled, 8)} ${c(r.wrongStatus, 8)} ${c(r.badFiles, 10)} ${c(r.restartMs, 11)}`;
}
