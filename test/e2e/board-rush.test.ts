/**
 * The board in the lunch rush, in a real browser against `waimai-desk serve --sandbox`: enough
 * whole cards on each counter screen, a header that stays one row in both languages, the
 * keyboard, search the way staff type it, finished orders as lines, nothing moving under the
 * pointer after an action. Screenshots of each screen size in Chinese and English.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../shared/order.js';
import { screenshot, startCounterSession, type CounterSession } from '../support/browser.js';
import { cutText, rowLayout, setLanguage, verticalText, wholeCards } from './layout-checks.js';

let session: CounterSession;
let page: Page;

const SIZES = [
  { width: 1024, height: 768, cards: 3 },
  { width: 1366, height: 768, cards: 4 },
  { width: 1920, height: 1080, cards: 8 },
] as const;
const RUSH = 12;

const orders = async (): Promise<Order[]> =>
  (await session.serve.api<{ orders: Order[] }>('/api/orders')).orders;
const card = (key: string) => page.locator(`[data-testid="order-card"][data-order-key="${key}"]`);
const newOrders = async (): Promise<Order[]> =>
  (await orders()).filter((o) => o.status === 'new').sort((a, b) => a.createdAt.localeCompare(b.createdAt));



/** Two animation frames: the board's key handler has acted (or chosen not to) by then. */
const frames = () =>
  page.evaluate(
    () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
  );

beforeAll(async () => {
  session = await startCounterSession();
  page = session.page;
  await session.serve.rpc('updateStoreSettings', 'demo-store-1', { autoAccept: false });
  for (let i = 0; i < RUSH; i++) await session.serve.rpc('simulate', 'new-order');
  // simulate resolves once the desk has the order on disk.
  if ((await newOrders()).length < RUSH) throw new Error('the rush did not arrive');
}, 120_000);

afterAll(() => session?.close());

