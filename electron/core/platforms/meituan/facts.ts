/**
 * The order facts that change what staff do (invoice, cash on delivery, cutlery, discounts,
 * income, backup phones), read from a Meituan order JSON. The field facts are in README.md
 * here ("Order facts for the counter"). Lenient: a broken part is left empty with a warning.
 */
import type { OrderDiscount, OrderFacts, OrderIncome, OrderIncomeLine } from '../../../../shared/order.js';
import { parseNested } from './normalize.js';
import { asRecord, flagOf, intOf, prop, text, type JsonRecord } from '../common/exact-json.js';
import { centsFromYuan } from '../common/money.js';

export function orderFacts(order: JsonRecord, warnings: string[]): OrderFacts {
  return {
    invoice: flagOf(prop(order, 'hasInvoiced'))
      ? { title: text(prop(order, 'invoiceTitle')).trim(), taxpayerId: text(prop(order, 'taxpayerId')).trim() }
      : null,
    cashOnDelivery: intOf(prop(order, 'payType')) === 1,
    cutlery: cutlery(intOf(prop(order, 'dinnersNumber'))),
    discounts: discounts(parseNested(prop(order, 'extras'), 'extras', warnings), warnings),
    income: income(asRecord(parseNested(prop(order, 'poiReceiveDetail'), 'poiReceiveDetail', []))),
    backupPhones: backupPhones(prop(order, 'backupRecipientPhone')),
  };
}

/** `dinnersNumber`: 0 not chosen, 1–10 sets, -10 more than ten, 88 cutlery wanted, 99 none wanted. */
export function cutlery(code: number | null): OrderFacts['cutlery'] {
  if (code === null || code === 0) return null;
  if (code === 99) return 0;
  if (code === 88) return 'needed';
  if ((code >= 1 && code <= 10) || code === -10) return code;
  return 'needed'; // a code we do not know: pack cutlery rather than none
}

function discounts(extras: unknown, warnings: string[]): OrderDiscount[] {
  if (extras === undefined) return [];
  if (!Array.isArray(extras)) {
    warnings.push('extras is not a list: no discounts');
    return [];
  }
  return extras.flatMap((entry): OrderDiscount[] => {
    const e = asRecord(entry);
    // `[{}]` is how the platform says "no discount".
    if (!e || Object.keys(e).length === 0) return [];
    const reduceCents = centsFromYuan(prop(e, 'reduce_fee')) ?? 0;
    const remark = text(prop(e, 'remark')).trim();
    if (reduceCents === 0 && remark === '') return [];
    return [
      {
        remark,
        reduceCents,
        platformCents: centsFromYuan(prop(e, 'mt_charge')) ?? 0,
        shopCents: centsFromYuan(prop(e, 'poi_charge')) ?? 0,
      },
    ];
  });
}

function income(detail: JsonRecord | undefined): OrderIncome | null {
  if (!detail) return null;
  const lines = (name: string): OrderIncomeLine[] => {
    const list = prop(detail, name);
    if (!Array.isArray(list)) return [];
    return list.flatMap((entry): OrderIncomeLine[] => {
      const e = asRecord(entry);
      const cents = e ? intOf(prop(e, 'moneyCent')) : null;
      if (!e || cents === null || cents === 0) return [];
      return [{ label: text(prop(e, 'comment')).trim() || text(prop(e, 'feeTypeDesc')).trim(), cents }];
    });
  };
  const cents = (name: string): number | null => intOf(prop(detail, name));
  return {
    receivableCents: cents('wmPoiReceiveCent'),
    onlinePaymentCents: cents('onlinePayment'),
    commissionCents: cents('foodShareFeeChargeByPoi'),
    logisticsFeeCents: cents('logisticsFee'),
    platformPays: lines('actOrderChargeByMt'),
    shopPays: lines('actOrderChargeByPoi'),
  };
}

/** `backupRecipientPhone`: a JSON array (or its text) of numbers; a plain comma list is read too. */
function backupPhones(value: unknown): string[] {
  let list: unknown = value;
  if (typeof value === 'string') {
    const t = value.trim();
    list = t.startsWith('[') ? parseNested(t, 'backupRecipientPhone', []) : t.split(/[,，]/);
  }
  if (!Array.isArray(list)) return [];
  return list.map((p) => text(p).trim()).filter((p) => p !== '');
}
