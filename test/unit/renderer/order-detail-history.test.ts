// @vitest-environment happy-dom
/**
 * The board holds orders in card form (no history beyond what a card reads), so the detail view
 * fetches the whole order when it opens: 「正在加载处理记录…」 until it is here, then every event;
 * and if it cannot be fetched, words that say what to do.
 */
import { act, cleanup, render } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeskApi } from '../../../shared/api.js';
import { toOrderCard } from '../../../shared/order-card.js';
import type { Order, OrderEvent } from '../../../shared/order.js';
import type { DeskClient } from '../../../renderer/src/api/desk-client.js';
import OrderDetail from '../../../renderer/src/components/board/OrderDetail.js';
import i18n from '../../../renderer/src/i18n/index.js';
import { DeskContext } from '../../../renderer/src/state/use-desk.js';
import { fakeOrder } from './fake-order.js';

const ev = (seq: number, type: string, status: Order['status']): OrderEvent => ({
  at: `2026-11-25T04:0${seq}:00.000Z`,
  type,
  source: seq === 1 ? '/meituan/order/new' : 'staff',
  detail: '',
  seq,
  status,
  fingerprint: `f${seq}`,
});

const full = fakeOrder({
  status: 'accepted',
  attention: null,
  events: [ev(1, 'pushed:new', 'new'), ev(2, 'api:confirm', 'accepted'), ev(3, 'acknowledged', 'accepted')],
});

function open(getOrder: DeskApi['getOrder']) {
  const desk: DeskClient = {
    api: new Proxy({} as DeskApi, { get: (_t, m: string) => (m === 'getOrder' ? getOrder : () => new Promise(() => undefined)) }),
    subscribe: () => () => undefined,
    resolveLink: (p) => p,
    openLink: () => Promise.resolve(true),
    onConnection: () => () => undefined,
  };
  return render(
    createElement(DeskContext.Provider, { value: desk }, createElement(OrderDetail, { order: toOrderCard(full), onClose: () => undefined })),
  );
}

beforeAll(async () => {
  await i18n.changeLanguage('zh-CN');
});
afterEach(cleanup);

describe('the detail view of a card', () => {
  it('says the history is loading, then shows every event of the full order', async () => {
    let answer: (o: Order) => void = () => undefined;
    const view = open(() => new Promise<Order | null>((resolve) => (answer = resolve)));
    expect(view.getByTestId('history-loading').textContent).toContain('正在加载处理记录');
    expect(view.queryByTestId('event-history')).toBeNull();
    // The rest of the order shows at once, from the card.
    expect(view.getByTestId('order-detail').textContent).toContain(full.orderId);

    await act(async () => answer(full));
    const items = view.getByTestId('event-history').querySelectorAll('li');
    expect([...items].map((li) => li.getAttribute('data-event-type'))).toEqual(['pushed:new', 'api:confirm', 'acknowledged']);
    expect(view.queryByTestId('history-loading')).toBeNull();
  });

  it('says so, with what to do, when the history cannot be fetched', async () => {
    const view = open(() => Promise.reject(new Error('连不上接单台后台，请检查它是否还在运行')));
    const note = await view.findByRole('alert');
    expect(note.textContent).toContain('处理记录没能加载');
    expect(note.textContent).toContain('请关闭后重新打开');
  });
});
