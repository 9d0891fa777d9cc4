/**
 * `serve` with nothing configured prints: the demo's printer 「演示打印机」 is in the status, the
 * demo's accepted orders print on it, and each ticket lands in the data folder's `printed/`.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeskStatus } from '../../shared/api.js';
import type { PrintJobView } from '../../shared/printing.js';
import { tempDir } from '../support/helpers.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('the demo prints', () => {
  it('prints the demo orders on 「演示打印机」 and keeps the tickets in printed/', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const data = join(dir, 'data');
    const serve: ServeProcess = await startServe(['--data-dir', data, '--demo-interval', '1']);
    cleanups.push(() => serve.stop());
    const status = await serve.api<DeskStatus>('/api/status');
    expect(status.printers?.map((p) => p.name)).toEqual(['演示打印机']);

    // The demo's first store auto-accepts after a few seconds; wait (bounded) for a printed ticket.
    const confirmed = async (): Promise<PrintJobView[]> => (await serve.rpc<PrintJobView[]>('printJobs')).filter((j) => j.state === 'confirmed');
    await expect.poll(async () => (await confirmed()).length, { timeout: 40_000, interval: 250 }).toBeGreaterThan(0);
    const printed = await confirmed();
    expect(printed[0]).toMatchObject({ printer: '演示打印机', reason: 'accepted' });
    expect((await readdir(join(data, 'printed'))).length).toBeGreaterThan(0);
  }, 90_000);
});
