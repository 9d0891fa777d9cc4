/**
 * Tickets as the printer would print them: each template rendered to ESC/POS and read back with
 * the test decoder (sizes, inversion, QR data, the cut), from orders the platforms' own
 * normalizers made out of captured and realistic pushes.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRINTING } from '../../../electron/core/printing/schemas.js';
import { renderTestPage, renderTicket, sampleOrder, type TicketContext } from '../../../electron/core/printing/tickets/index.js';
import type { Order } from '../../../shared/order.js';
import { PAPER_WIDTHS, TICKET_FIELDS, type PaperWidth, type TicketField, type TicketKind, type TicketTemplateSettings } from '../../../shared/printing.js';
import { decodeEscPos, findLine, type Decoded, type Line } from '../../support/escpos/decode.js';
import { elemeFull, meituanCashCapture, meituanFull } from '../../support/escpos/orders.js';

const TZ = 'Asia/Shanghai';
/** 2026-12-02 13:00 in Shanghai. */
const NOW = new Date('2026-12-02T05:00:00Z');
/** Tomorrow 12:30 in Shanghai. */
const TOMORROW_1230 = '2026-12-03T04:30:00.000Z';
const CPL: Record<PaperWidth, number> = { 58: 32, 80: 48 };

function ctx(kind: TicketKind, width: PaperWidth, settings: Partial<TicketTemplateSettings> = {}, extra: Partial<TicketContext> = {}): TicketContext {
  return { width, settings: { ...DEFAULT_PRINTING[kind], ...settings }, storeName: '湘北人家(人民南路店)', timeZone: TZ, now: NOW, ...extra };
}

function printed(order: Order, kind: TicketKind, width: PaperWidth, settings: Partial<TicketTemplateSettings> = {}, extra: Partial<TicketContext> = {}): Decoded {
  return decodeEscPos(renderTicket(order, kind, ctx(kind, width, settings, extra)).escpos);
}

const squeeze = (s: string): string => s.replace(/\s+/g, '');
/** Everything printed, whitespace dropped: text that wrapped over lines still reads as one. */
const all = (d: Decoded): string => squeeze(d.lines.map((l) => l.text).join(''));
const line = (d: Decoded, needle: string): Line => {
  const l = findLine(d, needle);
  if (!l) throw new Error(`no line with ${JSON.stringify(needle)} in:\n${d.text}`);
  return l;
};
const inverted = (l: Line): boolean => l.segments.some((s) => s.inverted && s.text.trim() !== '');
const rules = (d: Decoded, width: PaperWidth): number => d.lines.filter((l) => l.text === '-'.repeat(CPL[width])).length;
const cuts = (d: Decoded): number => d.items.filter((i) => i.kind === 'cut').length;

/** Meituan's full push as a pre-order for tomorrow 12:30. */
const preOrder = (): Order => meituanFull({ deliveryTime: TOMORROW_1230, preOrder: true });

describe.each(PAPER_WIDTHS)('后厨联 (kitchen) at %i mm', (width) => {
  const d = printed(preOrder(), 'kitchen', width);

  it('shows the platform and pickup number huge, then the pre-order time large and white on black', () => {
    const pickup = line(d, '美团 #7');
    expect(pickup.width).toBeGreaterThanOrEqual(3);
    expect(pickup.height).toBeGreaterThanOrEqual(3);
    expect(d.lines.indexOf(pickup)).toBeLessThan(3);
    expect(all(d)).toContain('预订单明天12:30送达');
    const when = line(d, '明天 12:30');
    expect(when.height).toBeGreaterThanOrEqual(2);
    expect(inverted(when)).toBe(true);
  });

  it('lists every dish with its quantity, spec and attributes large, by bag', () => {
    for (const [dish, qty] of [['小炒黄牛肉', '×2'], ['米饭', '×3']] as const) {
      const l = line(d, `${dish} ${qty}`);
      expect(l.height).toBe(2);
      expect(l.width).toBe(2);
    }
    expect(all(d)).toContain(squeeze('大份 / 中辣 / 微甜'));
    expect(line(d, '大份').height).toBe(2);
    expect(all(d)).toContain('——1号袋——');
    expect(all(d)).toContain('——2号袋——');
    expect(line(d, '餐具 2 份').height).toBe(2);
  });

  it('prints the note loud (large, white on black), the order time and a short order id', () => {
    expect(all(d)).toContain(squeeze('备注：少辣 100%+加醋&不要葱'));
    const note = line(d, '备注：少辣');
    expect(inverted(note)).toBe(true);
    expect(note.height).toBeGreaterThanOrEqual(2);
    expect(all(d)).toContain(squeeze('下单 11-15 06:13'));
    expect(all(d)).toContain('单号…874123');
  });

  it('has no prices, no QR code, and ends with a cut', () => {
    expect(d.text).not.toMatch(/￥|¥|元/);
    expect(d.qr).toEqual([]);
    expect(d.endsWithCut).toBe(true);
    expect(cuts(d)).toBe(1);
  });
});

