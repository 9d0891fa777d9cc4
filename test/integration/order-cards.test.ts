/**
 * The board's list and the console contract over real HTTP (`serve` as a child process): the
 * card form (`?view=card`, `listOrderCards`) carries no raw payload and a fraction of the
 * bytes, while `GET /api/orders` still answers full orders, raw payload and whole history.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderCard } from '../../shared/api.js';
import type { Order } from '../../shared/order.js';
import { dayIn } from '../../electron/core/config.js';
import { writeBusyDay } from '../bench/history.js';
import { tempDir } from '../support/helpers.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function busyServe(count: number): Promise<{ serve: ServeProcess; day: string }> {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const day = dayIn('UTC', new Date());
  await writeBusyDay(dir, day, count, '+00:00');
  const serve = await startServe(['--sandbox', '--data-dir', dir, '--demo-interval', '0', '--time-zone', 'UTC']);
  cleanups.push(() => serve.stop());
  return { serve, day };
}

async function body(serve: ServeProcess, path: string): Promise<{ status: number; text: string }> {
  const res = await fetch(serve.ready.console + path, { headers: { authorization: `Bearer ${serve.ready.token}` } });
  return { status: res.status, text: await res.text() };
}

describe('the board’s card list and the full orders of the console', () => {
  it('GET /api/orders answers full orders; ?view=card the same orders without raw, history cut, far smaller', async () => {
    const { serve, day } = await busyServe(200);
    const full = await body(serve, `/api/orders?date=${day}`);
    const card = await body(serve, `/api/orders?date=${day}&view=card`);
    expect(full.status).toBe(200);
    expect(card.status).toBe(200);
    const orders = (JSON.parse(full.text) as { orders: Order[] }).orders;
    const cards = (JSON.parse(card.text) as { orders: OrderCard[] }).orders;
    expect(orders).toHaveLength(200);
    expect(cards.map((c) => c.key)).toEqual(orders.map((o) => o.key));

    // The contract: every order whole — the platform's payload and all three history events.
    for (const o of orders) {
      expect(o.raw['developerId']).toBe('100001');
      expect(o.events.map((e) => e.type)).toEqual(['pushed:new', 'api:confirm', 'pushed:finished']);
    }
    // The card form: no payload at all; of the history only the acceptance, and only while a
    // card shows how long the order has waited to go out (待出餐).
    for (const c of cards) {
      expect(c.raw).toEqual({});
      expect(c.events.map((e) => e.type)).toEqual(c.status === 'accepted' ? ['api:confirm'] : []);
    }
    expect(cards.some((c) => c.status === 'accepted')).toBe(true);
    expect(card.text).not.toContain('developerId');
    expect(card.text).not.toContain('pushed:finished');
    expect(card.text.length).toBeLessThan(full.text.length * 0.8);
  });

  it('listOrderCards over the RPC route gives the same cards; an unknown view is refused', async () => {
    const { serve, day } = await busyServe(20);
    const viaGet = (JSON.parse((await body(serve, `/api/orders?date=${day}&view=card`)).text) as { orders: OrderCard[] }).orders;
    const viaRpc = await serve.rpc<OrderCard[]>('listOrderCards', day);
    expect(viaRpc).toEqual(viaGet);
    expect((await body(serve, `/api/orders?date=${day}&view=full`)).text).toContain('developerId');
    expect((await body(serve, `/api/orders?date=${day}&view=everything`)).status).toBe(400);
  });
});
