// @vitest-environment happy-dom
/**
 * Pre-orders: their own tab once accepted, the next due on top, and a reminder `lead` minutes
 * before the delivery time that is owed like a new order: the window tells the desk when it
 * comes (not before, once), the desk records it on the order, and from then on it rings with its
 * own sound, shows in the strip and the title, survives 我知道了 and 全部知道了, and ends only
 * with 开始制作.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { DeskApi, DeskEventName, DeskEvents } from '../../../shared/api.js';
import type { Order, OrderEvent } from '../../../shared/order.js';
import { toOrderCard } from '../../../shared/order-card.js';
import { owedReason } from '../../../shared/owed.js';
import type { DeskClient, DeskListener } from '../../../renderer/src/api/desk-client.js';
import Ringer from '../../../renderer/src/components/alerts/Ringer.js';
import PreOrderReminder, { usePreOrderDue } from '../../../renderer/src/components/board/PreOrderReminder.js';
import { resetLeadCache, setLeadMinutes } from '../../../renderer/src/components/board/preorder-prefs.js';
import i18n from '../../../renderer/src/i18n/index.js';
import { ordersOfTab, tabOf } from '../../../renderer/src/lib/board.js';
import { unmute } from '../../../renderer/src/sound/mute.js';
import { resetSoundPrefsCache } from '../../../renderer/src/sound/use-sound-prefs.js';
import { DeskContext } from '../../../renderer/src/state/use-desk.js';
import { fakeOrder } from './fake-order.js';

const NOW = Date.parse('2026-11-25T03:00:00.000Z');
const TODAY = '2026-11-25';
const at = (minutes: number): string => new Date(NOW + minutes * 60_000).toISOString();
const pre = (key: string, deliverInMinutes: number, over: Partial<Order> = {}): Order =>
  fakeOrder({ orderId: key, key: `meituan:${key}`, preOrder: true, status: 'accepted', deliveryTime: at(deliverInMinutes), ...over });
const cookingEvent = (type: 'cooking:due' | 'cooking:started', when: string): OrderEvent => ({
  at: new Date(NOW).toISOString(),
  type,
  source: 'staff',
  detail: when,
  seq: 1,
  status: 'accepted',
  fingerprint: `${type}@${when}`,
});
/** What the desk makes of `remindCooking` on `order`. */
const due = (order: Order): Order => ({
  ...order,
  attention: { reason: 'preorder-due', since: new Date(NOW).toISOString() },
  events: [...order.events, cookingEvent('cooking:due', order.deliveryTime!)],
});
const started = (order: Order): Order => ({
  ...order,
  attention: null,
  events: [...order.events, cookingEvent('cooking:started', order.deliveryTime!)],
});

function fakeDesk(orders: Order[]) {
  const listeners = new Set<DeskListener>();
  const emit = <E extends DeskEventName>(name: E, payload: DeskEvents[E]): void => listeners.forEach((l) => l(name, payload));
  const changed = (order: Order): void => emit('order-changed', { order, created: false, previousStatus: order.status });
  const remindCooking = vi.fn(async (key: string) => orders.find((o) => o.key === key)!);
  const startCooking = vi.fn(async (key: string) => orders.find((o) => o.key === key)!);
  const api = {
    listOrders: vi.fn(async (day?: string) => (day === undefined || day === TODAY ? orders : [])),
    listOrderCards: vi.fn(async (day?: string) => (day === undefined || day === TODAY ? orders.map(toOrderCard) : [])),
    acknowledge: vi.fn(async (key: string) => orders.find((o) => o.key === key)!),
    remindCooking,
    startCooking,
  } as unknown as DeskApi;
  const desk: DeskClient = {
    api,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    resolveLink: (path) => path,
    openLink: () => Promise.resolve(true),
    onConnection: () => () => undefined,
  };
  return { desk, remindCooking, startCooking, changed };
}

const elapse = (ms: number): Promise<void> => act(async () => void (await vi.advanceTimersByTimeAsync(ms)));
const ringing = (): string | undefined => document.documentElement.dataset.ringing;

let play: MockInstance<HTMLMediaElement['play']>;
beforeAll(async () => {
  await i18n.changeLanguage('zh-CN');
});
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
  localStorage.clear();
  resetLeadCache();
  resetSoundPrefsCache();
  unmute();
  play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => undefined);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('the pre-order tab', () => {
  it('holds accepted pre-orders, the next one due first; a new pre-order stays in 新订单', () => {
    const later = pre('1', 300);
    const sooner = pre('2', 150);
    const fresh = pre('3', 200, { status: 'new' });
    const asap = fakeOrder({ orderId: '4', status: 'accepted' });
    expect([later, sooner, fresh, asap].map(tabOf)).toEqual(['preorder', 'preorder', 'new', 'preparing']);
    expect(ordersOfTab([later, sooner, fresh, asap], 'preorder').map((o) => o.orderId)).toEqual(['2', '1']);
  });
});