describe.each(PAPER_WIDTHS)('顾客联 (customer) at %i mm', (width) => {
  it('shows the shop, the pickup number, dishes with quantity and price, the discount and who pays it, the amounts', () => {
    const d = printed(meituanFull(), 'customer', width);
    expect(d.lines[0]!.text).toBe('湘北人家(人民南路店)');
    expect(line(d, '美团 #7').height).toBeGreaterThanOrEqual(3);
    expect(line(d, '小炒黄牛肉 ×2 ￥39.98').height).toBe(2);
    expect(findLine(d, '米饭 ×3 ￥2.10')).toBeDefined();
    expect(findLine(d, '大份 / 中辣 / 微甜')).toBeDefined();
    expect(findLine(d, '餐盒费 ￥1.00')).toBeDefined();
    expect(findLine(d, '满30元减4元 -￥4.00')).toBeDefined();
    expect(findLine(d, '其中平台承担 ￥1.50')).toBeDefined();
    expect(findLine(d, '其中商家承担 ￥2.50')).toBeDefined();
    expect(findLine(d, '原价 ￥30.10')).toBeDefined();
    expect(findLine(d, '配送费 ￥0.30')).toBeDefined();
    const paid = line(d, '实付 ￥25.50');
    expect(paid.height).toBe(2);
    // Paid online: nothing to collect.
    expect(d.text).not.toContain('货到付款');
  });

  it('shows the customer as given: name, the privacy number with its 转 extension, the address; then the note', () => {
    const d = printed(meituanFull(), 'customer', width);
    expect(findLine(d, '顾客：张(先生)')).toBeDefined();
    expect(findLine(d, '电话：13800000000 转 1234')).toBeDefined();
    expect(all(d)).toContain(squeeze('地址：人民南路二段18号 3单元 501'));
    expect(all(d)).toContain(squeeze('备注：少辣 100%+加醋&不要葱'));
    expect(inverted(line(d, '备注：少辣'))).toBe(true);
  });

  it('carries the order id as a QR code, then the footer, then the cut', () => {
    const d = printed(meituanFull(), 'customer', width);
    expect(d.qr).toEqual(['2706190033831874123']);
    expect(findLine(d, '订单号 2706190033831874123')).toBeDefined();
    expect(d.lines.filter((l) => l.text.trim() !== '').at(-1)!.text).toBe('谢谢惠顾，欢迎再次光临');
    expect(d.endsWithCut).toBe(true);
  });

  it('cash on delivery (a real captured push): the amount to collect in big white-on-black letters', () => {
    const d = printed(meituanCashCapture(), 'customer', width);
    expect(all(d)).toContain('货到付款请收￥15.00');
    const collect = line(d, '请收');
    expect(collect.segments.find((s) => s.text.includes('15.00'))).toMatchObject({ inverted: true });
    expect(collect.height).toBeGreaterThanOrEqual(2);
    expect(collect.width).toBeGreaterThanOrEqual(2);
  });

  it('an invoice request (Eleme): title and tax id; the Eleme extension and backup phone as dialled', () => {
    const d = printed(elemeFull(), 'customer', width);
    expect(findLine(d, '需要发票')).toBeDefined();
    expect(all(d)).toContain('抬头：上海湘北餐饮有限公司');
    expect(all(d)).toContain('税号：91310105MA1FW0XXXX');
    expect(findLine(d, '电话：13800138000 转 1234')).toBeDefined();
    expect(findLine(d, '备用：17000000001')).toBeDefined();
    expect(line(d, '饿了么 #7').height).toBeGreaterThanOrEqual(3);
    // Eleme shows no separate view id: the QR carries the order id.
    expect(d.qr).toEqual(['3029851217004929601']);
  });
});

