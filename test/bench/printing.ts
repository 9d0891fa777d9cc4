/**
 * Printing's speed: from the moment an order becomes accepted (the desk's `order-changed`) to
 * the kitchen ticket's last byte at a network printer (the virtual printer on loopback), through
 * the real desk — journal the job, render the ticket, journal "sent", TCP, status check. The
 * baseline, in the same run: a raw TCP write of the same ticket bytes to the same printer.
 * Orders one at a time (a steady trickle, not a rush: a printer prints one ticket at a time anyway).
 *
 * Alone: `npx tsx test/bench/printing.ts` (or `npm run bench -- --only-printing`).
 */
import { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { VirtualPrinter } from '../../electron/core/printing/virtual-printer.js';
import { startFixture } from '../support/desk-fixture.js';
import { decodeEscPos } from '../support/escpos/decode.js';

export interface PrintingBench {
  orders: number;
  accept: { p50: number; p95: number };
  raw: { p50: number; p95: number };
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

export async function printingBench(orders = 60): Promise<PrintingBench> {
  const printer = await new VirtualPrinter().start();
  const fx = await startFixture({
    config: () => ({ printers: [{ name: '后厨', type: 'network', host: '127.0.0.1', port: printer.port, width: 80, tickets: ['kitchen'], copies: 1 }] }),
    printing: { statusPollMs: 60_000 },
  });
  const acceptedAt = new Map<number, number>();
  const printedAt = new Map<number, number>();
  let sample: Buffer | null = null;
  const waiting = new Map<number, () => void>();
  fx.desk.on('order-changed', ({ order, previousStatus }) => {
    if (order.status === 'accepted' && previousStatus !== 'accepted' && order.daySeq !== null && !acceptedAt.has(order.daySeq)) acceptedAt.set(order.daySeq, performance.now());
  });
  printer.on('job', (job) => {
    const t = performance.now();
    sample ??= job.bytes;
    const head = decodeEscPos(job.bytes).lines.map((l) => l.text.trim()).find((l) => l.startsWith('美团 #'));
    const seq = head ? Number(head.slice('美团 #'.length)) : NaN;
    printedAt.set(seq, t);
    waiting.get(seq)?.();
  });
  try {
    // Warm-up: JIT, first files, the first connection.
    for (let i = 0; i < 5 + orders; i++) {
      const before = printer.jobs.length;
      await fx.sandbox.pushNewOrder('store-1');
      await printer.waitForJobs(before + 1, 20_000);
    }
    const accept: number[] = [];
    for (const [seq, at] of acceptedAt) {
      const done = printedAt.get(seq);
      if (done !== undefined && seq > 5) accept.push(done - at);
    }
    // Baseline: the same bytes, written raw to the same printer, one connection per ticket.
    const raw: number[] = [];
    const bytes = sample ?? Buffer.alloc(0);
    for (let i = 0; i < orders; i++) {
      const before = printer.jobs.length;
      const start = performance.now();
      const arrived = printer.waitForJobs(before + 1, 20_000);
      const socket = new Socket();
      socket.on('error', () => undefined);
      socket.connect(printer.port, '127.0.0.1', () => socket.end(bytes));
      await arrived;
      raw.push(performance.now() - start);
      socket.destroy();
    }
    return { orders: accept.length, accept: { p50: pct(accept, 50), p95: pct(accept, 95) }, raw: { p50: pct(raw, 50), p95: pct(raw, 95) } };
  } finally {
    await fx.close();
    await printer.stop();
  }
}

export async function printPrintingBench(): Promise<void> {
  const r = await printingBench();
  const f = (n: number): string => n.toFixed(1);
  console.log(`\nPrinting (${r.orders} orders, one at a time, kitchen ticket on a loopback network printer)`);
  console.log('| measure | p50 ms | p95 ms | ×baseline (p95) |');
  console.log('|---|---:|---:|---:|');
  console.log(`| raw TCP write of the same ticket bytes → at the printer (baseline) | ${f(r.raw.p50)} | ${f(r.raw.p95)} | 1.00 |`);
  console.log(`| accept → bytes at the printer (journal the job, render, journal sent, TCP) | ${f(r.accept.p50)} | ${f(r.accept.p95)} | ${(r.accept.p95 / r.raw.p95).toFixed(2)} |`);
  console.log(`${r.accept.p95 < 500 ? 'PASS' : 'MISS'}  accept → bytes at the printer p95 < 500 ms: ${f(r.accept.p95)} ms`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void printPrintingBench().then(() => process.exit(0));
}
