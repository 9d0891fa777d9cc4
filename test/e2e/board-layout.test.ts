/**
 * The counter board's layout on a busy day, in a real browser against `serve --sandbox`, at the
 * counter screen sizes (1024×768, 1366×768, 1920×1080) in Chinese and English: new orders,
 * auto-accepted ones, refund requests, a part refund, cancellations, a pre-order, finished
 * orders, the alert strip with five counts and sound muted. On every tab: the header, the
 * tabs with the toolbar and the status bar each stay one row with nothing overlapping or cut,
 * no label is squeezed into one character per line, the type on the cards is big enough, and
 * enough whole new-order cards fit. Nothing moves under the pointer after picking a day,
 * typing a search or pressing 全部知道了. Screenshots of every tab at every size.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Order } from '../../shared/order.js';
import { screenshot, startCounterSession, type CounterSession } from '../support/browser.js';
import { cutPlaceholders, cutText, rowLayout, setLanguage, smallText, verticalText, wholeCards } from './layout-checks.js';

let session: CounterSession;
let page: Page;

const SIZES = [
  { width: 1024, height: 768, cards: 3 },
  { width: 1366, height: 768, cards: 4 },
  { width: 1920, height: 1080, cards: 8 },
] as const;
const TABS = ['new', 'preorder', 'preparing', 'delivering', 'reminder', 'completed', 'refund'] as const;

const orders = async (): Promise<Order[]> =>
  (await session.serve.api<{ orders: Order[] }>('/api/orders')).orders;
const count = async (status: string): Promise<number> => (await orders()).filter((o) => o.status === status).length;



const box = async (selector: string) => {
  const b = (await page.locator(selector).first().boundingBox())!;
  return { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) };
};

/** Every layout fact on the screen as it is now; `where` names the screen in a failure. */
async function checkScreen(where: string, opts: { topOneRow: boolean }): Promise<void> {
  const header = await rowLayout(page, '.app-header', '.app-title, .nav-tab, .alert-strip, .mute-pill, .mute-control, .sandbox-bar');
  expect(header.offRow, `header row ${where}`).toEqual([]);
  expect(header.overlaps, `header overlaps ${where}`).toEqual([]);
  expect(header.outside, `header outside ${where}`).toEqual([]);
  // A fixed 64 px: room for a second line of chips, so counts coming and going move nothing.
  expect(header.height, `header height ${where}`).toBeLessThanOrEqual(64);

  // The strip's chips may take a second line inside the strip; never a third, never overlapping.
  const strip = await rowLayout(page, '.alert-strip', '.alert-bell, .alert-group-btn, .alert-ack-all');
  expect(strip.overlaps, `strip overlaps ${where}`).toEqual([]);
  expect(strip.outside, `strip outside ${where}`).toEqual([]);
  const chipLines = await page
    .locator('.alert-group-btn')
    .evaluateAll((els) => new Set(els.map((e) => Math.round(e.getBoundingClientRect().top))).size);
  expect(chipLines, `strip lines ${where}`).toBeLessThanOrEqual(2);

  const top = await rowLayout(page, '.board-top', '.board-tab, .board-search, .board-keys, .board-more');
  expect(top.offRow, `tabs+toolbar row ${where}`).toEqual([]);
  expect(top.overlaps, `tabs+toolbar overlaps ${where}`).toEqual([]);
  expect(top.outside, `tabs+toolbar outside ${where}`).toEqual([]);
  if (opts.topOneRow) expect(top.height, `tabs+toolbar height ${where}`).toBeLessThanOrEqual(top.tallest + 18);

  const bar = await rowLayout(page, '.status-bar', ':scope > *');
  expect(bar.offRow, `status bar row ${where}`).toEqual([]);
  expect(bar.overlaps, `status bar overlaps ${where}`).toEqual([]);
  expect(bar.outside, `status bar outside ${where}`).toEqual([]);
  expect(bar.height, `status bar height ${where}`).toBeLessThanOrEqual(bar.tallest + 14);

  expect(await verticalText(page), `one char per line ${where}`).toEqual([]);
  expect(await cutText(page, '.app-header, .board-top, .status-bar'), `cut in the bars ${where}`).toEqual([]);
  expect(await cutPlaceholders(page, '.board-top'), `cut placeholder ${where}`).toEqual([]);
  expect(
    await cutText(page, '[data-testid="order-card"]', '.pill, .oc-times > span, .btn, .oc-seq, .fact, .oc-preorder-when'),
    `cut on cards ${where}`,
  ).toEqual([]);

  // Arm's length: the pickup number, the dishes and the main button read from a step away;
  // nothing on a card is smaller than 12 px.
  const card = '[data-testid="order-card"]:not([data-compact])';
  expect(await smallText(page, card, '.oc-seq', 28), `pickup number ${where}`).toEqual([]);
  expect(await smallText(page, card, '.oc-item-name, .oc-note', 15), `dishes ${where}`).toEqual([]);
  expect(await smallText(page, card, '.btn-big', 17), `main button ${where}`).toEqual([]);
  expect(await smallText(page, '[data-testid="order-card"]', '*', 12), `small print ${where}`).toEqual([]);
}

