/**
 * The 催单 view, in a real browser against `serve --sandbox`: an Eleme customer hurries an
 * order, the strip's 顾客催单 and the 催单 tab count it and show exactly that card; once seen the
 * strip lets it go but the 催单 tab keeps it until the reply (one of the own-words phrases) goes
 * out from the card, and then it leaves. Screenshots at 1024×768 and 1366×768 in both languages.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../shared/order.js';
import { screenshot, startCounterSession, type CounterSession } from '../support/browser.js';
import type { ServeProcess } from '../support/serve-process.js';
import { cutPlaceholders, cutText, rowLayout, setLanguage } from './layout-checks.js';

let session: CounterSession;
let serve: ServeProcess;
let page: Page;

beforeAll(async () => {
  session = await startCounterSession();
  ({ serve, page } = session);
  await page.setViewportSize({ width: 1366, height: 768 });
  await serve.rpc('updateStoreSettings', 'demo-store-1', { autoAccept: false });
}, 60_000);

afterAll(() => session?.close());

const allOrders = async (): Promise<Order[]> => (await serve.api<{ orders: Order[] }>('/api/orders')).orders;
const panelCards = () => page.locator('.order-list [data-testid="order-card"]');
const panelKeys = () => panelCards().evaluateAll((els) => els.map((e) => e.getAttribute('data-order-key')));
const stripReminder = () => page.locator('[data-testid="strip-group"][data-reason="reminder"]');
const tabCount = async () => Number(await page.getByTestId('tab-count-reminder').innerText());

/** The tabs and toolbar stay one row with nothing cut, whatever the language and size. */
async function checkTop(where: string): Promise<void> {
  const top = await rowLayout(page, '.board-top', '.board-tab, .board-search, .board-keys, .board-more');
  expect(top.offRow, `tabs+toolbar row ${where}`).toEqual([]);
  expect(top.overlaps, `tabs+toolbar overlaps ${where}`).toEqual([]);
  expect(top.outside, `tabs+toolbar outside ${where}`).toEqual([]);
  expect(await cutText(page, '.board-top'), `cut in the tabs ${where}`).toEqual([]);
  expect(await cutPlaceholders(page, '.board-top'), `cut placeholder ${where}`).toEqual([]);
}

describe('the 催单 view', () => {
  it('shows every 催单 waiting for a reply until it is answered from the card', async () => {
    // An accepted order the customer hurries (on an order still to accept, 待接单 speaks first).
    await serve.rpc('simulate', 'new-order', 'demo-store-1', 'eleme');
    let first: Order | undefined;
    await expect
      .poll(
        async () => {
          first = (await allOrders()).find((o) => o.platform === 'eleme' && o.items.length > 0);
          return first !== undefined;
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    await serve.rpc('accept', first!.key);
    await serve.rpc('simulate', 'reminder', 'demo-store-1', 'eleme');
    // Then a plain new order that nobody hurries: it must not show in the view.
    await serve.rpc('simulate', 'new-order', 'demo-store-1', 'eleme');
    let asked: Order | undefined;
    await expect
      .poll(
        async () => {
          asked = (await allOrders()).find(
            (o) => o.platform === 'eleme' && o.reminder && !o.reminder.replied,
          );
          return asked !== undefined;
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    const key = asked!.key;
    expect(key).toBe(first!.key);
    await expect
      .poll(async () => (await allOrders()).filter((o) => o.platform === 'eleme').length, { timeout: 15_000 })
      .toBe(2);

    // Counted in the strip and on the tab alike; each shows exactly that card.
    await expect.poll(tabCount, { timeout: 15_000 }).toBe(1);
    await expect.poll(() => stripReminder().getAttribute('data-count')).toBe('1');
    await stripReminder().click();
    await page.getByTestId('strip-filter').waitFor();
    await expect.poll(panelKeys).toEqual([key]);
    await page.getByTestId('tab-reminder').click();
    expect(await page.getByTestId('strip-filter').count()).toBe(0);
    await expect.poll(panelKeys).toEqual([key]);

    // Seen (全部知道了): no longer news in the strip, still waiting for a reply in the view.
    await page.getByTestId('acknowledge-all').click();
    await expect
      .poll(() => page.locator(`[data-order-key="${key}"]`).first().getAttribute('data-attention'))
      .toBeNull();
    await expect.poll(() => stripReminder().count()).toBe(0);
    expect(await panelKeys()).toEqual([key]);
    expect(await tabCount()).toBe(1);

    for (const lang of ['zh-CN', 'en'] as const) {
      await setLanguage(page, lang);
      await page.getByTestId('tab-reminder').click();
      for (const size of [
        { width: 1024, height: 768 },
        { width: 1366, height: 768 },
      ]) {
        await page.setViewportSize(size);
        await expect.poll(panelKeys).toEqual([key]);
        const where = `${lang} ${size.width}x${size.height}`;
        await checkTop(where);
        await screenshot(page, `reminder-view-${lang}-${size.width}x${size.height}`);
        if (size.width === 1024) {
          // The reply dialog at the narrow size: stock replies in staff's words, own words, the phrases.
          await page.locator(`.order-list [data-order-key="${key}"]`).getByTestId('reply-reminder').click();
          await page.getByTestId('reminder-phrase').first().waitFor();
          await screenshot(page, `reminder-view-dialog-${lang}-1024x768`);
          await page.keyboard.press('Escape');
          await page.getByTestId('reminder-dialog').waitFor({ state: 'detached' });
        }
      }
    }
    await setLanguage(page, 'zh-CN');
    await page.getByTestId('tab-reminder').click();

    // The reply from the card: one tap on 「马上出餐」 fills the own words, then send.
    const card = page.locator(`.order-list [data-testid="order-card"][data-order-key="${key}"]`);
    await card.getByTestId('reply-reminder').click();
    const dialog = page.getByTestId('reminder-dialog');
    const phrase = dialog.getByTestId('reminder-phrase').first();
    const words = await phrase.innerText();
    expect(words).toContain('马上出餐');
    await phrase.click();
    expect(await dialog.getByTestId('reason-text').inputValue()).toBe(words);
    expect(await dialog.getByTestId('reminder-counter').innerText()).toBe(`${[...words].length}/30`);
    await screenshot(page, 'reminder-view-dialog-1366x768');
    await dialog.getByTestId('dialog-confirm').click();
    await dialog.waitFor({ state: 'detached' });

    // Answered through Eleme (own words as `custom`): it leaves the view, the tab and the strip.
    await expect
      .poll(async () => (await allOrders()).find((o) => o.key === key)?.reminder?.replied, {
        timeout: 15_000,
      })
      .toBe(true);
    const order = await serve.rpc<Order>('getOrder', key);
    expect(order.events.map((e) => e.detail)).toContain(`回复催单：${words}`);
    // Moving the pointer off the list lets a card that just left go (no 'order-gone' stand-in).
    await page.mouse.move(5, 5);
    await expect.poll(panelKeys, { timeout: 15_000 }).toEqual([]);
    expect(await tabCount()).toBe(0);
    expect(await stripReminder().count()).toBe(0);
    // The stand-in of the card that left (「已移到…」) goes once the list settles.
    await expect
      .poll(() => page.locator('.order-list').innerText(), { timeout: 15_000 })
      .toContain('没有等待回复的催单');
    await screenshot(page, 'reminder-view-empty-1366x768');
  }, 120_000);
});
