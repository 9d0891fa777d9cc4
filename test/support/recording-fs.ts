/**
 * A `node:fs/promises` that writes down every disk move the stores make, in order
 * (`open x.json.tmp wx`, `sync x.json.tmp`, `rename x.json.tmp → x.json`, `sync <dir>`…), so a
 * test can pin "fsync before rename" and friends. Pass `recordingFs(log)` as a `StoreFs`, or
 * mock the module with `recordingFsModule(real, log)` for code that imports it directly.
 */
import type * as fsp from 'node:fs/promises';
import { basename } from 'node:path';

const name = (p: unknown): string => {
  const s = String(p);
  // A day file's temp name carries a pid and a random part: keep just the file it belongs to.
  const temp = /^\.(.+)\.\d+-[0-9a-f]{8}\.tmp$/.exec(basename(s));
  return temp ? `${temp[1]}.tmp` : basename(s);
};

const HANDLE_OPS = ['write', 'writeFile', 'sync', 'datasync', 'truncate', 'close'] as const;

function recordingOpen(real: typeof fsp, log: string[]): typeof fsp.open {
  return (async (path: Parameters<typeof fsp.open>[0], flags?: string | number, mode?: number) => {
    const handle = await real.open(path, flags, mode);
    log.push(`open ${name(path)} ${String(flags ?? 'r')}`);
    for (const op of HANDLE_OPS) {
      const fn = (handle[op] as (...a: unknown[]) => Promise<unknown>).bind(handle);
      (handle as unknown as Record<string, unknown>)[op] = async (...args: unknown[]) => {
        const out = await fn(...args);
        log.push(`${op} ${name(path)}`);
        return out;
      };
    }
    return handle;
  }) as typeof fsp.open;
}

export function recordingFsModule(real: typeof fsp, log: string[]): typeof fsp {
  const open = recordingOpen(real, log);
  const rename = (async (from: string, to: string) => {
    await real.rename(from, to);
    log.push(`rename ${name(from)} → ${name(to)}`);
  }) as typeof fsp.rename;
  const patched = { ...real, open, rename };
  return { ...patched, default: patched } as typeof fsp;
}

/** Index of the first entry matching `re` at or after `from`, or -1. */
export function findIn(log: readonly string[], re: RegExp, from = 0): number {
  for (let i = Math.max(0, from); i < log.length; i++) if (re.test(log[i]!)) return i;
  return -1;
}

/** The log a mocked `node:fs/promises` (see `recordingFsModule`) writes to. */
export const diskLog: string[] = [];
