/**
 * The counter window in a real browser against `waimai-desk serve --sandbox`, as staff use it.
 * Each test waits for what the page shows or does — never for time.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../shared/order.js';
import { screenshot, soundLog, startCounterSession, type CounterSession } from '../support/browser.js';
import { simulateNewOrder, type ServeProcess } from '../support/serve-process.js';

let session: CounterSession;
let serve: ServeProcess;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  session = await startCounterSession();
  ({ serve, context, page } = session);
  // Staff accept by hand in these tests.
  await serve.rpc('updateStoreSettings', 'demo-store-1', { autoAccept: false });
}, 60_000);

afterAll(() => session?.close());

const card = (key: string) => page.locator(`[data-testid="order-card"][data-order-key="${key}"]`);
// Page functions, not strings: the page's CSP (no 'unsafe-eval') blocks string predicates.
const ringingWith = (reason: string) => page.waitForFunction((r) => document.documentElement.dataset['ringing'] === r, reason);
const silent = () => page.waitForFunction(() => !document.documentElement.dataset['ringing']);
const tabCount = async (id: string) => Number(await page.getByTestId(`tab-count-${id}`).innerText());

const newOrder = (): Promise<Order> => simulateNewOrder(serve);

describe('the counter window', () => {
  it('shows a pushed order without reload, rings until it is accepted (我知道了 does not stop it), then stops', async () => {
    const order = await newOrder();
    await card(order.key).waitFor();
    await ringingWith('new-order');
    const heard = await soundLog(page);
    expect(heard.plays.some((src) => src.includes('new-order'))).toBe(true);
    await expect.poll(() => card(order.key).getAttribute('data-attention')).toBe('new-order');
    await screenshot(page, 'board-new-order-ringing');

    await card(order.key).getByTestId('acknowledge').click();
    await expect.poll(() => card(order.key).getAttribute('data-attention')).toBeNull();
    // Seen is not handled: it still owes an accept and still rings.
    expect(await card(order.key).getAttribute('data-owed')).toBe('new-order');
    await ringingWith('new-order');

    await card(order.key).getByTestId('accept').click();
    await silent();
    expect((await soundLog(page)).pauses).toBeGreaterThan(0);
  });

  it('accepting from the card moves the order to 已接单', async () => {
    const order = await newOrder();
    await page.getByTestId('tab-new').click();
    await card(order.key).waitFor();
    const newBefore = await tabCount('new');
    const preparingBefore = await tabCount('preparing');
    await card(order.key).getByTestId('accept').click();
    await expect.poll(() => tabCount('preparing')).toBe(preparingBefore + 1);
    expect(await tabCount('new')).toBe(newBefore - 1);
    await page.getByTestId('tab-preparing').click();
    await expect.poll(() => card(order.key).getAttribute('data-status')).toBe('accepted');
    await silent();
  });

  it('rings for a refund request, and agreeing it is done from the card', async () => {
    const accepted = (await serve.api<{ orders: Order[] }>('/api/orders')).orders.filter((o) => o.status === 'accepted');
    expect(accepted.length).toBeGreaterThan(0);
    await serve.rpc('simulate', 'refund-request');
    const { orders } = await serve.api<{ orders: Order[] }>('/api/orders');
    const asked = orders.find((o) => o.refund?.state === 'requested')!;
    await page.getByTestId('tab-refund').click();
    await card(asked.key).waitFor();
    await ringingWith('refund-requested');
    // The data attribute names the plan; the sound itself may wait out the short gap after the last ring.
    await expect.poll(async () => (await soundLog(page)).plays.some((src) => src.includes('refund-requested'))).toBe(true);
    await screenshot(page, 'board-refund-requested');

    await card(asked.key).getByTestId('agree-refund').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('dialog-confirm').click();
    await silent();
    const after = (await serve.api<{ orders: Order[] }>('/api/orders')).orders.find((o) => o.key === asked.key)!;
    expect(after.refund?.state).toBe('agreed');
  });

  it('finds an order by #daySeq', async () => {
    const order = await newOrder();
    await page.getByTestId('search').fill(`#${order.daySeq}`);
    await card(order.key).waitFor();
    const shown = await page.locator('[data-testid="order-card"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-order-key')));
    expect(shown).toContain(order.key);
    for (const key of shown) {
      const o = (await serve.api<{ orders: Order[] }>('/api/orders')).orders.find((x) => x.key === key)!;
      expect(o.daySeq).toBe(order.daySeq);
    }
    await page.getByTestId('search').fill('');
  });

  it('opens the detail view with the order and its history', async () => {
    const order = await newOrder();
    await page.getByTestId('tab-new').click();
    await card(order.key).getByTestId('open-detail').click();
    const detail = page.getByTestId('order-detail');
    await detail.waitFor();
    await expect.poll(() => detail.locator('[data-testid="event-history"] li').count()).toBeGreaterThanOrEqual(1);
    expect(await detail.locator('[data-testid="event-history"] li').first().innerText()).toContain('新订单推送');
    expect(await detail.innerText()).toContain(order.orderId);
    await screenshot(page, 'order-detail');
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
  });

  it('binds a store through the sandbox store-mapping page and shows it bound', async () => {
    await page.getByRole('button', { name: '门店' }).click();
    const row = page.locator('[data-testid="store-row"][data-store-id="demo-store-2"]');
    await expect.poll(() => row.getByTestId('binding-meituan').getAttribute('data-bound')).toBe('false');
    await screenshot(page, 'stores-before-binding');
    const popupPromise = context.waitForEvent('page');
    await row.getByTestId('bind-meituan').click();
    const popup = await popupPromise;
    await popup.getByRole('button', { name: '登录' }).click();
    await popup.getByRole('button', { name: '确认授权' }).click();
    await expect.poll(() => row.getByTestId('binding-meituan').getAttribute('data-bound'), { timeout: 15_000 }).toBe('true');
    await popup.close().catch(() => undefined);
    await screenshot(page, 'stores-bound');
  });

  it('shows settings', async () => {
    await page.getByRole('button', { name: '设置' }).click();
    await page.getByTestId('settings').waitFor();
    await screenshot(page, 'settings');
    await page.getByRole('button', { name: '订单', exact: true }).click();
  });
});
