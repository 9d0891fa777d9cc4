/**
 * Which push the platform sends after each order transition, and how it looks on the wire
 * (README.md here, "Pushes"): `developerId`, `ePoiId`, one JSON payload field, `sign` ("Signing", over
 * every other field). Ids inside payload JSON are bare numbers beyond 2^53.
 */
import { meituanSign } from './sign.js';
import { orderValue, wireJson } from './sandbox-orders.js';
import type { PushResult, Pusher } from './sandbox-push.js';
import type { OrderAction, SandboxOrderState } from './sandbox-state.js';

export function orderJson(order: SandboxOrderState): string {
  return wireJson(orderValue(order.input, order.ePoiId, order.times));
}

export interface PartRefundOptions {
  /** Default 'part' (the one source gives no value list; UNCERTAIN, README.md here, "Part refunds"). */
  notifyType?: string;
  reason?: string;
  /** Dishes by index into the order's `detail` and how many of each; default one of the first. */
  items?: { index: number; quantity: number }[];
}

/**
 * The flat part-refund fields (README.md here, "Pushes"; UNCERTAIN, one source): `money` in yuan and `food` as a
 * JSON array string, sent next to developerId/ePoiId/orderId.
 */
export function partRefundRecord(
  order: SandboxOrderState,
  opts: PartRefundOptions,
): { notifyType: string; reason: string; money: string; food: string } {
  const food = (opts.items ?? [{ index: 0, quantity: 1 }]).map(({ index, quantity }) => {
    const d = order.input.dishes[index];
    if (!d) throw new Error(`order ${order.orderId} has no dish #${index}`);
    return {
      app_food_code: d.code,
      food_name: d.name,
      sku_id: d.code,
      spec: d.spec,
      food_price: d.price,
      count: quantity,
      box_num: d.boxNum,
      box_price: d.boxPrice,
      refund_price: d.price * quantity,
    };
  });
  const money = String(food.reduce((s, f) => s + Math.round(f.refund_price * 100), 0) / 100);
  return {
    notifyType: opts.notifyType ?? 'part',
    reason: opts.reason ?? '商品缺货',
    money,
    food: JSON.stringify(food),
  };
}

export class OrderNotifier {
  constructor(
    private readonly deps: {
      developerId: string;
      signKey: string;
      /** Resolved at each attempt (the receiver may start after the sandbox). */
      receiverUrl: () => string;
      pusher: Pusher;
      random: () => number;
      duplicateRate: number;
    },
  ) {}

  signed(fields: Record<string, string>): Record<string, string> {
    return { ...fields, sign: meituanSign(this.deps.signKey, fields) };
  }

  /** Sign and push with retries; new/confirmed pushes are sometimes sent twice (README.md here, "Pushes"). */
  async deliver(path: string, fields: Record<string, string>, duplicable = false): Promise<PushResult> {
    const { pusher, receiverUrl, duplicateRate, random } = this.deps;
    const signed = this.signed(fields);
    const url = () => receiverUrl() + path;
    const result = await pusher.send(url, signed, 'OK').done;
    if (result.ok && duplicable && duplicateRate > 0 && random() < duplicateRate) {
      void pusher.send(url, signed, 'OK', true).done;
    }
    return result;
  }

  orderPush(path: string, order: SandboxOrderState, duplicable: boolean): Promise<PushResult> {
    const fields = { developerId: this.deps.developerId, ePoiId: order.ePoiId, order: orderJson(order) };
    return this.deliver(path, fields, duplicable);
  }

  /** The push for a transition that was just applied to `order`. */
  forAction(order: SandboxOrderState, action: OrderAction): Promise<PushResult> {
    const base = { developerId: this.deps.developerId, ePoiId: order.ePoiId };
    const orderId = BigInt(order.orderId);
    switch (action.kind) {
      case 'confirm':
        return this.orderPush('/meituan/order/confirmed', order, true);
      case 'delivered':
      case 'finish':
        return this.orderPush('/meituan/order/finished', order, false);
      case 'cancel':
        return this.deliver('/meituan/order/cancelled', {
          ...base,
          orderCancel: wireJson({ orderId, reasonCode: action.reasonCode, reason: action.reason }),
        });
      case 'refund':
        if (action.part) {
          const rec = order.partRefunds.at(-1);
          return this.deliver('/meituan/order/part-refund', { ...base, orderId: order.orderId, ...rec });
        }
        return this.deliver('/meituan/order/refund', {
          ...base,
          orderRefund: wireJson({ orderId, notifyType: action.notifyType, reason: action.reason }),
        });
      case 'prepared':
        // 出餐 sends no push (the sandbox never asks for one).
        throw new Error('出餐 has no push');
      case 'ship':
      case 'delivering': {
        // Self-delivery via the API: no source shows what the platform pushes; we send shipping
        // status 20 with the courier so the receiver learns the order is out (our choice).
        const t = order.times;
        return this.deliver('/meituan/order/shipping', {
          ...base,
          shippingStatus: wireJson({
            orderId,
            shippingStatus: action.kind === 'ship' ? action.shippingStatus : 20,
            time: t.utime,
            dispatcherName: t.logisticsDispatcherName,
            dispatcherMobile: t.logisticsDispatcherMobile,
          }),
        });
      }
    }
  }
}
