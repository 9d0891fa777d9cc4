/**
 * Real captured Meituan pushes (public test-store captures, kept byte for byte in
 * test/fixtures/meituan/capture-*): every field the counter relies on, normalized and checked.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { interpretCancelled, interpretPartRefund, interpretRefund } from '../../../../electron/core/platforms/meituan/interpret.js';
import { normalizeOrder } from '../../../../electron/core/platforms/meituan/normalize.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/meituan/${name}`, import.meta.url), 'utf8');

describe('captured new-order form (cash on delivery, emoji and newlines in the note)', () => {
  const fields = Object.fromEntries(new URLSearchParams(fixture('capture-new-cod.form.txt')));
  const warnings: string[] = [];
  const o = normalizeOrder(fields.order!, fields, { warnings });

  it('reads every field exactly as the customer and the platform wrote it', () => {
    expect(warnings).toEqual([]);
    expect(o.orderId).toBe('16650443632263245');
    expect(o.orderIdView).toBe('16650443632263245');
    expect(o.storeId).toBe('0000000028');
    expect(o.storeName).toBe('kfpttest_zl8_33');
    expect(o.daySeq).toBe(3);
    expect(o.status).toBe('new');
    expect(o.note).toBe('多放辣椒a😄😎😔😫😤\n ^_^\n/');
    expect(o.customer).toEqual({
      name: '默默(先生)',
      phone: '18601739563',
      address: '色金拉 (123号(&nbsp;)(1+2=3))',
      addressGeo: '西藏自治区林芝市墨脱县色金拉',
      latitude: 29.77449,
      longitude: 95.369272,
    });
    expect(o.items.map((i) => [i.name, i.quantity, i.priceCents, i.sku, i.boxCount])).toEqual([
      ['脆皮手枪腿', 1, 100, '026191000218', 1],
      ['黄金蝴蝶虾(4个)', 1, 500, '026195200226', 1],
    ]);
    expect([o.totalCents, o.originalCents, o.shippingFeeCents, o.receivableCents]).toEqual([1500, 1500, 900, 1500]);
    expect(o.deliveryTime).toBeNull();
    expect(o.preOrder).toBe(false);
    expect(o.pickup).toBe(false);
    expect(o.delivery?.selfDelivery).toBe(true);
    expect(o.delivery?.name).toBe('商家自配送');
    expect(o.createdAt).toBe(new Date(1518058906 * 1000).toISOString());
  });

  it('is cash on delivery with no invoice, no cutlery choice, no discount, and the income breakdown', () => {
    expect(o.facts).toEqual({
      invoice: null,
      cashOnDelivery: true,
      cutlery: null,
      discounts: [],
      income: {
        receivableCents: 1500,
        onlinePaymentCents: 1500,
        commissionCents: 0,
        logisticsFeeCents: 900,
        platformPays: [],
        shopPays: [],
      },
      backupPhones: [],
    });
  });
});

describe('captured order JSON (emoji and a tab in the note, a trailing tab in the address)', () => {
  const warnings: string[] = [];
  const o = normalizeOrder(fixture('capture-order.json'), {}, { warnings });

  it('keeps the tabs and emoji byte for byte', () => {
    expect(warnings).toEqual([]);
    expect(o.orderId).toBe('16650443174389601');
    expect(o.note).toBe('😉🤩😖😤🤯\t');
    expect(o.customer.address).toBe('色金拉 (123号(&nbsp;)(1+2=3))');
    expect(o.customer.addressGeo).toBe('西藏自治区林芝市墨脱县色金拉\t');
    expect(o.daySeq).toBe(2);
    expect([o.totalCents, o.originalCents, o.shippingFeeCents, o.receivableCents]).toEqual([1000, 1000, 900, 1000]);
    expect(o.facts?.cashOnDelivery).toBe(true);
    expect(o.facts?.income?.onlinePaymentCents).toBe(1000);
    expect(o.facts?.discounts).toEqual([]);
  });
});

describe('the fuller fixture: discounts and who pays them, cutlery, rider', () => {
  const fields = Object.fromEntries(new URLSearchParams(fixture('order-full.form.txt').trim()));
  const o = normalizeOrder(fields.order!, fields);

  it('splits each discount between the platform and the shop', () => {
    expect(o.facts?.discounts).toEqual([{ remark: '满30元减4元', reduceCents: 400, platformCents: 150, shopCents: 250 }]);
    expect(o.facts?.cashOnDelivery).toBe(false);
    expect(o.facts?.cutlery).toBe(2);
    expect(o.facts?.income).toEqual({
      receivableCents: 1980,
      onlinePaymentCents: 2550,
      commissionCents: 320,
      logisticsFeeCents: 300,
      platformPays: [{ label: '活动款', cents: 150 }],
      shopPays: [{ label: '活动款', cents: 250 }],
    });
    expect(o.delivery?.riderName).toBe('王师傅');
    expect(o.delivery?.riderPhone).toBe('13900000000');
  });
});

describe('facts the captures do not carry', () => {
  const base = JSON.parse(fixture('capture-order.json')) as Record<string, unknown>;
  const norm = (extra: Record<string, unknown>) =>
    normalizeOrder(JSON.stringify({ ...base, orderId: '1', ...extra }), {});

  it('reads an invoice with its title and tax id', () => {
    const o = norm({ hasInvoiced: 1, invoiceTitle: '某某科技有限公司', taxpayerId: '91110000MA0000000X' });
    expect(o.facts?.invoice).toEqual({ title: '某某科技有限公司', taxpayerId: '91110000MA0000000X' });
  });

  it('reads cutlery codes: 99 none wanted, 88 wanted, -10 more than ten', () => {
    expect(norm({ dinnersNumber: 99 }).facts?.cutlery).toBe(0);
    expect(norm({ dinnersNumber: 88 }).facts?.cutlery).toBe('needed');
    expect(norm({ dinnersNumber: -10 }).facts?.cutlery).toBe(-10);
  });

  it('reads backup phones given as a JSON array string', () => {
    expect(norm({ backupRecipientPhone: '["13800000001_5678","13900000002"]' }).facts?.backupPhones).toEqual([
      '13800000001_5678',
      '13900000002',
    ]);
  });

  it('takes an order for a time far ahead as a pre-order even without isPre', () => {
    const ctime = 1700000000;
    expect(norm({ ctime, deliveryTime: ctime + 3 * 3600 }).preOrder).toBe(true);
    expect(norm({ ctime, deliveryTime: ctime + 40 * 60 }).preOrder).toBe(false);
    expect(norm({ ctime, deliveryTime: ctime + 40 * 60, isPre: 1 }).preOrder).toBe(true);
  });
});

describe("cancel and refund pushes: words for every code, the customer's photos", () => {
  it('gives words to a cancel code outside 2001–2016 (newer pushes carry e.g. 1301)', () => {
    const [effect] = interpretCancelled({ orderCancel: '{"orderId":1,"reasonCode":"1301","reason":"用户取消"}' });
    const update = effect?.kind === 'order' ? effect.update : null;
    expect(update?.detail).toContain('1301');
    expect(update?.detail).toMatch(/1301 [\u4e00-\u9fff]/);
  });

  it('keeps the photo links of a refund request, and only links', () => {
    const [effect] = interpretRefund({
      orderRefund: JSON.stringify({
        orderId: 1,
        notifyType: 'apply',
        reason: '少送了',
        pictures: '["https://p0.meituan.net/a.jpg","javascript:alert(1)","http://p1.meituan.net/b.jpg"]',
      }),
    });
    const update = effect?.kind === 'order' ? effect.update : null;
    expect(update?.kind === 'refund' ? update.refund.photos : null).toEqual([
      'https://p0.meituan.net/a.jpg',
      'http://p1.meituan.net/b.jpg',
    ]);
  });

  it('reads part-refund photos given as a comma list', () => {
    const [effect] = interpretPartRefund({
      orderId: '1',
      notifyType: 'part',
      reason: '洒了',
      money: '5',
      pictures: 'https://p0.meituan.net/c.jpg,https://p0.meituan.net/d.jpg',
    });
    const update = effect?.kind === 'order' ? effect.update : null;
    expect(update?.kind === 'refund' ? update.refund.photos : null).toHaveLength(2);
  });
});
