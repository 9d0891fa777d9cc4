/** A realistic board order for renderer tests; override what a test is about. */
import type { Order } from '../../../shared/order.js';

export function fakeOrder(over: Partial<Order> = {}): Order {
  const orderId = over.orderId ?? '27061900338318741';
  const platform = over.platform ?? 'meituan';
  return {
    key: `${platform}:${orderId}`,
    platform,
    orderId,
    orderIdView: orderId,
    storeId: 'store-1',
    storeName: '湘北人家',
    daySeq: 7,
    status: 'new',
    refund: null,
    items: [
      {
        name: '小炒黄牛肉',
        quantity: 2,
        priceCents: 4800,
        spec: '大份',
        attributes: ['中辣'],
        boxCount: 1,
        boxPriceCents: 100,
        sku: 'D1',
        bag: 0,
      },
    ],
    totalCents: 2550,
    originalCents: 3000,
    shippingFeeCents: 300,
    receivableCents: 2000,
    note: '不要香菜',
    customer: {
      name: '张先生',
      phone: '13800000000_1234',
      address: '长沙市岳麓区麓山南路 1 号',
      addressGeo: '',
      latitude: null,
      longitude: null,
    },
    deliveryTime: null,
    preOrder: false,
    pickup: false,
    delivery: null,
    promotion: null,
    flags: [],
    businessDay: '2026-11-25',
    createdAt: '2026-11-25T04:00:00.000Z',
    updatedAt: '2026-11-25T04:00:00.000Z',
    attention: null,
    acknowledgedAt: null,
    autoAccept: null,
    events: [],
    raw: {},
    ...over,
  };
}
