/**
 * What a verified Union callback means (pure; also run when the journal is replayed): every
 * callback carries the whole order, so each becomes a snapshot and orders/reduce.ts keeps the
 * status from moving back (paid < completed < refunded). Field meanings: README.md here ("Fields
 * we read"); the choices made where sources are silent are in "UNCERTAIN".
 */
import type { OrderRefund, UnionStatus } from '../../../../shared/order.js';
import { NO_DELIVERY_FIELDS, type OrderSnapshot, type OrderUpdate } from '../../orders/update.js';
import { isoFromEpoch } from '../common/epoch.js';
import { intOf } from '../common/exact-json.js';
import { centsFromYuan, scaleDecimal } from '../common/money.js';
import { CallbackRejected } from '../types.js';
import type { UnionFields } from './sign.js';

function field(fields: UnionFields, name: string): string {
  return Object.hasOwn(fields, name) ? (fields[name] ?? '') : '';
}

const STATUS: Record<string, UnionStatus> = { '1': 'paid', '8': 'completed', '9': 'refunded' };

/** refundType (one source, UNCERTAIN: README.md here): 1 full, 2 partial, 3 risk-control. */
const REFUND_TYPE: Record<string, { partial: boolean; reason: string }> = {
  '1': { partial: false, reason: '全额退款' },
  '2': { partial: true, reason: '部分退款' },
  '3': { partial: false, reason: '风控' },
};

function refundOf(fields: UnionFields): OrderRefund {
  const type = REFUND_TYPE[field(fields, 'refundType').trim()];
  // Status 9 without a known refundType is still final: "refunded or risk-controlled".
  return { state: 'agreed', partial: type?.partial ?? false, reason: type?.reason ?? '退款或风控', amountCents: null, items: [] };
}

/**
 * Commission in cents = paid × ratio, rounded half up, in integer arithmetic. Only when the
 * ratio is clearly a fraction (0 < ratio < 1, e.g. "0.05"): whether a value like 5 means 5 %
 * or something else is not documented, so it is left unknown (null) rather than guessed.
 */
export function commissionCents(paidCents: number | null, ratio: string): number | null {
  const micros = scaleDecimal(ratio, 6);
  if (paidCents === null || micros === null || micros <= 0 || micros >= 1_000_000) return null;
  const product = BigInt(paidCents) * BigInt(micros);
  return Number((product + 500_000n) / 1_000_000n);
}

/** Seconds (paytime, else ordertime) to ISO; '' when neither is usable. */
function timeOf(fields: UnionFields, ...names: string[]): string {
  for (const name of names) {
    const iso = isoFromEpoch(field(fields, name));
    if (iso) return iso;
  }
  return '';
}

export function normalizeUnionOrder(fields: UnionFields): OrderSnapshot {
  const orderId = field(fields, 'orderid').trim();
  if (orderId === '') throw new CallbackRejected('missing field orderid');
  const statusText = field(fields, 'status').trim();
  const status = STATUS[statusText];
  // An unknown status cannot be placed in paid < completed < refunded; rejecting makes Union
  // push it again, and the audit shows the value.
  if (!status) throw new CallbackRejected(`unknown status ${JSON.stringify(statusText)} (expected 1, 8 or 9)`);
  const total = centsFromYuan(field(fields, 'total'));
  // payPrice is the current field for "actually paid", direct the older one.
  const paid = centsFromYuan(field(fields, 'payPrice')) ?? centsFromYuan(field(fields, 'direct'));
  const totalCents = paid ?? total ?? 0;
  const originalCents = total ?? totalCents;
  const quantity = Math.max(intOf(field(fields, 'quantity')) ?? 1, 1);
  const title = field(fields, 'smstitle');
  return {
    platform: 'union',
    orderId,
    orderIdView: '',
    // Union orders belong to the promoter, not to one of the shop's stores.
    storeId: '',
    storeName: '',
    daySeq: null,
    status,
    items: [
      {
        name: title,
        quantity,
        priceCents: Math.round(originalCents / quantity),
        spec: '',
        attributes: [],
        boxCount: 0,
        boxPriceCents: 0,
        sku: field(fields, 'productId') || field(fields, 'dealid'),
        bag: 0,
      },
    ],
    totalCents,
    originalCents,
    ...NO_DELIVERY_FIELDS,
    customer: { ...NO_DELIVERY_FIELDS.customer },
    promotion: { sid: field(fields, 'sid'), title, commissionCents: commissionCents(paid ?? total, field(fields, 'ratio')) },
    createdAt: timeOf(fields, 'paytime', 'ordertime'),
    raw: { ...fields },
    refund: status === 'refunded' ? refundOf(fields) : null,
  };
}

export function interpretUnionOrder(fields: UnionFields): OrderUpdate {
  const snapshot = normalizeUnionOrder(fields);
  const refund = snapshot.refund;
  return {
    kind: 'snapshot',
    platform: 'union',
    orderId: snapshot.orderId,
    storeId: '',
    eventType: `union:${snapshot.status}`,
    detail: refund ? refund.reason : '',
    // modTime is the platform's time of this change; older pushes spell it modtime.
    at: timeOf(fields, 'modTime', 'modtime', 'paytime', 'ordertime'),
    snapshot,
  };
}
