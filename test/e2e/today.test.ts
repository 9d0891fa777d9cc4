/**
 * 今日 in a real browser against `waimai-desk serve --sandbox`. Known takeaway orders of two
 * platforms and two stores are put on disk before serve starts (one cancelled, one part-refunded,
 * one without the platform's income figure), so the numbers to expect are exact. Each step waits
 * for what the page shows; screenshots at the counter sizes in both languages.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/business-day.js';
import type { DeskStatus } from '../../shared/api.js';
import type { Order } from '../../shared/order.js';
import type { PrintJobView } from '../../shared/printing.js';
import { screenshot, startCounterSession, type CounterSession } from '../support/browser.js';
import { simulateNewOrder, type ServeProcess } from '../support/serve-process.js';
import { writeOrderDays } from '../support/order-files.js';
import { fakeOrder } from '../unit/renderer/fake-order.js';
import { cutText, setLanguage } from './layout-checks.js';

// serve --sandbox keeps the shop's clock in Asia/Shanghai (no DST: +08:00 all year).
const ZONE = 'Asia/Shanghai';
const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const yesterday = addDays(today, -1);
const at = (day: string, hhmm: string): string => new Date(`${day}T${hhmm}:00+08:00`).toISOString();

function order(id: string, over: Partial<Order>): Order {
  const platform = over.platform ?? 'meituan';
  const createdAt = over.createdAt ?? at(today, '11:10');
  return fakeOrder({ orderId: id, key: `${platform}:${id}`, platform, storeId: 'demo-store-1', storeName: '湘北人家（演示店）', status: 'completed', businessDay: today, createdAt, updatedAt: createdAt, ...over });
}

const seeded: Order[] = [
  order('80001', { totalCents: 3000, receivableCents: 2400 }),
  order('80002', { status: 'cancelled', totalCents: 1500, receivableCents: 1200, createdAt: at(today, '11:40') }),
  order('80003', { platform: 'eleme', storeId: 'demo-store-2', storeName: '川味小馆（演示店）', totalCents: 4000, receivableCents: null, facts: null, createdAt: at(today, '12:05') }),
  order('80004', {
    platform: 'eleme',
    storeId: 'demo-store-2',
    storeName: '川味小馆（演示店）',
    totalCents: 1000,
    receivableCents: 800,
    refund: { state: 'agreed', reason: '少送饮料', partial: true, amountCents: 300, items: [] },
    createdAt: at(today, '18:30'),
  }),
  order('80005', { storeId: 'demo-store-2', storeName: '川味小馆（演示店）', totalCents: 2000, receivableCents: 1600, createdAt: at(today, '12:20') }),
  order('80006', { businessDay: yesterday, totalCents: 5000, receivableCents: 4000, createdAt: at(yesterday, '19:00') }),
];

let session: CounterSession;
let serve: ServeProcess;
let page: Page;

beforeAll(async () => {
  session = await startCounterSession((dir) => writeOrderDays(dir, seeded));
  ({ serve, page } = session);
}, 60_000);

afterAll(() => session?.close());

const total = (name: string): Promise<string> => page.getByTestId(`today-total-${name}`).innerText();

async function language(lang: 'zh-CN' | 'en'): Promise<void> {
  await setLanguage(page, lang);
  await page.locator('.app-nav .nav-tab-today').click();
  await page.getByTestId('day-numbers').waitFor();
}

/** Nothing under the page sticks out sideways or is cut, and the header stays one row. */
async function checkLayout(where: string): Promise<void> {
  const wide = await page.evaluate(() => {
    const el = document.querySelector('.today-page')!;
    return el.scrollWidth - el.clientWidth;
  });
  expect(wide, `${where}: the page scrolls sideways`).toBeLessThanOrEqual(1);
  expect(await cutText(page, '[data-testid="day-numbers"]'), where).toEqual([]);
  const header = await page.evaluate(() => {
    const tops = [...document.querySelectorAll('.app-header .nav-tab, .app-header .app-title, .app-header .sandbox-bar')]
      .map((e) => e.getBoundingClientRect())
      .filter((r) => r.width > 0)
      .map((r) => Math.round(r.top + r.height / 2));
    return new Set(tops).size;
  });
  expect(header, `${where}: the header wraps`).toBe(1);
}