describe.each(PAPER_WIDTHS)('取消单 (cancel) at %i mm', (width) => {
  const cancelled = (over: Partial<Order> = {}): Order =>
    meituanFull({
      status: 'cancelled',
      updatedAt: '2026-12-02T05:10:00.000Z',
      events: [
        { at: '2023-11-14T22:13:20.000Z', type: 'pushed:new', source: 'x', detail: '', seq: 1, status: 'new', fingerprint: 'a' },
        { at: '2026-12-02T05:10:00.000Z', type: 'cancelled', source: 'x', detail: '用户取消：地址填错了', seq: 2, status: 'cancelled', fingerprint: 'b' },
      ],
      ...over,
    });

  it('says 已取消 huge and white on black, the pickup number, the reason, the dishes to stop, the time', () => {
    const d = printed(cancelled(), 'cancel', width);
    const head = line(d, '已取消');
    expect(inverted(head)).toBe(true);
    expect(head.height).toBeGreaterThanOrEqual(3);
    expect(line(d, '美团 #7').height).toBeGreaterThanOrEqual(3);
    expect(all(d)).toContain('原因：用户取消：地址填错了');
    expect(findLine(d, '以下菜品停止制作')).toBeDefined();
    expect(findLine(d, '小炒黄牛肉 ×2')).toBeDefined();
    expect(findLine(d, '米饭 ×3')).toBeDefined();
    expect(findLine(d, '取消 12-02 13:10')).toBeDefined();
    expect(d.text).not.toContain('￥');
    expect(d.endsWithCut).toBe(true);
  });

  it('says 已全额退款 when the whole order was refunded, with the refund reason', () => {
    const d = printed(
      cancelled({ refund: { state: 'agreed', reason: '商品少送', partial: false, amountCents: null, items: [] } }),
      'cancel',
      width,
    );
    expect(inverted(line(d, '已全额退款'))).toBe(true);
    expect(all(d)).toContain('原因：商品少送');
  });
});

