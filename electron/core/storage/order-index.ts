/**
 * The order index (`orders/index.jsonl`, one `[key, day]` line per order): which day file holds
 * an order. It is derived data — every key is also inside its day file — so when it is missing,
 * torn, NUL-filled (a power cut) or names fewer days than there are day files, it is rebuilt by
 * reading the day files, written whole (temp file, fsync, rename), and the caller reports it.
 */
import { open, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errnoCode } from './disk.js';
import { DurableJsonFile } from './durable-file.js';

export const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_FILE_RE = /^(\d{4}-\d{2}-\d{2})\.json$/;

export interface IndexLoad {
  index: Map<string, string>;
  /** Why the index was rebuilt from the day files (null: it was read as is). */
  rebuilt: string | null;
}

/** Read the index; rebuild it from the day files when it cannot be trusted. */
export async function loadIndex(dir: string): Promise<IndexLoad> {
  const path = join(dir, 'index.jsonl');
  let text: string | null = null;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (errnoCode(err) !== 'ENOENT') throw err;
  }
  const dayFiles = await listDayFiles(dir);
  const index = new Map<string, string>();
  let bad = 0;
  for (const line of (text ?? '').split('\n')) {
    if (!line) continue;
    try {
      const [key, day] = JSON.parse(line) as [unknown, unknown];
      if (typeof key === 'string' && typeof day === 'string' && DAY_RE.test(day)) {
        if (!index.has(key)) index.set(key, day);
      } else bad++;
    } catch {
      bad++;
    }
  }
  const named = new Set(index.values());
  const unnamed = dayFiles.filter((d) => !named.has(d)).length;
  let why: string | null = null;
  if (text === null) why = dayFiles.length > 0 ? 'missing' : null;
  else if (bad > 0) why = `${bad} unreadable line(s)`;
  else if (text.length > 0 && !text.endsWith('\n')) why = 'torn last line';
  else if (unnamed > 0) why = `${unnamed} day file(s) not in it`;
  if (why === null) return { index, rebuilt: null };
  return { index: await rebuildIndex(dir, dayFiles, index), rebuilt: why };
}

/**
 * Every order of every readable day file, filed under the earliest day that holds it. Keys
 * from the damaged index whose day file is gone are kept (the journal replay may still need
 * them). A day file that does not parse is left for the order book, which moves it aside and
 * has it rebuilt from the journal when the day is loaded.
 */
async function rebuildIndex(dir: string, dayFiles: string[], old: Map<string, string>): Promise<Map<string, string>> {
  const index = new Map<string, string>();
  const unreadable = new Set<string>();
  for (const day of dayFiles) {
    let keys: string[];
    try {
      const data = JSON.parse(await readFile(join(dir, `${day}.json`), 'utf8')) as { orders?: { key?: unknown }[] };
      keys = (data.orders ?? []).map((o) => o.key).filter((k): k is string => typeof k === 'string');
    } catch {
      unreadable.add(day);
      continue;
    }
    for (const key of keys) if (!index.has(key)) index.set(key, day);
  }
  for (const [key, day] of old) if (!index.has(key) && (unreadable.has(day) || !dayFiles.includes(day))) index.set(key, day);
  const lines = [...index].map((entry) => JSON.stringify(entry)).join('\n');
  await new DurableJsonFile<unknown>(join(dir, 'index.jsonl')).writeJsonText(lines ? `${lines}\n` : '');
  return index;
}

async function listDayFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch((err: unknown) => {
    if (errnoCode(err) === 'ENOENT') return [] as string[];
    throw err;
  });
  return names.flatMap((n) => DAY_FILE_RE.exec(n)?.[1] ?? []).sort();
}

/** Append lines and fdatasync them: the index's normal growth. */
export async function appendIndexLines(dir: string, lines: string[]): Promise<void> {
  const fh = await open(join(dir, 'index.jsonl'), 'a');
  try {
    await fh.write(lines.join('\n') + '\n');
    await fh.datasync();
  } finally {
    await fh.close();
  }
}
