/**
 * A part refund request in a real browser against `waimai-desk serve --sandbox`: it rings like a
 * full refund request, its card says which dishes and how much, and agreeing it from the card
 * stops the ringing without cancelling the order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../shared/order.js';
import { screenshot, soundLog, startCounterSession, type CounterSession } from '../support/browser.js';

let session: CounterSession;

beforeAll(async () => {
  session = await startCounterSession();
}, 60_000);

afterAll(() => session?.close());

const orders = async (): Promise<Order[]> => (await session.serve.api<{ orders: Order[] }>('/api/orders')).orders;

describe('a part refund request at the counter', () => {
  it('rings, shows the dishes and amount on the card, and is agreed from it', async () => {
    const { serve, page } = session;
    await serve.rpc('simulate', 'new-order');
    // The demo store accepts by itself: wait for an accepted order to ask about.
    await expect.poll(async () => (await orders()).some((o) => o.status === 'accepted'), { timeout: 15_000 }).toBe(true);
    for (const o of await orders()) if (o.attention) await serve.rpc('acknowledge', o.key);
    await page.waitForFunction(() => !document.documentElement.dataset['ringing']);

    await serve.rpc('simulate', 'part-refund');
    const asked = (await orders()).find((o) => o.refund?.state === 'requested')!;
    expect(asked.refund).toMatchObject({ partial: true, reason: '商品缺货，退这一份' });
    const card = page.locator(`[data-testid="order-card"][data-order-key="${asked.key}"]`);
    await page.getByTestId('tab-refund').click();
    await card.waitFor();
    await page.waitForFunction(() => document.documentElement.dataset['ringing'] === 'refund-requested');
    // The data attribute names the plan; the sound itself may wait out the short gap after the last ring.
    await expect.poll(async () => (await soundLog(page)).plays.some((src) => src.includes('refund-requested'))).toBe(true);
    const dish = asked.refund!.items[0]!;
    expect(await card.getByTestId('refund-items').innerText()).toBe(`退：${dish.name} ×${dish.quantity}`);
    expect(await card.innerText()).toContain('部分退款');
    await screenshot(page, 'board-part-refund-requested');

    await card.getByTestId('agree-refund').click();
    await page.getByRole('dialog').getByTestId('dialog-confirm').click();
    await page.waitForFunction(() => !document.documentElement.dataset['ringing']);
    await expect
      .poll(async () => (await orders()).find((o) => o.key === asked.key)?.events.some((e) => e.type === 'part-refund:agreed'))
      .toBe(true);
    const after = (await orders()).find((o) => o.key === asked.key)!;
    expect(after.refund).toMatchObject({ state: 'agreed', partial: true });
    expect(after.status).not.toBe('cancelled');
  });
});
