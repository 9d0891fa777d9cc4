/**
 * `serve` killed (SIGKILL) while its print queue is busy, then started again: every accepted
 * order's kitchen ticket comes out, none twice — except the one ticket that may have been on its
 * way at the kill, which prints again marked 「补打」 (printing/README.md, the crash rule).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../../shared/order.js';
import type { PrintJobView } from '../../shared/printing.js';
import { MeituanSandbox } from '../../electron/core/platforms/meituan/sandbox.js';
import { VirtualPrinter } from '../../electron/core/printing/virtual-printer.js';
import { tempDir } from '../support/helpers.js';
import { decodeEscPos } from '../support/escpos/decode.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';

const SIGN_KEY = 'printCrashKey001';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The ticket's order line (platform and pickup number) and whether it is marked 补打. */
const read = (bytes: Buffer): { head: string; reprint: boolean } => {
  const lines = decodeEscPos(bytes).lines.map((l) => l.text.trim());
  return { head: lines.find((l) => l.startsWith('美团 #')) ?? '', reprint: lines.includes('补打') };
};

describe('serve killed mid-queue', () => {
  it('prints every accepted order after the restart, none twice unless marked 补打', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const printer = await new VirtualPrinter().start();
    cleanups.push(() => printer.stop());
    let receiverUrl = '';
    // No re-push: what was not answered before the kill stays unanswered.
    const sandbox = new MeituanSandbox({ developerId: '100001', signKey: SIGN_KEY, receiverUrl: () => receiverUrl, retryDelaysMs: [], duplicateRate: 0, pushTimeoutMs: 3000 });
    await sandbox.start();
    cleanups.push(() => sandbox.stop());
    const config = join(dir, 'config.json');
    await writeFile(
      config,
      JSON.stringify({
        meituan: { developerId: '100001', signKey: SIGN_KEY, apiBase: sandbox.baseUrl, authBase: sandbox.baseUrl },
        stores: [{ id: 'store-1', name: '湘北人家' }],
        printers: [{ name: '后厨', type: 'network', host: '127.0.0.1', port: printer.port, tickets: ['kitchen'] }],
      }),
    );
    const args = ['--config', config, '--data-dir', join(dir, 'data')];
    let serve: ServeProcess = await startServe(args);
    cleanups.push(() => serve.stop('SIGKILL'));
    receiverUrl = serve.ready.receiver;

    // Kill the moment the 4th ticket reaches the printer: before the desk hears it printed.
    let killed = false;
    printer.on('job', () => {
      if (printer.jobs.length === 4 && !killed) {
        killed = true;
        serve.child.kill('SIGKILL');
      }
    });
    const ids: string[] = [];
    for (let i = 0; i < 16; i++) ids.push(await sandbox.pushNewOrder('store-1'));
    // Accepted in the merchant app: sixteen confirmed pushes at once, the queue fills up.
    await Promise.all(ids.map((id) => sandbox.confirmFromMerchantApp(id).catch(() => undefined)));
    await printer.waitForJobs(4);
    expect(killed).toBe(true);
    await serve.stop('SIGKILL');

    serve = await startServe(args);
    const { orders } = await serve.api<{ orders: Order[] }>('/api/orders');
    const accepted = orders.filter((o) => o.status === 'accepted');
    expect(accepted.length).toBeGreaterThanOrEqual(4);
    // Wait (bounded) until every job of the day is confirmed.
    const deadline = Date.now() + 20_000;
    let jobs: PrintJobView[];
    for (;;) {
      jobs = await serve.rpc<PrintJobView[]>('printJobs');
      if (jobs.length >= accepted.length && jobs.every((j) => j.state === 'confirmed')) break;
      if (Date.now() > deadline) throw new Error(`jobs not all printed: ${JSON.stringify(jobs.map((j) => [j.id, j.state]))}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(jobs.map((j) => j.id).sort()).toEqual(accepted.map((o) => `${o.key}|kitchen|accepted`).sort());

    const printed = printer.jobs.map((j) => read(j.bytes));
    let twice = 0;
    for (const o of accepted) {
      const copies = printed.filter((t) => t.head === `美团 #${o.daySeq}`);
      expect(copies.length, o.orderIdView).toBeGreaterThanOrEqual(1);
      expect(copies.length, o.orderIdView).toBeLessThanOrEqual(2);
      if (copies.length === 2) {
        twice++;
        expect(copies[0]?.reprint).toBe(false);
        expect(copies[1]?.reprint).toBe(true);
      }
    }
    expect(twice).toBeLessThanOrEqual(1);
    // Nothing printed that is not an accepted order's ticket.
    expect(printed.length).toBe(accepted.length + twice);
  });
});
