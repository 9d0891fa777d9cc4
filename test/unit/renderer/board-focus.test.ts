// @vitest-environment happy-dom
/**
 * A clicked notification shows its order: the shell's `focus-order` event (Electron) or the
 * page's own notification (browser) opens that order's detail on today's board.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeskApi, DeskEventName, DeskEvents } from '../../../shared/api.js';
import type { DeskClient, DeskListener } from '../../../renderer/src/api/desk-client.js';
import App from '../../../renderer/src/App.js';
import i18n from '../../../renderer/src/i18n/index.js';
import { requestFocus } from '../../../renderer/src/state/focus.js';
import { DeskContext } from '../../../renderer/src/state/use-desk.js';
import { fakeOrder } from './fake-order.js';

const order = fakeOrder({ status: 'accepted', attention: null });

function fakeDesk(): DeskClient & {
  emit<E extends DeskEventName>(name: E, payload: DeskEvents[E]): void;
  calls: [string, unknown[]][];
} {
  const listeners = new Set<DeskListener>();
  const calls: [string, unknown[]][] = [];
  const answers: Partial<Record<keyof DeskApi, unknown>> = {
    listOrderCards: [order],
    listStores: [],
    status: {
      receiver: { url: 'http://127.0.0.1:1', up: true },
      tunnel: { state: 'off', url: null, lastOkAt: null, lastError: '' },
      lastCallback: null,
      sandbox: false,
      autoAcceptPaused: false,
      secrets: 'owner-only-file',
      problems: [],
      timeZone: 'UTC',
      today: order.businessDay,
    },
    cancelReasons: [],
    getOrder: order,
  };
  const api = new Proxy({} as DeskApi, {
    get:
      (_t, m: string) =>
      (...args: unknown[]) => {
        calls.push([m, args]);
        return Promise.resolve(answers[m as keyof DeskApi] ?? null);
      },
  });
  return {
    calls,
    api,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    resolveLink: (p) => p,
    openLink: () => Promise.resolve(true),
    onConnection: () => () => undefined,
    emit: (name, payload) => listeners.forEach((l) => l(name, payload)),
  };
}

beforeAll(async () => {
  await i18n.changeLanguage('zh-CN');
});
afterEach(cleanup);

describe('focusing an order from a notification', () => {
  it('opens the order detail when the shell sends focus-order, even from another page', async () => {
    const desk = fakeDesk();
    render(createElement(DeskContext.Provider, { value: desk }, createElement(App)));
    await screen.findByTestId('board');
    act(() => screen.getByRole('button', { name: '设置' }).click());
    expect(screen.queryByTestId('board')).toBeNull();
    act(() => desk.emit('focus-order', { key: order.key }));
    const detail = await screen.findByTestId('order-detail');
    expect(detail.textContent).toContain(order.orderId);
  });

  it('turns the board to the order’s own day when it is of an earlier day (the end-of-shift check lists such orders)', async () => {
    const desk = fakeDesk();
    render(createElement(DeskContext.Provider, { value: desk }, createElement(App)));
    await screen.findByTestId('board');
    expect(desk.calls.some(([m, a]) => m === 'listOrderCards' && a[0] === order.businessDay)).toBe(false);
    act(() => requestFocus(order.key));
    await screen.findByTestId('order-detail');
    await expect
      .poll(() => desk.calls.some(([m, a]) => m === 'listOrderCards' && a[0] === order.businessDay))
      .toBe(true);
  });

  it('opens it for a browser notification click too', async () => {
    const desk = fakeDesk();
    render(createElement(DeskContext.Provider, { value: desk }, createElement(App)));
    await screen.findByTestId('board');
    act(() => requestFocus(order.key));
    expect((await screen.findByTestId('order-detail')).textContent).toContain(order.orderId);
  });
});