beforeAll(async () => {
  session = await startCounterSession();
  page = session.page;
  const { serve } = session;
  // Accepted automatically first: news in the strip, and orders to refund and cancel.
  await serve.rpc('updateStoreSettings', 'demo-store-1', { autoAccept: true, autoAcceptDelaySeconds: 0 });
  for (let i = 0; i < 8; i++) await serve.rpc('simulate', 'new-order');
  await vi.waitFor(
    async () => {
      if ((await count('accepted')) < 8) throw new Error('auto-accept has not accepted the first orders yet');
    },
    { timeout: 30_000, interval: 100 },
  );
  // The sandbox acts on the newest order it applies to: cancel first, so the refund requests
  // land on other orders (a full refund asked before dispatch is a cancel request).
  for (let i = 0; i < 2; i++) await serve.rpc('simulate', 'cancel');
  for (let i = 0; i < 2; i++) await serve.rpc('simulate', 'refund-request');
  await serve.rpc('simulate', 'part-refund');
  await serve.rpc('updateStoreSettings', 'demo-store-1', { autoAccept: false });
  for (let i = 0; i < 2; i++) await serve.rpc('simulate', 'pre-order');
  for (let i = 0; i < 12; i++) await serve.rpc('simulate', 'new-order');
  // A customer hurries an Eleme order still to accept: a card in the 催单 tab (the strip says 待接单).
  await serve.rpc('simulate', 'reminder', 'demo-store-1', 'eleme');
  const all = await orders();
  // One pre-order accepted (the 预订单 tab), one order out for delivery, one delivered.
  await serve.rpc('accept', all.find((o) => o.preOrder && o.status === 'new')!.key);
  const plain = all.filter((o) => o.status === 'accepted' && !o.refund && !o.preOrder);
  await serve.rpc('markDelivering', plain[0]!.key);
  await serve.rpc('markDelivering', plain[1]!.key);
  await serve.rpc('markDelivered', plain[1]!.key);
  await page.getByTestId('mute').click();
  await page.getByTestId('mute-15').click();
  await page.getByTestId('mute-pill').waitFor();
  // Owed new orders, refunds and cancel requests, news of auto-accepts and cancellations.
  await page
    .waitForFunction(() => document.querySelectorAll('[data-testid="strip-group"]').length >= 5)
    .catch(async (err: Error) => {
      const groups = await page
        .getByTestId('strip-group')
        .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-reason')} ${e.getAttribute('data-count')}`));
      throw new Error(`${err.message}: the strip shows ${groups.join(', ')}`);
    });
}, 180_000);

afterAll(() => session?.close());

