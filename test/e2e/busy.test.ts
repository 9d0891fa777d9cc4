/**
 * The 忙碌 switch in a real browser against `serve --sandbox` (the demo store bound on Meituan and
 * Eleme), at 1024×768 and 1366×768 in Chinese and English: from the board, 忙碌 → 15 分钟 and
 * 「同时让所有门店在平台上休息」; the status bar shows it on with its countdown and the resting
 * stores (one row, nothing cut), the stores page shows the store resting on both platforms, and
 * 结束忙碌 (asking nothing) opens them again. Then 休息 / 营业 for one store on the stores page,
 * each behind its confirmation.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskStatus } from '../../shared/api.js';
import type { Store } from '../../shared/store.js';
import { screenshot, startCounterSession, type CounterSession } from '../support/browser.js';
import { cutText, rowLayout, setLanguage, verticalText } from './layout-checks.js';

let session: CounterSession;
let page: Page;

const SIZES = [
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
] as const;

const status = (): Promise<DeskStatus> => session.serve.rpc<DeskStatus>('status');
const demoStore = async (): Promise<Store> => (await session.serve.rpc<Store[]>('listStores')).find((s) => s.id === 'demo-store-1')!;

beforeAll(async () => {
  session = await startCounterSession();
  page = session.page;
  // Both platforms' states asked once (the desk also does it by itself at start).
  await session.serve.rpc('refreshStoreStates');
}, 60_000);

afterAll(() => session?.close());

async function checkBars(where: string): Promise<void> {
  const header = await rowLayout(page, '.app-header', '.app-title, .nav-tab, .alert-strip, .mute-pill, .mute-control, .sandbox-bar');
  expect(header.offRow, `header row ${where}`).toEqual([]);
  expect(header.overlaps, `header overlaps ${where}`).toEqual([]);
  const bar = await rowLayout(page, '.status-bar', ':scope > *');
  expect(bar.offRow, `status bar row ${where}`).toEqual([]);
  expect(bar.overlaps, `status bar overlaps ${where}`).toEqual([]);
  expect(bar.outside, `status bar outside ${where}`).toEqual([]);
  expect(bar.height, `status bar height ${where}`).toBeLessThanOrEqual(bar.tallest + 14);
  expect(await cutText(page, '.status-bar', '.busy-pill > *, .busy-button'), `cut in the status bar ${where}`).toEqual([]);
  expect(await verticalText(page), `one char per line ${where}`).toEqual([]);
}

async function goto(tab: 'board' | 'stores'): Promise<void> {
  await page.locator(`.app-nav .nav-tab-${tab}`).click();
  if (tab === 'board') await page.getByTestId('board').waitFor();
  else await page.getByTestId('store-row').first().waitFor();
}

describe('the 忙碌 switch at the counter', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    it(`turns on from the board with a timer and resting stores, shows it, and turns off (${lang})`, async () => {
      await setLanguage(page, lang);
      for (const size of SIZES) {
        const where = `${size.width}×${size.height} ${lang}`;
        await page.setViewportSize({ width: size.width, height: size.height });
        await goto('board');

        // One click from the board opens the choices.
        await page.getByTestId('busy-switch').click();
        const dialog = page.getByTestId('busy-dialog');
        await dialog.waitFor();
        await dialog.getByTestId('busy-minutes-15').click();
        await dialog.getByTestId('busy-rest').check();
        expect(await dialog.getByTestId('busy-minutes-15').getAttribute('aria-pressed')).toBe('true');
        await screenshot(page, `busy-dialog-${size.width}x${size.height}-${lang}`);
        await dialog.getByTestId('busy-start').click();
        await dialog.waitFor({ state: 'detached' });

        // The status bar: on, the time left, both platforms' store resting; the per-store warnings folded into it.
        const pill = page.getByTestId('busy-pill');
        await pill.waitFor();
        expect(await page.getByTestId('busy-left').innerText()).toMatch(lang === 'en' ? /^1[45]:\d\d left$/ : /^还剩 1[45]:\d\d$/);
        await expect.poll(() => page.getByTestId('busy-resting').innerText().catch(() => '')).toBe(lang === 'en' ? '2 stores resting' : '2 个门店休息中');
        expect(await page.getByTestId('store-warning').count()).toBe(0);
        const on = await status();
        expect(on.autoAcceptPaused).toBe(true);
        expect(on.busy?.stores.map((s) => `${s.platform}:${s.state}:${s.error}`).sort()).toEqual(['eleme:resting:', 'meituan:resting:']);
        // The countdown runs.
        const first = await page.getByTestId('busy-left').innerText();
        await expect.poll(() => page.getByTestId('busy-left').innerText(), { timeout: 5_000 }).not.toBe(first);
        await screenshot(page, `busy-on-board-${size.width}x${size.height}-${lang}`);
        await checkBars(`busy on ${where}`);

        // The stores page: the demo store resting on both platforms.
        await goto('stores');
        const row = page.locator('[data-testid="store-row"][data-store-id="demo-store-1"]');
        for (const p of ['meituan', 'eleme']) {
          await expect.poll(() => row.getByTestId(`binding-${p}`).getByTestId('store-status').getAttribute('data-state')).toBe('resting');
        }
        await screenshot(page, `busy-stores-${size.width}x${size.height}-${lang}`);

        // Off from the status bar: nothing asked, the stores open again, auto-accept back.
        await page.getByTestId('busy-end').click();
        await page.locator('[data-testid="busy-switch"][data-on="false"]').waitFor();
        expect(await page.getByTestId('busy-dialog').count()).toBe(0);
        for (const p of ['meituan', 'eleme']) {
          await expect.poll(() => row.getByTestId(`binding-${p}`).getByTestId('store-status').getAttribute('data-state')).toBe('open');
        }
        const off = await status();
        expect(off.busy ?? null).toBeNull();
        expect(off.autoAcceptPaused).toBe(false);
        await goto('board');
        await checkBars(`busy off ${where}`);
      }
    }, 120_000);
  }

  it('rests and opens one store on one platform from the stores page, each after a confirmation', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    for (const lang of ['zh-CN', 'en'] as const) {
      await setLanguage(page, lang);
      await goto('stores');
      const block = page.locator('[data-testid="store-row"][data-store-id="demo-store-1"]').getByTestId('binding-meituan');
      await block.getByTestId('store-rest-meituan').click();
      const confirm = page.getByTestId('store-open-dialog');
      await confirm.waitFor();
      await screenshot(page, `store-rest-confirm-1366x768-${lang}`);
      // Going back changes nothing.
      await confirm.getByRole('button', { name: lang === 'en' ? 'Cancel' : '取消' }).click();
      expect((await demoStore()).bindings.meituan.status?.state).toBe('open');

      await block.getByTestId('store-rest-meituan').click();
      await page.getByTestId('store-open-confirm').click();
      await expect.poll(() => block.getByTestId('store-status').getAttribute('data-state')).toBe('resting');
      // The status bar says so (no 忙碌 to fold it into).
      await expect.poll(() => page.locator('[data-testid="store-warning"][data-kind="resting"]').count()).toBe(1);
      await screenshot(page, `store-resting-1366x768-${lang}`);

      await block.getByTestId('store-open-meituan').click();
      await page.getByTestId('store-open-confirm').click();
      await expect.poll(() => block.getByTestId('store-status').getAttribute('data-state')).toBe('open');
      expect((await demoStore()).bindings.meituan.status?.state).toBe('open');
    }
  }, 90_000);
});
