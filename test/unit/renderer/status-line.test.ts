// @vitest-environment happy-dom
/**
 * The status bar's answer to 「现在能收到订单吗？」: one line in staff words for each state of the
 * receiver, the public address and the stores, with the technical detail one click away, and
 * 补单 saying what it found.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeskApi, DeskStatus, RecoveryReport } from '../../../shared/api.js';
import type { DeskClient } from '../../../renderer/src/api/desk-client.js';
import { recoveryOutcome } from '../../../renderer/src/components/stores/RecoverButton.js';
import StatusBar from '../../../renderer/src/components/stores/StatusBar.js';
import { statusLine } from '../../../renderer/src/components/stores/status-line.js';
import i18n from '../../../renderer/src/i18n/index.js';
import { DeskContext } from '../../../renderer/src/state/use-desk.js';

const NOW = Date.parse('2026-11-25T06:00:00.000Z');
const minutesAgo = (m: number): string => new Date(NOW - m * 60_000).toISOString();

function status(over: Partial<DeskStatus> = {}): DeskStatus {
  return {
    receiver: { url: 'http://127.0.0.1:5123', up: true },
    tunnel: { state: 'up', url: 'https://shop.loca.lt', lastOkAt: minutesAgo(30), lastError: '' },
    lastCallback: { route: '/meituan/order/new', verdict: 'accepted', at: minutesAgo(2) },
    sandbox: false,
    autoAcceptPaused: false,
    secrets: 'owner-only-file',
    problems: [],
    timeZone: 'Asia/Shanghai',
    today: '2026-11-25',
    ...over,
  };
}

const tunnel = (state: DeskStatus['tunnel']['state'], lastOkAt: string | null = null): DeskStatus['tunnel'] => ({ state, url: state === 'off' ? null : 'https://shop.loca.lt', lastOkAt, lastError: '' });

describe('statusLine: each state', () => {
  it('receiving, with how long ago the last order came', () => {
    expect(statusLine(status(), NOW)).toEqual({ tone: 'ok', reason: 'receiving', last: { unit: 'minutes', count: 2, order: true } });
    const push = statusLine(status({ lastCallback: { route: '/meituan/order/cancelled', verdict: 'accepted', at: minutesAgo(5) } }), NOW);
    expect(push.last).toEqual({ unit: 'minutes', count: 5, order: false });
    expect(statusLine(status({ lastCallback: null }), NOW).last).toBeNull();
  });

  it('the receiver down is the worst news, whatever the tunnel says', () => {
    expect(statusLine(status({ receiver: { url: '', up: false } }), NOW)).toMatchObject({ tone: 'bad', reason: 'receiver-down' });
  });

  it('a tunnel that dropped is reconnecting; one never up yet is still opening', () => {
    expect(statusLine(status({ tunnel: tunnel('down', minutesAgo(1)) }), NOW)).toMatchObject({ tone: 'bad', reason: 'tunnel-down' });
    expect(statusLine(status({ tunnel: tunnel('connecting', minutesAgo(1)) }), NOW)).toMatchObject({ tone: 'bad', reason: 'tunnel-down' });
    expect(statusLine(status({ tunnel: tunnel('connecting') }), NOW)).toMatchObject({ tone: 'bad', reason: 'tunnel-connecting' });
  });

  it('no tunnel and no publicUrl: no public address', () => {
    expect(statusLine(status({ tunnel: tunnel('off') }), NOW)).toMatchObject({ tone: 'bad', reason: 'no-public-address' });
  });

  it("the shop's own publicUrl, or the sandbox pushing straight in, needs no tunnel", () => {
    expect(statusLine(status({ tunnel: tunnel('off'), publicUrl: 'https://waimai.shop.example' }), NOW).reason).toBe('receiving');
    expect(statusLine(status({ tunnel: tunnel('down', minutesAgo(1)), publicUrl: 'https://waimai.shop.example' }), NOW).reason).toBe('receiving');
    expect(statusLine(status({ tunnel: tunnel('off'), sandbox: true }), NOW).reason).toBe('receiving');
  });

  it('an unstable tunnel or a closed store still receives, with a warning', () => {
    expect(statusLine(status({ tunnel: tunnel('degraded', minutesAgo(1)) }), NOW)).toMatchObject({ tone: 'warn', reason: 'tunnel-unstable' });
    const closed = statusLine(
      status({ storeWarnings: [{ storeId: 's2', storeName: '川味小馆', platform: 'meituan', kind: 'resting', detail: '', at: minutesAgo(3) }] }),
      NOW,
    );
    expect(closed).toMatchObject({ tone: 'warn', reason: 'store-closed', store: '川味小馆' });
    // A privacy downgrade does not stop orders.
    expect(statusLine(status({ storeWarnings: [{ storeId: 's2', storeName: '川味小馆', platform: 'meituan', kind: 'privacy-downgrade', detail: '', at: minutesAgo(3) }] }), NOW).reason).toBe(
      'receiving',
    );
  });
});

describe('statusLine: problems', () => {
  it('orders arrive but a problem waits to be read: a warning with the count', () => {
    expect(statusLine(status({ problems: ['orders/2026-11-25.json 已损坏，已移到一边'] }), NOW)).toMatchObject({ tone: 'warn', reason: 'problems', count: 1 });
    // Not reaching the platforms is the bigger news.
    expect(statusLine(status({ problems: ['x'], tunnel: tunnel('off') }), NOW).reason).toBe('no-public-address');
  });
});

describe('补单 result words', () => {
  const report = (over: Partial<RecoveryReport>): RecoveryReport => ({ reason: 'staff', at: minutesAgo(0), checkedStores: 1, found: 0, recovered: 0, errors: [], ...over });
  it('says what one pass came to', () => {
    expect(recoveryOutcome(report({ found: 2, recovered: 2 }))).toMatchObject({ kind: 'recovered', count: 2 });
    expect(recoveryOutcome(report({}))).toMatchObject({ kind: 'none' });
    expect(recoveryOutcome(report({ checkedStores: 0 }))).toMatchObject({ kind: 'noStores' });
    expect(recoveryOutcome(report({ found: 3, recovered: 1, errors: ['美团暂时无法访问'] }))).toMatchObject({ kind: 'partial', count: 1, found: 3 });
    expect(recoveryOutcome(report({ errors: ['美团暂时无法访问'] }))).toEqual({ kind: 'failed', message: '美团暂时无法访问' });
  });
});

describe('the status bar on screen', () => {
  let recover: () => Promise<RecoveryReport>;
  const desk: DeskClient = {
    api: { recoverMissed: () => recover() } as unknown as DeskApi,
    subscribe: () => () => undefined,
    resolveLink: (p) => p,
    openLink: () => Promise.resolve(true),
    onConnection: () => () => undefined,
  };
  const show = (s: DeskStatus): void => void render(createElement(DeskContext.Provider, { value: desk }, createElement(StatusBar, { status: s })));

  beforeAll(async () => {
    await i18n.changeLanguage('zh-CN');
  });
  afterEach(cleanup);

  it('answers in one line, and the detail opens on a click', () => {
    show(status({ lastCallback: { route: '/meituan/order/new', verdict: 'accepted', at: new Date(Date.now() - 120_000).toISOString() } }));
    expect(screen.getByTestId('status-line').textContent).toBe('✓ 正在接收订单 · 最后一单 2 分钟前');
    expect(screen.getByTestId('time-zone').textContent).toBe('时区 Asia/Shanghai');
    expect(screen.queryByTestId('status-detail')).toBeNull();
    fireEvent.click(screen.getByTestId('status-line'));
    const detail = screen.getByTestId('status-detail');
    expect(detail.textContent).toContain('https://shop.loca.lt');
    expect(detail.textContent).toContain('http://127.0.0.1:5123');
    expect(screen.getByTestId('detail-time-zone').textContent).toContain('Asia/Shanghai');
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByTestId('status-detail')).toBeNull();
  });

  it('says why orders cannot come, in red', () => {
    show(status({ tunnel: tunnel('down', minutesAgo(1)) }));
    const line = screen.getByTestId('status-line');
    expect(line.textContent).toBe('✗ 收不到订单：公网通道断开，正在重连');
    expect(line.dataset['tone']).toBe('bad');
  });

  it('补单 shows progress, then its result', async () => {
    let finish: (r: RecoveryReport) => void = () => undefined;
    recover = () => new Promise((resolve) => (finish = resolve));
    show(status());
    fireEvent.click(screen.getByRole('button', { name: '补单' }));
    expect(screen.getByTestId('recovery-result').textContent).toBe('正在补单…');
    finish({ reason: 'staff', at: new Date().toISOString(), checkedStores: 1, found: 2, recovered: 2, errors: [] });
    await waitFor(() => expect(screen.getByTestId('recovery-result').textContent).toBe('补回 2 单'));
  });

  it('补单 that fails says so in staff words', async () => {
    recover = () => Promise.reject(new Error('连不上接单台后台，请检查它是否还在运行'));
    show(status());
    fireEvent.click(screen.getByRole('button', { name: '补单' }));
    await waitFor(() => expect(screen.getByTestId('recovery-result').textContent).toBe('补单没有完成：连不上接单台后台，请检查它是否还在运行'));
  });
});

describe('the demo on the status bar', () => {
  const desk: DeskClient = { api: {} as DeskApi, subscribe: () => () => undefined, resolveLink: (p) => p, openLink: () => Promise.resolve(true), onConnection: () => () => undefined };
  afterEach(cleanup);

  it('says when the demo has stopped making orders, and why', () => {
    render(createElement(DeskContext.Provider, { value: desk }, createElement(StatusBar, { status: status({ sandbox: true, demo: { state: 'stopped', reason: 'no-bound-store', intervalSeconds: 20 } }) })));
    expect(screen.getByTestId('demo-stopped').textContent).toContain('演示订单已停止：没有已绑定美团的门店');
  });

  it('a running demo is only in the detail', () => {
    render(createElement(DeskContext.Provider, { value: desk }, createElement(StatusBar, { status: status({ sandbox: true, demo: { state: 'running', intervalSeconds: 20 } }) })));
    expect(screen.queryByTestId('demo-stopped')).toBeNull();
    fireEvent.click(screen.getByTestId('status-details'));
    expect(screen.getByTestId('demo-state').textContent).toBe('演示订单：每 20 秒一单');
  });
});
