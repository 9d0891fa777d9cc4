/**
 * The one place the print queue asks for a ticket's bytes and picture. Today a plain stand-in
 * drawn with receiptline (order number, items, note, the reprint mark); the full tickets
 * (tickets/) replace the body of `renderJob` when they land, and nothing else changes.
 */
import receiptline from 'receiptline';
import type { Order } from '../../../shared/order.js';
import type { PaperWidth, PrintingSettings, TicketKind } from '../../../shared/printing.js';

export interface RenderInput {
  /** null: a test page. */
  order: Order | null;
  ticket: TicketKind;
  width: PaperWidth;
  settings: PrintingSettings;
  copies: number;
  /** Printed big at the top when set: 「补打」 for a ticket printed again (after a crash, a paper jam, staff asking). */
  mark?: string;
  /** Test page: the printer's name. */
  printerName?: string;
}

export interface Rendered {
  /** ESC/POS, every copy, each ending with a cut. */
  bytes: Buffer;
  svg: string;
  /** For a spooler's queue and the logs: 「#12 后厨联」. */
  title: string;
}

export const TICKET_WORDS: Record<TicketKind, string> = { kitchen: '后厨联', customer: '顾客联', cancel: '取消单' };

/** Characters a line holds: 58 mm → 32, 80 mm → 48. */
export const cplOf = (width: PaperWidth): number => (width === 58 ? 32 : 48);

function esc(text: string): string {
  // receiptline's markup characters, printed as text.
  return text.replace(/[\\|{}~_"`^]/g, (c) => `\\${c}`).replace(/\n/g, ' ');
}

function document(input: RenderInput): { doc: string; title: string } {
  const { order, ticket } = input;
  const lines: string[] = [];
  if (input.mark) lines.push(`^^^${esc(input.mark)}`);
  if (!order) {
    lines.push(`^^打印测试`, `打印机：${esc(input.printerName ?? '')}`, `纸宽：${input.width} mm`, '---', '中文 ABC 123 ¥', '---');
    return { doc: lines.join('\n') + '\n', title: `打印测试 ${input.printerName ?? ''}`.trim() };
  }
  const no = order.daySeq !== null ? `#${order.daySeq}` : order.orderIdView;
  lines.push(`^^${esc(no)} ${TICKET_WORDS[ticket]}`, esc(order.storeName), `订单号：${esc(order.orderIdView)}`);
  if (order.preOrder && order.deliveryTime) lines.push(`^预订单 ${esc(order.deliveryTime)}`);
  lines.push('---');
  if (ticket === 'cancel') lines.push('^^^此单已取消，请停止制作', '---');
  for (const it of order.items) {
    const name = [it.name, it.spec, ...it.attributes].filter(Boolean).join(' ');
    lines.push(ticket === 'customer' ? `${esc(name)} | x${it.quantity} | ${(it.priceCents * it.quantity / 100).toFixed(2)}` : `^${esc(name)} | ^x${it.quantity}`);
  }
  lines.push('---');
  if (order.note) lines.push(`^备注：${esc(order.note)}`);
  if (ticket === 'customer') {
    lines.push(`实付 | ${(order.totalCents / 100).toFixed(2)}`);
    const footer = input.settings.customer.footer;
    if (footer) lines.push(esc(footer));
  }
  return { doc: lines.join('\n') + '\n', title: `${no} ${TICKET_WORDS[ticket]}` };
}

export function renderJob(input: RenderInput): Rendered {
  const { doc, title } = document(input);
  const cpl = cplOf(input.width);
  const one = Buffer.from(receiptline.transform(doc, { command: 'escpos', encoding: 'gb18030', cpl, cutting: true }), 'binary');
  const copies = Math.max(1, Math.min(5, input.copies));
  const bytes = Buffer.concat(Array.from({ length: copies }, () => one));
  const svg = receiptline.transform(doc, { command: 'svg', encoding: 'gb18030', cpl });
  return { bytes, svg, title };
}

/** A made-up order for previews and the settings screen: every field a ticket shows. */
export function sampleOrder(day: string): Order {
  const item = (name: string, quantity: number, priceCents: number, spec = '', attributes: string[] = []) => ({
    name,
    quantity,
    priceCents,
    spec,
    attributes,
    boxCount: 1,
    boxPriceCents: 100,
    sku: '',
    bag: 0,
  });
  const at = `${day}T12:00:00.000+08:00`;
  return {
    key: 'sample:1',
    platform: 'meituan',
    orderId: '2701234567890123456',
    orderIdView: '2701234567890123456',
    storeId: 'sample',
    storeName: '湘北人家（示例门店）',
    daySeq: 12,
    status: 'accepted',
    refund: null,
    items: [item('宫保鸡丁', 1, 3200, '大份', ['微辣']), item('米饭', 2, 200), item('酸梅汤', 1, 800, '', ['少冰'])],
    totalCents: 4600,
    originalCents: 5200,
    shippingFeeCents: 500,
    receivableCents: 3900,
    note: '不要香菜，多放辣',
    customer: { name: '王先生', phone: '138****0000', address: '长沙市岳麓区示例路 1 号 2 栋 301', addressGeo: '', latitude: null, longitude: null },
    deliveryTime: null,
    preOrder: false,
    pickup: false,
    delivery: null,
    facts: null,
    promotion: null,
    flags: [],
    businessDay: day,
    createdAt: at,
    updatedAt: at,
    attention: null,
    acknowledgedAt: null,
    autoAccept: null,
    reminder: null,
    events: [],
    raw: {},
  };
}
