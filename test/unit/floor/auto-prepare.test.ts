/**
 * Automatic 出餐: the minutes come from the first window holding the accept time on the shop's
 * clock (else the rule's own), never sooner than the platform allows, and the scheduler fires
 * by an injected clock and timers (no waiting), at most three tries in all.
 */
import { describe, expect, it } from 'vitest';
import type { Order, OrderEvent } from '../../../shared/order.js';
import type { AutoPrepareRule } from '../../../shared/shop-floor.js';
import type { Store } from '../../../shared/store.js';
import { afterMinutesFor, AutoPrepare, autoPrepareAtMs, inWindow } from '../../../electron/core/floor/auto-prepare.js';
import type { Preparer } from '../../../electron/core/floor/prepare.js';
import { quietLogger } from '../../support/helpers.js';

const TZ = 'Asia/Shanghai';
const RULE: AutoPrepareRule = { enabled: true, windows: [{ from: '11:00', to: '13:30', afterMinutes: 12 }], afterMinutes: 8 };
const MIN = 60_000;

function event(at: string, type: string, status: Order['status'], source = 'staff'): OrderEvent {
  return { at, type, source, detail: '', seq: 1, status, fingerprint: `${type}@${at}` };
}

function order(acceptedAt: string, o: Partial<Order> = {}): Order {
  return {
    key: 'meituan:1',
    platform: 'meituan',
    orderId: '1',
    storeId: 'store-1',
    status: 'accepted',
    pickup: false,
    preOrder: false,
    deliveryTime: null,
    delivery: { code: '1001', name: '美团专送', statusCode: null, statusText: '', riderName: '', riderPhone: '', selfDelivery: false },
    prepared: null,
    events: [event(acceptedAt, 'api:confirm', 'accepted')],
    ...o,
  } as Order;
}

describe('the automatic 出餐 rule', () => {
  it('an order accepted inside 11:00–13:30 (shop time) waits 12 minutes, outside 8', () => {
    // 11:30 and 14:00 in Shanghai.
    const inside = Date.parse('2026-12-02T03:30:00Z');
    const outside = Date.parse('2026-12-02T06:00:00Z');
    expect(afterMinutesFor(RULE, inside, TZ)).toBe(12);
    expect(afterMinutesFor(RULE, outside, TZ)).toBe(8);
    // 13:30 itself is outside; 11:00 inside.
    expect(afterMinutesFor(RULE, Date.parse('2026-12-02T05:30:00Z'), TZ)).toBe(8);
    expect(afterMinutesFor(RULE, Date.parse('2026-12-02T03:00:00Z'), TZ)).toBe(12);
    const rule = { minAfterAcceptMs: MIN };
    expect(autoPrepareAtMs(order('2026-12-02T03:30:00.000Z'), RULE, rule, TZ)).toBe(inside + 12 * MIN);
    expect(autoPrepareAtMs(order('2026-12-02T06:00:00.000Z'), RULE, rule, TZ)).toBe(outside + 8 * MIN);
  });

  it('a window across midnight holds late and early times', () => {
    const w = { from: '22:00', to: '02:00' };
    expect(inWindow(w, 23 * 60)).toBe(true);
    expect(inWindow(w, 60)).toBe(true);
    expect(inWindow(w, 12 * 60)).toBe(false);
  });

  it('never sooner than the platform allows: its minimum, and a pre-order’s reminder time + 1 minute', () => {
    const accepted = '2026-12-02T06:00:00.000Z';
    const quick: AutoPrepareRule = { enabled: true, windows: [], afterMinutes: 1 };
    expect(autoPrepareAtMs(order(accepted), quick, { minAfterAcceptMs: 5 * MIN }, TZ)).toBe(Date.parse(accepted) + 5 * MIN);
    // Delivery at 10:00 Shanghai the same evening… i.e. 3 hours after accepting: 出餐 from an hour before + 1 minute.
    const pre = order(accepted, { preOrder: true, deliveryTime: '2026-12-02T09:00:00.000Z' });
    expect(autoPrepareAtMs(pre, RULE, { minAfterAcceptMs: MIN, preOrderLeadMs: 60 * MIN }, TZ)).toBe(Date.parse('2026-12-02T08:01:00.000Z'));
  });
});

