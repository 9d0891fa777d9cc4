/**
 * The one place the print queue asks for a ticket's bytes and picture: the ticket templates
 * (tickets/) for one job on one printer — its width, its copies, the 「补打」 mark when the
 * ticket may have printed before.
 */
import type { Order } from '../../../shared/order.js';
import type { PaperWidth, PrintingSettings, TicketKind } from '../../../shared/printing.js';
import { renderTestPage, renderTicket, sampleOrder as ticketSample } from './tickets/index.js';

export interface RenderInput {
  /** null: a test page. */
  order: Order | null;
  ticket: TicketKind;
  width: PaperWidth;
  settings: PrintingSettings;
  copies: number;
  timeZone: string;
  /** Print it marked 「补打」: printed again (staff asked, or it may have printed before a crash or a fault). */
  reprint?: boolean;
  /** Test page: the printer's name. */
  printerName?: string;
  now?: Date;
}

export interface Rendered {
  /** ESC/POS, every copy, each ending with a cut. */
  bytes: Buffer;
  svg: string;
  /** For a spooler's queue and the logs: 「#12 后厨联」. */
  title: string;
}

export const TICKET_WORDS: Record<TicketKind, string> = { kitchen: '后厨联', customer: '顾客联', cancel: '取消单' };

export function renderJob(input: RenderInput): Rendered {
  const { order } = input;
  const now = input.now ?? new Date();
  if (!order) {
    const page = renderTestPage(input.printerName ?? '', input.width, { now, timeZone: input.timeZone });
    return { bytes: page.escpos, svg: page.svg, title: `打印测试 ${input.printerName ?? ''}`.trim() };
  }
  const total = Math.max(1, Math.min(5, input.copies));
  const copies = Array.from({ length: total }, (_, index) =>
    renderTicket(order, input.ticket, {
      width: input.width,
      settings: input.settings[input.ticket],
      storeName: order.storeName,
      timeZone: input.timeZone,
      now,
      ...(total > 1 ? { copy: { index: index + 1, total } } : {}),
      ...(input.reprint ? { reprint: true } : {}),
    }),
  );
  const no = order.daySeq !== null ? `#${order.daySeq}` : order.orderIdView;
  return { bytes: Buffer.concat(copies.map((c) => c.escpos)), svg: copies[0]!.svg, title: `${no} ${TICKET_WORDS[input.ticket]}` };
}

/** A made-up order for previews: every field a ticket shows. */
export const sampleOrder = (now: Date): Order => ticketSample(now);
