/**
 * One ReceiptLine document → the printer's bytes (ESC/POS, GB18030), a picture (SVG) and plain
 * text, all from the same lines so the preview is what prints.
 */
import { commands, transform, type Printer } from 'receiptline';
import type { Order } from '../../../../shared/order.js';
import type { PaperWidth, TicketKind } from '../../../../shared/printing.js';
import { assertNever } from '../../../../shared/util.js';
import { CPL } from './layout.js';
import { cancelDoc, customerDoc, kitchenDoc, type TemplateContext } from './templates.js';

export interface RenderedTicket {
  /** The ReceiptLine document. */
  doc: string;
  /** What the printer gets: ESC/POS, text in GB18030, ending with a cut. */
  escpos: Buffer;
  /** The same ticket as a picture, for previews. */
  svg: string;
  /** The same ticket as plain text (logs, quick looks). */
  text: string;
}

export interface TicketContext extends Omit<TemplateContext, 'now'> {
  /** The clock for 今天/明天 and the print time; default now. */
  now?: Date;
}

/** ESC/POS QR code, native (GS ( k): model 2, cell size, error level, store, print. */
function nativeQr(symbol: { data: string; cell: number; level: 'l' | 'm' | 'q' | 'h' }): string {
  if (symbol.data.length === 0) return '';
  const data = Buffer.from(symbol.data, 'utf8').toString('latin1');
  const k = data.length + 3;
  const level = { l: 48, m: 49, q: 50, h: 51 }[symbol.level];
  const b = (...n: number[]): string => String.fromCharCode(...n);
  return (
    '\x1d(k' + b(4, 0, 49, 65, 50, 0) +
    '\x1d(k' + b(3, 0, 49, 67, symbol.cell) +
    '\x1d(k' + b(3, 0, 49, 69, level) +
    '\x1d(k' + b(k & 255, k >> 8, 49, 80, 48) + data +
    '\x1d(k' + b(3, 0, 49, 81, 48)
  );
}

/**
 * The printer command set: ReceiptLine's generic ESC/POS (binary parameters, raster images
 * with GS v 0 — what the common Chinese 58/80 mm printers understand), with the QR code sent
 * as the printer's own QR command so the printer draws it sharp and the order id travels as text.
 */
export const ESC_POS_COMMANDS = Object.assign({}, commands.generic, { qrcode: nativeQr });

function printer(width: PaperWidth, command: Printer['command']): Printer {
  return { cpl: CPL[width], encoding: 'gb18030', cutting: true, spacing: false, command };
}

/** A finished document in all three forms. */
export function renderDoc(lines: readonly string[], width: PaperWidth): RenderedTicket {
  const doc = lines.join('\n');
  return {
    doc,
    escpos: Buffer.from(transform(doc, printer(width, ESC_POS_COMMANDS)), 'latin1'),
    svg: transform(doc, printer(width, 'svg')),
    text: transform(doc, printer(width, 'text')),
  };
}

/** The lines of one ticket (no rendering): for tests and the benchmark. */
export function ticketLines(order: Order, kind: TicketKind, ctx: TicketContext): string[] {
  const full: TemplateContext = { ...ctx, now: ctx.now ?? new Date() };
  switch (kind) {
    case 'kitchen':
      return kitchenDoc(order, full);
    case 'customer':
      return customerDoc(order, full);
    case 'cancel':
      return cancelDoc(order, full);
    default:
      return assertNever(kind, 'ticket kind');
  }
}

/** One ticket for one order: the document, the printer's bytes, the picture and the text. */
export function renderTicket(order: Order, kind: TicketKind, ctx: TicketContext): RenderedTicket {
  return renderDoc(ticketLines(order, kind, ctx), ctx.width);
}
