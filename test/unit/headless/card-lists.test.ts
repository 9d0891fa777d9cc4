/**
 * The console's cached card list (`CardLists`): a busy day is serialized once, yet a changed,
 * added or removed order shows in the very next answer — a stale list would hide an order.
 */
import { describe, expect, it } from 'vitest';
import { CardLists } from '../../../electron/headless/console-server.js';
import { toOrderCard } from '../../../shared/order-card.js';
import type { Order } from '../../../shared/order.js';
import { historyOrder } from '../../bench/history.js';

const DAY = '2026-11-25';

function fakeDesk(orders: Order[]): { api: { listOrders(day?: string): Promise<Order[]> }; orders: Order[]; calls: number } {
  const state = {
    orders,
    calls: 0,
    api: {
      listOrders: async (): Promise<Order[]> => {
        state.calls++;
        // Like the desk: a fresh array of the same order objects each time.
        return [...state.orders];
      },
    },
  };
  return state;
}

const parse = (b: Buffer): unknown => JSON.parse(b.toString('utf8'));

describe('the cached card list', () => {
  it('answers exactly the card form of the day, and the same bytes while nothing changed', async () => {
    const desk = fakeDesk([historyOrder(1, DAY), historyOrder(2, DAY)]);
    const lists = new CardLists(desk.api);
    const first = await lists.json(DAY);
    expect(parse(first)).toEqual(JSON.parse(JSON.stringify(desk.orders.map(toOrderCard))));
    expect(await lists.json(DAY)).toBe(first);
    // No day is the desk's today: the same orders, so the same bytes.
    expect(await lists.json(undefined)).toBe(first);
    expect(desk.calls).toBe(3); // the desk is asked every time: only the serializing is saved
  });

  it('shows a changed order (a new object, as the desk makes) at once, and keeps the rest', async () => {
    const desk = fakeDesk([historyOrder(1, DAY), historyOrder(2, DAY)]);
    const lists = new CardLists(desk.api);
    await lists.json(DAY);
    desk.orders = [desk.orders[0]!, { ...desk.orders[1]!, status: 'cancelled', updatedAt: `${DAY}T06:00:00.000Z` }];
    const after = parse(await lists.json(DAY)) as Order[];
    expect(after.map((o) => o.status)).toEqual(['completed', 'cancelled']);
  });

  it('shows an added order and drops a removed one, and keeps days apart', async () => {
    const desk = fakeDesk([historyOrder(1, DAY)]);
    const lists = new CardLists(desk.api);
    await lists.json(DAY);
    desk.orders = [...desk.orders, historyOrder(3, DAY)];
    expect((parse(await lists.json(DAY)) as Order[]).map((o) => o.daySeq)).toEqual([2, 4]);
    desk.orders = [desk.orders[1]!];
    expect((parse(await lists.json(DAY)) as Order[]).map((o) => o.daySeq)).toEqual([4]);
    desk.orders = [];
    expect(parse(await lists.json('2026-11-24'))).toEqual([]);
  });
});
