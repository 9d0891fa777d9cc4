/**
 * 出餐 in a real browser against `waimai-desk serve --sandbox`: an Eleme order accepted, its card
 * holds 出餐 back with a countdown through the platform's first minute, then 出餐 goes through
 * Eleme's API and the card says 已出餐 with the time. The rider's steps come onto the card. On
 * the stores page, automatic 出餐 is set for the store (a window and the other times) and kept.
 * Screenshots in both languages at 1024×768 and 1366×768.
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
  await serve.rpc('updateStoreSettings', 'demo-store-1', { autoAccept: true, autoAcceptDelaySeconds: 0 });
}, 60_000);

afterAll(() => session?.close());

const card = (key: string) => page.locator(`[data-testid="order-card"][data-order-key="${key}"]`);
const allOrders = async (): Promise<Order[]> => (await serve.api<{ orders: Order[] }>('/api/orders')).orders;

async function inLanguage(lang: 'zh-CN' | 'en'): Promise<void> {
  await page.evaluate((l) => localStorage.setItem('waimai-desk-language', l), lang);
  await page.reload();
  await page.getByTestId('board').waitFor();
}

describe('出餐 on the card', () => {
  it('counts down the first minute, then 出餐 goes through Eleme and the card says 已出餐; the rider’s steps show', async () => {
    const before = new Set((await allOrders()).map((o) => o.key));
    await serve.rpc('simulate', 'new-order', 'demo-store-1', 'eleme');
    let order: Order | undefined;
    await expect
      .poll(async () => {
        order = (await allOrders()).find((o) => !before.has(o.key) && o.status === 'accepted');
        return order !== undefined;
      }, { timeout: 15_000 })
      .toBe(true);
    const key = order!.key;
    await page.getByTestId('tab-preparing').click();
    const button = card(key).getByTestId('prepare');
    await button.waitFor();
    // The first minute: held back, the seconds counting down.
    expect(await button.isDisabled()).toBe(true);
    expect(await card(key).getByTestId('prepare-wait').innerText()).toMatch(/^\d+ 秒后可出餐$/);
    await screenshot(page, 'prepare-countdown-1366x768');

    // The rider's first steps meanwhile (Eleme's waybill pushes): waiting, then assigned with a phone.
    await serve.rpc('simulate', 'rider', 'demo-store-1', 'eleme');
    await expect.poll(() => card(key).getByTestId('rider-line').getAttribute('data-stage'), { timeout: 15_000 }).toBe('sent');
    await serve.rpc('simulate', 'rider', 'demo-store-1', 'eleme');
    await expect.poll(() => card(key).getByTestId('rider-line').getAttribute('data-stage'), { timeout: 15_000 }).toBe('assigned');
    expect(await card(key).getByTestId('rider-line').innerText()).toMatch(/^骑手已接单\s*\S+\s*\d{11}$/);

    // Once the minute has passed (the platform's own rule), the button opens by itself.
    await expect.poll(() => button.isEnabled(), { timeout: 75_000, interval: 500 }).toBe(true);
    expect(await button.innerText()).toMatch(/^出餐\s*接单 1 分钟$/);
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'prepare-button-1024x768');
    await page.setViewportSize({ width: 1366, height: 768 });
    await button.click();
    const mark = card(key).getByTestId('prepared-mark');
    await mark.waitFor({ timeout: 15_000 });
    expect(await mark.innerText()).toMatch(/^已出餐 \d\d:\d\d$/);
    expect(await mark.getAttribute('data-by')).toBe('staff');
    const done = await serve.rpc<Order>('getOrder', key);
    expect(done.prepared?.by).toBe('staff');
    expect(done.events.map((e) => e.type)).toContain('api:prepared');
    expect(await card(key).getByTestId('prepare').count()).toBe(0);
    await screenshot(page, 'prepare-done-1366x768');

    await inLanguage('en');
    await page.getByTestId('tab-preparing').click();
    expect(await card(key).getByTestId('prepared-mark').innerText()).toMatch(/^Food ready \d\d:\d\d$/);
    expect(await card(key).getByTestId('rider-line').innerText()).toContain('Rider assigned');
    await screenshot(page, 'prepare-done-en-1366x768');
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'prepare-done-en-1024x768');
    await page.setViewportSize({ width: 1366, height: 768 });
    await inLanguage('zh-CN');
  }, 120_000);

  it('sets automatic 出餐 for a store on the stores page and keeps it', async () => {
    await page.getByRole('button', { name: '门店' }).click();
    const box = page.locator('[data-testid="auto-prepare-settings"][data-store-id="demo-store-1"]');
    await box.waitFor();
    expect(await box.getByTestId('auto-prepare-summary').innerText()).toBe('未开启：出餐需要手动点');
    await box.getByTestId('auto-prepare-add-window').click();
    await box.getByTestId('auto-prepare-minutes').fill('8');
    await box.getByTestId('auto-prepare-save').click();
    await box.getByText('已保存').waitFor();
    await box.getByTestId('auto-prepare-enabled').check();
    await expect.poll(() => box.getByTestId('auto-prepare-summary').innerText(), { timeout: 15_000 }).toBe('11:00–13:30 12 分钟；其他时间 8 分钟');
    const stores = await serve.rpc<Store[]>('listStores');
    expect(stores.find((s) => s.id === 'demo-store-1')!.settings.autoPrepare).toEqual({
      enabled: true,
      windows: [{ from: '11:00', to: '13:30', afterMinutes: 12 }],
      afterMinutes: 8,
    });
    await box.scrollIntoViewIfNeeded();
    await screenshot(page, 'auto-prepare-settings-1366x768');
    await page.setViewportSize({ width: 1024, height: 768 });
    await box.scrollIntoViewIfNeeded();
    await screenshot(page, 'auto-prepare-settings-1024x768');
    await page.evaluate(() => localStorage.setItem('waimai-desk-language', 'en'));
    await page.reload();
    await page.getByRole('button', { name: 'Stores' }).click();
    await box.waitFor();
    expect(await box.getByTestId('auto-prepare-summary').innerText()).toBe('11:00–13:30 12 min; otherwise 8 min');
    await box.scrollIntoViewIfNeeded();
    await screenshot(page, 'auto-prepare-settings-en-1024x768');
    await page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(page, 'auto-prepare-settings-en-1366x768');
    await page.evaluate(() => localStorage.setItem('waimai-desk-language', 'zh-CN'));
  }, 60_000);
});
