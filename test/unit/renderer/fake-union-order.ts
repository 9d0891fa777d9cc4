/** A Union (推广) order as the store keeps it, for renderer and core tests alike (no Node imports). */
import type { Order } from '../../../shared/order.js';
import { fakeOrder } from './fake-order.js';

export interface UnionOrderSpec {
  id: string;
  day: string;
  sid: string;
  status: 'paid' | 'completed' | 'refunded';
  paidCents: number;
  commissionCents: number | null;
  title?: string;
  /** A part refund of this much (status refunded). */
  refundCents?: number;
  /** Minutes after 04:00Z (noon in Shanghai) on `day`, to order them. */
  minute?: number;
}

export function unionOrder(s: UnionOrderSpec): Order {
  const at = new Date(Date.parse(`${s.day}T04:00:00.000Z`) + (s.minute ?? 0) * 60_000).toISOString();
  return fakeOrder({
    platform: 'union',
    orderId: s.id,
    storeId: '',
    storeName: '',
    daySeq: null,
    status: s.status,
    items: [],
    totalCents: s.paidCents,
    originalCents: s.paidCents + 500,
    shippingFeeCents: 0,
    receivableCents: null,
    note: '',
    promotion: { sid: s.sid, title: s.title ?? '双人套餐', commissionCents: s.commissionCents },
    refund:
      s.refundCents !== undefined
        ? { state: 'agreed', reason: '', partial: true, amountCents: s.refundCents, items: [] }
        : s.status === 'refunded'
          ? { state: 'agreed', reason: '', partial: false, amountCents: null, items: [] }
          : null,
    businessDay: s.day,
    createdAt: at,
    updatedAt: at,
  });
}