describe('settings', () => {
  /** What each field puts on paper, and on which ticket it is seen. */
  const MARKS: Record<TicketField, { kind: TicketKind; order: () => Order; gone: (d: Decoded) => boolean }> = {
    shopName: { kind: 'customer', order: meituanFull, gone: (d) => !d.text.includes('湘北人家(人民南路店)') },
    pickupNumber: { kind: 'kitchen', order: meituanFull, gone: (d) => !d.text.includes('#7') },
    preOrderTime: { kind: 'kitchen', order: preOrder, gone: (d) => !d.text.includes('预订单') && !d.text.includes('12:30') },
    items: { kind: 'kitchen', order: meituanFull, gone: (d) => !d.text.includes('小炒黄牛肉') && !d.text.includes('大份') },
    prices: { kind: 'customer', order: meituanFull, gone: (d) => !d.text.includes('￥39.98') && d.text.includes('小炒黄牛肉') },
    note: { kind: 'kitchen', order: meituanFull, gone: (d) => !d.text.includes('少辣') },
    discounts: { kind: 'customer', order: meituanFull, gone: (d) => !d.text.includes('满30元减4元') && !d.text.includes('承担') },
    amounts: { kind: 'customer', order: meituanFull, gone: (d) => !d.text.includes('实付') && !d.text.includes('配送费') },
    cashToCollect: { kind: 'customer', order: meituanCashCapture, gone: (d) => !d.text.includes('货到付款') },
    invoice: { kind: 'customer', order: elemeFull, gone: (d) => !d.text.includes('发票') && !d.text.includes('91310105MA1FW0XXXX') },
    customer: { kind: 'customer', order: meituanFull, gone: (d) => !d.text.includes('13800000000') && !d.text.includes('人民南路二段') },
    orderQr: { kind: 'customer', order: meituanFull, gone: (d) => d.qr.length === 0 && !d.text.includes('订单号') },
    times: { kind: 'kitchen', order: meituanFull, gone: (d) => !d.text.includes('下单') },
  };

  it.each(TICKET_FIELDS)('hiding %s takes it off the paper and leaves the rest', (field) => {
    const m = MARKS[field];
    expect(m.gone(printed(m.order(), m.kind, 80))).toBe(false);
    const d = printed(m.order(), m.kind, 80, { hidden: [field] });
    expect(m.gone(d)).toBe(true);
    expect(d.endsWithCut).toBe(true);
    expect(d.text).toContain(m.kind === 'kitchen' ? '后厨联' : '顾客联');
  });

  it('the font size scales the main lines: normal, large (double height), huge (double both ways)', () => {
    const dish = (fontSize: TicketTemplateSettings['fontSize']): [number, number] => {
      const l = line(printed(meituanFull(), 'kitchen', 80, { fontSize }), '小炒黄牛肉');
      return [l.width, l.height];
    };
    expect(dish('normal')).toEqual([1, 1]);
    expect(dish('large')).toEqual([1, 2]);
    expect(dish('huge')).toEqual([2, 2]);
  });

  it('the footer is the shop’s words, printed literally', () => {
    const d = printed(meituanFull(), 'kitchen', 58, { footer: '电话 028-8888 8888 | 谢谢' });
    expect(findLine(d, '电话 028-8888 8888 | 谢谢')).toBeDefined();
  });

  it('a reprint says 补打 and a copy its number, so nobody cooks it twice', () => {
    const d = printed(meituanFull(), 'kitchen', 58, {}, { reprint: true, copy: { index: 2, total: 3 } });
    expect(inverted(line(d, '补打'))).toBe(true);
    expect(findLine(d, '后厨联 · 第 2/3 联')).toBeDefined();
    expect(printed(meituanFull(), 'kitchen', 58).text).not.toMatch(/补打|第 \d/);
  });
});

describe('customer text is printed literally, never read as layout', () => {
  const HOSTILE = [
    '{code:https://evil.example; option:qrcode,8,h}',
    '{width:1,1,1}',
    'a|b||c',
    '^^^^^^^shout',
    '---',
    '===',
    '"bold" _under_ `inv` ~tilde~',
    'back\\slash \\x41 \\n \\| \\',
    '; semi',
    '多放辣椒😄😎 吉祥的𠮷',
  ];
  const LONG = '很长的备注'.repeat(40) + 'END';
  const note = [...HOSTILE, `x\x1b@\x1dV\x00y\ttab`, LONG].join('\n');
  const hostile = (): Order =>
    meituanFull({
      note,
      items: [{ name: '---', quantity: 1, priceCents: 100, spec: '|大|', attributes: ['^^辣', '{x:1}'], boxCount: 0, boxPriceCents: 0, sku: '', bag: 0 }],
      customer: { name: '"王"|`先生`', phone: '138_0000', address: '===\\{路}', addressGeo: '', latitude: null, longitude: null },
    });

  it.each(PAPER_WIDTHS)('at %i mm: every hostile line shows as typed, with no extra QR code, rule, size or cut', (width) => {
    for (const kind of ['kitchen', 'customer'] as const) {
      const d = printed(hostile(), kind, width);
      const text = all(d);
      for (const h of HOSTILE) expect(text).toContain(squeeze(h));
      // Control bytes in the note reach the printer as spaces, never as commands.
      expect(text).toContain('x@Vytab');
      expect(text).toContain(squeeze(LONG));
      expect(d.qr).toEqual(kind === 'customer' ? ['2706190033831874123'] : []);
      expect(cuts(d)).toBe(1);
      expect(d.endsWithCut).toBe(true);
      // The same number of rules as a plain note gives.
      expect(rules(d, width)).toBe(rules(printed(meituanFull({ items: hostile().items, customer: hostile().customer }), kind, width), width));
      // Note lines print at the note's size: `^^^^^^^` did not make one bigger.
      const shout = line(d, '^^^^^^^shout');
      expect([shout.width, shout.height]).toEqual(kind === 'kitchen' ? [2, 2] : [1, 2]);
      expect(shout.segments.filter((s) => s.text.trim() !== '').every((s) => s.inverted)).toBe(true);
    }
  });

  it('dish, spec, customer name and address print literally too', () => {
    const d = printed(hostile(), 'customer', 80);
    expect(findLine(d, '--- ×1 ￥1.00')).toBeDefined();
    expect(findLine(d, '|大| / ^^辣 / {x:1}')).toBeDefined();
    expect(findLine(d, '顾客："王"|`先生`')).toBeDefined();
    expect(findLine(d, '电话：138 转 0000')).toBeDefined();
    expect(findLine(d, '地址：===\\{路}')).toBeDefined();
  });
});

