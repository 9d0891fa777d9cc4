/**
 * An Eleme customer presses 催单, in a real browser against `waimai-desk serve --sandbox`: the
 * card says 顾客催单了 with 回复催单, staff answer with one of Eleme's stock replies, the reply goes
 * through Eleme's API (the order's reminder is recorded replied) and the card says 已回复.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../shared/order.js';
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

const card = (key: string) => page.locator(`[data-testid="order-card"][data-order-key="${key}"]`);
const allOrders = async (): Promise<Order[]> => (await serve.api<{ orders: Order[] }>('/api/orders')).orders;
const orderOf = async (key: string): Promise<Order> => (await allOrders()).find((o) => o.key === key)!;

describe('催单 on the board', () => {
  it('shows an Eleme 催单 on the card and answers it with a stock reply through Eleme', async () => {
    await serve.rpc('simulate', 'reminder', 'demo-store-1', 'eleme');
    let asked: Order | undefined;
    await expect
      .poll(async () => {
        asked = (await allOrders()).find((o) => o.platform === 'eleme' && o.reminder && !o.reminder.replied);
        return asked !== undefined;
      }, { timeout: 15_000 })
      .toBe(true);
    const key = asked!.key;
    await page.getByTestId('tab-new').click();
    const mark = card(key).getByTestId('reminder-mark');
    await expect.poll(() => mark.getAttribute('data-replied'), { timeout: 15_000 }).toBe('false');
    expect(await mark.innerText()).toContain('顾客催单了');
    // News for the counter: the card asks for attention with the 催单's reason.
    await expect.poll(() => card(key).getAttribute('data-attention'), { timeout: 15_000 }).toBe('reminder');
    await screenshot(page, 'reminder-card-1366x768');

    await mark.getByTestId('reply-reminder').click();
    const dialog = page.getByTestId('reminder-dialog');
    const replies = await serve.rpc<{ code: string; zh: string }[]>('reminderReplies', 'eleme');
    const choice = dialog.locator('[data-testid="reminder-choice"][data-code="hasOut"]');
    await choice.click();
    // Eleme's stock replies, in Eleme's order, the own-words kind as the text field instead.
    const offered = await dialog.getByTestId('reminder-choice').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(offered).toEqual(replies.slice(0, -1).map((r) => r.code));
    await screenshot(page, 'reminder-dialog-1366x768');
    await dialog.getByTestId('dialog-confirm').click();
    await dialog.waitFor({ state: 'detached' });

    await expect.poll(async () => (await orderOf(key)).reminder?.replied, { timeout: 15_000 }).toBe(true);
    const order = await serve.rpc<Order>('getOrder', key);
    expect(order.flags).not.toContain('reminder');
    expect(order.events.map((e) => e.detail)).toContain(`回复催单：${replies.find((r) => r.code === 'hasOut')!.zh}`);
    await expect.poll(() => mark.getAttribute('data-replied'), { timeout: 15_000 }).toBe('true');
    expect(await mark.innerText()).toContain('已回复');
    expect(await card(key).getByTestId('reply-reminder').count()).toBe(0);
    // Answering is seeing it: the alert is gone.
    expect(await card(key).getAttribute('data-attention')).toBeNull();
    await screenshot(page, 'reminder-replied-1366x768');
  });
});
