// @vitest-environment happy-dom
/**
 * What the receiver's limits show staff: an order whose platform time was impossible says so on
 * its card, and the status bar counts the invalid requests refused today.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeskApi, DeskStatus } from '../../../shared/api.js';
import type { DeskClient } from '../../../renderer/src/api/desk-client.js';
import OrderCard from '../../../renderer/src/components/board/OrderCard.js';
import StatusBar from '../../../renderer/src/components/stores/StatusBar.js';
import i18n from '../../../renderer/src/i18n/index.js';
import { DeskContext } from '../../../renderer/src/state/use-desk.js';
import { fakeOrder } from './fake-order.js';

const desk: DeskClient = {
  api: {} as DeskApi,
  subscribe: () => () => undefined,
  resolveLink: (p) => p,
  openLink: () => Promise.resolve(true),
  onConnection: () => () => undefined,
};

function status(refusedToday?: number): DeskStatus {
  return {
    receiver: { url: 'http://127.0.0.1:1', up: true },
    tunnel: { state: 'up', url: null, lastOkAt: null, lastError: '' },
    lastCallback: { route: '/meituan/order/new', verdict: 'rejected', reason: 'missing sign', at: new Date().toISOString(), ...(refusedToday ? { refusedToday } : {}) },
    sandbox: false,
    autoAcceptPaused: false,
    secrets: 'os-keychain',
    problems: [],
    timeZone: 'Asia/Shanghai',
    today: '2026-11-25',
  };
}

beforeAll(async () => {
  await i18n.changeLanguage('zh-CN');
});
afterEach(cleanup);

describe('receiver notes on screen', () => {
  it('flags an order filed under its receipt time because the platform time was impossible', async () => {
    render(createElement(DeskContext.Provider, { value: desk }, createElement(OrderCard, { order: fakeOrder({ flags: ['time-implausible'] }), onOpenDetail: () => undefined })));
    expect(screen.getByText('平台给的时间明显不对，已按收到的时间记录')).toBeTruthy();
    await i18n.changeLanguage('en');
    expect(screen.getByText(/impossible time/)).toBeTruthy();
    await i18n.changeLanguage('zh-CN');
  });

  it('counts the invalid requests refused today in the status bar', () => {
    render(createElement(DeskContext.Provider, { value: desk }, createElement(StatusBar, { status: status(1234) })));
    expect(screen.getByTestId('refused-today').textContent).toContain('已拒绝 1234 个无效请求');
  });

  it('says nothing about refusals when there were none', () => {
    render(createElement(DeskContext.Provider, { value: desk }, createElement(StatusBar, { status: status() })));
    expect(screen.queryByTestId('refused-today')).toBeNull();
  });
});
