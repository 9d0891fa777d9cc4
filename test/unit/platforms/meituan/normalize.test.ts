import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  MEITUAN_CANCEL_REASONS,
  MeituanPayloadError,
  normalizeOrder,
  refundStateFromNotifyType,
  shippingStatusInfo,
} from '../../../../electron/core/platforms/meituan/normalize.js';
import { cancelCodeWords, MEITUAN_CANCEL_CODES } from '../../../../electron/core/platforms/meituan/codes.js';
import { isoFromEpoch } from '../../../../electron/core/platforms/common/epoch.js';
import { centsFromYuan, scaleDecimal } from '../../../../electron/core/platforms/common/money.js';

const FORM = readFileSync(
  new URL('../../../fixtures/meituan/order-full.form.txt', import.meta.url),
  'utf8',
).trim();
const FIELDS = Object.fromEntries(new URLSearchParams(FORM));

describe('normalizeOrder: full realistic push (fixture order-full.form.txt)', () => {
  const warnings: string[] = [];
  const o = normalizeOrder(FIELDS.order!, FIELDS, { warnings });

  it('keeps ids beyond 2^53 exact', () => {
    expect(o.orderId).toBe('27061900338318741');
    expect(o.orderIdView).toBe('2706190033831874123');
    expect(String(Number(o.orderId))).not.toBe(o.orderId); // proves a float would have lost it
  });

  it('converts yuan to cents without float error', () => {
    expect(o.totalCents).toBe(2550);
    expect(o.originalCents).toBe(3010);
    expect(o.shippingFeeCents).toBe(30);
    expect(o.receivableCents).toBe(1980);
    expect(o.items[0]!.priceCents).toBe(1999); // 19.99 * 100 = 1998.9999999999998 as floats
    expect(o.items[1]!.priceCents).toBe(70); // 0.7 * 100 = 70.00000000000001
  });

  it('maps the rest of the order', () => {
    expect(o).toMatchObject({
      platform: 'meituan',
      storeId: 'store-1',
      storeName: '湘北人家(人民南路店)',
      daySeq: 7,
      status: 'new',
      note: '少辣 100%+加醋&不要葱',
      deliveryTime: null,
      preOrder: true,
      pickup: false,
      promotion: null,
      createdAt: '2023-11-14T22:13:20.000Z',
      customer: {
        name: '张(先生)',
        phone: '13800000000_1234',
        address: '人民南路二段18号 3单元 501',
        addressGeo: '四川省成都市武侯区人民南路二段18号',
        latitude: 30.657813,
        longitude: 104.065735,
      },
      delivery: {
        code: '1004',
        name: '美团专送-城市代理',
        statusCode: 10,
        statusText: '配送单已确认',
        riderName: '王师傅',
        riderPhone: '13900000000',
        selfDelivery: false,
      },
    });
    expect(o.raw).toEqual(FIELDS);
    expect(warnings).toEqual([]);
  });

  it('reads items from the double-encoded detail', () => {
    expect(o.items).toEqual([
      {
        name: '小炒黄牛肉',
        quantity: 2,
        priceCents: 1999,
        spec: '大份',
        attributes: ['中辣', '微甜'],
        boxCount: 1,
        boxPriceCents: 100,
        sku: 'D-101',
        bag: 0,
      },
      {
        name: '米饭',
        quantity: 3,
        priceCents: 70,
        spec: '',
        attributes: [],
        boxCount: 0,
        boxPriceCents: 0,
        sku: 'S-RICE',
        bag: 1,
      },
    ]);
  });
});

function order(extra: string): string {
  return `{"orderId":27061900338318741,"status":4,"total":12,"originalPrice":12,"shippingFee":0${extra}}`;
}

