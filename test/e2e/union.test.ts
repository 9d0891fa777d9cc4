/**
 * 推广订单 in a real browser against `waimai-desk serve --sandbox`. Known
 * orders are put on disk before serve starts, in the store's own layout, with one promoter
 * already named, so the totals to expect are exact. Each step waits for what the page shows.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskStatus, Promoter } from '../../shared/api.js';
import { screenshot, startCounterSession, type CounterSession } from '../support/browser.js';
import type { ServeProcess } from '../support/serve-process.js';
import { writeOrderDays } from '../support/order-files.js';
import { unionOrder } from '../unit/renderer/fake-union-order.js';

// serve --sandbox keeps the shop's day in Asia/Shanghai (its default zone), whatever this machine's is.
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

let session: CounterSession;
let serve: ServeProcess;
let page: Page;

beforeAll(async () => {
  session = await startCounterSession(async (dir) => {
    await writeOrderDays(dir, [
      unionOrder({ id: '27061900338318741', day: today, sid: 's-wang', status: 'completed', paidCents: 3990, commissionCents: 200, title: '招牌双人套餐' }),
      unionOrder({ id: '27061900338318742', day: today, sid: 's-li', status: 'paid', paidCents: 1550, commissionCents: 80, title: '单人午餐', minute: 20 }),
      unionOrder({ id: '27061900338318743', day: today, sid: 's-wang', status: 'refunded', paidCents: 2000, commissionCents: 100, title: '家庭桶', minute: 40 }),
    ]);
    await writeFile(join(dir, 'promoters.json'), JSON.stringify({ v: 1, names: { 's-wang': '王姐' } }));
  });
  ({ serve, page } = session);
}, 60_000);

afterAll(() => session?.close());

const promoterRow = (sid: string) => page.locator(`[data-testid="promoter-row"][data-sid="${sid}"]`);

describe('推广订单', () => {
  it('shows the period’s totals and promoters, and names a promoter', async () => {
    expect((await serve.rpc<DeskStatus>('status')).today).toBe(today);
    await page.getByRole('button', { name: '推广订单' }).click();
    await page.getByTestId('union-page').waitFor();
    await expect.poll(() => page.getByTestId('union-total-orders').innerText()).toBe('3');
    expect(await page.getByTestId('union-total-paid').innerText()).toBe('¥55.40');
    expect(await page.getByTestId('union-total-refunded').innerText()).toBe('¥20.00');
    expect(await page.getByTestId('union-total-commission').innerText()).toBe('¥2.80');
    expect(await promoterRow('s-wang').getByTestId('promoter-name-input').inputValue()).toBe('王姐');
    expect(await promoterRow('s-wang').innerText()).toContain('¥39.90');

    const name = promoterRow('s-li').getByTestId('promoter-name-input');
    await name.fill('小李');
    await name.press('Enter');
    await expect.poll(() => serve.rpc<Promoter[]>('listPromoters')).toEqual([
      { sid: 's-li', name: '小李' },
      { sid: 's-wang', name: '王姐' },
    ]);
    await expect.poll(() => page.getByTestId('union-order-row').count()).toBe(3);
    await page.getByTestId('union-status-filter').selectOption('refunded');
    await expect.poll(() => page.getByTestId('union-order-row').count()).toBe(1);
    await page.getByTestId('union-status-filter').selectOption('all');
    await expect.poll(() => page.locator('[data-testid="union-order-row"]', { hasText: '小李' }).count()).toBe(1);
    await screenshot(page, 'union');
  });

  it('downloads the CSV with the period in its name', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('union-export').click()]);
    expect(download.suggestedFilename()).toBe(`推广订单_${today}_${today}.csv`);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv.startsWith('\ufeff日期,订单号,推广位(sid),推广员')).toBe(true);
    expect(csv).toContain(`${today},"=""27061900338318741""","=""s-wang""",王姐,招牌双人套餐,已完成,39.90,2.00,0.00\r\n`);
  });
});