describe('今日', () => {
  it('shows today’s numbers from the 今日 tab: totals, the estimate said, by platform, store and hour', async () => {
    expect((await serve.rpc<DeskStatus>('status')).today).toBe(today);
    await page.getByRole('button', { name: '今日' }).click();
    await page.getByTestId('day-numbers').waitFor();
    await expect.poll(() => total('valid')).toBe('4');
    expect(await total('revenue')).toBe('¥100.00');
    // 2400 + 1600 + 800, Eleme's 80 % of 40.00 estimated, less the 3.00 part refund.
    expect(await total('income')).toBe('¥77.00');
    expect(await total('refund')).toBe('¥3.00');
    expect(await total('cancelled')).toBe('1');
    expect(await total('average')).toBe('¥25.00');
    expect(await page.getByTestId('today-totals').innerText()).toContain('含估算 ¥32.00');
    expect(await page.getByTestId('today-estimate-note').innerText()).toContain('饿了么按本期有收入数据订单的比例 80.0% 估算');
    expect(await page.getByTestId('today-quick-today').getAttribute('aria-pressed')).toBe('true');

    const platforms = page.getByTestId('today-by-platform');
    expect(await platforms.locator('tr[data-row="meituan"]').innerText()).toMatch(/美团外卖\s+2\s+¥50\.00\s+¥40\.00/);
    expect(await platforms.locator('tr[data-row="eleme"]').innerText()).toMatch(/饿了么\s+2\s+¥50\.00\s+¥37\.00\s*估/);
    const stores = page.getByTestId('today-by-store');
    expect(await stores.locator('tr[data-row="demo-store-2"]').innerText()).toMatch(/川味小馆（演示店）\s+3\s+¥70\.00/);
    expect(await stores.locator('tr[data-row="demo-store-1"]').innerText()).toMatch(/湘北人家（演示店）\s+1\s+¥30\.00/);

    const hours = await page.locator('.hour-col').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-hour')}:${e.getAttribute('data-orders')}`));
    expect(hours).toHaveLength(24);
    expect(hours.filter((h) => !h.endsWith(':0'))).toEqual(['11:1', '12:2', '18:1']);
    expect(await page.getByTestId('today-print').isVisible()).toBe(true); // the sandbox sets up a demo printer
  });

  it('screenshots at 1024×768 and 1366×768 in Chinese and English, nothing cut, the header one row', async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      await language(lang);
      await expect.poll(() => total('valid')).toBe('4');
      for (const width of [1024, 1366]) {
        await page.setViewportSize({ width, height: 768 });
        await screenshot(page, `today-${width}x768-${lang}`);
        await checkLayout(`${width} ${lang}`);
      }
    }
    await language('zh-CN');
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('follows a new order at once, shows yesterday and a period by day', async () => {
    await simulateNewOrder(serve);
    await expect.poll(() => total('valid')).toBe('5');

    await page.getByTestId('today-quick-yesterday').click();
    await expect.poll(() => total('valid')).toBe('1');
    expect(await total('revenue')).toBe('¥50.00');
    expect(await page.getByTestId('today-from').inputValue()).toBe(yesterday);
    expect(await page.locator('[data-hour="19"]').getAttribute('data-orders')).toBe('1');

    await page.getByTestId('today-from').fill(yesterday);
    await page.getByTestId('today-to').fill(today);
    await expect.poll(() => total('valid')).toBe('6');
    const days = page.getByTestId('today-by-day');
    expect(await days.locator(`tr[data-row="${yesterday}"]`).innerText()).toContain('¥50.00');
    await screenshot(page, 'today-period-1366x768-zh-CN');
  });

  it('downloads the CSV and prints the shift ticket, once a minute unless asked again', async () => {
    await page.getByTestId('today-quick-today').click();
    await expect.poll(() => total('valid')).toBe('5');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('today-export').click()]);
    expect(download.suggestedFilename()).toBe(`今日数据_${today}_${today}.csv`);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv.startsWith('\ufeff日期,平台,门店,当日序号,订单号')).toBe(true);
    expect(csv).toContain(`${today},饿了么,川味小馆（演示店）,7,"=""80004"""`);
    expect(csv.split('\r\n').filter((l) => l.startsWith(today))).toHaveLength(6);

    // Both presses within one clock minute (the ticket's identity): start early in a minute.
    await expect.poll(() => new Date().getSeconds() < 40, { timeout: 25_000 }).toBe(true);
    await page.getByTestId('today-print').click();
    await expect.poll(() => page.getByTestId('today-print-result').innerText()).toContain('交班小票已发送到');
    const shiftJobs = async (): Promise<PrintJobView[]> => (await serve.rpc<PrintJobView[]>('printJobs')).filter((j) => j.reason === 'day-report');
    await expect.poll(async () => (await shiftJobs()).map((j) => j.state)).toEqual(['confirmed']);
    await page.getByTestId('today-print').click();
    await expect.poll(() => page.getByTestId('today-print-result').innerText()).toContain('刚刚已经打印');
    await screenshot(page, 'today-print-again-1366x768-zh-CN');
    await page.getByTestId('today-print-again').click();
    await expect.poll(() => page.getByTestId('today-print-result').innerText()).toContain('交班小票已发送到');
    await expect.poll(async () => (await shiftJobs()).length).toBe(2);
  });
});
