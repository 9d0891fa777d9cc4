/**
 * The disk moves that make a write survive a power cut, in the order that matters: a temp
 * file's data is synced before it is renamed over the real one, the folder is synced after
 * the rename, and a journal line is synced before its append resolves (a new journal file's
 * name is synced first). A write that resolves earlier could be acknowledged and then lost.
 */
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreFs } from '../../../electron/core/storage/disk.js';
import { DurableJsonFile } from '../../../electron/core/storage/durable-file.js';
import { Journal } from '../../../electron/core/storage/journal.js';
import { findIn, recordingFsModule } from '../../support/recording-fs.js';

let dir: string;
let log: string[];
let fs: StoreFs;
beforeEach(async () => {
  dir = await fsp.mkdtemp(join(tmpdir(), 'waimai-fsync-'));
  log = [];
  fs = recordingFsModule(fsp, log);
});
afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

describe('durable JSON file', () => {
  it('syncs the temp file, renames it, then syncs the folder — and only then resolves', async () => {
    const file = new DurableJsonFile<{ n: number }>(join(dir, 'db.json'), { fs });
    await file.write({ n: 1 }).then(() => log.push('resolved'));
    const folder = basename(dir);
    const wrote = findIn(log, /^writeFile db\.json\.tmp$/);
    const synced = findIn(log, /^sync db\.json\.tmp$/);
    const renamed = findIn(log, /^rename db\.json\.tmp → db\.json$/);
    const dirSynced = findIn(log, new RegExp(`^sync ${folder}$`), renamed);
    expect(wrote, log.join('\n')).toBeGreaterThanOrEqual(0);
    expect(synced, log.join('\n')).toBeGreaterThan(wrote);
    expect(renamed, log.join('\n')).toBeGreaterThan(synced);
    expect(dirSynced, log.join('\n')).toBeGreaterThan(renamed);
    expect(log.indexOf('resolved')).toBeGreaterThan(dirSynced);
  });
});

describe('journal', () => {
  it('syncs a new file’s folder and each group of lines before the appends resolve', async () => {
    const j = new Journal({ dir, timeZone: 'UTC', fs, log: { warn: () => undefined } });
    await j.open();
    await Promise.all([1, 2, 3].map((i) => j.append({ i }).then(() => log.push(`resolved ${i}`))));
    await j.append({ i: 4 }).then(() => log.push('resolved 4'));
    await j.close();
    const folder = basename(dir);
    const file = /^\d{4}-\d{2}-\d{2}\.jsonl$/;
    const opened = findIn(log, /^open \d{4}-\d{2}-\d{2}\.jsonl a$/);
    const dirSynced = findIn(log, new RegExp(`^sync ${folder}$`), opened);
    expect(opened, log.join('\n')).toBeGreaterThanOrEqual(0);
    expect(dirSynced, log.join('\n')).toBeGreaterThan(opened);
    for (const i of [1, 2, 3, 4]) {
      const resolved = log.indexOf(`resolved ${i}`);
      // The last write before this append resolved was followed by a data sync, also before it.
      const lastWrite = log.slice(0, resolved).map((e, k) => (e.startsWith('write ') && file.test(e.slice(6)) ? k : -1)).reduce((a, b) => Math.max(a, b), -1);
      const syncAfter = findIn(log, /^datasync \d{4}-\d{2}-\d{2}\.jsonl$/, lastWrite);
      expect(lastWrite, log.join('\n')).toBeGreaterThan(dirSynced);
      expect(syncAfter, log.join('\n')).toBeGreaterThan(lastWrite);
      expect(syncAfter, log.join('\n')).toBeLessThan(resolved);
    }
  });
});
