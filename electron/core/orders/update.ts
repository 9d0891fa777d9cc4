/**
 * What a verified callback means for an order, platform-neutral. Each platform's `routes.ts`
 * turns a callback's decoded fields into these (pure), and `orders/reduce.ts` folds them into
 * the stored `Order`. Replaying the journal re-runs exactly this, so it must stay pure.
 */
import type { Order, OrderDelivery, OrderRefund, OrderStatus, Platform } from '../../../shared/order.js';

/** The fields a full order payload carries (everything the platform decides). */
export type OrderSnapshot = Pick<
  Order,
  | 'platform'
  | 'orderId'
  | 'orderIdView'
  | 'storeId'
  | 'storeName'
  | 'daySeq'
  | 'status'
  | 'items'
  | 'totalCents'
  | 'originalCents'
  | 'shippingFeeCents'
  | 'receivableCents'
  | 'note'
  | 'customer'
  | 'deliveryTime'
  | 'preOrder'
  | 'pickup'
  | 'delivery'
  | 'facts'
  | 'promotion'
  | 'createdAt'
  | 'raw'
> & { refund?: OrderRefund | null };

interface UpdateBase {
  platform: Platform;
  orderId: string;
  /** The shop's store id the push names ('' when the push does not say). */
  storeId: string;
  /** The platform's own shop id, when the push names only that (Eleme `shopId`): the core maps it to a store. */
  platformStoreId?: string;
  /** Machine-readable event type recorded in `Order.events` (`pushed:new`, `cancelled`, `refund:apply` …). */
  eventType: string;
  /** Human detail for the event history (reason, rider …). */
  detail: string;
  /** Platform time of the event (ISO), when the payload says; else ''. */
  at: string;
}

export type OrderUpdate =
  | (UpdateBase & { kind: 'snapshot'; snapshot: OrderSnapshot })
  | (UpdateBase & { kind: 'status'; status: OrderStatus })
  | (UpdateBase & { kind: 'refund'; refund: OrderRefund; status?: OrderStatus })
  | (UpdateBase & { kind: 'delivery'; delivery: Partial<OrderDelivery>; status?: OrderStatus })
  /** Something about the order the app does not understand: kept as an event and flagged, nothing else changes. */
  | (UpdateBase & { kind: 'notice' })
  /** The customer asked the shop to hurry (催单), or the shop's reply to it was recorded. */
  | (UpdateBase & { kind: 'reminder'; reminder: { id: string; replied: boolean } });

/** What an order with no delivery side has (a partial record; a promotion order): one place, not copies. */
export const NO_DELIVERY_FIELDS = {
  shippingFeeCents: 0,
  receivableCents: null,
  note: '',
  customer: { name: '', phone: '', address: '', addressGeo: '', latitude: null, longitude: null },
  deliveryTime: null,
  preOrder: false,
  pickup: false,
  delivery: null,
} as const satisfies Partial<OrderSnapshot>;