describe('the board in the rush', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    it(`shows enough whole new-order cards on each screen, header in one row (${lang})`, async () => {
      await setLanguage(page, lang);
      await page.getByTestId('tab-new').click();
      for (const size of SIZES) {
        await page.setViewportSize({ width: size.width, height: size.height });
        await expect
          .poll(() => wholeCards(page), { message: `${size.width}×${size.height}` })
          .toBeGreaterThanOrEqual(size.cards);
        await screenshot(page, `rush-new-${size.width}x${size.height}-${lang}`);
        const where = `${size.width} ${lang}`;
        const header = await rowLayout(page, '.app-header', '.app-title, .nav-tab, .alert-strip, .mute-control, .mute-pill, .sandbox-bar');
        expect(header.offRow, where).toEqual([]);
        expect(header.overlaps, where).toEqual([]);
        expect(header.outside, where).toEqual([]);
        // …and the header keeps its one-row height.
        expect(header.height, where).toBeLessThanOrEqual(64);
        // The tabs and the toolbar: one row too.
        const top = await rowLayout(page, '.board-top', '.board-tab, .board-search, .board-keys, .board-more');
        expect(top.offRow, where).toEqual([]);
        expect(top.overlaps, where).toEqual([]);
        expect(top.outside, where).toEqual([]);
        expect(top.height, where).toBeLessThanOrEqual(top.tallest + 18);
        expect(await verticalText(page), where).toEqual([]);
        expect(await cutText(page, '.app-header, .board-top'), where).toEqual([]);
      }
    });
  }

  it('shows the keys in the toolbar; F2 accepts the oldest new order, but not while typing', async () => {
    await setLanguage(page, 'zh-CN');
    await page.setViewportSize({ width: 1024, height: 768 });
    // On a 1024 px screen the keys are listed in the 更多 menu beside the search box.
    await page.getByTestId('board-more').click();
    expect(await page.getByTestId('key-hints').innerText()).toMatch(
      /F2\s*接最早的新单[\s\S]*F3\s*搜索[\s\S]*F4\s*我知道了/,
    );
    await page.getByTestId('board-more').click();
    const [oldest, second] = await newOrders();
    await page.getByTestId('tab-preparing').click();

    await page.getByTestId('search').focus();
    await page.keyboard.press('F2');
    await frames();
    await frames();
    expect((await orders()).find((o) => o.key === oldest!.key)?.status).toBe('new');
    expect(await page.getByTestId('tab-preparing').getAttribute('aria-selected')).toBe('true');

    await page.getByTestId('search').press('Escape');
    await page.keyboard.press('F2');
    await expect
      .poll(async () => (await orders()).find((o) => o.key === oldest!.key)?.status)
      .toBe('accepted');
    expect((await orders()).find((o) => o.key === second!.key)?.status).toBe('new');

    // F4 is 我知道了 on the first card in view that asks for attention.
    await page.getByTestId('tab-new').click();
    const firstAsking = await page
      .locator('[data-testid="order-card"][data-attention]')
      .first()
      .getAttribute('data-order-key');
    await page.keyboard.press('F4');
    await expect
      .poll(async () => (await orders()).find((o) => o.key === firstAsking)?.acknowledgedAt ?? null)
      .not.toBeNull();

    // F3 focuses search from anywhere on the board.
    await page.getByTestId('tab-new').focus();
    await page.keyboard.press('F3');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search');
    await page.getByTestId('search').press('Escape');
  });

  it('shows how long an accepted order has waited, in the waiting colours', async () => {
    const accepted = (await orders()).find((o) => o.status === 'accepted')!;
    await page.getByTestId('tab-preparing').click();
    const prep = card(accepted.key).getByTestId('prep-time');
    await expect.poll(() => prep.innerText()).toMatch(/^接单 \d+ 分钟$/);
    expect(await prep.getAttribute('data-urgency')).toBe('ok');
    expect(await prep.getAttribute('class')).toContain('pill-urgency-ok');
    await screenshot(page, 'rush-preparing-1024x768-zh-CN');
  });

  it('finds orders by full-width digits, 「12号」, customer name and dish', async () => {
    const target = (await newOrders())[1]!;
    const search = page.getByTestId('search');
    const fullWidth = String(target.daySeq).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const shownKeys = () =>
      page
        .locator('[data-testid="order-card"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-order-key')));
    for (const q of [
      `＃${fullWidth}`,
      fullWidth,
      `「${target.daySeq}号」`,
      `${target.daySeq}号`,
      `美#${target.daySeq}`,
    ]) {
      await search.fill(q);
      await expect.poll(shownKeys, { message: q }).toEqual([target.key]);
    }
    const all = await orders();
    for (const q of [target.customer.name, target.items[0]!.name]) {
      await search.fill(q);
      const expected = all.filter(
        (o) => o.customer.name.includes(q) || o.items.some((i) => i.name.includes(q)),
      );
      // The list is virtualized: the count says how many matched, the cards on screen which.
      expect(q).not.toBe('');
      await expect
        .poll(() => page.locator('.board-note[role="status"]').innerText(), { message: q })
        .toBe(`在全部分类中找到 ${expected.length} 个订单`);
      const keys = await shownKeys();
      expect(keys).toContain(target.key);
      for (const key of keys) expect(expected.map((o) => o.key)).toContain(key);
    }
    await search.fill('');
  });

  it('keeps the other cards still under the pointer when one is accepted, then settles', async () => {
    await page.getByTestId('tab-new').click();
    const [first, second] = await newOrders();
    const at = async () => {
      const box = (await card(second!.key).boundingBox())!;
      return { x: box.x, y: box.y };
    };
    await card(second!.key).hover();
    const before = await at();
    await card(first!.key).getByTestId('accept').click();
    await page.locator(`[data-testid="order-gone"][data-gone-key="${first!.key}"]`).waitFor();
    expect(await at()).toEqual(before);
    await screenshot(page, 'rush-accepted-placeholder-1024x768-zh-CN');
    await page.mouse.move(500, 10); // over the header, off the list
    await page.locator('[data-testid="order-gone"]').first().waitFor({ state: 'detached' });
    expect((await at()).x).toBeLessThan(before.x);
  });

  it('shows finished orders as one line each that opens in place', async () => {
    await session.serve.rpc('simulate', 'cancel');
    const cancelled = (await orders()).find((o) => o.status === 'cancelled')!;
    if (cancelled.attention) await session.serve.rpc('acknowledge', cancelled.key);
    await page.getByTestId('tab-refund').click();
    await expect.poll(() => card(cancelled.key).getAttribute('data-compact')).toBe('true');
    const line = await card(cancelled.key).boundingBox();
    expect(line!.height).toBeLessThanOrEqual(50);
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await screenshot(page, `rush-refund-${size.width}x${size.height}-zh-CN`);
    }
    await page.setViewportSize({ width: 1024, height: 768 });
    await card(cancelled.key).click();
    await expect.poll(() => card(cancelled.key).getAttribute('data-compact')).toBeNull();
    expect((await card(cancelled.key).boundingBox())!.height).toBeGreaterThan(100);
    await screenshot(page, 'rush-refund-expanded-1024x768-zh-CN');
  });
});
