/**
 * The data-folder lock's own rules, beyond the two-process test: a lock from another machine
 * sharing the folder is never guessed stale and the message says what to do, a lock from
 * before a reboot is taken over, and releasing never removes a lock someone else took over.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FolderLockedError, LOCK_NAME, checkFolderFree, lockFolder } from '../../../electron/core/storage/folder-lock.js';
import { tempDir } from '../../support/helpers.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function folder(): Promise<string> {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  return dir;
}

describe('data folder lock', () => {
  it('refuses a folder locked from another computer, saying where and what to do', async () => {
    const dir = await folder();
    const lock = JSON.stringify({ pid: 4242, host: 'counter-pc-2', boot: 0, token: 't', since: '' });
    await writeFile(join(dir, LOCK_NAME), lock);
    const err = await lockFolder(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FolderLockedError);
    expect((err as Error).message).toMatch(/电脑 counter-pc-2 上的外卖接单台（进程 4242）.*删除.*desk\.lock.*\(waimai-desk on counter-pc-2, process 4242/);
    await expect(checkFolderFree(dir)).rejects.toBeInstanceOf(FolderLockedError);
    expect(await readFile(join(dir, LOCK_NAME), 'utf8')).toBe(lock);
  });

  it('takes over a lock from before a reboot, even if its pid is running again', async () => {
    const dir = await folder();
    // pid 1 is always running; boot time 0 is long before this boot.
    await writeFile(join(dir, LOCK_NAME), JSON.stringify({ pid: 1, host: hostname(), boot: 0, token: 't', since: '' }));
    const lock = await lockFolder(dir);
    expect(JSON.parse(await readFile(join(dir, LOCK_NAME), 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('releases only its own lock', async () => {
    const dir = await folder();
    const first = await lockFolder(dir);
    const second = await lockFolder(dir); // the same process: a reopened store takes over
    await first.release();
    const held = JSON.parse(await readFile(join(dir, LOCK_NAME), 'utf8')) as { pid: number };
    expect(held.pid).toBe(process.pid);
    await second.release();
    await expect(readFile(join(dir, LOCK_NAME))).rejects.toThrow(/ENOENT/);
  });
});
