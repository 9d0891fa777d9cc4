// @vitest-environment happy-dom
/**
 * 催单 on the board: while the customer's hurry-up request is unanswered the card says so with
 * its time and offers 回复催单; the dialog offers the platform's stock replies (common first,
 * one tap) or the shop's own words within the platform's 30 characters, counted live; a refusal
 * is said in words with 重试; once replied the mark says 已回复 and asks no more.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CancelReason, DeskApi } from '../../../shared/api.js';
import type { Order } from '../../../shared/order.js';
import type { DeskClient } from '../../../renderer/src/api/desk-client.js';
import OrderFlags from '../../../renderer/src/components/board/OrderFlags.js';
import { ReminderDialog } from '../../../renderer/src/components/board/ReminderReply.js';
import i18n from '../../../renderer/src/i18n/index.js';
import { setShopTimeZone } from '../../../renderer/src/lib/format.js';
import { DeskContext } from '../../../renderer/src/state/use-desk.js';
import { fakeOrder } from './fake-order.js';

/** A platform's reply kinds in its order: common ones first, the own-words kind last. */
const REPLIES: CancelReason[] = [
  { code: 'inCooking', zh: '正在制作中，请耐心等待', en: 'Being cooked, please wait' },
  { code: 'hasOut', zh: '已经出餐了，马上送到', en: 'On its way' },
  { code: 'custom', zh: '自定义回复', en: 'Own words' },
];

const reminded = (replied = false): Order =>
  fakeOrder({
    platform: 'eleme',
    orderId: '3012000222',
    status: 'accepted',
    flags: replied ? [] : ['reminder'],
    reminder: { id: 'rm-1', at: '2026-12-02T04:03:00.000Z', replied },
  });

function provide(api: Partial<DeskApi>, child: React.ReactElement) {
  const desk: DeskClient = { api: api as DeskApi, subscribe: () => () => undefined, resolveLink: (p) => p, openLink: () => Promise.resolve(true), onConnection: () => () => undefined };
  return render(createElement(DeskContext.Provider, { value: desk }, child));
}

function showDialog(api: Partial<DeskApi>) {
  const onClose = vi.fn();
  const order = reminded();
  provide({ reminderReplies: () => Promise.resolve(REPLIES), ...api }, createElement(ReminderDialog, { order, onClose }));
  return { onClose, order };
}

const confirmButton = (): HTMLButtonElement => screen.getByTestId('dialog-confirm');
const text = (): HTMLTextAreaElement => screen.getByTestId('reason-text');

beforeAll(async () => {
  setShopTimeZone('Asia/Shanghai');
  await i18n.changeLanguage('zh-CN');
});
afterEach(cleanup);

describe('the 催单 mark', () => {
  it('shows 顾客催单了 with its time and 回复催单 while unreplied, and opens the reply dialog', async () => {
    provide({ reminderReplies: () => Promise.resolve(REPLIES) }, createElement(OrderFlags, { order: reminded() }));
    const mark = screen.getByTestId('reminder-mark');
    expect(mark.getAttribute('data-flag')).toBe('reminder');
    expect(mark.getAttribute('data-replied')).toBe('false');
    expect(mark.textContent).toContain('12:03 顾客催单了');
    // One line for the 催单, not the generic flag line as well.
    expect(document.querySelectorAll('[data-flag="reminder"]')).toHaveLength(1);
    fireEvent.click(within(mark).getByTestId('reply-reminder'));
    await screen.findByTestId('reminder-dialog');
  });

  it('says 已回复 once replied and no longer asks', () => {
    provide({}, createElement(OrderFlags, { order: reminded(true) }));
    const mark = screen.getByTestId('reminder-mark');
    expect(mark.getAttribute('data-replied')).toBe('true');
    expect(mark.textContent).toContain('已回复');
    expect(screen.queryByTestId('reply-reminder')).toBeNull();
    expect(document.querySelector('[data-flag="reminder"]')).toBeNull();
  });

  it('is absent on an order without a 催单', () => {
    provide({}, createElement(OrderFlags, { order: fakeOrder({ platform: 'eleme' }) }));
    expect(screen.queryByTestId('reminder-mark')).toBeNull();
  });
});

