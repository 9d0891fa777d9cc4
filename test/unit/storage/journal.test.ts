import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nodeFs, type StoreFs } from '../../../electron/core/storage/disk.js';
import {
  Journal,
  type JournalOptions,
  type JournalPosition,
  type JournalRecord,
} from '../../../electron/core/storage/journal.js';

let dir: string;
const journals: Journal[] = [];

beforeEach(async () => {
  dir = await fsp.mkdtemp(join(tmpdir(), 'waimai-journal-'));
});
afterEach(async () => {
  await Promise.all(journals.splice(0).map((j) => j.close()));
  await fsp.rm(dir, { recursive: true, force: true });
});

const quiet = { warn: vi.fn() };

async function openJournal(opts: Partial<JournalOptions> = {}): Promise<Journal> {
  const j = new Journal({ dir, timeZone: 'UTC', log: quiet, ...opts });
  journals.push(j);
  await j.open();
  return j;
}

async function collect(iter: AsyncIterable<JournalRecord>): Promise<JournalRecord[]> {
  const out: JournalRecord[] = [];
  for await (const r of iter) out.push(r);
  return out;
}

/** An fs whose handles count syncs and can be told to fail writes or syncs. */
function faultyFs(): { fs: StoreFs; syncs: () => number; fail: { write?: string; sync?: string } } {
  let syncs = 0;
  const fail: { write?: string; sync?: string } = {};
  const fs: StoreFs = {
    ...nodeFs,
    open: async (path, flags, mode) => {
      const handle = await nodeFs.open(path, flags, mode);
      const datasync = handle.datasync.bind(handle);
      const write = handle.write.bind(handle) as (
        buf: Uint8Array,
        offset: number,
        length: number,
      ) => Promise<unknown>;
      const err = (code: string): Error => Object.assign(new Error(`${code}: simulated`), { code });
      handle.datasync = async () => {
        syncs++;
        if (fail.sync) throw err(fail.sync);
        return datasync();
      };
      handle.write = (async (buf: Uint8Array, offset: number, length: number) => {
        // A full disk typically takes part of the write before saying ENOSPC.
        if (fail.write) {
          await write(buf, offset, Math.min(length, 10));
          throw err(fail.write);
        }
        return write(buf, offset, length);
      }) as unknown as typeof handle.write;
      return handle;
    },
  };
  return { fs, syncs: () => syncs, fail };
}

