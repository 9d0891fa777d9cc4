// @vitest-environment happy-dom
/**
 * A pre-order placed on an earlier day is cooked on the day it is due: today's board carries
 * the open pre-orders of the previous days, follows their changes, and drops them once done.
 */
import { act, cleanup, render } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeskApi } from '../../../shared/api.js';
import type { Order } from '../../../shared/order.js';
import type { DeskClient } from '../../../renderer/src/api/desk-client.js';
import Board from '../../../renderer/src/components/board/Board.js';
import i18n from '../../../renderer/src/i18n/index.js';
import { daysBefore, useCarriedPreOrders } from '../../../renderer/src/components/board/use-carried-preorders.js';
import { DeskContext } from '../../../renderer/src/state/use-desk.js';
import { fakeOrder } from './fake-order.js';

afterEach(cleanup);

function Probe(props: { today: string | null }): React.JSX.Element {
  const carried = useCarriedPreOrders(props.today);
  return createElement('div', { 'data-testid': 'carried' }, carried.map((o) => o.orderId).sort().join(','));
}

describe('pre-orders carried to the day they are due', () => {
  it('shows open pre-orders of earlier days, follows their changes, drops finished ones', async () => {
    const byDay: Record<string, Order[]> = {
      '2026-11-24': [
        fakeOrder({ orderId: '1', businessDay: '2026-11-24', preOrder: true, status: 'accepted' }),
        fakeOrder({ orderId: '2', businessDay: '2026-11-24', preOrder: false, status: 'accepted' }),
        fakeOrder({ orderId: '3', businessDay: '2026-11-24', preOrder: true, status: 'completed' }),
      ],
      '2026-11-22': [fakeOrder({ orderId: '4', businessDay: '2026-11-22', preOrder: true, status: 'new' })],
    };
    let emit: (name: string, payload: unknown) => void = () => undefined;
    const desk: DeskClient = {
      api: { listOrderCards: (day?: string) => Promise.resolve(byDay[day ?? ''] ?? []) } as unknown as DeskApi,
      subscribe: (fn) => {
        emit = fn as typeof emit;
        return () => undefined;
      },
      resolveLink: (p) => p,
      openLink: () => Promise.resolve(true),
      onConnection: () => () => undefined,
    };
    const view = render(createElement(DeskContext.Provider, { value: desk }, createElement(Probe, { today: '2026-11-25' })));
    await act(async () => undefined);
    expect(view.getByTestId('carried').textContent).toBe('1,4');

    await act(async () =>
      emit('order-changed', { order: fakeOrder({ orderId: '1', businessDay: '2026-11-24', preOrder: true, status: 'delivering' }) }),
    );
    expect(view.getByTestId('carried').textContent).toBe('4');
    // Today's own orders come from the day's list, not from here.
    await act(async () =>
      emit('order-changed', { order: fakeOrder({ orderId: '5', businessDay: '2026-11-25', preOrder: true, status: 'new' }) }),
    );
    expect(view.getByTestId('carried').textContent).toBe('4');
  });

  it('the board and the ringer share one look at the earlier days: one request per day, one subscription', async () => {
    const asked: (string | undefined)[] = [];
    let subscriptions = 0;
    const desk: DeskClient = {
      api: {
        listOrderCards: (day?: string) => {
          asked.push(day);
          return Promise.resolve(day === '2026-11-24' ? [fakeOrder({ orderId: '9', businessDay: day, preOrder: true, status: 'new' })] : []);
        },
      } as unknown as DeskApi,
      subscribe: () => {
        subscriptions++;
        return () => undefined;
      },
      resolveLink: (p) => p,
      openLink: () => Promise.resolve(true),
      onConnection: () => () => undefined,
    };
    const view = render(
      createElement(DeskContext.Provider, { value: desk }, createElement(Probe, { today: '2026-11-25' }), createElement(Probe, { today: '2026-11-25' })),
    );
    await act(async () => undefined);
    expect(view.getAllByTestId('carried').map((e) => e.textContent)).toEqual(['9', '9']);
    expect(asked.sort()).toEqual(['2026-11-22', '2026-11-23', '2026-11-24']);
    expect(subscriptions).toBe(1);
  });

  it("puts yesterday's open pre-order on today's board, in 预订单", async () => {
    await i18n.changeLanguage('zh-CN');
    const yesterday = fakeOrder({ orderId: '7', businessDay: '2026-11-24', preOrder: true, status: 'accepted', deliveryTime: '2026-11-25T04:30:00.000Z' });
    const api = new Proxy({} as DeskApi, {
      get: (_t, m: string) => (day?: string) =>
        Promise.resolve(m === 'listOrderCards' ? (day === '2026-11-24' ? [yesterday] : []) : null),
    });
    const desk: DeskClient = {
      api,
      subscribe: () => () => undefined,
      resolveLink: (p) => p,
      openLink: () => Promise.resolve(true),
      onConnection: () => () => undefined,
    };
    const board = (day: string) =>
      createElement(DeskContext.Provider, { value: desk }, createElement(Board, { day, today: '2026-11-25', onDayChange: () => undefined }));
    const view = render(board('2026-11-25'));
    await act(async () => undefined);
    expect(view.getByTestId('tab-count-preorder').textContent).toBe('1');
    // Looking back at another day shows that day only.
    view.rerender(board('2026-11-23'));
    await act(async () => undefined);
    expect(view.getByTestId('tab-count-preorder').textContent).toBe('0');
  });

  it('counts days back across a month end', () => {
    expect(daysBefore('2026-12-01', 1)).toBe('2026-11-30');
    expect(daysBefore('2026-03-01', 2)).toBe('2026-02-27');
  });
});
