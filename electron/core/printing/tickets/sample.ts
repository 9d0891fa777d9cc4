/**
 * A made-up order that uses every field a ticket can show: for the settings screen's preview
 * and test pages. Names, numbers and addresses are invented.
 */
import type { Order } from '../../../../shared/order.js';

/** The sample order; its times are relative to `now` so the pre-order always reads 「明天」. */
export function sampleOrder(now: Date = new Date()): Order {
  const t = now.getTime();
  const iso = (ms: number): string => new Date(ms).toISOString();
  const created = iso(t - 5 * 60_000);
  return {
    key: 'meituan:27061900338318741',
    platform: 'meituan',
    orderId: '27061900338318741',
    orderIdView: '2706190033831874123',
    storeId: 'sample',
    storeName: '湘北人家(人民南路店)',
    daySeq: 18,
    status: 'accepted',
    refund: null,
    items: [
      { name: '小炒黄牛肉', quantity: 2, priceCents: 3800, spec: '大份', attributes: ['中辣', '不要香菜'], boxCount: 2, boxPriceCents: 100, sku: 'D-101', bag: 0 },
      { name: '剁椒鱼头', quantity: 1, priceCents: 6800, spec: '', attributes: ['微辣'], boxCount: 1, boxPriceCents: 200, sku: 'D-205', bag: 0 },
      { name: '米饭', quantity: 3, priceCents: 200, spec: '', attributes: [], boxCount: 0, boxPriceCents: 0, sku: 'S-RICE', bag: 1 },
    ],
    totalCents: 14150,
    originalCents: 15400,
    shippingFeeCents: 400,
    receivableCents: 12080,
    note: '少放辣，不要葱\n到了打电话，放门口',
    customer: {
      name: '张(先生)',
      phone: '13800000000_1234',
      address: '人民南路二段18号 3单元 501',
      addressGeo: '四川省成都市武侯区人民南路二段18号',
      latitude: 30.657813,
      longitude: 104.065735,
    },
    deliveryTime: iso(t + 26 * 3_600_000),
    preOrder: true,
    pickup: false,
    delivery: { code: '1004', name: '美团专送', statusCode: null, statusText: '', riderName: '', riderPhone: '', selfDelivery: false },
    facts: {
      invoice: { title: '成都湘北餐饮管理有限公司', taxpayerId: '91510107MA6C0XXXXX' },
      cashOnDelivery: true,
      cutlery: 2,
      discounts: [{ remark: '满100元减15元', reduceCents: 1500, platformCents: 500, shopCents: 1000 }],
      income: null,
      backupPhones: ['13900000000'],
    },
    promotion: null,
    flags: [],
    businessDay: created.slice(0, 10),
    createdAt: created,
    updatedAt: created,
    attention: null,
    acknowledgedAt: null,
    autoAccept: null,
    events: [{ at: created, type: 'pushed:new', source: 'sample', detail: '', seq: 0, status: 'new', fingerprint: 'sample' }],
    raw: {},
  };
}