describe('GB18030', () => {
  it('a rare character (𠮷, outside the BMP) goes to the printer as its four GB18030 bytes and reads back', () => {
    const r = renderTicket(meituanFull({ note: '吉祥的𠮷' }), 'kitchen', ctx('kitchen', 58));
    const four = Buffer.from([0x95, 0x34, 0xb2, 0x35]);
    expect(new TextDecoder('gb18030').decode(four)).toBe('𠮷');
    expect(r.escpos.includes(four)).toBe(true);
    expect(all(decodeEscPos(r.escpos))).toContain('吉祥的𠮷');
    expect(all(decodeEscPos(r.escpos))).not.toContain('?');
  });

  it('Chinese text is GB18030, not UTF-8', () => {
    const r = renderTicket(meituanFull(), 'kitchen', ctx('kitchen', 58));
    expect(r.escpos.includes(Buffer.from('小炒黄牛肉', 'utf8'))).toBe(false);
    expect(r.escpos.includes(Buffer.from([0xd0, 0xa1, 0xb3, 0xb4]))).toBe(true); // 小炒
  });
});

describe('the sample order and the test page', () => {
  it('the sample order fills every field of the customer ticket, and the kitchen ticket says 明天', () => {
    const order = sampleOrder(NOW);
    const d = printed(order, 'customer', 80);
    for (const needle of ['湘北人家(人民南路店)', '美团 #18', '预订单', '小炒黄牛肉', '￥76.00', '满100元减15元', '实付', '货到付款', '抬头', '转 1234', '备注', '谢谢惠顾']) {
      expect(all(d)).toContain(squeeze(needle));
    }
    expect(d.qr).toEqual([order.orderIdView]);
    expect(all(printed(order, 'kitchen', 58))).toContain('明天');
  });

  it.each(PAPER_WIDTHS)('the test page at %i mm: the printer’s name, a ruler exactly one line wide, a QR code, the cut', (width) => {
    const d = decodeEscPos(renderTestPage('后厨|{code:x}', width, { now: NOW, timeZone: TZ }).escpos);
    expect(findLine(d, '后厨|{code:x}')).toBeDefined();
    expect(d.lines.map((l) => l.text)).toContain(Array.from({ length: CPL[width] }, (_, i) => (i + 1) % 10).join(''));
    expect(findLine(d, `纸宽 ${width} mm`)).toBeDefined();
    expect(all(d)).toContain('𠮷');
    expect(d.qr).toEqual([`waimai-desk test ${width}`]);
    expect(d.endsWithCut).toBe(true);
  });

  it('every rendering also gives the SVG picture and the text of the same document', () => {
    const r = renderTicket(meituanFull(), 'customer', ctx('customer', 58));
    expect(r.svg).toMatch(/^<svg[^>]*width="384px"/);
    expect(r.svg).toContain('小');
    expect(r.text).toContain('顾客：张(先生)');
    expect(r.doc.split('\n').length).toBeGreaterThan(20);
  });
});