describe('the automatic 出餐 scheduler', () => {
  function harness(rule: AutoPrepareRule = RULE) {
    let t = Date.parse('2026-12-02T03:30:00Z');
    const timers: { at: number; fn: () => void; live: boolean }[] = [];
    const marked: string[] = [];
    let fail: ((key: string) => Error | null) | null = null;
    const preparer = {
      ruleFor: () => ({ minAfterAcceptMs: MIN }),
      mark: async (key: string) => {
        const err = fail?.(key) ?? null;
        if (err) throw err;
        marked.push(key);
        return {} as Order;
      },
    } as unknown as Preparer;
    const store = { id: 'store-1', settings: { autoAccept: false, autoAcceptDelaySeconds: 0, autoPrepare: rule } } as unknown as Store;
    const auto = new AutoPrepare({
      preparer,
      store: () => store,
      now: () => t,
      timeZone: TZ,
      logger: quietLogger,
      setTimer: (fn, ms) => {
        const h = { at: t + ms, fn, live: true };
        timers.push(h);
        return h;
      },
      clearTimer: (h) => void ((h as { live: boolean }).live = false),
    });
    return {
      auto,
      marked,
      failWith: (f: (key: string) => Error | null) => void (fail = f),
      /** Move the clock on and run the timers that came due. */
      async advance(ms: number) {
        t += ms;
        for (const h of timers.filter((x) => x.live && x.at <= t)) {
          h.live = false;
          h.fn();
        }
        await auto.settled();
      },
      now: () => t,
    };
  }

  it('fires at accept + 12 minutes inside the window, not a minute before', async () => {
    const h = harness();
    h.auto.onOrder(order('2026-12-02T03:30:00.000Z'));
    await h.advance(11 * MIN);
    expect(h.marked).toEqual([]);
    await h.advance(MIN);
    expect(h.marked).toEqual(['meituan:1']);
  });

  it('does nothing when off, for self-delivery, pickup, picked up, prepared or cancelled', () => {
    const off = harness({ ...RULE, enabled: false });
    off.auto.onOrder(order('2026-12-02T03:30:00.000Z'));
    expect(off.auto.schedule()).toEqual([]);
    const h = harness();
    const d = order('2026-12-02T03:30:00.000Z').delivery!;
    for (const o of [
      order('2026-12-02T03:30:00.000Z', { delivery: { ...d, selfDelivery: true } }),
      order('2026-12-02T03:30:00.000Z', { pickup: true }),
      order('2026-12-02T03:30:00.000Z', { delivery: { ...d, stage: 'picked-up' } }),
      order('2026-12-02T03:30:00.000Z', { prepared: { at: '2026-12-02T03:31:00.000Z', by: 'staff' } }),
      order('2026-12-02T03:30:00.000Z', { status: 'cancelled' }),
      order('2026-12-02T03:30:00.000Z', { status: 'delivering' }),
    ]) {
      h.auto.onOrder(o);
      expect(h.auto.schedule()).toEqual([]);
    }
    // Armed, then picked up before its time: dropped.
    h.auto.onOrder(order('2026-12-02T03:30:00.000Z'));
    expect(h.auto.schedule()).toHaveLength(1);
    h.auto.onOrder(order('2026-12-02T03:30:00.000Z', { status: 'delivering' }));
    expect(h.auto.schedule()).toEqual([]);
  });

  it('a failure is tried again a minute later, three times in all; a definitive refusal is not tried again', async () => {
    const h = harness();
    h.failWith(() => new Error('美团服务器异常'));
    let o = order('2026-12-02T03:30:00.000Z');
    h.auto.onOrder(o);
    await h.advance(12 * MIN);
    const fail = (type: string) => {
      o = { ...o, events: [...o.events, event(new Date(h.now()).toISOString(), type, 'accepted', 'auto-prepare')] };
      h.auto.onOrder(o);
    };
    fail('api-failed:prepared');
    expect(h.auto.schedule()[0]!.at).toBe(new Date(h.now() + MIN).toISOString());
    await h.advance(MIN);
    fail('api-failed:prepared');
    await h.advance(MIN);
    fail('api-failed:prepared');
    expect(h.auto.schedule()).toEqual([]);

    const r = harness();
    r.failWith(() => new Error('骑手已取餐'));
    let p = order('2026-12-02T03:30:00.000Z');
    r.auto.onOrder(p);
    await r.advance(12 * MIN);
    p = { ...p, events: [...p.events, event(new Date(r.now()).toISOString(), 'api-failed:prepared-refused', 'accepted', 'auto-prepare')] };
    r.auto.onOrder(p);
    expect(r.auto.schedule()).toEqual([]);
  });
});
