// @vitest-environment happy-dom
/**
 * 出餐 and the rider on the card: the button with the time since accepting, held back with a
 * countdown in the first minute, the core's refusal shown in its words, 「已出餐 12:03（自动）」
 * after, a pickup order's 已备好, nothing for the shop's own rider; the rider's step with name and
 * phone, an exception loudly.
 */
import { act, cleanup, fireEvent, render, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeskApi } from '../../../shared/api.js';
import type { Order, OrderDelivery, OrderEvent } from '../../../shared/order.js';
import { DeskCallError, type DeskClient } from '../../../renderer/src/api/desk-client.js';
import OrderCard from '../../../renderer/src/components/board/OrderCard.js';
import i18n from '../../../renderer/src/i18n/index.js';
import { DeskContext } from '../../../renderer/src/state/use-desk.js';
import { fakeOrder } from './fake-order.js';

const ACCEPTED_AT = '2026-11-25T04:00:00.000Z';

function accepted(over: Partial<Order> = {}): Order {
  const e: OrderEvent = { at: ACCEPTED_AT, type: 'api:confirm', source: 'staff', detail: '已接单', seq: 2, status: 'accepted', fingerprint: 'f2' };
  return fakeOrder({ status: 'accepted', events: [e], delivery: delivery(), ...over });
}

function delivery(over: Partial<OrderDelivery> = {}): OrderDelivery {
  return { code: '1001', name: '美团专送', statusCode: null, statusText: '', riderName: '', riderPhone: '', selfDelivery: false, ...over };
}

function renderCard(order: Order, calls: Partial<DeskApi> = {}) {
  const api = new Proxy(calls, {
    get: (target, method: string) => target[method as keyof DeskApi] ?? (() => Promise.reject(new Error(`unexpected call ${method}`))),
  }) as DeskApi;
  const desk: DeskClient = { api, subscribe: () => () => undefined, resolveLink: (p) => p, openLink: () => Promise.resolve(true), onConnection: () => () => undefined };
  const view = render(createElement(DeskContext.Provider, { value: desk }, createElement(OrderCard, { order, onOpenDetail: vi.fn() })));
  return { ...view, card: view.getByTestId('order-card') };
}

beforeAll(async () => {
  await i18n.changeLanguage('zh-CN');
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the 出餐 button', () => {
  it('counts down the first minute, then offers 出餐 with the minutes since accepting', async () => {
    vi.useFakeTimers({ now: Date.parse(ACCEPTED_AT) + 20_000, toFake: ['Date', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    const { card } = renderCard(accepted());
    const button = within(card).getByTestId('prepare') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.textContent).toBe('出餐40 秒后可出餐');
    await act(async () => void vi.advanceTimersByTime(10_000));
    expect(within(card).getByTestId('prepare-wait').textContent).toBe('30 秒后可出餐');
    await act(async () => void vi.advanceTimersByTime(31_000));
    expect(button.disabled).toBe(false);
    expect(button.textContent).toBe('出餐接单 1 分钟');
  });

  it('reports 出餐 and shows the core’s refusal in its words', async () => {
    vi.useFakeTimers({ now: Date.parse(ACCEPTED_AT) + 5 * 60_000, toFake: ['Date'] });
    const markPrepared = vi.fn().mockRejectedValueOnce(new DeskCallError('骑手已取餐，无需出餐', false));
    const { card } = renderCard(accepted(), { markPrepared });
    const button = within(card).getByTestId('prepare');
    expect(button.textContent).toBe('出餐接单 5 分钟');
    await act(async () => void fireEvent.click(button));
    expect(markPrepared).toHaveBeenCalledWith('meituan:27061900338318741');
    expect(within(card).getByRole('alert').textContent).toContain('骑手已取餐，无需出餐');
  });

  it('after 出餐: 「已出餐 12:03（自动）」 and no button', () => {
    const { card } = renderCard(accepted({ prepared: { at: '2026-11-25T04:03:00.000Z', by: 'auto' } }));
    expect(within(card).queryByTestId('prepare')).toBeNull();
    // On the PC's clock, like every time on the card.
    expect(within(card).getByTestId('prepared-mark').textContent).toMatch(/^已出餐 \d\d:03（自动）$/);
  });

  it('a failed automatic 出餐 shows on the card until done', () => {
    const failed: OrderEvent = { at: '2026-11-25T04:12:00.000Z', type: 'api-failed:prepared', source: 'auto-prepare', detail: '美团服务器异常', seq: 3, status: 'accepted', fingerprint: 'f3' };
    const o = accepted();
    const { card } = renderCard({ ...o, events: [...o.events, failed] });
    expect(within(card).getByTestId('prepare-auto-failed').textContent).toBe('自动出餐没有成功：美团服务器异常。请点「出餐」');
  });

  it('no 出餐 for the shop’s own rider; a pickup order is marked 已备好 at once', () => {
    const own = renderCard(accepted({ delivery: delivery({ code: '0000', name: '商家自配送', selfDelivery: true }) }));
    expect(within(own.card).queryByTestId('prepare')).toBeNull();
    cleanup();
    const { card } = renderCard(accepted({ pickup: true, delivery: delivery({ code: '0000', selfDelivery: true }) }));
    const button = within(card).getByTestId('prepare') as HTMLButtonElement;
    expect(button.disabled).toBe(false);
    expect(button.textContent).toMatch(/^已备好/);
  });

  it('speaks English in English', async () => {
    await i18n.changeLanguage('en');
    try {
      const { card } = renderCard(accepted({ prepared: { at: '2026-11-25T04:03:00.000Z', by: 'staff' } }));
      expect(within(card).getByTestId('prepared-mark').textContent).toMatch(/^Food ready \d\d:03$/);
    } finally {
      await i18n.changeLanguage('zh-CN');
    }
  });
});

describe('the rider line', () => {
  it('says the step with the rider’s name and phone as dialled', () => {
    const { card } = renderCard(accepted({ delivery: delivery({ stage: 'assigned', statusText: '配送单已确认', riderName: '王师傅', riderPhone: '13912345678' }) }));
    const line = within(card).getByTestId('rider-line');
    expect(line.dataset.stage).toBe('assigned');
    expect(line.textContent).toBe('骑手已接单王师傅13912345678');
    expect(within(line).getByTestId('rider-phone').textContent).toBe('13912345678');
    // Not said twice on the delivery line.
    expect(card.querySelector('.oc-delivery')?.textContent).toBe('美团专送');
  });

  it('an exception is loud (an alert, with the platform’s words)', () => {
    const { card } = renderCard(accepted({ delivery: delivery({ stage: 'exception', statusText: '配送失败：顾客不接电话', riderName: '刘师傅', riderPhone: '13974112233_12' }) }));
    const line = within(card).getByTestId('rider-line');
    expect(line.getAttribute('role')).toBe('alert');
    expect(line.className).toContain('rider-exception');
    expect(line.textContent).toContain('配送异常：请联系骑手或平台');
    expect(line.textContent).toContain('配送失败：顾客不接电话');
    expect(line.textContent).toContain('13974112233 转 12');
  });

  it('nothing for the shop’s own rider or before the platform said a step', () => {
    const { card } = renderCard(accepted({ delivery: delivery({ selfDelivery: true, stage: null }) }));
    expect(within(card).queryByTestId('rider-line')).toBeNull();
  });
});