describe('the reply dialog', () => {
  it('offers the stock replies in the platform’s order as one-tap choices, the first picked, and sends the chosen code', async () => {
    const reminderReplies = vi.fn(() => Promise.resolve(REPLIES));
    const replyReminder = vi.fn(() => Promise.resolve(reminded(true)));
    const { onClose, order } = showDialog({ reminderReplies, replyReminder });
    const choices = await screen.findAllByTestId('reminder-choice');
    expect(reminderReplies).toHaveBeenCalledWith('eleme');
    expect(choices.map((c) => c.textContent)).toEqual(['正在制作中，请耐心等待', '已经出餐了，马上送到']);
    expect(choices[0]!.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(choices[1]!);
    expect(choices[1]!.getAttribute('aria-pressed')).toBe('true');
    expect(choices[0]!.getAttribute('aria-pressed')).toBe('false');
    await act(async () => fireEvent.click(confirmButton()));
    expect(replyReminder).toHaveBeenCalledWith(order.key, 'hasOut', '');
    expect(onClose).toHaveBeenCalled();
  });

  it('counts own words live, refuses past 30 characters and sends them as the own-words kind', async () => {
    const replyReminder = vi.fn(() => Promise.resolve(reminded(true)));
    const { order } = showDialog({ replyReminder });
    await screen.findAllByTestId('reminder-choice');
    fireEvent.change(text(), { target: { value: '马上好' } });
    expect(screen.getByTestId('reminder-counter').textContent).toBe('3/30');
    // The own-words kind is now the one chosen: no stock reply stays pressed.
    expect(screen.getAllByTestId('reminder-choice').every((c) => c.getAttribute('aria-pressed') === 'false')).toBe(true);

    fireEvent.change(text(), { target: { value: '好'.repeat(31) } });
    expect(screen.getByTestId('reminder-counter').textContent).toBe('31/30');
    expect(screen.getByTestId('reminder-counter').hasAttribute('data-over')).toBe(true);
    expect(confirmButton().disabled).toBe(true);
    expect(screen.getByRole('dialog').textContent).toContain('最多 30 个字');

    fireEvent.change(text(), { target: { value: ` ${'好'.repeat(30)} ` } });
    expect(confirmButton().disabled).toBe(false);
    await act(async () => fireEvent.click(confirmButton()));
    expect(replyReminder).toHaveBeenCalledWith(order.key, 'custom', '好'.repeat(30));
  });

  it('does not send empty own words', async () => {
    const replyReminder = vi.fn(() => Promise.resolve(reminded(true)));
    showDialog({ replyReminder });
    await screen.findAllByTestId('reminder-choice');
    fireEvent.change(text(), { target: { value: '   ' } });
    expect(confirmButton().disabled).toBe(true);
    expect(screen.getByRole('dialog').textContent).toContain('请写下要回复顾客的话');
  });

  it('says a refusal in words with 重试, and 重试 sends again', async () => {
    const replyReminder = vi
      .fn<DeskApi['replyReminder']>()
      .mockRejectedValueOnce(Object.assign(new Error('调用饿了么太频繁，稍后会自动重试'), { retriable: true }))
      .mockResolvedValueOnce(reminded(true));
    const { onClose, order } = showDialog({ replyReminder });
    await screen.findAllByTestId('reminder-choice');
    await act(async () => fireEvent.click(confirmButton()));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('调用饿了么太频繁');
    expect(onClose).not.toHaveBeenCalled();
    await act(async () => fireEvent.click(within(alert).getByRole('button', { name: '重试' })));
    expect(replyReminder).toHaveBeenCalledTimes(2);
    expect(replyReminder).toHaveBeenLastCalledWith(order.key, 'inCooking', '');
  });

  it('offers 重试 when the reply choices cannot be read', async () => {
    const reminderReplies = vi.fn<DeskApi['reminderReplies']>().mockRejectedValueOnce(new Error('连接断开')).mockResolvedValueOnce(REPLIES);
    showDialog({ reminderReplies });
    const failed = await screen.findByTestId('reminder-replies-failed');
    expect(failed.textContent).toContain('连接断开');
    expect(confirmButton().disabled).toBe(true);
    fireEvent.click(within(failed).getByRole('button', { name: '重试' }));
    expect(await screen.findAllByTestId('reminder-choice')).toHaveLength(2);
  });
});
