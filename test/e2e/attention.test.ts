/**
 * Attention in a real browser against `waimai-desk serve --sandbox`: what is owed rings until it
 * is done (我知道了 and 全部知道了 do not silence it), news rings once, each strip count is the
 * cards behind it, and mute shows itself while owed cards keep flashing. The page's clock is
 * Playwright's fake clock, so "it rang again" and "it did not" are checked by moving time, not
 * by waiting for it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../shared/order.js';
import {
  screenshot,
  SHOTS_DIR,
  soundLog,
  startCounterSession,
  type CounterSession,
} from '../support/browser.js';
import { simulateNewOrder, type ServeProcess } from '../support/serve-process.js';

let session: CounterSession;
let serve: ServeProcess;
let page: Page;

beforeAll(async () => {
  session = await startCounterSession();
  ({ serve, page } = session);
  await serve.rpc('updateStoreSettings', 'demo-store-1', { autoAccept: false });
  await page.clock.install();
  await page.reload();
  await page.getByTestId('status-bar').waitFor();
}, 60_000);

afterAll(() => session?.close());

const card = (key: string) => page.locator(`[data-testid="order-card"][data-order-key="${key}"]`);
const ringingWith = (reason: string) =>
  page.waitForFunction((r) => document.documentElement.dataset['ringing'] === r, reason);
const silent = () => page.waitForFunction(() => !document.documentElement.dataset['ringing']);
const plays = async (): Promise<number> => (await soundLog(page)).plays.length;
const allOrders = async (): Promise<Order[]> => (await serve.api<{ orders: Order[] }>('/api/orders')).orders;
const group = (kind: string, reason: string) =>
  page.locator(`[data-testid="strip-group"][data-kind="${kind}"][data-reason="${reason}"]`);
const shownKeys = () =>
  page
    .locator('[data-testid="order-card"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-order-key')));

const newOrder = (): Promise<Order> => simulateNewOrder(serve);

async function accept(order: Order): Promise<void> {
  await page.getByTestId('tab-new').click();
  await card(order.key).getByTestId('accept').click();
  await expect
    .poll(async () => (await allOrders()).find((o) => o.key === order.key)?.status)
    .toBe('accepted');
}

describe('attention at the counter', () => {
  it('an order accepted automatically rings once and does not repeat', async () => {
    await serve.rpc('updateStoreSettings', 'demo-store-1', { autoAccept: true, autoAcceptDelaySeconds: 0 });
    const before = await plays();
    const order = await newOrder();
    await expect
      .poll(async () => (await allOrders()).find((o) => o.key === order.key)?.status)
      .toBe('accepted');
    await expect.poll(() => group('info', 'auto-accepted').getAttribute('data-count')).toBe('1');
    await expect.poll(plays).toBe(before + 1);
    await page.clock.runFor(30_000);
    expect(await plays()).toBe(before + 1);
    expect(await page.evaluate(() => document.documentElement.dataset['ringing'])).toBeUndefined();
    // 全部知道了 clears the news.
    await page.getByTestId('acknowledge-all').click();
    await page.getByTestId('alert-strip').waitFor({ state: 'detached' });
    await serve.rpc('updateStoreSettings', 'demo-store-1', { autoAccept: false });
  });

  it('an owed new order keeps ringing after 全部知道了 and 我知道了, and stops when accepted', async () => {
    const owed = await newOrder();
    const other = await newOrder();
    await accept(other);
    // The customer calls off the other order: news, not owed.
    await serve.rpc('simulate', 'cancel');
    await expect.poll(() => group('info', 'cancelled').getAttribute('data-count')).toBe('1');
    await page.getByTestId('tab-new').click();
    await expect.poll(() => card(owed.key).getAttribute('data-owed')).toBe('new-order');
    await ringingWith('new-order');

    await page.getByTestId('acknowledge-all').click();
    await expect.poll(async () => (await allOrders()).find((o) => o.key === other.key)?.attention).toBeNull();
    expect((await allOrders()).find((o) => o.key === owed.key)?.attention?.reason).toBe('new-order');
    let before = await plays();
    await page.clock.runFor(5_000);
    await expect.poll(plays).toBeGreaterThan(before);
    await ringingWith('new-order');

    await card(owed.key).getByTestId('acknowledge').click();
    await expect.poll(() => card(owed.key).getAttribute('data-attention')).toBeNull();
    expect(await card(owed.key).getAttribute('data-owed')).toBe('new-order');
    await ringingWith('new-order');
    before = await plays();
    await page.clock.runFor(21_000); // the slower repeat after 我知道了 (default 20 s)
    await expect.poll(plays).toBeGreaterThan(before);

    await card(owed.key).getByTestId('accept').click();
    await silent();
    await expect.poll(() => card(owed.key).count()).toBe(0);
    before = await plays();
    await page.clock.runFor(30_000);
    expect(await plays()).toBe(before);
  });

  it('each strip count is the cards behind it, and the tab title shows what is owed', async () => {
    const made = [await newOrder(), await newOrder(), await newOrder()];
    await accept(made[0]!);
    const waiting = made.slice(1);
    await expect.poll(() => group('owed', 'new-order').getAttribute('data-count')).toBe('2');
    expect(Number(await page.getByTestId('tab-count-new').innerText())).toBe(2);
    await expect.poll(() => page.title()).toBe('(2) 外卖接单台');

    await serve.rpc('simulate', 'refund-request');
    const asked = (await allOrders()).find((o) => o.refund?.state === 'requested')!;
    await expect.poll(() => group('owed', 'cancel-request').getAttribute('data-count')).toBe('1');
    await expect.poll(() => page.title()).toBe('(3) 外卖接单台');

    await group('owed', 'new-order').click();
    await page.getByTestId('strip-filter').waitFor();
    await expect.poll(shownKeys).toEqual(waiting.map((o) => o.key));
    await screenshot(page, 'attention-strip');
    await page.getByTestId('alert-strip').screenshot({ path: `${SHOTS_DIR}/attention-strip-only.png` });

    await group('owed', 'cancel-request').click();
    await expect.poll(shownKeys).toEqual([asked.key]);
    expect(await card(asked.key).getAttribute('data-owed')).toBe('cancel-request');
    await card(asked.key).getByTestId('agree-refund').click();
    await page.getByRole('dialog').getByTestId('dialog-confirm').click();
    await expect.poll(() => group('owed', 'cancel-request').count()).toBe(0);

    // Picking a tab ends the strip's filter.
    await page.getByTestId('tab-new').click();
    await expect.poll(() => page.getByTestId('strip-filter').count()).toBe(0);
    const countdown = card(waiting[0]!.key).getByTestId('accept-countdown');
    expect(await countdown.innerText()).toMatch(/^还剩 \d+:\d\d 接单$/);
    await card(waiting[0]!.key).screenshot({ path: `${SHOTS_DIR}/attention-card-countdown.png` });
  });

  it('mute shows a pill in the header while on; owed cards still flash; it ends by itself', async () => {
    const owed = (await allOrders()).filter((o) => o.status === 'new');
    expect(owed.length).toBeGreaterThan(0);
    await page.getByTestId('mute').click();
    await page.getByTestId('mute-15').click();
    const pill = page.getByTestId('mute-pill');
    await pill.waitFor();
    expect(await pill.innerText()).toContain('静音中');
    await silent();
    const before = await plays();
    await page.clock.runFor(60_000);
    expect(await plays()).toBe(before);
    const flash = await card(owed[0]!.key).evaluate((el) => getComputedStyle(el).animationName);
    expect(flash).toBe('owed-flash');
    await screenshot(page, 'attention-muted');

    await page.clock.runFor(15 * 60_000);
    await pill.waitFor({ state: 'detached' });
    await ringingWith('new-order');
  });
});
