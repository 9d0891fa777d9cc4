// @vitest-environment happy-dom
/**
 * The page asks for today's list beside its first status (`startDesk`), before the status has
 * said which day today is. The board must still show exactly today's orders: the early list,
 * every change heard while the two answers were on their way, and — should midnight fall between
 * them — today's list asked for again rather than yesterday's shown as today's.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeskApi, DeskEventName, DeskEvents, DeskStatus, OrderCard } from '../../../shared/api.js';
import { toOrderCard } from '../../../shared/order-card.js';
import type { Order } from '../../../shared/order.js';
import type { DeskClient, DeskListener } from '../../../renderer/src/api/desk-client.js';
import { DeskContext, dayInZone, startDesk, useOrders } from '../../../renderer/src/state/use-desk.js';
import { fakeOrder } from './fake-order.js';

const ZONE = 'Asia/Shanghai';

function deferred<T>(): { promise: Promise<T>; resolve(v: T): void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function fakeDesk() {
  const listeners = new Set<DeskListener>();
  const emit = <E extends DeskEventName>(name: E, payload: DeskEvents[E]): void => listeners.forEach((l) => l(name, payload));
  const status = deferred<DeskStatus>();
  const early = deferred<OrderCard[]>();
  const byDay = new Map<string, OrderCard[]>();
  const listOrderCards = vi.fn((day?: string) => (day === undefined ? early.promise : Promise.resolve(byDay.get(day) ?? [])));
  const api = { status: () => status.promise, listOrderCards } as Partial<DeskApi> as DeskApi;
  const desk: DeskClient = {
    api,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    resolveLink: (p) => p,
    openLink: async () => true,
    onConnection: () => () => undefined,
  };
  return { desk, emit, status, early, byDay, listOrderCards };
}

function Keys(props: { day: string }): React.JSX.Element {
  const { orders, loading } = useOrders(props.day);
  return createElement('p', { 'data-testid': 'keys' }, loading ? 'loading' : orders.map((o) => o.daySeq).sort((a, b) => a! - b!).join(','));
}

const order = (seq: number, day: string, over: Partial<Order> = {}): Order =>
  fakeOrder({ orderId: `9${seq}`, daySeq: seq, businessDay: day, ...over });

afterEach(cleanup);

describe("today's list asked for as the page starts", () => {
  it('is the board’s list, with the changes heard before the status named the day', async () => {
    const today = dayInZone(ZONE);
    const f = fakeDesk();
    startDesk(f.desk);
    expect(f.listOrderCards).toHaveBeenCalledWith(); // beside the status, not after it
    // A new order and a change come in while both answers are still on their way.
    f.emit('order-changed', { order: order(3, today), created: true, previousStatus: null });
    f.emit('order-changed', { order: order(1, today, { status: 'accepted', updatedAt: '2099-01-01T00:00:00.000Z' }), created: false, previousStatus: 'new' });
    await act(async () => f.early.resolve([toOrderCard(order(1, today)), toOrderCard(order(2, today))]));
    await act(async () => f.status.resolve({ timeZone: ZONE } as DeskStatus));
    render(createElement(DeskContext.Provider, { value: f.desk }, createElement(Keys, { day: today })));
    await act(async () => undefined);
    expect(screen.getByTestId('keys').textContent).toBe('1,2,3');
    // The early list was taken: the day was not asked for again.
    expect(f.listOrderCards).toHaveBeenCalledTimes(1);
  });

  it('asks again when the early list was another day’s (midnight between the two answers)', async () => {
    const today = dayInZone(ZONE);
    const f = fakeDesk();
    f.byDay.set(today, [toOrderCard(order(5, today))]);
    startDesk(f.desk);
    await act(async () => f.early.resolve([toOrderCard(order(8, '2000-01-01'))]));
    await act(async () => f.status.resolve({ timeZone: ZONE } as DeskStatus));
    render(createElement(DeskContext.Provider, { value: f.desk }, createElement(Keys, { day: today })));
    await act(async () => undefined);
    expect(screen.getByTestId('keys').textContent).toBe('5');
    expect(f.listOrderCards).toHaveBeenLastCalledWith(today);
  });
});
