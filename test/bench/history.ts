/** Order history for the benchmark: N orders spread over past days, written as the store writes them. */
import type { Order } from '../../shared/order.js';
import { writeOrderDays } from '../support/order-files.js';

const PER_DAY = 1000;

function pastDay(daysAgo: number): string {
  const d = new Date(Date.now() - daysAgo * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/**
 * When the order was placed, accepted and finished (ISO). Past days: noon to 13:00 UTC of that
 * day. A day that is today somewhere: pass times before now, or a printer set up now would
 * take the accepts for ones made while it was there and print them (`busyDayTimes`).
 */
interface OrderTimes {
  placed: string;
  accepted: string;
  finished: string;
}

export function historyOrder(i: number, day: string, times?: OrderTimes): Order {
  const at = times ?? { placed: `${day}T04:00:00.000Z`, accepted: `${day}T04:00:03.000Z`, finished: `${day}T05:00:00.000Z` };
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
    createdAt: at.placed,
    updatedAt: at.finished,
    attention: null,
    acknowledgedAt: at.accepted,
    autoAccept: null,
    events: [
      { at: at.placed, type: 'pushed:new', source: '/meituan/order/new', detail: '', seq: i * 3 + 1, status: 'new', fingerprint: `h${i}a` },
      { at: at.accepted, type: 'api:confirm', source: 'staff', detail: '已接单', seq: i * 3 + 2, status: 'accepted', fingerprint: `h${i}b` },
      { at: at.finished, type: 'pushed:finished', source: '/meituan/order/finished', detail: '', seq: i * 3 + 3, status: 'completed', fingerprint: `h${i}c` },
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
 * Times earlier today for a day that is today in a zone `utcOffset` from UTC (the sandbox's
 * Asia/Shanghai, +08:00, has no daylight saving): from the later of its midnight and three hours
 * ago, all before now. Fixed clock times would lie in the future part of each day, and the demo
 * printer, set up as `serve` starts, would print the accepts "made while it was there".
 */
export function busyDayTimes(day: string, utcOffset = '+08:00', now = Date.now()): OrderTimes {
  const start = Math.max(Date.parse(`${day}T00:00:00${utcOffset}`), now - 3 * 3_600_000);
  const span = Math.max(0, now - 1_000 - start);
  const iso = (ms: number): string => new Date(ms).toISOString();
  return { placed: iso(start), accepted: iso(start + span * 0.1), finished: iso(start + span * 0.5) };
}

/**
 * A busy day for the board: `count` orders filed under `day` (today in the zone `utcOffset` from
 * UTC, by default the sandbox's), in
 * every state a rush leaves behind (most done, some waiting, accepted, out for delivery, a few
 * refunds and cancels), all placed before now.
 */
export async function writeBusyDay(dataDir: string, day: string, count: number, utcOffset = '+08:00'): Promise<void> {
  const times = busyDayTimes(day, utcOffset);
  const orders = Array.from({ length: count }, (_, i) => {
    const o = historyOrder(i, day, times);
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
