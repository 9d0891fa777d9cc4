/**
 * Vitest global setup: tags every process the test run starts (the tag is inherited through the
 * environment by workers, `serve` children and the browser), and at the end kills any tagged
 * process still running — a test that failed before its own clean-up leaves nothing behind.
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';

const TAG = 'WAIMAI_TEST_RUN';

export function setup(): void {
  process.env[TAG] ??= `${process.pid}-${randomUUID().slice(0, 8)}`;
}

/** Pids whose environment carries this run's tag (Linux /proc; elsewhere none are found). */
async function tagged(tag: string): Promise<number[]> {
  const needle = Buffer.from(`\0${TAG}=${tag}\0`);
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return pids;
  }
  for (const name of entries) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const env = Buffer.concat([Buffer.from([0]), await readFile(`/proc/${pid}/environ`)]);
      if (!env.includes(needle)) continue;
      // Vitest's own workers (our direct children) are its to end.
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) pids.push(pid);
    } catch {
      // Gone already, or not ours to read.
    }
  }
  return pids;
}

export async function teardown(): Promise<void> {
  const tag = process.env[TAG];
  if (!tag) return;
  const left = await tagged(tag);
  for (const pid of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Exited meanwhile.
    }
  }
  if (left.length > 0) console.warn(`test run: killed ${left.length} process(es) a test left running (${left.join(', ')})`);
}