describe('normalizeOrder: variants and broken parts', () => {
  it('accepts cTime/uTime spellings, numeric daySeq, epoch ms, a delivery time and self-delivery', () => {
    const o = normalizeOrder(
      order(',"cTime":1700000000123,"daySeq":12,"deliveryTime":1700003600,"logisticsCode":0,"pickType":1'),
      {},
    );
    expect(o.createdAt).toBe('2023-11-14T22:13:20.123Z');
    expect(o.daySeq).toBe(12);
    expect(o.deliveryTime).toBe('2023-11-14T23:13:20.000Z');
    expect(o.status).toBe('accepted');
    expect(o.pickup).toBe(true);
    expect(o.delivery).toMatchObject({
      code: '0000',
      name: '商家自配送',
      selfDelivery: true,
      statusCode: null,
    });
  });

  it('takes the store id from the form when the order has none', () => {
    expect(normalizeOrder(order(''), { ePoiId: 'store-9' }).storeId).toBe('store-9');
  });

  it('keeps the order when detail or poiReceiveDetail is broken, with warnings', () => {
    const warnings: string[] = [];
    const o = normalizeOrder(
      order(',"detail":"[{\\"food_name\\":","poiReceiveDetail":"{oops","recipientAddress":"无坐标地址"'),
      {},
      { warnings },
    );
    expect(o.items).toEqual([]);
    expect(o.receivableCents).toBeNull();
    expect(o.customer.address).toBe('无坐标地址');
    expect(o.customer.addressGeo).toBe('');
    expect(warnings.join('\n')).toMatch(/detail is not valid JSON/);
    expect(warnings.join('\n')).toMatch(/poiReceiveDetail is not valid JSON/);
  });

  it('falls back on an unknown status code and says so', () => {
    const warnings: string[] = [];
    const o = normalizeOrder('{"orderId":"1","status":5}', {}, { fallbackStatus: 'accepted', warnings });
    expect(o.status).toBe('accepted');
    expect(warnings[0]).toMatch(/status 5/);
  });

  it('maps every order status code', () => {
    const status = (code: number) => normalizeOrder(`{"orderId":1,"status":${code}}`, {}).status;
    expect([1, 2, 3, 4, 6, 7, 8, 9].map(status)).toEqual([
      'new',
      'new',
      'new',
      'accepted',
      'delivering',
      'completed',
      'completed',
      'cancelled',
    ]);
  });

  it('rejects a top-level order that does not parse or has no orderId', () => {
    expect(() => normalizeOrder('{"orderId":1,', {})).toThrow(MeituanPayloadError);
    expect(() => normalizeOrder('[1]', {})).toThrow(/not an object/);
    expect(() => normalizeOrder('27061900338318741', {})).toThrow(/not an object/);
    expect(() => normalizeOrder('{"status":2}', {})).toThrow(/no orderId/);
  });
});

describe('exact decimals and times', () => {
  it('scales decimal text exactly, rounding half away from zero', () => {
    expect(centsFromYuan('0.30000000000000004')).toBe(30);
    expect(centsFromYuan('0.29999999999999999')).toBe(30);
    expect(scaleDecimal('1.005', 2)).toBe(101); // 1.005 * 100 = 100.49999999999999 as floats
    expect(scaleDecimal('-2.345', 2)).toBe(-235);
    expect(scaleDecimal('2.55e1', 2)).toBe(2550);
    expect(scaleDecimal('.5', 2)).toBe(50);
    expect(scaleDecimal('12', 2)).toBe(1200);
    expect(scaleDecimal('abc', 2)).toBeNull();
    expect(scaleDecimal('.', 2)).toBeNull();
    expect(centsFromYuan(undefined)).toBeNull();
  });

  it('reads epoch seconds and milliseconds, 0 is none', () => {
    expect(isoFromEpoch('1700000000')).toBe('2023-11-14T22:13:20.000Z');
    expect(isoFromEpoch(1700000000000)).toBe('2023-11-14T22:13:20.000Z');
    expect(isoFromEpoch(0)).toBeNull();
    expect(isoFromEpoch('soon')).toBeNull();
  });
});

describe('code tables', () => {
  it("offers only the shop's own cancel reasons, the common ones first", () => {
    expect(MEITUAN_CANCEL_REASONS.slice(0, 4).map((r) => r.zh)).toEqual(['商品已售完', '店铺太忙', '店铺已打烊', '联系不上用户']);
    // Not the shop's to give: the platform's timeout, a late delivery, the customer's own wish, the rider's faults.
    for (const code of [2001, 2002, 2003, 2004, 2005, 2006, 2014, 2015, 2016])
      expect(MEITUAN_CANCEL_REASONS.map((r) => r.code)).not.toContain(code);
    expect(MEITUAN_CANCEL_REASONS.map((r) => r.code)).toContain(2007);
    expect(MEITUAN_CANCEL_REASONS.every((r) => r.zh !== '' && r.en !== '')).toBe(true);
  });

  it('names every cancel code in a push, those outside 2001–2016 too', () => {
    expect(MEITUAN_CANCEL_CODES.map((r) => r.code)).toEqual(Array.from({ length: 16 }, (_, i) => 2001 + i));
    expect(cancelCodeWords(2006)).toBe('用户要求取消');
    expect(cancelCodeWords(1301)).toMatch(/[\u4e00-\u9fff]/);
    expect(cancelCodeWords(1301)).not.toMatch(/^\d+$/);
  });

  it('maps refund notify types and shipping codes', () => {
    expect(
      ['apply', 'agree', 'reject', 'cancelRefund', 'cancelRefundComplaint', 'x'].map(
        refundStateFromNotifyType,
      ),
    ).toEqual(['requested', 'agreed', 'rejected', 'withdrawn', 'withdrawn', undefined]);
    expect([0, 10, 20, 40, 100].map((c) => shippingStatusInfo(c).status)).toEqual([
      undefined,
      undefined,
      'delivering',
      'completed',
      undefined,
    ]);
    expect(shippingStatusInfo(40).text).toBe('骑手已送达');
  });
});
