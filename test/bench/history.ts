/** Order history for the benchmark: N orders spread over past days, written as the store writes them. */
import type { Order } from '../../shared/order.js';
import { writeOrderDays } from '../support/order-files.js';

const PER_DAY = 1000;

function pastDay(daysAgo: number): string {
  const d = new Date(Date.now() - daysAgo * 86_400_000);
  return d.toISOString().slice(0, 10);
}

export function historyOrder(i: number, day: string): Order {
  const orderId = String(10n ** 17n + BigInt(i));
  return {
    key: `meituan:${orderId}`,
    platform: 'meituan',
    orderId,
    orderIdView: orderId,
    storeId: 'store-1',
    storeName: '湘北人家',
    daySeq: (i % PER_DAY) + 1,
    status: 'completed',
    refund: null,
    items: [
      { name: '小炒黄牛肉', quantity: 1, priceCents: 4800, spec: '大份', attributes: ['中辣'], boxCount: 1, boxPriceCents: 100, sku: 'XB001', bag: 0 },
      { name: '米饭', quantity: 2, priceCents: 200, spec: '', attributes: [], boxCount: 0, boxPriceCents: 0, sku: 'XB009', bag: 0 },
    ],
    totalCents: 5300,
    originalCents: 5600,
    shippingFeeCents: 300,
    receivableCents: 4500,
    note: '少辣',
    customer: { name: '张先生', phone: '13800000000_1234', address: '望城坡小区3栋', addressGeo: '湖南省长沙市岳麓区', latitude: 28.2, longitude: 112.9 },
    deliveryTime: null,
    preOrder: false,
    pickup: false,
    delivery: { code: '1001', name: '美团专送-加盟', statusCode: 40, statusText: '骑手已送达', riderName: '刘师傅', riderPhone: '13974112233', selfDelivery: false },
    promotion: null,
    flags: [],
    businessDay: day,
    createdAt: `${day}T04:00:00.000Z`,
    updatedAt: `${day}T05:00:00.000Z`,
    attention: null,
    acknowledgedAt: `${day}T04:00:05.000Z`,
    autoAccept: null,
    events: [
      { at: `${day}T04:00:00.000Z`, type: 'pushed:new', source: '/meituan/order/new', detail: '', seq: i * 3 + 1, status: 'new', fingerprint: `h${i}a` },
      { at: `${day}T04:00:03.000Z`, type: 'api:confirm', source: 'staff', detail: '已接单', seq: i * 3 + 2, status: 'accepted', fingerprint: `h${i}b` },
      { at: `${day}T05:00:00.000Z`, type: 'pushed:finished', source: '/meituan/order/finished', detail: '', seq: i * 3 + 3, status: 'completed', fingerprint: `h${i}c` },
    ],
    raw: { developerId: '100001', ePoiId: 'store-1', order: `{"orderId":${orderId},"status":8}` },
  };
}

/** Write `count` orders as day files + the key → day index, as the store lays them out. */
export async function writeHistory(dataDir: string, count: number): Promise<void> {
  const days = Math.ceil(count / PER_DAY);
  await writeOrderDays(
    dataDir,
    Array.from({ length: count }, (_, i) => historyOrder(i, pastDay(days - Math.floor(i / PER_DAY)))),
  );
}

/**
 * A busy day for the board: `count` orders filed under `day`, in every state a rush leaves
 * behind (most done, some waiting, accepted, out for delivery, a few refunds and cancels).
 */
export async function writeBusyDay(dataDir: string, day: string, count: number): Promise<void> {
  const orders = Array.from({ length: count }, (_, i) => {
    const o = historyOrder(i, day);
    const kind = i % 20;
    if (kind === 0) return { ...o, status: 'new' as const, attention: null };
    if (kind < 4) return { ...o, status: 'accepted' as const };
    if (kind < 6) return { ...o, status: 'delivering' as const };
    if (kind === 6) return { ...o, status: 'cancelled' as const };
    if (kind === 7) return { ...o, refund: { state: 'agreed' as const, reason: '餐品洒漏', partial: false, amountCents: null, items: [] } };
    return o;
  });
  await writeOrderDays(dataDir, orders);
}

/** The naive design keeps everything in one array. */
export function naiveHistory(count: number): Order[] {
  const day = pastDay(1);
  return Array.from({ length: count }, (_, i) => historyOrder(i, day));
}
