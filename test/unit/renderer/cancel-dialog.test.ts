// @vitest-environment happy-dom
/**
 * The cancel dialog takes its reasons from the order's own platform, in the platform's order
 * (the common ones first), and hands the platform's code back unchanged — codes are text (some
 * platforms' codes are words). Without the platform's list there is no code to send: it says so
 * and offers 重试 rather than guessing one.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CancelReason, DeskApi } from '../../../shared/api.js';
import type { DeskClient } from '../../../renderer/src/api/desk-client.js';
import CancelDialog from '../../../renderer/src/components/board/CancelDialog.js';
import i18n from '../../../renderer/src/i18n/index.js';
import { DeskContext } from '../../../renderer/src/state/use-desk.js';
import { fakeOrder } from './fake-order.js';

/** Word codes, as a platform that names its reasons sends them (made up, in the platform's order). */
const WORD_REASONS: CancelReason[] = [
  { code: 'foodSoldOut', zh: '商品已售完', en: 'Sold out' },
  { code: 'restaurantTooBusy', zh: '店铺太忙', en: 'Store too busy' },
  { code: 'others', zh: '其他原因', en: 'Other reason' },
];

function show(api: Partial<DeskApi>, platform: 'meituan' | 'eleme' = 'eleme') {
  const onClose = vi.fn();
  const desk: DeskClient = { api: api as DeskApi, subscribe: () => () => undefined, resolveLink: (p) => p, openLink: () => Promise.resolve(true), onConnection: () => () => undefined };
  const order = fakeOrder({ platform, orderId: '3012000111' });
  render(createElement(DeskContext.Provider, { value: desk }, createElement(CancelDialog, { order, onClose })));
  return { onClose, order };
}

const select = (): HTMLSelectElement => screen.getByTestId('cancel-reason');
const confirmButton = (): HTMLButtonElement => screen.getByTestId('dialog-confirm');

beforeAll(async () => {
  await i18n.changeLanguage('zh-CN');
});
afterEach(cleanup);

describe('CancelDialog', () => {
  it("lists the order's platform's reasons in its order, the catch-all last and picked by default, and sends the word code unchanged", async () => {
    const cancelReasons = vi.fn(() => Promise.resolve(WORD_REASONS));
    const cancel = vi.fn(() => Promise.resolve(fakeOrder({ status: 'cancelled' })));
    const { onClose, order } = show({ cancelReasons, cancel });
    await screen.findByRole('option', { name: '商品已售完' });
    expect(cancelReasons).toHaveBeenCalledWith('eleme');
    expect([...select().options].map((o) => o.textContent)).toEqual(['商品已售完', '店铺太忙', '其他原因']);
    expect(select().value).toBe('others');
    expect(screen.getByRole('dialog').textContent).toContain('取消订单 饿了么 #7');

    fireEvent.change(select(), { target: { value: 'foodSoldOut' } });
    await act(async () => fireEvent.click(confirmButton()));
    expect(cancel).toHaveBeenCalledWith(order.key, 'foodSoldOut', '商品已售完');
    expect(onClose).toHaveBeenCalled();
  });

  it('sends a number-like code as the same text, with the typed words instead of the reason name', async () => {
    const cancel = vi.fn(() => Promise.resolve(fakeOrder({ status: 'cancelled' })));
    const { order } = show(
      {
        cancelReasons: () =>
          Promise.resolve([
            { code: '2009', zh: '商品已售完', en: 'Sold out' },
            { code: '2007', zh: '其他原因', en: 'Other reason' },
          ]),
        cancel,
      },
      'meituan',
    );
    await screen.findByRole('option', { name: '商品已售完' });
    fireEvent.change(screen.getByTestId('reason-text'), { target: { value: '顾客电话说不要了' } });
    await act(async () => fireEvent.click(confirmButton()));
    expect(cancel).toHaveBeenCalledWith(order.key, '2007', '顾客电话说不要了');
  });

  it('says the reasons could not be read, cancels nothing, and 重试 loads them', async () => {
    const cancelReasons = vi.fn().mockRejectedValueOnce(new Error('连不上接单台后台')).mockResolvedValueOnce(WORD_REASONS);
    const cancel = vi.fn();
    show({ cancelReasons, cancel });
    const failed = await screen.findByTestId('cancel-reasons-failed');
    expect(failed.textContent).toContain('没能读取饿了么的取消原因：连不上接单台后台');
    expect(confirmButton().disabled).toBe(true);
    fireEvent.click(confirmButton());
    expect(cancel).not.toHaveBeenCalled();

    await act(async () => fireEvent.click(screen.getByRole('button', { name: '重试' })));
    expect(cancelReasons).toHaveBeenCalledTimes(2);
    expect(screen.queryByTestId('cancel-reasons-failed')).toBeNull();
    expect(select().value).toBe('others');
    expect(confirmButton().disabled).toBe(false);
  });

  it('cannot cancel when the platform offers no reasons, and says where to do it', async () => {
    show({ cancelReasons: () => Promise.resolve([]) });
    expect(await screen.findByText('饿了么没有提供取消原因，不能在这里取消：请到饿了么商家后台处理。')).toBeTruthy();
    expect(confirmButton().disabled).toBe(true);
  });
});
