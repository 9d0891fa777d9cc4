/**
 * Tickets rendered per second (80 mm, kitchen and customer; ESC/POS bytes and the SVG picture),
 * against ReceiptLine alone turning the very same finished document into the same form, in the
 * same run. The baseline is the floor for this design: every ticket has to go through
 * ReceiptLine once, so the ratio is what our part (reading the order, words, escaping customer
 * text, building the document) adds on top of it.
 *
 * Runs inside `npm run bench`, or alone: `npm run bench -- --only-tickets`, or
 * `npx tsx test/bench/tickets.ts`.
 */
import { pathToFileURL } from 'node:url';
import { DEFAULT_PRINTING } from '../../electron/core/printing/schemas.js';
import { renderTicket, ticketLines, toEscPos, toSvg, type TicketContext } from '../../electron/core/printing/tickets/index.js';
import type { TicketKind } from '../../shared/printing.js';
import { meituanFull } from '../support/escpos/orders.js';

export interface TicketBenchRow {
  name: string;
  perSecond: number;
  /** This row's rate over its baseline's (the same form from a finished document); 1 for baselines. */
  vsBaseline: number;
}

/** Calls per second of `fn`, over about `ms` after a warm-up. */
function rate(fn: () => unknown, ms: number): number {
  for (let i = 0; i < 50; i++) fn();
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < ms) {
    for (let i = 0; i < 20; i++) fn();
    n += 20;
    t = performance.now();
  }
  return n / ((t - t0) / 1000);
}

export function ticketsBench(ms = 1500): TicketBenchRow[] {
  const order = meituanFull({ deliveryTime: '2026-12-03T04:30:00.000Z', preOrder: true });
  const now = new Date('2026-12-02T05:00:00Z');
  const ctx = (kind: TicketKind): TicketContext => ({ width: 80, settings: DEFAULT_PRINTING[kind], storeName: '湘北人家(人民南路店)', timeZone: 'Asia/Shanghai', now });
  const rows: TicketBenchRow[] = [];
  for (const kind of ['kitchen', 'customer'] as const) {
    const doc = ticketLines(order, kind, ctx(kind)).join('\n');
    for (const [form, finish] of [['ESC/POS', toEscPos], ['SVG', toSvg]] as const) {
      // Interleaved rounds, best of three each: a shared machine's noise hits both sides alike.
      let base = 0;
      let ours = 0;
      for (let round = 0; round < 3; round++) {
        base = Math.max(base, rate(() => finish(doc, 80), ms / 3));
        ours = Math.max(ours, rate(() => finish(ticketLines(order, kind, ctx(kind)).join('\n'), 80), ms / 3));
      }
      rows.push({ name: `baseline: ReceiptLine alone, the finished ${kind} document → ${form}`, perSecond: base, vsBaseline: 1 });
      rows.push({ name: `${kind} ticket from the order → ${form}`, perSecond: ours, vsBaseline: ours / base });
    }
  }
  const all = rate(() => renderTicket(order, 'kitchen', ctx('kitchen')), ms);
  rows.push({ name: 'kitchen ticket, all three forms (renderTicket: ESC/POS + SVG + text)', perSecond: all, vsBaseline: Number.NaN });
  return rows;
}

export function printTickets(ms = 1500): void {
  console.log('\nTickets rendered per second (80 mm, Meituan fixture order, one core)');
  const rows = ticketsBench(ms);
  console.log('| what | tickets/s | ×baseline |');
  console.log('|---|---:|---:|');
  for (const r of rows) console.log(`| ${r.name} | ${r.perSecond.toFixed(0)} | ${Number.isFinite(r.vsBaseline) ? r.vsBaseline.toFixed(2) : ''} |`);
  const slowest = Math.min(...rows.map((r) => r.perSecond));
  // A rush is a few orders a minute per shop; a ticket in ≤ 10 ms leaves the counter untouched.
  console.log(`${slowest >= 100 ? 'PASS' : 'MISS'}  every ticket form ≥ 100/s (≤ 10 ms a ticket): slowest ${slowest.toFixed(0)}/s`);
  const ours = rows.filter((r) => Number.isFinite(r.vsBaseline) && r.vsBaseline !== 1);
  const worst = Math.min(...ours.map((r) => r.vsBaseline));
  console.log(`${worst >= 0.5 ? 'PASS' : 'MISS'}  our part (order → document) costs no more than ReceiptLine's own (≥ 0.50× its rate): worst ${worst.toFixed(2)}×`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printTickets();
