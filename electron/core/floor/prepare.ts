/**
 * 出餐 (food ready) from the desk (docs/shop-floor.md, "出餐"): the platform's rules checked
 * before calling, refusals in staff's words with what to do, and the report journaled as an
 * action so `Order.prepared` is set by the reducer and survives a restart. Pickup orders never
 * go to the platform: staff mark them 「已备好」 here, locally.
 */
import type { Order, Platform } from '../../../shared/order.js';
import type { PreparedMark } from '../../../shared/shop-floor.js';
import { DeskActionError } from '../api-schemas.js';
import type { DeskStorage } from '../storage/desk-storage.js';
import type { ActionFailure, PlatformOutbound } from '../platforms/types.js';

export type PreparedRule = NonNullable<PlatformOutbound['preparedRule']>;

/** When a platform with a 出餐 call says nothing of its rule: not within the first minute. */
export const DEFAULT_PREPARED_RULE: PreparedRule = { minAfterAcceptMs: 60_000 };

/** The history's source for what the automatic rule did. */
export const AUTO_PREPARE_SOURCE = 'auto-prepare';

/** When the order was accepted (ms): the first event that left it accepted; null when it never was. */
export function acceptedAtMs(order: Pick<Order, 'events'>): number | null {
  const e = order.events.find((x) => x.status === 'accepted');
  if (!e) return null;
  const ms = Date.parse(e.at);
  return Number.isNaN(ms) ? null : ms;
}

/** The platform delivers it (not the shop's own rider, not picked up by the customer). */
export function platformDelivers(order: Pick<Order, 'pickup' | 'delivery'>): boolean {
  return !order.pickup && order.delivery?.selfDelivery !== true;
}

/** The rider has the food already (or the order is done). */
export function pickedUp(order: Pick<Order, 'status' | 'delivery'>): boolean {
  const stage = order.delivery?.stage;
  return order.status === 'delivering' || order.status === 'completed' || stage === 'picked-up' || stage === 'delivered';
}

/**
 * The earliest moment (ms) the platform takes 出餐 for this order: a minute after accepting and,
 * for a pre-order where the platform says so, its reminder time (delivery − lead) plus that minute.
 */
export function earliestPrepareMs(order: Pick<Order, 'events' | 'preOrder' | 'deliveryTime'>, rule: PreparedRule): number | null {
  const accepted = acceptedAtMs(order);
  if (accepted === null) return null;
  let earliest = accepted + rule.minAfterAcceptMs;
  const due = order.deliveryTime ? Date.parse(order.deliveryTime) : NaN;
  if (order.preOrder && rule.preOrderLeadMs !== undefined && !Number.isNaN(due)) {
    earliest = Math.max(earliest, due - rule.preOrderLeadMs + rule.minAfterAcceptMs);
  }
  return earliest;
}

/** `HH:MM` of an ISO time on the shop's clock. */
export function clockOf(iso: string | number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(iso));
}

/**
 * Why 出餐 cannot be reported now, in staff's words with what to do; null when it can. Pickup
 * orders are not refused here: they take the local 「已备好」 mark instead.
 */
export function prepareRefusal(order: Order, rule: PreparedRule, nowMs: number, timeZone: string): string | null {
  if (order.prepared) return `这单已经${order.pickup ? '备好' : '出餐'}了（${clockOf(order.prepared.at, timeZone)}），无需再点`;
  if (order.status === 'cancelled' || order.status === 'refunded') return '订单已取消，不能出餐';
  if (order.status === 'new' || order.status === 'paid') return '请先接单，再出餐';
  if (!order.pickup && order.delivery?.selfDelivery) return '自配送订单不用在平台出餐：送出时点「开始配送」';
  if (pickedUp(order)) return '骑手已取餐，无需出餐';
  if (order.pickup) return null;
  const earliest = earliestPrepareMs(order, rule);
  if (earliest === null) return '找不到接单时间，无法出餐：请在平台上操作';
  if (nowMs < earliest) {
    const accepted = acceptedAtMs(order) ?? 0;
    if (earliest > accepted + rule.minAfterAcceptMs) return `预订单要到 ${clockOf(earliest, timeZone)} 才能出餐（送达前 1 小时起），请到时再点`;
    const wait = Math.max(1, Math.ceil((earliest - nowMs) / 1000));
    return `接单不到 ${Math.round(rule.minAfterAcceptMs / 60_000)} 分钟，平台不允许出餐，请 ${wait} 秒后再点`;
  }
  return null;
}

export interface PreparerDeps {
  storage: Pick<DeskStorage, 'getOrder' | 'recordAction'>;
  outbound(platform: Platform): PlatformOutbound | undefined;
  tokenFor(platform: Platform, storeId: string): Promise<string | undefined>;
  describe(platform: Platform, err: unknown): ActionFailure;
  now: () => number;
  timeZone: string;
}

/** Reports 出餐 for staff and for the automatic rule; one call at a time per order. */
export class Preparer {
  private readonly inFlight = new Set<string>();

  constructor(private readonly deps: PreparerDeps) {}

  /** The platform's rule for 出餐, or null when it has no 出餐 call. */
  ruleFor(platform: Platform): PreparedRule | null {
    const out = this.deps.outbound(platform);
    if (!out?.actions.prepared) return null;
    return out.preparedRule ?? DEFAULT_PREPARED_RULE;
  }

  /**
   * Report 出餐 (or mark a pickup order 已备好). Throws DeskActionError in staff's words when a
   * rule refuses it or the platform does; a platform failure is kept on the order's history.
   */
  async mark(key: string, by: PreparedMark['by']): Promise<Order> {
    const order = await this.deps.storage.getOrder(key);
    if (!order) throw new DeskActionError('找不到这个订单', false, 404);
    const source = by === 'auto' ? AUTO_PREPARE_SOURCE : 'staff';
    const rule = this.ruleFor(order.platform) ?? DEFAULT_PREPARED_RULE;
    const why = prepareRefusal(order, rule, this.deps.now(), this.deps.timeZone);
    if (why) throw new DeskActionError(why);
    if (order.pickup) {
      const updated = await this.deps.storage.recordAction(key, { kind: 'ready-local' }, source);
      return updated ?? order;
    }
    const out = this.deps.outbound(order.platform);
    const prepared = out?.actions.prepared;
    if (!out || !prepared) throw new DeskActionError('这个平台不能在这里出餐：请在平台的商家端操作');
    const token = await this.deps.tokenFor(order.platform, order.storeId);
    if (!token) throw new DeskActionError('门店未绑定该平台，无法出餐：请先在「门店」页绑定');
    if (this.inFlight.has(key)) throw new DeskActionError('正在出餐，请稍候', true);
    this.inFlight.add(key);
    try {
      try {
        await prepared(order.orderId, token);
      } catch (err) {
        const f = this.deps.describe(order.platform, err);
        await this.deps.storage.recordAction(key, { kind: 'api-failed', call: f.retriable ? 'prepared' : 'prepared-refused', detail: f.message }, source);
        throw new DeskActionError(f.message, f.retriable, 502);
      }
      const detail = by === 'auto' ? '已出餐（自动）' : '已出餐';
      const updated = await this.deps.storage.recordAction(key, { kind: 'api-ok', call: 'prepared', detail, prepared: by }, source);
      return updated ?? order;
    } finally {
      this.inFlight.delete(key);
    }
  }
}
