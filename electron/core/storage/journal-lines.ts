/**
 * Byte-level helpers for the journal's JSON-lines files: parse one entry, stream complete lines
 * with their byte offsets (checkpoints are byte offsets, so lines are cut on Buffers, never on
 * decoded strings), and cut a torn tail left by a crash mid-write.
 */
import { errnoCode, type StoreFs } from './disk.js';

/** One journal line as stored: the journal's own `seq` and `at`, then the caller's fields. */
export interface JournalEntry {
  seq: number;
  at: string;
  [key: string]: unknown;
}

/** What `Journal.open()` cut from the end of a file: bytes of a write that was never acknowledged. */
export interface TornTail {
  file: string;
  /** The file's new length: the end of its last valid line. */
  offset: number;
  bytes: number;
  /** The start of what was cut, for the log (at most 500 characters). */
  preview: string;
}

export interface RawLine {
  text: string;
  /** Byte offset of the line's first byte. */
  start: number;
  /** Byte offset just after its '\n': where the next line starts. */
  end: number;
}

const NL = 0x0a;
const CHUNK = 64 * 1024;

export function parseEntry(text: string): JournalEntry | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { seq, at } = value as Record<string, unknown>;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1 || typeof at !== 'string') return null;
  return value as JournalEntry;
}

/**
 * Complete lines of `path` between byte `start` and `limit`. A last line without its '\n' is a
 * write in progress or torn by a crash; it is never yielded. A missing file yields nothing.
 */
export async function* readLines(
  fs: StoreFs,
  path: string,
  start: number,
  limit = Infinity,
): AsyncGenerator<RawLine> {
  let handle;
  try {
    handle = await fs.open(path, 'r');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return;
    throw err;
  }
  try {
    const end = Math.min(limit, (await handle.stat()).size);
    const chunk = Buffer.allocUnsafe(CHUNK);
    let carry = Buffer.alloc(0);
    let carryStart = start;
    for (let pos = start; pos < end;) {
      const { bytesRead } = await handle.read(chunk, 0, Math.min(CHUNK, end - pos), pos);
      if (bytesRead === 0) break;
      pos += bytesRead;
      const buf =
        carry.length > 0
          ? Buffer.concat([carry, chunk.subarray(0, bytesRead)])
          : chunk.subarray(0, bytesRead);
      let from = 0;
      for (let nl = buf.indexOf(NL, from); nl !== -1; nl = buf.indexOf(NL, from)) {
        yield { text: buf.toString('utf8', from, nl), start: carryStart + from, end: carryStart + nl + 1 };
        from = nl + 1;
      }
      // Copy: `chunk` is reused on the next read.
      carry = Buffer.from(buf.subarray(from));
      carryStart += from;
    }
  } finally {
    await handle.close();
  }
}

/**
 * Cut everything after the last valid line. Only the last batch written before a crash can be
 * torn, and no line of it was acknowledged (acknowledgement waits for fsync), so nothing cut here
 * was ever promised to a platform; a valid line, once found, stops the cut, so acknowledged lines
 * are never dropped. Reads the whole file: one day's journal is small (docs/design.md, Storage).
 */
export async function repairTail(
  fs: StoreFs,
  path: string,
  file: string,
): Promise<{ lastSeq: number | null; size: number; torn: TornTail | null }> {
  const buf = await fs.readFile(path);
  let keep = buf.lastIndexOf(NL) + 1;
  let lastSeq: number | null = null;
  while (keep > 0) {
    // `lastIndexOf` with a negative offset counts from the end, hence the guard.
    const lineStart = keep >= 2 ? buf.lastIndexOf(NL, keep - 2) + 1 : 0;
    const entry = parseEntry(buf.toString('utf8', lineStart, keep - 1));
    if (entry) {
      lastSeq = entry.seq;
      break;
    }
    keep = lineStart;
  }
  if (keep === buf.length) return { lastSeq, size: keep, torn: null };
  const handle = await fs.open(path, 'r+');
  try {
    await handle.truncate(keep);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  const preview = buf.toString('utf8', keep, Math.min(buf.length, keep + 2000)).slice(0, 500);
  return { lastSeq, size: keep, torn: { file, offset: keep, bytes: buf.length - keep, preview } };
}