describe('what a pre-order owes', () => {
  it('owes 开始制作 once its reminder is recorded, whatever was acknowledged, until started', () => {
    const order = pre('9', 20);
    expect(owedReason(order)).toBeNull();
    expect(owedReason(due(order))).toBe('preorder-due');
    expect(owedReason({ ...due(order), attention: null })).toBe('preorder-due'); // 我知道了
    expect(owedReason(started(due(order)))).toBeNull();
    // Out for delivery, cancelled: nothing left to start.
    expect(owedReason({ ...due(order), status: 'delivering' })).toBeNull();
    expect(owedReason({ ...due(order), status: 'cancelled' })).toBeNull();
    // The customer moved the time: the old reminder no longer counts (a new one will come).
    expect(owedReason({ ...due(order), deliveryTime: at(90) })).toBeNull();
    // A refund asked meanwhile comes first.
    expect(
      owedReason({ ...due(order), refund: { state: 'requested', reason: '', partial: false, amountCents: null, items: [] } }),
    ).toBe('cancel-request');
  });
});

function Driver(props: { orders: Order[] }): null {
  usePreOrderDue(props.orders);
  return null;
}

describe('the reminder coming due', () => {
  it('tells the desk at lead minutes before delivery, not before, and once', async () => {
    setLeadMinutes(30);
    const order = pre('9', 40); // due at NOW + 10 min
    const { desk, remindCooking } = fakeDesk([order]);
    const view = render(createElement(DeskContext.Provider, { value: desk }, createElement(Driver, { orders: [order] })));
    await elapse(9 * 60_000);
    expect(remindCooking).not.toHaveBeenCalled();
    await elapse(61_000);
    expect(remindCooking).toHaveBeenCalledWith(order.key);
    await elapse(5 * 60_000);
    view.rerender(createElement(DeskContext.Provider, { value: desk }, createElement(Driver, { orders: [{ ...order }] })));
    await elapse(0);
    expect(remindCooking).toHaveBeenCalledTimes(1);
    // Recorded on the order: nothing more to ask.
    view.rerender(createElement(DeskContext.Provider, { value: desk }, createElement(Driver, { orders: [due(order)] })));
    await elapse(60_000);
    expect(remindCooking).toHaveBeenCalledTimes(1);
  });

  it('asks nothing for orders out for delivery, cancelled, started, not yet accepted, or ASAP', async () => {
    setLeadMinutes(30);
    const orders = [
      pre('1', 10, { status: 'delivering' }),
      pre('2', 10, { status: 'cancelled' }),
      started(pre('3', 10)),
      pre('4', 10, { status: 'new' }),
      fakeOrder({ orderId: '5', key: 'meituan:5', status: 'accepted', deliveryTime: at(10) }),
    ];
    const { desk, remindCooking } = fakeDesk(orders);
    render(createElement(DeskContext.Provider, { value: desk }, createElement(Driver, { orders })));
    await elapse(60_000);
    expect(remindCooking).not.toHaveBeenCalled();
  });

  it('follows the lead setting: a longer lead asks at once', async () => {
    setLeadMinutes(30);
    const order = pre('5', 100);
    const { desk, remindCooking } = fakeDesk([order]);
    render(createElement(DeskContext.Provider, { value: desk }, createElement(Driver, { orders: [order] })));
    await elapse(1000);
    expect(remindCooking).not.toHaveBeenCalled();
    await act(async () => setLeadMinutes(120));
    await elapse(0);
    expect(remindCooking).toHaveBeenCalledWith(order.key);
  });
});

describe('a pre-order due to start cooking at the counter', () => {
  it('rings with its own sound, counts in the strip and title, survives 我知道了, and stops at 开始制作', async () => {
    const order = due(pre('9', 20));
    const { desk, changed } = fakeDesk([order]);
    render(createElement(DeskContext.Provider, { value: desk }, createElement(Ringer, { today: TODAY })));
    await elapse(0);
    await elapse(0);
    expect(ringing()).toBe('preorder-due');
    expect((play.mock.contexts.at(-1) as HTMLAudioElement).src).toContain('sounds/preorder-reminder.wav');
    const group = screen.getByTestId('strip-group');
    expect(group.dataset).toMatchObject({ kind: 'owed', reason: 'preorder-due', count: '1' });
    expect(group.textContent).toContain('该做预订单');
    expect(document.title).toBe('(1) 外卖接单台');

    // 我知道了 elsewhere: slower, never silent.
    await act(async () => changed({ ...order, attention: null }));
    expect(ringing()).toBe('preorder-due');
    const before = play.mock.calls.length;
    await elapse(21_000);
    expect(play.mock.calls.length).toBeGreaterThan(before);

    await act(async () => changed(started(order)));
    expect(ringing()).toBeUndefined();
    expect(document.title).toBe('外卖接单台');
    expect(screen.queryByTestId('alert-strip')).toBeNull();
  });

  it('lists due pre-orders with 开始制作, which asks the desk to record the start', async () => {
    const order = due(pre('9', 20));
    const waiting = pre('8', 200);
    const { desk, startCooking } = fakeDesk([order, waiting]);
    render(
      createElement(
        DeskContext.Provider,
        { value: desk },
        createElement(PreOrderReminder, { orders: [order, waiting], onOpen: () => undefined }),
      ),
    );
    const notes = screen.getAllByTestId('preorder-reminder');
    expect(notes.map((n) => n.dataset.orderKey)).toEqual([order.key]);
    expect(notes[0]!.textContent).toContain('该做预订单了：今天');
    fireEvent.click(screen.getByTestId('start-cooking'));
    await elapse(0);
    expect(startCooking).toHaveBeenCalledWith(order.key);
  });
});
