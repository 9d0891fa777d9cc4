// @vitest-environment happy-dom
/**
 * The card as staff meet it: what it shows, and what pressing 接单 does while the platform
 * answers and when it refuses. A fake DeskApi stands in for the main side.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeskApi } from '../../../shared/api.js';
import { DeskCallError, type DeskClient } from '../../../renderer/src/api/desk-client.js';
import OrderCard from '../../../renderer/src/components/board/OrderCard.js';
import i18n from '../../../renderer/src/i18n/index.js';
import { DeskContext } from '../../../renderer/src/state/use-desk.js';
import { fakeOrder } from './fake-order.js';

function fakeDesk(calls: Partial<DeskApi>): DeskClient {
  const api = new Proxy(calls, {
    get: (target, method: string) =>
      target[method as keyof DeskApi] ?? (() => Promise.reject(new Error(`unexpected call ${method}`))),
  }) as DeskApi;
  return {
    api,
    subscribe: () => () => undefined,
    resolveLink: (p) => p,
    openLink: () => Promise.resolve(true),
    onConnection: () => () => undefined,
  };
}

function renderCard(order = fakeOrder(), calls: Partial<DeskApi> = {}) {
  const desk = fakeDesk(calls);
  const onOpenDetail = vi.fn();
  const view = render(
    createElement(DeskContext.Provider, { value: desk }, createElement(OrderCard, { order, onOpenDetail })),
  );
  return { ...view, onOpenDetail, card: view.getByTestId('order-card') };
}

/** A promise the test settles by hand, to look at the card while the call is in flight. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

beforeAll(async () => {
  await i18n.changeLanguage('zh-CN');
});
afterEach(cleanup);

describe('OrderCard', () => {
  it('shows the order the way the counter reads it', () => {
    const order = fakeOrder({
      attention: { reason: 'new-order', since: '2026-11-25T04:00:00.000Z' },
      flags: ['unbound-store'],
      pickup: true,
    });
    const { card } = renderCard(order);
    expect(card.dataset.orderKey).toBe('meituan:27061900338318741');
    expect(card.dataset.status).toBe('new');
    expect(card.dataset.attention).toBe('new-order');
    // The pickup number carries the platform's short mark: two platforms' #7 never look alike.
    expect(within(card).getByTestId('day-seq').textContent).toBe('美#7');
    expect(card.getAttribute('aria-label')).toBe('美团外卖 #7');
    expect(card.textContent).toContain('¥25.50');
    expect(card.textContent).toContain('预计收入 ¥20.00');
    expect(card.textContent).toContain('13800000000 转 1234');
    // A pickup order is not delivered: its time line says the customer comes for it.
    expect(card.textContent).toContain('顾客到店自取');
    expect(card.textContent).not.toContain('送达');
    expect(card.textContent).toContain('门店未绑定');
    expect(card.querySelector('.oc-note')?.textContent).toContain('不要香菜');
    expect(within(card).getByTestId('acknowledge').textContent).toBe('我知道了');
  });

  it('speaks English throughout in English: extension words, pickup times', async () => {
    await i18n.changeLanguage('en');
    try {
      const { card } = renderCard(fakeOrder({ pickup: true, deliveryTime: '2026-11-25T04:30:00.000Z' }));
      expect(card.textContent).toContain('13800000000 ext. 1234');
      expect(card.textContent).not.toContain('转');
      expect(card.textContent).toMatch(/Pickup at \d{2}:\d{2}/);
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });

  it('follows a language switch on screen in every part (the parts take the card\'s translation)', async () => {
    const items = Array.from({ length: 7 }, (_, i) => ({ ...fakeOrder().items[0]!, name: `菜${i}` }));
    const order = fakeOrder({
      attention: { reason: 'new-order', since: '2026-11-25T04:00:00.000Z' },
      items,
      facts: { invoice: null, cashOnDelivery: true, cutlery: null, discounts: [], income: null, backupPhones: [] },
    });
    const { card } = renderCard(order);
    expect(card.textContent).toContain('货到付款');
    expect(card.textContent).toContain('还有 2 项');
    expect(card.textContent).toContain('转 1234');
    expect(within(card).getByTestId('acknowledge').textContent).toBe('我知道了');
    try {
      await act(async () => void (await i18n.changeLanguage('en')));
      expect(card.textContent).toContain('Cash on delivery');
      expect(card.textContent).toContain('2 more');
      expect(card.textContent).toContain('ext. 1234');
      expect(within(card).getByTestId('acknowledge').textContent).toBe('Got it');
    } finally {
      await act(async () => void (await i18n.changeLanguage('zh-CN')));
    }
  });

  it('never renders order text as HTML', () => {
    const { card } = renderCard(fakeOrder({ note: '<img src=x onerror=alert(1)>多加辣' }));
    expect(card.querySelector('img')).toBeNull();
    expect(card.textContent).toContain('<img src=x onerror=alert(1)>多加辣');
  });

  it('accept: disabled while pending, the platform error on failure, retry; no acknowledge after (it would swallow news raised meanwhile)', async () => {
    const first = deferred<never>();
    const second = deferred<ReturnType<typeof fakeOrder>>();
    const accept = vi.fn().mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise);
    const acknowledge = vi.fn(() => Promise.resolve(fakeOrder()));
    const { card } = renderCard(fakeOrder(), { accept, acknowledge });

    fireEvent.click(within(card).getByTestId('accept'));
    const button = within(card).getByTestId('accept') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.textContent).toContain('处理中');
    expect(accept).toHaveBeenCalledWith('meituan:27061900338318741');

    await act(async () =>
      first.reject(new DeskCallError('门店未绑定该平台，无法操作：请先在「门店」页绑定', true)),
    );
    const alert = within(card).getByRole('alert');
    expect(alert.textContent).toContain('门店未绑定该平台，无法操作');
    expect((within(card).getByTestId('accept') as HTMLButtonElement).disabled).toBe(false);
    expect(acknowledge).not.toHaveBeenCalled();

    fireEvent.click(within(alert).getByRole('button', { name: '重试' }));
    expect(accept).toHaveBeenCalledTimes(2);
    await act(async () => second.resolve(fakeOrder({ status: 'accepted' })));
    expect(acknowledge).not.toHaveBeenCalled();
    expect(within(card).queryByRole('alert')).toBeNull();
  });

  it('offers no retry when the platform says trying again will not help', async () => {
    const accept = vi.fn(() => Promise.reject(new DeskCallError('订单已不是新订单，无需接单', false)));
    const { card } = renderCard(fakeOrder(), { accept });
    await act(async () => fireEvent.click(within(card).getByTestId('accept')));
    expect(within(card).getByRole('alert').textContent).toContain('订单已不是新订单');
    expect(within(card).queryByRole('button', { name: '重试' })).toBeNull();
  });

  it('cancel: picks 其他原因 by default, sends it, closes; Esc closes without cancelling', async () => {
    const cancelReasons = vi.fn(() =>
      Promise.resolve([
        { code: '2001', zh: '商家已经打烊', en: 'Closed' },
        { code: '2007', zh: '其他原因', en: 'Other' },
      ]),
    );
    const cancel = vi.fn(() => Promise.resolve(fakeOrder({ status: 'cancelled' })));
    const { card } = renderCard(fakeOrder(), { cancelReasons, cancel });

    fireEvent.click(within(card).getByTestId('cancel'));
    const dialog = await screen.findByRole('dialog');
    await screen.findByRole('option', { name: '商家已经打烊' });
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();

    fireEvent.click(within(card).getByTestId('cancel'));
    const again = await screen.findByRole('dialog');
    await screen.findByRole('option', { name: '商家已经打烊' });
    expect((within(again).getByTestId('cancel-reason') as HTMLSelectElement).value).toBe('2007');
    await act(async () => fireEvent.click(within(again).getByTestId('dialog-confirm')));
    expect(cancel).toHaveBeenCalledWith('meituan:27061900338318741', '2007', '其他原因');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(dialog.isConnected).toBe(false);
  });

  it('opens the detail from the card body but not from its buttons', () => {
    const { card, onOpenDetail } = renderCard(fakeOrder(), { accept: () => new Promise(() => undefined) });
    fireEvent.click(card.querySelector('.oc-items')!);
    expect(onOpenDetail).toHaveBeenCalledTimes(1);
    fireEvent.click(within(card).getByTestId('accept'));
    expect(onOpenDetail).toHaveBeenCalledTimes(1);
  });
});
