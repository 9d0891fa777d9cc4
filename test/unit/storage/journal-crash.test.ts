import { spawn, type ChildProcess } from 'node:child_process';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Journal } from '../../../electron/core/storage/journal.js';

const fixture = fileURLToPath(new URL('../../fixtures/store/journal-append-loop.ts', import.meta.url));
let dir: string;
let child: ChildProcess | null = null;

beforeEach(async () => {
  dir = await fsp.mkdtemp(join(tmpdir(), 'waimai-crash-'));
});
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = null;
  await fsp.rm(dir, { recursive: true, force: true });
});

/** Runs the appender until it has acknowledged `atLeast` seqs, SIGKILLs it, returns what it printed. */
function runAndKill(atLeast: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', fixture, dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    const acked: number[] = [];
    let out = '';
    let err = '';
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const lines = out.split('\n');
      out = lines.pop() ?? '';
      for (const line of lines) acked.push(Number(line));
      if (acked.length >= atLeast && proc.signalCode === null) proc.kill('SIGKILL');
    });
    proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    proc.on('error', reject);
    // 'close' comes after stdout has ended, so every printed seq has been seen.
    proc.on('close', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`appender exited (code ${code}) before being killed: ${err}`));
    });
  });
}

it('every seq acknowledged before a SIGKILL is on disk exactly once, across repeated crashes', async () => {
  const everAcked = new Set<number>();
  for (let round = 1; round <= 3; round++) {
    const acked = await runAndKill(round * 1000);
    expect(acked.length).toBeGreaterThan(0);
    for (const seq of acked) everAcked.add(seq);

    const journal = new Journal({ dir, timeZone: 'UTC', log: { warn: () => undefined } });
    const report = await journal.open();
    const seqs: number[] = [];
    for await (const { entry } of journal.readFrom(null)) seqs.push(entry.seq);
    await journal.close();

    // Strictly increasing from 1 with no gaps: no duplicates, nothing lost in the middle.
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(report.lastSeq).toBe(seqs.length);
    const onDisk = new Set(seqs);
    const missing = [...everAcked].filter((seq) => !onDisk.has(seq));
    expect(missing).toEqual([]);
  }
});
