/**
 * The end-of-shift check in a real browser against `waimai-desk serve --sandbox`: each platform
 * takes an order whose pushes never reach the desk; 开始检查 names what is still owed, finds the
 * two lost orders, pulls them in (on the board after, opened by a click), and a second check
 * finds nothing missing. An empty earlier day is all clear. Screenshots at 1024×768 and
 * 1366×768, in Chinese and English.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../shared/order.js';
import { addDays } from '../../shared/business-day.js';
import { screenshot, startCounterSession, type CounterSession } from '../support/browser.js';
import type { ServeProcess } from '../support/serve-process.js';

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

/**
 * The language picker is on the settings page. Unlike layout-checks' setLanguage this does not go
 * back to the board, where the order an earlier step opened from the check would open again.
 */
async function setLanguage(lang: 'zh-CN' | 'en'): Promise<void> {
  await page.locator('.app-nav .nav-tab-settings').click();
  await page.getByTestId('language').selectOption(lang);
}

async function openShiftCheck(): Promise<void> {
  await page.locator('.app-nav .nav-tab-today').click();
  await page.getByRole('tab', { name: /交班|End of shift/ }).click();
  await page.getByTestId('shift-check').waitFor();
}

async function runCheck(): Promise<void> {
  await page.getByTestId('shift-start').click();
  await page.getByTestId('shift-result').waitFor({ timeout: 20_000 });
}

const row = (platform: string) => page.locator(`[data-testid="shift-reconcile-row"][data-platform="${platform}"]`);

describe('交班/日结 in the browser', () => {
  it('finds the orders the desk never received, pulls them in, and names what is still owed', async () => {
    await serve.rpc('simulate', 'new-order', 'demo-store-1', 'meituan');
    await serve.rpc('simulate', 'reminder', 'demo-store-1', 'eleme');
    await expect.poll(async () => (await allOrders()).filter((o) => o.platform === 'eleme' && o.reminder && !o.reminder.replied).length, { timeout: 15_000 }).toBe(1);
    await serve.rpc('simulate', 'lost-order', 'demo-store-1', 'meituan');
    await serve.rpc('simulate', 'lost-order', 'demo-store-1', 'eleme');
    const before = (await allOrders()).map((o) => o.key);
    expect(before).toHaveLength(2);

    await openShiftCheck();
    await runCheck();
    for (const platform of ['meituan', 'eleme']) {
      await expect.poll(() => row(platform).getByTestId('shift-pulled-count').innerText()).toBe('1 单');
      expect(await row(platform).getByTestId('shift-platform-count').innerText()).toBe('2 单');
      expect(await row(platform).getByTestId('shift-desk-count').innerText()).toBe('1 单');
    }
    // The pulled-in orders are on the desk now, once each, named by their pickup numbers.
    const after = await allOrders();
    expect(after).toHaveLength(4);
    const pulled = after.filter((o) => !before.includes(o.key));
    expect(new Set(pulled.map((o) => o.platform))).toEqual(new Set(['meituan', 'eleme']));
    const mtPulled = pulled.find((o) => o.platform === 'meituan')!;
    await expect.poll(() => row('meituan').getByTestId('shift-pulled-order').innerText()).toBe(`美#${mtPulled.daySeq}`);

    // What is still owed: the Meituan order nobody accepted, the Eleme 催单 nobody answered.
    const unaccepted = page.getByTestId('shift-owed-unaccepted');
    expect(await unaccepted.getByTestId('shift-owed-order').allInnerTexts()).toContain(`美#${after.find((o) => o.platform === 'meituan' && o.status === 'new')!.daySeq}`);
    expect(await page.getByTestId('shift-owed-reminder-unanswered').getByTestId('shift-owed-order').count()).toBe(1);
    expect(await page.getByTestId('shift-all-clear').count()).toBe(0);
    await screenshot(page, 'shift-check-zh-1366x768');
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'shift-check-zh-1024x768');
    await page.getByTestId('shift-reconcile').scrollIntoViewIfNeeded();
    await screenshot(page, 'shift-check-table-zh-1024x768');

    // A click opens the pulled-in order on the board.
    await row('meituan').getByTestId('shift-pulled-order').click();
    const detail = page.getByTestId('order-detail');
    await detail.waitFor();
    expect(await detail.locator('.detail').getAttribute('data-order-key')).toBe(mtPulled.key);
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
  });

  it('a second check finds nothing missing; an empty earlier day is all clear; English reads right', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await openShiftCheck();
    await runCheck();
    for (const platform of ['meituan', 'eleme']) {
      await expect.poll(() => row(platform).getByTestId('shift-pulled-count').innerText()).toBe('0 单');
      expect(await row(platform).getByTestId('shift-desk-count').innerText()).toBe('2 单');
      expect(await row(platform).innerText()).toContain('一致');
    }
    expect((await allOrders()).length).toBe(4);

    const today = await page.getByTestId('shift-day').inputValue();
    await page.getByTestId('shift-day').fill(addDays(today, -1));
    await runCheck();
    expect(await page.getByTestId('shift-all-clear').innerText()).toContain('全部处理完毕');
    expect(await row('meituan').getByTestId('shift-platform-count').innerText()).toBe('0 单');
    await screenshot(page, 'shift-check-clear-zh-1366x768');

    await setLanguage('en');
    await openShiftCheck();
    await page.getByTestId('shift-day').fill(today);
    await runCheck();
    expect(await page.getByTestId('shift-owed').innerText()).toContain('Not accepted');
    expect(await row('eleme').innerText()).toContain('Match');
    await screenshot(page, 'shift-check-en-1366x768');
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'shift-check-en-1024x768');
    await page.getByTestId('shift-day').fill(addDays(today, -1));
    await runCheck();
    expect(await page.getByTestId('shift-all-clear').innerText()).toContain('All done');
    await screenshot(page, 'shift-check-clear-en-1024x768');
    await setLanguage('zh-CN');
  });
});
