// @vitest-environment happy-dom
/**
 * Pre-orders: their own tab once accepted, the next due on top, and a reminder that rings with
 * its own sound `lead` minutes before the delivery time — not before, once, and stays until seen.
 */
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Order } from '../../../shared/order.js';
import PreOrderReminder from '../../../renderer/src/components/board/PreOrderReminder.js';
import { resetLeadCache, setLeadMinutes } from '../../../renderer/src/components/board/preorder-prefs.js';
import i18n from '../../../renderer/src/i18n/index.js';
import { ordersOfTab, tabOf } from '../../../renderer/src/lib/board.js';
import { resetSoundPrefsCache } from '../../../renderer/src/sound/use-sound-prefs.js';
import { fakeOrder } from './fake-order.js';

const NOW = Date.parse('2026-11-25T03:00:00.000Z');
const at = (minutes: number): string => new Date(NOW + minutes * 60_000).toISOString();
const pre = (key: string, deliverInMinutes: number, over: Partial<Order> = {}): Order =>
  fakeOrder({ orderId: key, preOrder: true, status: 'accepted', deliveryTime: at(deliverInMinutes), ...over });

let plays: string[];
beforeAll(async () => {
  await i18n.changeLanguage('zh-CN');
});
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(NOW);
  localStorage.clear();
  resetLeadCache();
  resetSoundPrefsCache();
  plays = [];
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(function (this: HTMLMediaElement) {
    plays.push(this.src);
    return Promise.resolve();
  });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('the pre-order tab', () => {
  it('holds accepted pre-orders, the next one due first; a new pre-order stays in 新订单', () => {
    const later = pre('1', 300);
    const sooner = pre('2', 150);
    const fresh = pre('3', 200, { status: 'new' });
    const asap = fakeOrder({ orderId: '4', status: 'accepted' });
    expect([later, sooner, fresh, asap].map(tabOf)).toEqual(['preorder', 'preorder', 'new', 'preparing']);
    expect(ordersOfTab([later, sooner, fresh, asap], 'preorder').map((o) => o.orderId)).toEqual(['2', '1']);
  });
});

describe('the pre-order reminder', () => {
  it('rings with its own sound at lead minutes before delivery, once, and stays until seen', async () => {
    setLeadMinutes(30);
    const order = pre('9', 40); // due at NOW + 10 min
    const view = render(createElement(PreOrderReminder, { orders: [order], today: '2026-12-02', onOpen: () => undefined }));
    expect(view.queryByTestId('preorder-reminder')).toBeNull();

    await act(async () => vi.advanceTimersByTime(9 * 60_000));
    expect(view.queryByTestId('preorder-reminder')).toBeNull();
    expect(plays).toEqual([]);

    await act(async () => vi.advanceTimersByTime(61_000));
    const note = view.getByTestId('preorder-reminder');
    expect(note.textContent).toContain('该做预订单了：今天');
    expect(plays).toHaveLength(1);
    expect(plays[0]).toContain('preorder-reminder.wav');

    // Once: more time, a re-render with the same order, or a reload do not ring again.
    await act(async () => vi.advanceTimersByTime(5 * 60_000));
    view.rerender(createElement(PreOrderReminder, { orders: [{ ...order }], today: '2026-12-02', onOpen: () => undefined }));
    expect(plays).toHaveLength(1);
    cleanup();
    const again = render(createElement(PreOrderReminder, { orders: [order], today: '2026-12-02', onOpen: () => undefined }));
    expect(again.getByTestId('preorder-reminder')).toBeTruthy();
    expect(plays).toHaveLength(1);

    fireEvent.click(again.getByTestId('preorder-seen'));
    expect(again.queryByTestId('preorder-reminder')).toBeNull();
  });

  it('does not remind for an order already out for delivery or cancelled, nor for ASAP orders', async () => {
    setLeadMinutes(30);
    const orders = [pre('1', 10, { status: 'delivering' }), pre('2', 10, { status: 'cancelled' }), fakeOrder({ orderId: '3', deliveryTime: at(10) })];
    const view = render(createElement(PreOrderReminder, { orders, today: '2026-12-02', onOpen: () => undefined }));
    await act(async () => vi.advanceTimersByTime(60_000));
    expect(view.queryByTestId('preorder-reminder')).toBeNull();
    expect(plays).toEqual([]);
  });

  it('follows the lead setting: a longer lead rings at once', async () => {
    setLeadMinutes(30);
    const view = render(createElement(PreOrderReminder, { orders: [pre('5', 100)], today: '2026-12-02', onOpen: () => undefined }));
    await act(async () => vi.advanceTimersByTime(1000));
    expect(view.queryByTestId('preorder-reminder')).toBeNull();
    await act(async () => setLeadMinutes(120));
    expect(view.getByTestId('preorder-reminder')).toBeTruthy();
    expect(plays).toHaveLength(1);
  });
});