describe('Journal', () => {
  it('assigns strictly increasing seqs that continue across reopen', async () => {
    const j = await openJournal();
    const first = [await j.append({ kind: 'a' }), await j.append({ kind: 'b', seq: 99, at: 'mine' })];
    const more = await Promise.all([1, 2, 3].map((n) => j.append({ kind: 'c', n })));
    expect([...first, ...more]).toEqual([1, 2, 3, 4, 5]);
    await j.close();
    await expect(j.append({})).rejects.toThrow(/closed/);

    const again = await openJournal();
    expect(again.lastSeq).toBe(5);
    expect(await again.append({ kind: 'd' })).toBe(6);
    const entries = (await collect(again.readFrom(null))).map((r) => r.entry);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(entries[1]).toMatchObject({ seq: 2, kind: 'b' });
    expect(entries[1]?.at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('group commit: 200 concurrent appends share a handful of syncs', async () => {
    const { fs, syncs } = faultyFs();
    const j = await openJournal({ fs });
    const before = syncs();
    const seqs = await Promise.all(Array.from({ length: 200 }, (_, i) => j.append({ i })));
    expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(syncs() - before).toBeLessThanOrEqual(2);

    // Appends arriving while a sync is in flight wait for it, then go out together.
    const waves: Promise<number>[] = [];
    const feed = (n: number): void => {
      if (n === 0) return;
      waves.push(j.append({ n }));
      setImmediate(() => feed(n - 1));
    };
    const mid = syncs();
    feed(300);
    await vi.waitFor(() => expect(waves).toHaveLength(300));
    await Promise.all(waves);
    expect(syncs() - mid).toBeLessThan(300);
    expect((await collect(j.readFrom(null))).length).toBe(500);
  });

  it('cuts a torn tail on open and keeps every complete line', async () => {
    const j = await openJournal();
    for (let i = 0; i < 3; i++) await j.append({ i });
    const name = j.position().file;
    await j.close();
    const file = join(dir, name);
    const good = await fsp.readFile(file, 'utf8');
    const torn = 'garbage\n{"seq":4,"at":"2024-';
    await fsp.appendFile(file, torn);

    const again = new Journal({ dir, timeZone: 'UTC', log: quiet });
    journals.push(again);
    const report = await again.open();
    expect(report.lastSeq).toBe(3);
    expect(report.repaired).toEqual([
      { file: name, offset: Buffer.byteLength(good), bytes: torn.length, preview: torn },
    ]);
    expect(await fsp.readFile(file, 'utf8')).toBe(good);
    expect(await again.append({ i: 3 })).toBe(4);
    expect((await collect(again.readFrom(null))).map((r) => r.entry.i)).toEqual([0, 1, 2, 3]);
  });

  it('reports what it cut, NUL-filled tails included', async () => {
    const j = await openJournal();
    await j.append({ i: 0 });
    await j.close();
    const name = (await j.days())[0] + '.jsonl';
    const file = join(dir, name);
    const size = (await fsp.stat(file)).size;
    await fsp.appendFile(file, Buffer.alloc(100));
    const warn = vi.fn();
    const r = new Journal({ dir, timeZone: 'UTC', log: { warn } });
    journals.push(r);
    const report = await r.open();
    expect(report.lastSeq).toBe(1);
    expect(report.repaired).toEqual([{ file: name, offset: size, bytes: 100, preview: '\0'.repeat(100) }]);
    expect(report.position).toEqual({ file: name, offset: size });
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('skips and reports an unparsable line in the middle without deleting it', async () => {
    const j = await openJournal();
    await j.append({ i: 0 });
    const file = join(dir, j.position().file);
    await j.close();
    await fsp.appendFile(file, `not json\n{"seq":2,"at":"${new Date().toISOString()}","i":1}\n`);
    const warn = vi.fn();
    const again = await openJournal({ log: { warn } });
    expect(warn).not.toHaveBeenCalled();
    await again.append({ i: 2 });
    const seqs = (await collect(again.readFrom(null))).map((r) => r.entry.seq);
    expect(seqs).toEqual([1, 2, 3]);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ preview: 'not json' }), expect.any(String));
    expect(await fsp.readFile(file, 'utf8')).toContain('not json\n');
  });

  it('rotates by day in the configured zone and readFrom resumes exactly after a checkpoint', async () => {
    let now = new Date('2024-03-01T23:59:58Z');
    const j = await openJournal({ now: () => now });
    await j.append({ n: 1 });
    await j.append({ n: 2 });
    const checkpoint: JournalPosition = j.position();
    await j.append({ n: 3 });
    now = new Date('2024-03-02T00:00:01Z');
    await j.append({ n: 4 });
    const [, r5] = await Promise.all([j.append({ n: 5 }), j.append({ n: 6 })]);
    expect(r5).toBe(6);
    expect(await j.days()).toEqual(['2024-03-01', '2024-03-02']);

    const rest = await collect(j.readFrom(checkpoint));
    expect(rest.map((r) => r.entry.n)).toEqual([3, 4, 5, 6]);
    const afterFour = rest[1]?.position as JournalPosition;
    expect(afterFour.file).toBe('2024-03-02.jsonl');
    expect((await collect(j.readFrom(afterFour))).map((r) => r.entry.n)).toEqual([5, 6]);
    expect(await collect(j.readFrom(j.position()))).toEqual([]);
    expect(rest.at(-1)?.position).toEqual(j.position());

    // A clock stepping back never reopens yesterday's file: file order stays seq order.
    now = new Date('2024-03-01T23:59:59Z');
    await j.append({ n: 7 });
    expect((await collect(j.readDay('2024-03-02'))).map((r) => r.entry.n)).toEqual([4, 5, 6, 7]);

    await j.close();
    const reader = await openJournal({ now: () => now });
    expect((await collect(reader.readFrom(checkpoint))).map((r) => r.entry.n)).toEqual([3, 4, 5, 6, 7]);
  });

  it('a batch spanning midnight lands in both files; the zone decides the day', async () => {
    let now = new Date('2024-03-01T15:59:59Z'); // 23:59:59 in Shanghai
    const j = await openJournal({ timeZone: 'Asia/Shanghai', now: () => now });
    const a = j.append({ n: 1 });
    now = new Date('2024-03-01T16:00:00Z');
    const b = j.append({ n: 2 });
    expect(await Promise.all([a, b])).toEqual([1, 2]);
    expect(await j.days()).toEqual(['2024-03-01', '2024-03-02']);
    expect((await collect(j.readDay('2024-03-02'))).map((r) => r.entry.seq)).toEqual([2]);
  });

  it.each([
    ['write', 'ENOSPC'],
    ['sync', 'EIO'],
  ] as const)(
    'a failed %s rejects the whole batch; later appends work and no rejected line remains',
    async (what, code) => {
      const { fs, fail } = faultyFs();
      const j = await openJournal({ fs });
      await j.append({ ok: 1 });
      await j.append({ ok: 2 });
      fail[what] = code;
      const batch = await Promise.allSettled([
        j.append({ bad: 1 }),
        j.append({ bad: 2 }),
        j.append({ bad: 3 }),
      ]);
      expect(batch.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
      expect(batch[0]).toMatchObject({ reason: { code } });
      delete fail[what];
      expect(await j.append({ ok: 3 })).toBe(3);
      const entries = (await collect(j.readFrom(null))).map((r) => r.entry);
      expect(entries.map((e) => [e.seq, e.ok])).toEqual([
        [1, 1],
        [2, 2],
        [3, 3],
      ]);
      const text = await fsp.readFile(join(dir, j.position().file), 'utf8');
      expect(text.split('\n')).toHaveLength(4);
    },
  );
});
