import { describe, expect, it } from 'vitest';
import {
  baseItemName,
  isoFromElemeTime,
  normalizeElemeOrder,
  parseJsonObject,
} from '../../../../electron/core/platforms/eleme/normalize.js';
import { ORDER_ID, ORDER_TEXT } from './helpers.js';

function normalize(text = ORDER_TEXT, warnings: string[] = []) {
  return normalizeElemeOrder(parseJsonObject(text, 'order'), { warnings, raw: { order: text } });
}

describe('eleme order → normalized order', () => {
  it('reads the ids, store, day number, status and money of a full order', () => {
    const s = normalize();
    expect(s).toMatchObject({
      platform: 'eleme',
      orderId: ORDER_ID,
      storeId: 'store-1',
      storeName: '湘北人家(金钟路店)',
      daySeq: 7,
      status: 'new',
      totalCents: 6890,
      originalCents: 7890,
      shippingFeeCents: 400,
      receivableCents: 5532,
      note: '不要香菜，多放辣',
      deliveryTime: null,
      preOrder: false,
      createdAt: '2026-12-02T03:28:50.000Z',
    });
  });

  it('lists the dishes of every basket, gifts marked, fee lines left to the amounts', () => {
    const { items } = normalize();
    expect(items.map((i) => [i.name, i.quantity, i.priceCents, i.spec, i.attributes, i.sku, i.bag])).toEqual([
      ['小炒黄牛肉', 1, 4800, '大份', ['加辣', '少油'], 'HN-001', 0],
      ['米饭', 2, 250, '', [], '', 0],
      ['酸辣土豆丝', 1, 1990, '', [], 'HN-007', 1],
      ['酸梅汤', 1, 0, '', ['赠品'], '', 1],
    ]);
  });

  it('keeps the folded name when it does not say exactly what the lists say', () => {
    expect(baseItemName('奶茶-大杯(蔗糖换0卡糖)[少冰+五分糖]', '大杯', ['少冰', '五分糖'])).toBe('奶茶-大杯(蔗糖换0卡糖)');
    expect(baseItemName('奶茶[去冰+半糖]', '', ['去冰', '半糖'])).toBe('奶茶');
    expect(baseItemName('奶茶[去冰]', '', ['少冰'])).toBe('奶茶[去冰]');
    expect(baseItemName('大份', '大份', [])).toBe('大份');
  });

  it('reads the customer: first phone, the rest as backups, coordinates longitude first', () => {
    const s = normalize();
    expect(s.customer).toEqual({
      name: '王先生',
      phone: '13800138000,1234',
      address: '上海市长宁区金钟路968号凌空SOHO 7号楼 3楼',
      addressGeo: '凌空SOHO',
      latitude: 31.2224,
      longitude: 121.3801,
    });
    expect(s.facts?.backupPhones).toEqual(['17000000001']);
  });

  it('reads invoice, payment, discounts and income', () => {
    const f = normalize().facts;
    expect(f?.invoice).toEqual({ title: '上海湘北餐饮有限公司', taxpayerId: '91310105MA1FW0XXXX' });
    expect(f?.cashOnDelivery).toBe(false);
    expect(f?.discounts).toEqual([{ remark: '满70减10', reduceCents: 1000, platformCents: 400, shopCents: 600 }]);
    expect(f?.income).toEqual({
      receivableCents: 5532,
      onlinePaymentCents: 6890,
      commissionCents: 1208,
      logisticsFeeCents: null,
      platformPays: [{ label: '满70减10', cents: 400 }],
      shopPays: [{ label: '满70减10', cents: 600 }],
    });
  });

  it('a downgraded order keeps its dishes but claims no income, and says why', () => {
    const warnings: string[] = [];
    const text = ORDER_TEXT.replace('"downgraded":false', '"downgraded":true').replace('"income":55.32', '"income":0.0');
    const s = normalize(text, warnings);
    expect(s.items).toHaveLength(4);
    expect(s.receivableCents).toBeNull();
    expect(s.facts?.income).toBeNull();
    expect(warnings.join()).toMatch(/降级/);
  });

  it('reads statuses by word; an unknown one falls back with a warning', () => {
    expect(normalize(ORDER_TEXT.replace('"unprocessed"', '"valid"')).status).toBe('accepted');
    expect(normalize(ORDER_TEXT.replace('"unprocessed"', '"settled"')).status).toBe('completed');
    expect(normalize(ORDER_TEXT.replace('"unprocessed"', '"invalid"')).status).toBe('cancelled');
    const warnings: string[] = [];
    expect(normalize(ORDER_TEXT.replace('"unprocessed"', '"teleported"'), warnings).status).toBe('new');
    expect(warnings.join()).toMatch(/teleported/);
  });

  it('a scheduled order has its delivery time and is a pre-order', () => {
    const s = normalize(ORDER_TEXT.replace('"deliverTime":null', '"deliverTime":"2026-12-02 18:30:00"').replace('"book":false', '"book":true'));
    expect(s.deliveryTime).toBe('2026-12-02T10:30:00.000Z');
    expect(s.preOrder).toBe(true);
  });

  it('an order id only under orderId is read; no id at all cannot be an order', () => {
    expect(normalize(ORDER_TEXT.replace(`"id":"${ORDER_ID}",`, '')).orderId).toBe(ORDER_ID);
    const none = ORDER_TEXT.replace(`"id":"${ORDER_ID}","orderId":"${ORDER_ID}",`, '');
    expect(() => normalize(none)).toThrow(/no id/);
  });
});

describe('eleme times', () => {
  it('zoneless local times are Beijing time; numbers are epoch seconds or ms', () => {
    expect(isoFromElemeTime('2017-03-06T12:28:50')).toBe('2017-03-06T04:28:50.000Z');
    expect(isoFromElemeTime('2017-03-06 12:28:50')).toBe('2017-03-06T04:28:50.000Z');
    expect(isoFromElemeTime('2017-03-06T12:28:50Z')).toBe('2017-03-06T12:28:50.000Z');
    expect(isoFromElemeTime(1482161481)).toBe('2016-12-19T15:31:21.000Z');
    expect(isoFromElemeTime('1482161482053')).toBe('2016-12-19T15:31:22.053Z');
    expect(isoFromElemeTime(null)).toBeNull();
    expect(isoFromElemeTime('soon')).toBeNull();
  });
});
