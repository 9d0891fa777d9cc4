/**
 * Meituan and Eleme on one board, in a real browser against `waimai-desk serve --sandbox`: their
 * orders arrive interleaved, each card says whose it is, and each is accepted, cancelled and
 * refunded through its own platform's API (the sandbox of that platform changes state).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order, Platform } from '../../shared/order.js';
import { screenshot, startCounterSession, type CounterSession } from '../support/browser.js';
import type { ServeProcess } from '../support/serve-process.js';

let session: CounterSession;
let serve: ServeProcess;
let page: Page;

beforeAll(async () => {
  session = await startCounterSession();
  ({ serve, page } = session);
  await page.setViewportSize({ width: 1366, height: 768 });
  // Staff accept by hand in these tests.
  await serve.rpc('updateStoreSettings', 'demo-store-1', { autoAccept: false });
}, 60_000);

afterAll(() => session?.close());

const card = (key: string) => page.locator(`[data-testid="order-card"][data-order-key="${key}"]`);
const allOrders = async (): Promise<Order[]> => (await serve.api<{ orders: Order[] }>('/api/orders')).orders;
const orderOf = async (key: string): Promise<Order> => (await allOrders()).find((o) => o.key === key)!;

/** One customer order on `platform`'s sandbox, as the console API then sees it. */
async function newOrder(platform: Platform): Promise<Order> {
  const before = new Set((await allOrders()).map((o) => o.key));
  await serve.rpc('simulate', 'new-order', 'demo-store-1', platform);
  let created: Order | undefined;
  await expect
    .poll(async () => {
      created = (await allOrders()).find((o) => !before.has(o.key) && o.platform === platform);
      return created !== undefined;
    }, { timeout: 15_000 })
    .toBe(true);
  return created!;
}

describe('Meituan and Eleme on one board', () => {
  const placed: Order[] = [];

  it('shows both platforms\' orders interleaved, each card marked with its platform', async () => {
    for (let i = 0; i < 3; i++) {
      placed.push(await newOrder('meituan'));
      placed.push(await newOrder('eleme'));
    }
    await page.getByTestId('tab-new').click();
    for (const o of placed) await card(o.key).waitFor();
    // Every card names its platform where staff read the pickup number.
    for (const first of placed) {
      // An Eleme order may first arrive as its core fields only and be filled in by a fetch.
      await expect.poll(async () => (await orderOf(first.key)).daySeq, { timeout: 15_000 }).not.toBeNull();
      const o = await orderOf(first.key);
      await expect.poll(() => card(o.key).innerText()).toContain(`#${o.daySeq}`);
      const text = await card(o.key).innerText();
      expect(text).toContain(o.platform === 'eleme' ? '饿' : '美');
      expect(text).toContain(`#${o.daySeq}`);
    }
    const platformsOnBoard = await page
      .locator('[data-testid="order-card"]')
      .evaluateAll((els) => [...new Set(els.map((e) => (e.getAttribute('data-order-key') ?? '').split(':')[0]))].sort());
    expect(platformsOnBoard).toEqual(['eleme', 'meituan']);
    await screenshot(page, 'two-platforms-new-1366x768');
  });

  it('accepts each order through its own platform', async () => {
    const mt = placed.find((o) => o.platform === 'meituan')!;
    const el = placed.find((o) => o.platform === 'eleme')!;
    for (const o of [mt, el]) {
      await card(o.key).getByTestId('accept').click();
      await expect.poll(async () => (await orderOf(o.key)).status, { timeout: 15_000 }).toBe('accepted');
      const history = (await serve.rpc<Order>('getOrder', o.key)).events.map((e) => e.type);
      // Accepted by staff through the platform's API (a wrong platform's API would not know the order).
      expect(history).toContain('api:confirm');
    }
    await page.getByTestId('tab-preparing').click();
    await card(mt.key).waitFor();
    await card(el.key).waitFor();
    await screenshot(page, 'two-platforms-preparing-1366x768');
  });

  it('cancels an order of each platform with that platform\'s own reasons', async () => {
    const toCancel = [placed[2]!, placed[3]!];
    expect(toCancel.map((o) => o.platform).sort()).toEqual(['eleme', 'meituan']);
    await page.getByTestId('tab-new').click();
    for (const o of toCancel) {
      const reasons = await serve.rpc<{ code: string }[]>('cancelReasons', o.platform);
      await card(o.key).getByTestId('cancel').click();
      const dialog = page.getByRole('dialog');
      const offered = (): Promise<string[]> =>
        dialog
          .getByTestId('cancel-reason')
          .locator('option')
          .evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value).sort());
      // The dialog offers exactly the order's platform's reasons, codes as the platform gives them.
      await expect.poll(offered).toEqual(reasons.map((r) => r.code).sort());
      await dialog.getByTestId('dialog-confirm').click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(async () => (await orderOf(o.key)).status, { timeout: 15_000 }).toBe('cancelled');
    }
  });

  it('agrees a refund request of each platform through its own API', async () => {
    for (const platform of ['meituan', 'eleme'] as const) {
      const accepted = (await allOrders()).filter((o) => o.platform === platform && o.status === 'accepted');
      expect(accepted.length).toBeGreaterThan(0);
      await serve.rpc('simulate', 'refund-request', 'demo-store-1', platform);
      let asked: Order | undefined;
      await expect
        .poll(async () => {
          asked = (await allOrders()).find((o) => o.platform === platform && o.refund?.state === 'requested');
          return asked !== undefined;
        }, { timeout: 15_000 })
        .toBe(true);
      await page.getByTestId('tab-refund').click();
      await card(asked!.key).getByTestId('agree-refund').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('dialog-confirm').click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(async () => (await orderOf(asked!.key)).refund?.state, { timeout: 15_000 }).toBe('agreed');
    }
    await screenshot(page, 'two-platforms-refunds-1366x768');
  });
});
