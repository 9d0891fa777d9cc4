/**
 * One process owns a data folder. Two desks on one folder would both answer OK and write the
 * same journal with repeated sequence numbers, losing orders; so the store takes `desk.lock`
 * before touching anything, and a second process is refused with a message staff can act on.
 *
 * The lock file is created whole and atomically (written to a temp file, then hard-linked into
 * place, which fails if it exists) and names its owner: pid, host and the machine's boot time.
 * It is stale — and taken over — when that process is gone (`process.kill(pid, 0)` answers
 * ESRCH) or the machine has rebooted since (a pid reused after a reboot is not mistaken for a
 * live owner). A lock held by this same process is taken over too: that is a store reopened
 * after being abandoned (a crash simulated in tests); the shell's single-instance lock already
 * keeps one desk per process in the app.
 */
import { randomUUID } from 'node:crypto';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname, uptime } from 'node:os';
import { join } from 'node:path';
import { errnoCode } from './disk.js';

export const LOCK_NAME = 'desk.lock';

interface LockInfo {
  pid: number;
  host: string;
  /** When the machine booted (ms since epoch, rounded to the minute). */
  boot: number;
  token: string;
  since: string;
}

export class FolderLockedError extends Error {
  override readonly name = 'FolderLockedError';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    /** Set when the owner is another computer sharing the folder. */
    readonly host: string | null = null,
  ) {
    super(
      host
        ? `电脑 ${host} 上的外卖接单台（进程 ${pid}）正在使用数据文件夹 ${dataDir}，请先在那台电脑上关闭它；` +
            `若它已不在运行，删除文件夹里的 ${LOCK_NAME} 再启动 ` +
            `(waimai-desk on ${host}, process ${pid}, is using the data folder ${dataDir}: close it there; if it is not running, delete ${LOCK_NAME} in that folder)`
        : `另一个外卖接单台（进程 ${pid}）正在使用数据文件夹 ${dataDir}，请先关闭它再启动 ` +
            `(another waimai-desk, process ${pid}, is using the data folder ${dataDir}: close it first)`,
    );
  }
}

export interface FolderLock {
  release(): Promise<void>;
}

function bootTime(): number {
  return Math.round((Date.now() - uptime() * 1000) / 60_000) * 60_000;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return errnoCode(err) === 'EPERM';
  }
}

async function readLock(path: string): Promise<LockInfo | null> {
  try {
    const info = JSON.parse(await readFile(path, 'utf8')) as Partial<LockInfo>;
    return typeof info.pid === 'number' && typeof info.token === 'string' ? (info as LockInfo) : null;
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') throw err;
    return null; // unreadable: never written whole by us, so not a live owner
  }
}

/** The live other process holding the folder, or null when it is free (or stale, or ours). */
function holder(info: LockInfo | null): { pid: number; host: string | null } | null {
  if (!info || info.pid === process.pid) return null;
  // A shared folder: never guess whether a process on another machine is alive.
  if (info.host !== hostname()) return { pid: info.pid, host: String(info.host) };
  if (Math.abs(info.boot - bootTime()) > 120_000) return null; // rebooted since
  return alive(info.pid) ? { pid: info.pid, host: null } : null;
}

/** Throws FolderLockedError when another live process holds the folder; changes nothing. */
export async function checkFolderFree(dataDir: string): Promise<void> {
  try {
    const owner = holder(await readLock(join(dataDir, LOCK_NAME)));
    if (owner) throw new FolderLockedError(dataDir, owner.pid, owner.host);
  } catch (err) {
    if (errnoCode(err) !== 'ENOENT') throw err;
  }
}

/** Take the folder (it must exist), or throw FolderLockedError. */
export async function lockFolder(dataDir: string): Promise<FolderLock> {
  const path = join(dataDir, LOCK_NAME);
  const info: LockInfo = { pid: process.pid, host: hostname(), boot: bootTime(), token: randomUUID(), since: new Date().toISOString() };
  const temp = join(dataDir, `.${LOCK_NAME}.${info.token}.tmp`);
  await writeFile(temp, JSON.stringify(info), { flag: 'wx' });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await link(temp, path);
        break;
      } catch (err) {
        if (errnoCode(err) !== 'EEXIST' || attempt >= 5) throw err;
      }
      let current: LockInfo | null;
      try {
        current = await readLock(path);
      } catch {
        continue; // gone meanwhile: try again
      }
      const owner = holder(current);
      if (owner) throw new FolderLockedError(dataDir, owner.pid, owner.host);
      await unlink(path).catch((err: unknown) => {
        if (errnoCode(err) !== 'ENOENT') throw err;
      });
    }
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  return {
    async release() {
      // Only our own lock: a store that took over from us keeps its.
      const current = await readLock(path).catch(() => null);
      if (current?.token === info.token) await unlink(path).catch(() => undefined);
    },
  };
}
