import * as fsp from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { nodeFs, type StoreFs } from '../../../electron/core/storage/disk.js';
import { CorruptFileError, DurableJsonFile, openLow } from '../../../electron/core/storage/durable-file.js';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await fsp.mkdtemp(join(tmpdir(), 'waimai-durable-'));
  file = join(dir, 'db.json');
});
afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

describe('DurableJsonFile', () => {
  it('round-trips data as compact JSON', async () => {
    const data = { orders: [{ id: '1234567890123456789', name: '湘北人家', qty: 2 }], n: null };
    await new DurableJsonFile<typeof data>(file).write(data);
    expect(await new DurableJsonFile<typeof data>(file).read()).toEqual(data);
    const text = await fsp.readFile(file, 'utf8');
    expect(text).toBe(JSON.stringify(data));
    expect(await fsp.readdir(dir)).toEqual(['db.json']);
  });

  it('writes JSON handed over in UTF-8 pieces byte for byte, across several writes of the file', async () => {
    // About 3 MB in pieces that split a Chinese character's bytes: joined only on disk.
    const text = JSON.stringify({ orders: Array.from({ length: 20_000 }, (_, i) => ({ i, name: '小炒黄牛肉'.repeat(10) })) });
    const bytes = Buffer.from(text, 'utf8');
    const pieces: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += 7_777) pieces.push(bytes.subarray(at, at + 7_777));
    await new DurableJsonFile<unknown>(file).writeJsonText(pieces);
    expect((await fsp.readFile(file)).equals(bytes)).toBe(true);
    expect(await fsp.readdir(dir)).toEqual(['db.json']);
  });

  it('reads a missing file as null', async () => {
    expect(await new DurableJsonFile(file).read()).toBeNull();
  });

  it('coalesces concurrent writes: last data wins, every promise resolves after newer-or-equal data is durable', async () => {
    const rename = vi.fn(nodeFs.rename);
    const adapter = new DurableJsonFile<{ n: number }>(file, { fs: { ...nodeFs, rename } });
    const seenAtResolve: number[] = [];
    const writes = Array.from({ length: 20 }, (_, n) =>
      adapter.write({ n }).then(() => {
        seenAtResolve[n] = (JSON.parse(readFileSync(file, 'utf8')) as { n: number }).n;
      }),
    );
    await Promise.all(writes);
    // The first write goes out at once; the 19 made meanwhile share one follow-up write.
    expect(rename).toHaveBeenCalledTimes(2);
    expect(await adapter.read()).toEqual({ n: 19 });
    seenAtResolve.forEach((seen, n) => expect(seen).toBeGreaterThanOrEqual(n));
  });

  it('snapshots the data at write() time, as lowdb passes its live object', async () => {
    const adapter = new DurableJsonFile<{ items: string[] }>(file);
    const live = { items: ['a'] };
    const done = adapter.write(live);
    live.items.push('b');
    await done;
    expect(await adapter.read()).toEqual({ items: ['a'] });
  });

  it('moves a corrupt file aside with its bytes intact and throws CorruptFileError', async () => {
    const bytes = Buffer.concat([Buffer.from('{"orders":[{"id":"1"'), Buffer.alloc(64)]); // NULs after a power cut
    await fsp.writeFile(file, bytes);
    const err = await new DurableJsonFile(file).read().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CorruptFileError);
    const corrupt = err as CorruptFileError;
    expect(corrupt.path).toBe(file);
    expect(corrupt.cause).toBeInstanceOf(SyntaxError);
    expect(basename(corrupt.movedTo)).toMatch(/^db\.json\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z$/);
    expect(await fsp.readFile(corrupt.movedTo)).toEqual(bytes);
    await expect(fsp.stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('treats data failing the schema as corrupt; onCorrupt reports and lets lowdb use defaults', async () => {
    const schema = z.object({ orders: z.array(z.string()) });
    await fsp.writeFile(file, '{"orders":5}');
    await expect(new DurableJsonFile(file, { schema }).read()).rejects.toBeInstanceOf(CorruptFileError);

    await fsp.writeFile(file, '{"orders":"x"}');
    const onCorrupt = vi.fn();
    const db = await openLow(file, { orders: ['default'] }, { schema, onCorrupt });
    expect(db.data).toEqual({ orders: ['default'] });
    expect(onCorrupt).toHaveBeenCalledTimes(1);
    const reported = onCorrupt.mock.calls[0]?.[0] as CorruptFileError;
    expect(await fsp.readFile(reported.movedTo, 'utf8')).toBe('{"orders":"x"}');
    expect((await fsp.readdir(dir)).filter((n) => n.includes('.corrupt-'))).toHaveLength(2);
  });

  it('rejects with a validate() function too', async () => {
    await fsp.writeFile(file, '[]');
    const validate = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);
    await expect(new DurableJsonFile(file, { validate }).read()).rejects.toBeInstanceOf(CorruptFileError);
  });

  it('removes temp files left by a crash, and nothing else', async () => {
    await fsp.writeFile(file, '{"ok":true}');
    await fsp.writeFile(join(dir, '.db.json.4242-deadbeef.tmp'), '{"half');
    await fsp.writeFile(join(dir, '.db.json.tmp'), ''); // steno's name
    await fsp.writeFile(join(dir, '.other.json.1-1.tmp'), '{}');
    expect(await new DurableJsonFile(file).read()).toEqual({ ok: true });
    expect((await fsp.readdir(dir)).sort()).toEqual(['.other.json.1-1.tmp', 'db.json']);
  });

  it('retries a rename Windows reports busy, then succeeds', async () => {
    let failures = 2;
    const rename: StoreFs['rename'] = async (from, to) => {
      if (failures-- > 0) throw errno('EPERM');
      return nodeFs.rename(from, to);
    };
    const adapter = new DurableJsonFile(file, { fs: { ...nodeFs, rename }, renameRetry: { delayMs: 1 } });
    await adapter.write({ v: 1 });
    expect(await adapter.read()).toEqual({ v: 1 });
  });

  it('gives up after the bounded retries, leaves no temp file, and the next write works', async () => {
    let busy = true;
    const rename = vi.fn<StoreFs['rename']>(async (from, to) => {
      if (busy) throw errno('EBUSY');
      return nodeFs.rename(from, to);
    });
    const adapter = new DurableJsonFile(file, {
      fs: { ...nodeFs, rename },
      renameRetry: { attempts: 4, delayMs: 1 },
    });
    await expect(adapter.write({ v: 1 })).rejects.toMatchObject({ code: 'EBUSY' });
    expect(rename).toHaveBeenCalledTimes(4);
    expect(await fsp.readdir(dir)).toEqual([]);
    busy = false;
    await adapter.write({ v: 2 });
    expect(await adapter.read()).toEqual({ v: 2 });
  });
});

describe('openLow', () => {
  it('starts from a copy of the defaults, creates the folder, and persists writes', async () => {
    const nested = join(dir, 'a', 'b', 'settings.json');
    const defaults = { stores: [] as string[] };
    const db = await openLow(nested, defaults);
    db.data.stores.push('store-1');
    await db.write();
    expect(defaults.stores).toEqual([]);
    const again = await openLow(nested, defaults);
    expect(again.data).toEqual({ stores: ['store-1'] });
  });
});
