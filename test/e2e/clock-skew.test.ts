/**
 * A PC clock far from the platform's, in a real browser against `waimai-desk serve --sandbox`:
 * a signed Meituan callback stamped two years after this PC's "now" arrives, and the counter
 * shows the red banner saying the PC's clock is slow by about two years and what to do.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_MEITUAN } from '../../electron/core/platforms/meituan/sandbox-module.js';
import { meituanSign } from '../../electron/core/platforms/meituan/sign.js';
import { screenshot, startCounterSession, type CounterSession } from '../support/browser.js';

const YEAR_S = 365 * 24 * 3600;

let session: CounterSession;
let page: Page;

beforeAll(async () => {
  session = await startCounterSession();
  ({ page } = session);
}, 60_000);

afterAll(() => session?.close());

describe('clock far off', () => {
  it('shows the red clock banner after a platform callback two years ahead of this PC', async () => {
    await page.getByTestId('status-bar').waitFor();
    expect(await page.getByTestId('clock-skew-banner').count()).toBe(0);

    // Meituan's privacy-number notice carries only developerId, timestamp and sign.
    const fields = { developerId: SANDBOX_MEITUAN.developerId, timestamp: String(Math.floor(Date.now() / 1000) + 2 * YEAR_S) };
    const body = new URLSearchParams({ ...fields, sign: meituanSign(SANDBOX_MEITUAN.signKey, fields) }).toString();
    const res = await fetch(`${session.serve.ready.receiver}/meituan/privacy-downgrade`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(await res.text()).toBe('{"data":"OK"}');

    const banner = page.getByTestId('clock-skew-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toBe('电脑时间不准：比美团外卖时间慢约 2 年。请校准电脑时间，否则订单会显示在错误的日期。');
    await screenshot(page, 'clock-skew-banner');
  });
});
