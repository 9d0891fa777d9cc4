/**
 * The status bar in a real browser against `serve --sandbox` at 1024×768: the one line that
 * answers 「现在能收到订单吗？」, its detail one click away, 补单 with its result, callback URLs
 * with what to do when there is no public address, and a wrong console link said so plainly.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startCounterSession, type CounterSession } from '../support/browser.js';

let session: CounterSession;
let page: Page;

beforeAll(async () => {
  session = await startCounterSession();
  ({ page } = session);
  await page.setViewportSize({ width: 1024, height: 768 });
}, 60_000);

afterAll(() => session?.close());

describe('status in staff words', () => {
  it('says orders are coming in, and opens the detail on a click', async () => {
    const line = page.getByTestId('status-line');
    await expect.poll(() => line.innerText()).toMatch(/^✓ 正在接收订单 · /);
    expect(await page.getByTestId('time-zone').innerText()).toBe('时区 Asia/Shanghai');
    await screenshot(page, 'status-line-1024');

    await line.click();
    const detail = page.getByTestId('status-detail');
    await detail.waitFor();
    const text = await detail.innerText();
    expect(text).toContain(session.serve.ready.receiver);
    expect(text).toContain('Asia/Shanghai');
    expect(text).toContain('演示订单：已关闭');
    // The whole detail is on screen at 1024×768.
    const box = (await detail.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1024);
    await screenshot(page, 'status-detail-1024');
    await page.keyboard.press('Escape');
    await expect.poll(() => detail.count()).toBe(0);
  });

  it('补单 shows its result', async () => {
    await page.getByRole('button', { name: '补单', exact: true }).click();
    const result = page.getByTestId('recovery-result');
    await expect.poll(() => result.getAttribute('data-state')).not.toBe('running');
    expect(await result.innerText()).toBe('没有漏单');
  });

  it('without a public address, callback URLs say what to do instead of offering a bare path', async () => {
    await page.getByRole('button', { name: '门店', exact: true }).click();
    const note = page.getByTestId('callbacks-no-public');
    await note.waitFor();
    expect(await note.innerText()).toContain('请打开公网通道');
    expect(await page.getByTestId('copy-callback-url').count()).toBe(0);
    expect(await page.getByTestId('callback-url-pending').count()).toBeGreaterThan(0);
    await note.scrollIntoViewIfNeeded();
    await screenshot(page, 'callbacks-no-public-1024');
    await page.getByRole('button', { name: '订单', exact: true }).click();
  });

  it('a wrong console link says so and where the right one is, not 正在重连', async () => {
    const other = await session.context.newPage();
    await other.setViewportSize({ width: 1024, height: 768 });
    // A new tab has its own sessionStorage: only the wrong token in the address.
    await other.goto(`${session.serve.ready.console}/?token=not-the-token`);
    const banner = other.getByTestId('link-invalid');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('链接无效或已过期：请使用 serve 启动时打印的地址');
    expect(await other.getByText('正在重连', { exact: false }).count()).toBe(0);
    expect(await other.getByTestId('status-line').innerText()).toBe('✗ 链接无效或已过期');
    await screenshot(other, 'link-invalid-1024');
    await other.close();
  });
});
