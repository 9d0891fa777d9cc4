/**
 * The few disk moves both the lowdb adapter and the journal need to make a write survive a power
 * cut: fsync a folder after changing its entries, and rename over a file that Windows may be
 * holding open for a moment. Kept apart so the two stores share one tested spelling of each.
 */
import * as fsp from 'node:fs/promises';

/** The `node:fs/promises` calls the stores use; tests pass a wrapper to inject faults or count calls. */
export type StoreFs = Pick<
  typeof fsp,
  'open' | 'rename' | 'unlink' | 'readFile' | 'readdir' | 'mkdir' | 'stat'
>;

export const nodeFs: StoreFs = fsp;

/** The errno code of a Node system error, or undefined for anything else. */
export function errnoCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') {
    return err.code;
  }
  return undefined;
}

/**
 * fsync a folder so a rename or a new file in it survives a power cut (the file's own fsync does
 * not cover its name). Windows cannot open or fsync a directory: it answers EISDIR/EPERM (and some
 * filesystems EINVAL); NTFS journals the rename itself, so skipping is the best there is.
 */
export async function fsyncDir(dir: string, fs: StoreFs = nodeFs): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (err) {
    const code = errnoCode(err);
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw err;
  } finally {
    await handle?.close();
  }
}

export interface RenameRetry {
  /** Attempts in all (default 10, as steno — docs/counter-lessons.md, "Files on a shop PC"). */
  attempts?: number;
  /** Base delay; each wait is base..2×base so two retrying writers drift apart (default 50 ms). */
  delayMs?: number;
}

/**
 * Rename, retrying while Windows reports the target busy. Antivirus scanners and OneDrive open
 * freshly written files for a moment and make rename fail with EPERM/EBUSY/EACCES (lowdb's tracker
 * #157, #581; docs/counter-lessons.md). Bounded: after `attempts` the last error is thrown to the caller.
 */
export async function renameWithRetry(
  from: string,
  to: string,
  fs: StoreFs = nodeFs,
  retry: RenameRetry = {},
): Promise<void> {
  const attempts = Math.max(1, retry.attempts ?? 10);
  const delayMs = retry.delayMs ?? 50;
  for (let attempt = 1; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (err) {
      const code = errnoCode(err);
      const transient = code === 'EPERM' || code === 'EBUSY' || code === 'EACCES';
      if (!transient || attempt >= attempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, delayMs * (1 + Math.random())));
    }
  }
}
