/**
 * A `node:fs/promises` whose journal file handles can hold or fail their data sync, for tests
 * that pin "the platform hears OK only after the journal line is on disk". Use as
 * `vi.mock('node:fs/promises', async (orig) => gatedFsModule(await orig()))` and steer it
 * through `journalSync`.
 */
import type * as fsp from 'node:fs/promises';

export const journalSync = {
  /** While set, every journal data sync waits for it before syncing. */
  hold: null as Promise<void> | null,
  /** While set, every journal data sync fails with this errno code. */
  fail: null as string | null,
  /** What happened, in order: 'sync-start', 'sync-end', plus anything a test adds. */
  log: [] as string[],
  release: null as (() => void) | null,
  /** Hold every journal sync from now until the returned function (or `reset`) is called. */
  holdSyncs(): () => void {
    this.hold = new Promise<void>((r) => (this.release = r));
    return () => this.release?.();
  },
  reset(): void {
    this.release?.();
    this.release = null;
    this.hold = null;
    this.fail = null;
    this.log = [];
  },
};

const JOURNAL_FILE = /[\\/]journal[\\/]\d{4}-\d{2}-\d{2}\.jsonl$/;

export function gatedFsModule(real: typeof fsp): typeof fsp {
  const open = (async (path: Parameters<typeof fsp.open>[0], flags?: string | number, mode?: number) => {
    const handle = await real.open(path, flags, mode);
    if (!JOURNAL_FILE.test(String(path))) return handle;
    const datasync = handle.datasync.bind(handle);
    handle.datasync = async () => {
      journalSync.log.push('sync-start');
      if (journalSync.hold) await journalSync.hold;
      if (journalSync.fail) throw Object.assign(new Error(`${journalSync.fail}: simulated`), { code: journalSync.fail });
      await datasync();
      journalSync.log.push('sync-end');
    };
    return handle;
  }) as typeof fsp.open;
  return { ...real, open, default: { ...real, open } } as typeof fsp;
}