describe('the board on a busy day at counter screen sizes', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    it(`keeps every bar one row with nothing cut or overlapping, on every tab (${lang})`, async () => {
      await setLanguage(page, lang);
      for (const size of SIZES) {
        await page.setViewportSize({ width: size.width, height: size.height });
        // The status bar at its fullest: 补单 with its result beside the line.
        await page.getByTestId('recovery').getByRole('button').click();
        await expect.poll(() => page.getByTestId('recovery-result').getAttribute('data-state')).not.toBe('running');
        for (const tab of TABS) {
          await page.getByTestId(`tab-${tab}`).click();
          await expect.poll(() => page.locator('[data-testid="order-card"]').count()).toBeGreaterThan(0);
          const where = `${tab} ${size.width}×${size.height} ${lang}`;
          await screenshot(page, `layout-${tab}-${size.width}x${size.height}-${lang}`);
          if (tab === 'new') {
            await expect.poll(() => wholeCards(page), { message: where }).toBeGreaterThanOrEqual(size.cards);
          }
          await checkScreen(where, { topOneRow: tab !== 'preorder' });
        }
      }
    }, 120_000);
  }

  it('moves nothing under the pointer: picking a day, typing a search, 全部知道了', async () => {
    await setLanguage(page, 'zh-CN');
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByTestId('tab-new').click();

    // The day button keeps its place and size whatever day it names.
    const more = '[data-testid="board-more"]';
    const before = await box(more);
    await page.locator(more).click();
    expect(await page.getByTestId('key-hints').innerText()).toMatch(/F2\s*接最早的新单[\s\S]*F3\s*搜索[\s\S]*F4\s*我知道了/);
    const today = await page.getByTestId('day-picker').inputValue();
    const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('day-picker').fill(yesterday);
    await expect.poll(() => page.locator(more).innerText()).toContain(yesterday.slice(5));
    expect(await box(more)).toEqual(before);
    // The open menu: inside the window, nothing squeezed or cut.
    expect(await verticalText(page)).toEqual([]);
    const menu = await rowLayout(page, '.board-more-menu', '.board-key, .board-day-label, [data-testid="day-picker"]');
    expect(menu.overlaps).toEqual([]);
    expect(menu.outside).toEqual([]);
    expect(await cutText(page, '.board-more-menu')).toEqual([]);
    await screenshot(page, 'layout-day-menu-1024x768-zh-CN');
    await page.getByRole('button', { name: '回到今天' }).click();
    await expect.poll(() => page.locator(more).innerText()).toContain('更多');
    expect(await box(more)).toEqual(before);

    // Typing a search shows the clear button inside the box: nothing beside it moves.
    const tabsBox = await box('[data-testid="tab-refund"]');
    const searchBox = await box('[data-testid="search"]');
    await page.getByTestId('search').fill('1');
    await page.getByRole('button', { name: '清除' }).waitFor();
    expect(await box('[data-testid="search"]')).toEqual(searchBox);
    expect(await box(more)).toEqual(before);
    expect(await box('[data-testid="tab-refund"]')).toEqual(tabsBox);
    await page.getByRole('button', { name: '清除' }).click();
    expect(await page.getByTestId('search').inputValue()).toBe('');

    // 全部知道了 takes the news chips away; the mute pill at the strip's end stays put.
    // The strip was two lines of chips and is one now: the board below does not move either.
    const mute = await box('[data-testid="mute-pill"]');
    const tab = await box('[data-testid="tab-new"]');
    const firstCard = await box('[data-testid="order-card"]');
    await page.getByTestId('acknowledge-all').click();
    await expect.poll(() => page.locator('[data-testid="strip-group"][data-kind="info"]').count()).toBe(0);
    expect(await box('[data-testid="mute-pill"]')).toEqual(mute);
    expect(await box('[data-testid="tab-new"]')).toEqual(tab);
    expect(await box('[data-testid="order-card"]')).toEqual(firstCard);
    await screenshot(page, 'layout-after-ack-all-1024x768-zh-CN');
  });

  it('opens the status detail above the bar, whole and on top', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByTestId('status-details').click();
    const detail = page.getByTestId('status-detail');
    await detail.waitFor();
    // The middle and the corners of the detail are the detail, not what lies under it.
    const hits = await detail.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const points = [
        [r.left + r.width / 2, r.top + r.height / 2],
        [r.left + 4, r.top + 4],
        [r.right - 4, r.bottom - 4],
      ] as const;
      return points.map(([x, y]) => el.contains(document.elementFromPoint(x, y)));
    });
    expect(hits).toEqual([true, true, true]);
    expect(await verticalText(page)).toEqual([]);
    await screenshot(page, 'layout-status-detail-1024x768-zh-CN');
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
  });

  it('shows the keys beside the search box on a wider screen', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await expect
      .poll(() => page.getByTestId('key-hints').isVisible())
      .toBe(true);
    expect(await page.getByTestId('key-hints').innerText()).toMatch(/F2\s*接最早的新单[\s\S]*F3\s*搜索[\s\S]*F4\s*我知道了/);
    expect(await page.getByTestId('board-more').innerText()).toContain('今天');
  });
});
