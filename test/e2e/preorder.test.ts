/**
 * Pre-orders and the order facts at the counter, in a real browser against `waimai-desk serve
 * --sandbox`: a simulated pre-order, accepted by hand, waits in 预订单 with its day and time
 * large and rings its own reminder when the lead time comes; a pushed order with an invoice,
 * cash on delivery, cutlery and a discount shows each on its card and in its detail.
 */
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Order } from '../../shared/order.js';
import { SANDBOX_MEITUAN } from '../../electron/core/platforms/meituan/sandbox-module.js';
import { meituanSign } from '../../electron/core/platforms/meituan/sign.js';
import { screenshot, SHOTS_DIR, soundLog, startCounterSession, type CounterSession } from '../support/browser.js';

let session: CounterSession;
let page: Page;

beforeAll(async () => {
  session = await startCounterSession();
  ({ page } = session);
  // Staff accept by hand here: the pre-order is accepted from its card.
  await session.serve.rpc('updateStoreSettings', 'demo-store-1', { autoAccept: false });
}, 60_000);

afterAll(() => session?.close());

const orders = async (): Promise<Order[]> => (await session.serve.api<{ orders: Order[] }>('/api/orders')).orders;
const card = (key: string) => page.locator(`[data-testid="order-card"][data-order-key="${key}"]`);

describe('pre-orders at the counter', () => {
  it('waits in 预订单 with its day and time large, and rings its own reminder at the lead time', async () => {
    // A short lead: the simulated pre-order is due 2 h 20 s ahead, so 120 minutes rings in 20 s.
    await page.getByTestId('tab-preorder').click();
    const lead = page.getByTestId('preorder-lead');
    await lead.fill('120');
    await lead.press('Enter');

    const before = new Set((await orders()).map((o) => o.key));
    await session.serve.rpc('simulate', 'pre-order');
    const order = (await orders()).find((o) => !before.has(o.key))!;
    expect(order.preOrder).toBe(true);

    // New: it is owed like any new order, in 新订单; accepted, it moves to 预订单.
    await page.getByTestId('tab-new').click();
    await card(order.key).getByTestId('accept').click();
    await expect.poll(async () => (await orders()).find((o) => o.key === order.key)?.status).toBe('accepted');
    await page.getByTestId('tab-preorder').click();
    await card(order.key).waitFor();
    expect(await page.getByTestId('tab-count-preorder').innerText()).toBe('1');
    const when = await card(order.key).getByTestId('preorder-when').innerText();
    // A random sandbox order may be a pickup: then it says 到店自取.
    expect(when).toMatch(/^(今天|明天) \d\d:\d\d (送达|到店自取)$/);
    expect(await soundLog(page).then((s) => s.plays.some((src) => src.includes('preorder-reminder')))).toBe(false);

    const reminder = page.locator(`[data-testid="preorder-reminder"][data-order-key="${order.key}"]`);
    await reminder.waitFor({ timeout: 40_000 });
    expect(await reminder.innerText()).toContain(`该做预订单了：${when}`);
    await expect.poll(async () => (await soundLog(page)).plays.filter((src) => src.includes('preorder-reminder')).length).toBe(1);
    await screenshot(page, 'board-preorder-reminder');

    await reminder.getByTestId('preorder-seen').click();
    await reminder.waitFor({ state: 'detached' });
    expect((await soundLog(page)).plays.filter((src) => src.includes('preorder-reminder')).length).toBe(1);
  }, 90_000);
});

describe('order facts at the counter', () => {
  it('shows invoice, cash to collect, cutlery and discount on the card and in the detail', async () => {
    const form = new URLSearchParams(readFileSync(new URL('../fixtures/meituan/order-full.form.txt', import.meta.url), 'utf8').trim());
    const now = Math.floor(Date.now() / 1000);
    const order = {
      ...(JSON.parse(form.get('order')!) as Record<string, unknown>),
      orderId: 900000000000123,
      orderIdView: 900000000000123,
      ePoiId: 'demo-store-1',
      daySeq: '88',
      ctime: now,
      utime: now,
      isPre: 0,
      payType: 1,
      hasInvoiced: 1,
      invoiceTitle: '长沙星城科技有限公司',
      taxpayerId: '91430100MA4L00001X',
      backupRecipientPhone: '["13900000002_5678"]',
    };
    const fields = { developerId: SANDBOX_MEITUAN.developerId, ePoiId: 'demo-store-1', order: JSON.stringify(order) };
    const res = await fetch(`${session.serve.ready.receiver}/meituan/order/new`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, sign: meituanSign(SANDBOX_MEITUAN.signKey, fields) }).toString(),
    });
    expect(await res.text()).toBe('{"data":"OK"}');

    await page.getByTestId('tab-new').click();
    const c = card('meituan:900000000000123');
    await c.waitFor();
    expect(await c.locator('[data-fact="cash"]').innerText()).toBe('货到付款 收 ¥25.50');
    expect(await c.locator('[data-fact="invoice"]').innerText()).toBe('要发票：长沙星城科技有限公司');
    expect(await c.locator('[data-fact="cutlery"]').innerText()).toBe('餐具 2 份');
    expect(await c.locator('[data-fact="discount"]').innerText()).toContain('优惠 ¥4.00');
    expect(await c.innerText()).toContain('13800000000 转 1234');
    await mkdir(SHOTS_DIR, { recursive: true });
    await c.screenshot({ path: `${SHOTS_DIR}/card-order-facts.png` });

    await c.locator('.oc-items').click();
    const detail = page.getByTestId('order-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('detail-invoice').innerText()).toContain('91430100MA4L00001X');
    expect(await detail.getByTestId('detail-income').innerText()).toContain('¥19.80');
    expect(await detail.getByTestId('backup-phones').innerText()).toBe('13900000002 转 5678');
    await screenshot(page, 'detail-order-facts');

    // English: the same facts in English words.
    await page.evaluate(() => localStorage.setItem('waimai-desk-language', 'en'));
    await page.reload();
    await c.waitFor();
    expect(await c.locator('[data-fact="cash"]').innerText()).toBe('Cash on delivery: collect ¥25.50');
    await c.screenshot({ path: `${SHOTS_DIR}/card-order-facts-en.png` });
    await c.locator('.oc-items').click();
    await detail.waitFor();
    expect(await detail.getByTestId('detail-payment').innerText()).toBe('Cash on delivery: collect ¥25.50');
    await screenshot(page, 'detail-order-facts-en');
  });
});
