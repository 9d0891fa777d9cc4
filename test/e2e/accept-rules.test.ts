/**
 * Auto-accept rules at the counter, in a real browser against `waimai-desk serve --sandbox`:
 * on the stores page staff pause auto-accept for 15 minutes and see the countdown; an order
 * that comes in meanwhile is not accepted, rings as a new order and says on its card why
 * (「自动接单已暂停至 HH:MM」); 恢复 lifts the pause. The rules editor refuses a wrong time in
 * Chinese and saves a limit. Screenshots in both languages at 1024×768 and 1366×768.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../shared/order.js';
import type { Store } from '../../shared/store.js';
import { screenshot, startCounterSession, type CounterSession } from '../support/browser.js';
import type { ServeProcess } from '../support/serve-process.js';

let session: CounterSession;
let serve: ServeProcess;
let page: Page;

beforeAll(async () => {
  session = await startCounterSession();
  ({ serve, page } = session);
  await page.setViewportSize({ width: 1366, height: 768 });
}, 60_000);

afterAll(() => session?.close());

const STORE = 'demo-store-1';
const nav = (name: string) => page.locator(`.app-nav .nav-tab-${name}`);
const row = () => page.locator(`[data-testid="store-row"][data-store-id="${STORE}"]`);
const card = (key: string) => page.locator(`[data-testid="order-card"][data-order-key="${key}"]`);
const allOrders = async (): Promise<Order[]> => (await serve.api<{ orders: Order[] }>('/api/orders')).orders;
const storeOf = async (): Promise<Store> => (await serve.rpc<Store[]>('listStores')).find((s) => s.id === STORE)!;

async function language(lang: 'zh-CN' | 'en'): Promise<void> {
  await nav('settings').click();
  await page.getByTestId('language').selectOption(lang);
}

async function newOrderFor(storeId: string): Promise<Order> {
  const before = new Set((await allOrders()).map((o) => o.key));
  await serve.rpc('simulate', 'new-order', storeId);
  let created: Order | undefined;
  await expect
    .poll(async () => {
      created = (await allOrders()).find((o) => !before.has(o.key) && o.autoAcceptDecision);
      return created !== undefined;
    }, { timeout: 15_000 })
    .toBe(true);
  return created!;
}

describe('auto-accept rules at the counter', () => {
  it('pause for 15 minutes: the countdown shows, a new order waits for a person with the reason on its card, 恢复 lifts it', async () => {
    await nav('stores').click();
    await row().getByTestId('accept-pause-15').click();
    const paused = row().getByTestId('accept-paused');
    await paused.waitFor();
    expect(await paused.innerText()).toMatch(/自动接单已暂停至 \d\d:\d\d/);
    const first = await row().getByTestId('accept-pause-countdown').innerText();
    expect(first).toMatch(/^还剩 1[45]:\d\d$/);
    // It counts down by itself.
    await expect.poll(() => row().getByTestId('accept-pause-countdown').innerText(), { timeout: 5_000 }).not.toBe(first);
    await screenshot(page, 'accept-rules-paused-zh-1366x768');

    const until = (await storeOf()).settings.autoAcceptRules?.pausedUntil;
    expect(until).toBeTruthy();
    const order = await newOrderFor(STORE);
    expect(order.autoAcceptDecision?.accept).toBe(false);
    expect(order.autoAcceptDecision?.reason).toMatch(/^自动接单已暂停至 \d\d:\d\d$/);

    await nav('board').click();
    await page.getByTestId('tab-new').click();
    const line = card(order.key).getByTestId('accept-decision');
    await expect.poll(() => line.innerText(), { timeout: 15_000 }).toBe(order.autoAcceptDecision!.reason);
    // It rings and is owed as any new order is.
    expect(await card(order.key).getAttribute('data-owed')).toBe('new-order');
    expect(await card(order.key).getAttribute('data-status')).toBe('new');
    await card(order.key).scrollIntoViewIfNeeded();
    await screenshot(page, 'accept-rules-card-zh-1366x768');
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'accept-rules-card-zh-1024x768');
    // The detail says it too.
    await card(order.key).getByTestId('open-detail').click();
    await expect.poll(() => page.getByTestId('accept-decision-detail').innerText(), { timeout: 15_000 }).toContain(order.autoAcceptDecision!.reason);
    await page.getByTestId('accept-decision-detail').scrollIntoViewIfNeeded();
    await screenshot(page, 'accept-rules-detail-zh-1024x768');
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1366, height: 768 });

    await nav('stores').click();
    await row().getByTestId('accept-resume').click();
    await row().getByTestId('accept-pause-15').waitFor();
    await expect.poll(async () => (await storeOf()).settings.autoAcceptRules?.pausedUntil ?? null).toBeNull();
    // Not paused any more: the next order is let through.
    expect((await newOrderFor(STORE)).autoAcceptDecision?.accept).toBe(true);
  });

  it('the rules editor refuses a wrong time in Chinese and saves a limit', async () => {
    await nav('stores').click();
    await row().getByTestId('accept-rules-summary').click();
    await row().getByTestId('accept-window-add').click();
    await row().getByTestId('accept-window-from').fill('25:00');
    await row().getByTestId('accept-rules-save').click();
    expect(await row().getByTestId('accept-rules-errors').innerText()).toContain('第 1 个时段：请按 时:分 填写，例如 11:00');
    await row().getByTestId('accept-window-from').fill('10:30');
    await row().getByTestId('accept-limit-on').check();
    await row().getByTestId('accept-limit-orders').fill('20');
    await row().getByTestId('accept-limit-minutes').fill('15');
    await row().getByTestId('accept-rules-save').click();
    await expect.poll(() => row().getByTestId('accept-rules-feedback').innerText()).toBe('已保存');
    const rules = (await storeOf()).settings.autoAcceptRules;
    expect(rules?.windows).toEqual([{ from: '10:30', to: '14:00' }]);
    expect(rules?.limit).toEqual({ orders: 20, minutes: 15 });
    expect(await row().getByTestId('accept-rules-summary').innerText()).toContain('10:30–14:00 · 每 15 分钟最多 20 单');
    await row().scrollIntoViewIfNeeded();
    await screenshot(page, 'accept-rules-editor-zh-1366x768');
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'accept-rules-editor-zh-1024x768');

    await row().getByTestId('accept-pause-30').click();
    await row().getByTestId('accept-paused').waitFor();
    await language('en');
    await nav('stores').click();
    await row().getByTestId('accept-rules-summary').click();
    await row().scrollIntoViewIfNeeded();
    expect(await row().getByTestId('accept-paused').innerText()).toMatch(/Auto-accept paused until \d\d:\d\d/);
    await screenshot(page, 'accept-rules-editor-en-1024x768');
    await page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(page, 'accept-rules-editor-en-1366x768');
    const order = await newOrderFor(STORE);
    await nav('board').click();
    await page.getByTestId('tab-new').click();
    await card(order.key).getByTestId('accept-decision').waitFor();
    expect(await card(order.key).getByTestId('accept-decision').innerText()).toMatch(/^Not auto-accepted\s*Auto-accept paused until \d\d:\d\d$/);
    await card(order.key).scrollIntoViewIfNeeded();
    await screenshot(page, 'accept-rules-card-en-1366x768');
    await language('zh-CN');
  });
});
