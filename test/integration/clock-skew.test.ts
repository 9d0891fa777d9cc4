/**
 * A PC clock years off, as a shop would meet it: orders arrive from the platform, and the
 * status (which the screen shows as a red banner) says the PC's time is wrong, which way and
 * by about how much. Sandbox → receiver → desk over real HTTP; only the desk's clock is off.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DeskStatus } from '../../shared/api.js';
import { OrderLog, startFixture, type Fixture } from '../support/desk-fixture.js';
import { waitForEvent } from '../support/helpers.js';

const YEAR = 365 * 24 * 3600_000;
const MIN = 60_000;

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

/**
 * A desk whose clock is `offsetMs` off, and one new order. With auto-accept off the push is the
 * only thing that came from the platform; with it on, the API's answer to the confirm came too.
 */
async function pcOff(offsetMs: number, autoAccept: boolean): Promise<{ fx: Fixture; status: DeskStatus; orderId: string }> {
  fx = await startFixture({
    now: () => new Date(Date.now() + offsetMs),
    stores: [{ id: 'store-1', name: '湘北人家', autoAccept, autoAcceptDelaySeconds: 0 }],
    // The desk does not ask the store's open/rest state by itself: only the push (and the confirm) speak.
    storeStateIntervalMs: 0,
  });
  const warned = waitForEvent<DeskStatus>(fx.desk, 'status-changed', (s) => s.clockSkew !== undefined);
  const log = new OrderLog(fx.desk);
  const orderId = await fx.sandbox.pushNewOrder('store-1');
  await log.waitFor((o) => o.orderId === orderId && (!autoAccept || o.autoAccept?.state === 'done'));
  return { fx, status: await warned, orderId };
}

describe('a PC clock far from the platform', () => {
  it('two years slow: the pushed order alone says so, and status() keeps saying it', async () => {
    const { fx, status, orderId } = await pcOff(-2 * YEAR, false);
    // Nothing but the push came from the platform: no API call answered.
    expect(fx.sandbox.getOrder(orderId)!.apiCalls).toEqual([]);
    expect(status.clockSkew!.platform).toBe('meituan');
    expect(Math.abs(status.clockSkew!.aheadMs + 2 * YEAR)).toBeLessThan(MIN);
    // Later samples only refine it (the least delayed one wins).
    const later = (await fx.desk.status()).clockSkew!;
    expect(Math.abs(later.aheadMs + 2 * YEAR)).toBeLessThan(MIN);
  });

  it("two years fast: the platform API's answer (its Date) says so", async () => {
    const { status } = await pcOff(2 * YEAR, true);
    expect(Math.abs(status.clockSkew!.aheadMs - 2 * YEAR)).toBeLessThan(MIN);
  });

  it('a right clock says nothing', async () => {
    fx = await startFixture();
    const log = new OrderLog(fx.desk);
    const orderId = await fx.sandbox.pushNewOrder('store-1');
    await log.waitFor((o) => o.orderId === orderId && o.autoAccept?.state === 'done');
    expect((await fx.desk.status()).clockSkew).toBeUndefined();
  });
});
