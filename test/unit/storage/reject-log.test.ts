/**
 * Refused requests are audited compactly, written in batches (not one fsync each) and capped
 * per day (past the cap only counted per reason, the counts written as summary entries), while
 * an accepted callback still reaches the disk before it resolves.
 */
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { meituan as meituanPlatform } from '../../../electron/core/platforms/meituan/index.js';
import { ownerOnlyFileBox } from '../../../electron/core/storage/bindings.js';
import { DeskStorage, type CallbackRecord } from '../../../electron/core/storage/desk-storage.js';
import { bodyExcerpt } from '../../../electron/core/storage/reject-log.js';
import { tempDir } from '../../support/helpers.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Limits = { flushMs?: number; maxEntriesPerDay?: number; maxBytesPerDay?: number; summaryEveryMs?: number };

async function openStore(limits: Limits, existing?: string): Promise<{ store: DeskStorage; dir: string }> {
  let dir = existing;
  if (!dir) {
    const tmp = await tempDir();
    cleanups.push(tmp.cleanup);
    dir = tmp.dir;
  }
  const store = new DeskStorage({
    dataDir: dir,
    timeZone: 'Asia/Shanghai',
    stores: [{ id: 'store-1', name: '湘北人家' }],
    platforms: [meituanPlatform],
    secretBox: ownerOnlyFileBox,
    rejectLog: limits,
  });
  cleanups.push(() => store.close());
  await store.open();
  return { store, dir };
}

/** Counts fdatasync calls on every file handle from now on. */
async function countSyncs(dir: string): Promise<{ calls: () => number }> {
  const h = await open(join(dir, 'probe'), 'w');
  const proto = Object.getPrototypeOf(h) as { datasync: () => Promise<void> };
  await h.close();
  const spy = vi.spyOn(proto, 'datasync');
  return { calls: () => spy.mock.calls.length };
}

const bigBody = Buffer.from(`order=${'x'.repeat(20_000)}`);
const refused = (i: number): CallbackRecord => ({
  type: 'callback',
  route: i % 2 ? '/meituan/order/new' : `/no/such/${i}`,
  platform: i % 2 ? 'meituan' : 'unknown',
  verdict: 'rejected',
  reason: i % 2 ? 'missing sign' : `no such route: POST /no/such/${i}`,
  http: i % 2 ? 401 : 404,
  excerpt: bodyExcerpt(bigBody, false),
});

async function journalLines(dir: string, day: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(join(dir, 'journal', `${day}.jsonl`), 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('the refused-request audit', () => {
  it('writes a burst of refusals in one batch on its timer, not one fsync each, and compactly', async () => {
    const { store, dir } = await openStore({ flushMs: 50 });
    const syncs = await countSyncs(dir);
    for (let i = 0; i < 300; i++) expect(await store.audit(refused(i))).toBe(true);
    // Answered at once: nothing is on disk yet.
    expect(await journalLines(dir, store.today())).toHaveLength(0);
    await expect.poll(async () => (await journalLines(dir, store.today())).length, { timeout: 5_000 }).toBe(300);
    expect(syncs.calls()).toBeLessThanOrEqual(3);
    const lines = await readFile(join(dir, 'journal', `${store.today()}.jsonl`), 'utf8');
    expect(lines.length).toBeLessThan(300 * 400);
    expect(lines).not.toContain('x'.repeat(200));
    expect(store.rejectCounts()).toMatchObject({ rejected: 300, countedOnly: 0 });
  });

  it('keeps at most the day’s cap one by one, then only counts per reason, and writes the counts', async () => {
    const { store, dir } = await openStore({ flushMs: 20, maxEntriesPerDay: 25, summaryEveryMs: 60_000 });
    for (let i = 0; i < 1_000; i++) await store.audit(refused(i));
    expect(store.rejectCounts()).toMatchObject({ rejected: 1_000, countedOnly: 975 });
    await store.close();
    const lines = await journalLines(dir, store.today());
    const individual = lines.filter((l) => l['count'] === undefined);
    const summaries = lines.filter((l) => l['count'] !== undefined);
    expect(individual).toHaveLength(25);
    // Route-not-found reasons carry the path: grouped by what comes before it.
    expect(summaries.map((s) => [s['reason'], s['count']])).toEqual(
      expect.arrayContaining([
        [expect.stringMatching(/^401 missing sign/), 488],
        [expect.stringMatching(/^404 no such route/), 487],
      ]),
    );
    expect(summaries).toHaveLength(2);
  });

  it('stops keeping entries once the day’s bytes are used, whatever their number', async () => {
    const { store } = await openStore({ flushMs: 20, maxEntriesPerDay: 10_000, maxBytesPerDay: 4_000 });
    let kept = 0;
    for (let i = 0; i < 200; i++) if (await store.audit(refused(i))) kept++;
    expect(kept).toBeGreaterThan(5);
    expect(kept).toBeLessThan(30);
  });

  it('still writes an accepted callback to disk before it resolves, refusals noted before it going first in the same flush', async () => {
    const { store, dir } = await openStore({ flushMs: 60_000 });
    await store.audit(refused(1));
    await store.audit(refused(2));
    const syncs = await countSyncs(dir);
    await store.acceptCallback({ type: 'callback', route: '/meituan/privacy-downgrade', platform: 'meituan', verdict: 'accepted', http: 200, fields: { developerId: '1' } }, []);
    expect(syncs.calls()).toBe(1);
    expect((await journalLines(dir, store.today())).map((l) => l['verdict'])).toEqual(['rejected', 'rejected', 'accepted']);
  });

  it('carries the day’s cap and count over a restart', async () => {
    const limits = { flushMs: 20, maxEntriesPerDay: 25 };
    const first = await openStore(limits);
    for (let i = 0; i < 40; i++) await first.store.audit(refused(i));
    await first.store.close();
    const { store } = await openStore(limits, first.dir);
    await store.restoreRejectCounts();
    expect(store.rejectCounts()).toMatchObject({ rejected: 40, countedOnly: 15 });
    expect(await store.audit(refused(41))).toBe(false);
    expect(store.rejectCounts()).toMatchObject({ rejected: 41, countedOnly: 16 });
  });
});
