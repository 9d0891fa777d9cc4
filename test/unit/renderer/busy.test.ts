// @vitest-environment happy-dom
/**
 * 忙碌 and 营业 / 休息 in the window against a fake desk: the status bar's switch opens its
 * choices and sends what was picked, shows the time left and the resting stores while on, and
 * ends without asking; a store's 营业 / 休息 goes through a confirmation (going back sends
 * nothing) and shows the platform's refusal; and the pure words behind them.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeskApi, DeskStatus } from '../../../shared/api.js';
import type { BusyView } from '../../../shared/shop-floor.js';
import { UNBOUND, type Binding, type Store, type StoreWarning } from '../../../shared/store.js';
import type { DeskClient } from '../../../renderer/src/api/desk-client.js';
import BusySwitch from '../../../renderer/src/components/floor/BusySwitch.js';
import StoreOpenControl from '../../../renderer/src/components/floor/StoreOpenControl.js';
import { busyLeft, busyStores, warningsBesideBusy } from '../../../renderer/src/components/floor/busy-view.js';
import i18n from '../../../renderer/src/i18n/index.js';
import { DeskContext } from '../../../renderer/src/state/use-desk.js';

function fakeDesk(api: Partial<DeskApi>): DeskClient {
  return {
    api: api as DeskApi,
    subscribe: () => () => undefined,
    resolveLink: (p) => p,
    openLink: () => Promise.resolve(true),
    onConnection: () => () => undefined,
  };
}

const STATUS = { autoAcceptPaused: false, problems: [], storeWarnings: [] } as unknown as DeskStatus;

const busy = (over: Partial<BusyView> = {}): BusyView => ({
  since: new Date(Date.now() - 60_000).toISOString(),
  until: new Date(Date.now() + 14 * 60_000 + 30_000).toISOString(),
  restStores: true,
  stores: [
    { platform: 'meituan', storeId: 'store-1', storeName: '湘北人家', state: 'resting', error: '' },
    { platform: 'eleme', storeId: 'store-1', storeName: '湘北人家', state: 'open', error: '饿了么没有接受这个操作' },
  ],
  ...over,
});

const show = (desk: DeskClient, el: React.ReactElement) => render(createElement(DeskContext.Provider, { value: desk }, el));

beforeAll(async () => {
  await i18n.changeLanguage('zh-CN');
});
afterEach(cleanup);

describe('busy words', () => {
  it('counts the time left down to 0:00, with hours when long, and none without an end', () => {
    const now = Date.parse('2026-12-02T10:00:00Z');
    expect(busyLeft('2026-12-02T10:15:00Z', now)).toBe('15:00');
    expect(busyLeft('2026-12-02T10:00:09.2Z', now)).toBe('0:10');
    expect(busyLeft('2026-12-02T11:05:03Z', now)).toBe('1:05:03');
    expect(busyLeft('2026-12-02T09:59:00Z', now)).toBe('0:00');
    expect(busyLeft(null, now)).toBeNull();
  });

  it('says how many stores rest and which could not, and folds the resting warnings of those stores into the pill', () => {
    const b = busy();
    expect(busyStores(b)).toEqual({ resting: 1, failed: 1, errors: ['湘北人家：饿了么没有接受这个操作'] });
    const warn = (platform: 'meituan' | 'eleme', kind: StoreWarning['kind'], storeId = 'store-1'): StoreWarning => ({ storeId, storeName: '', platform, kind, detail: '', at: '' });
    const all = [warn('meituan', 'resting'), warn('eleme', 'resting'), warn('meituan', 'resting', 'store-2'), warn('meituan', 'privacy-downgrade')];
    expect(warningsBesideBusy(all, b)).toEqual([all[1], all[2], all[3]]);
    expect(warningsBesideBusy(all, null)).toEqual(all);
  });
});

describe('the 忙碌 switch', () => {
  it('opens the choices and sends what was picked (30 分钟 and no resting unless chosen)', async () => {
    const setBusy = vi.fn(() => Promise.resolve(STATUS));
    show(fakeDesk({ setBusy }), createElement(BusySwitch, { status: STATUS }));
    fireEvent.click(screen.getByTestId('busy-switch'));
    const dialog = await screen.findByTestId('busy-dialog');
    expect(within(dialog).getByTestId('busy-minutes-30').getAttribute('aria-pressed')).toBe('true');
    expect((within(dialog).getByTestId('busy-rest') as HTMLInputElement).checked).toBe(false);
    fireEvent.click(within(dialog).getByTestId('busy-minutes-off'));
    fireEvent.click(within(dialog).getByTestId('busy-rest'));
    fireEvent.click(within(dialog).getByTestId('busy-start'));
    expect(setBusy).toHaveBeenCalledWith({ minutes: null, restStores: true });
    await vi.waitFor(() => expect(screen.queryByTestId('busy-dialog')).toBeNull());
  });

  it('keeps the choices open with the refusal in words', async () => {
    const setBusy = vi.fn(() => Promise.reject(new Error('忙碌模式已经开启')));
    show(fakeDesk({ setBusy }), createElement(BusySwitch, { status: STATUS }));
    fireEvent.click(screen.getByTestId('busy-switch'));
    fireEvent.click(within(await screen.findByTestId('busy-dialog')).getByTestId('busy-minutes-15'));
    fireEvent.click(screen.getByTestId('busy-start'));
    expect((await screen.findByRole('alert')).textContent).toBe('没能开启忙碌：忙碌模式已经开启');
    expect(setBusy).toHaveBeenCalledWith({ minutes: 15, restStores: false });
  });

  it('while on: the time left, the resting and failed stores, and 结束忙碌 ends it without asking', async () => {
    const setBusy = vi.fn(() => Promise.resolve(STATUS));
    show(fakeDesk({ setBusy }), createElement(BusySwitch, { status: { ...STATUS, busy: busy() } }));
    expect(screen.getByTestId('busy-left').textContent).toMatch(/^还剩 14:(2\d|30)$/);
    expect(screen.getByTestId('busy-resting').textContent).toBe('1 个门店休息中');
    expect(screen.getByTestId('busy-failed').textContent).toContain('1 个没能休息');
    expect(screen.getByTestId('busy-pill').getAttribute('title')).toContain('饿了么没有接受这个操作');
    fireEvent.click(screen.getByTestId('busy-end'));
    expect(setBusy).toHaveBeenCalledWith(null);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('until switched off: says so instead of a countdown', () => {
    show(fakeDesk({}), createElement(BusySwitch, { status: { ...STATUS, busy: busy({ until: null, restStores: false, stores: [] }) } }));
    expect(screen.getByTestId('busy-left').textContent).toBe('直到关闭');
    expect(screen.queryByTestId('busy-resting')).toBeNull();
  });
});

describe('营业 / 休息 for a store', () => {
  const bound = (status?: Binding['status']): Binding => ({ ...UNBOUND, bound: true, ...(status ? { status } : {}) });
  const storeWith = (b: Binding): Store => ({
    id: 'store-1',
    name: '湘北人家',
    bindings: { meituan: b, eleme: { ...UNBOUND } },
    settings: { autoAccept: false, autoAcceptDelaySeconds: 0 },
  });
  const note = (state: 'open' | 'resting' | 'offline') => ({ state, code: null, detail: '', at: '2026-12-02T02:00:00Z' });

  it('offers the switch that changes the state, behind a confirmation; going back sends nothing', async () => {
    const setStoreOpen = vi.fn(() => Promise.resolve(storeWith(bound(note('resting')))));
    const b = bound(note('open'));
    show(fakeDesk({ setStoreOpen }), createElement(StoreOpenControl, { store: storeWith(b), platform: 'meituan', binding: b }));
    expect(screen.queryByTestId('store-open-meituan')).toBeNull();
    fireEvent.click(screen.getByTestId('store-rest-meituan'));
    const dialog = await screen.findByTestId('store-open-dialog');
    expect(dialog.textContent).toContain('让「湘北人家」在美团外卖休息？');
    fireEvent.click(within(dialog).getByText('取消'));
    expect(setStoreOpen).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('store-rest-meituan'));
    fireEvent.click(await screen.findByTestId('store-open-confirm'));
    expect(setStoreOpen).toHaveBeenCalledWith('meituan', 'store-1', false);
    await vi.waitFor(() => expect(screen.queryByTestId('store-open-dialog')).toBeNull());
  });

  it('shows the platform’s refusal in the confirmation', async () => {
    const setStoreOpen = vi.fn(() => Promise.reject(new Error('没能让「湘北人家」在美团营业：参数异常')));
    const b = bound(note('resting'));
    show(fakeDesk({ setStoreOpen }), createElement(StoreOpenControl, { store: storeWith(b), platform: 'meituan', binding: b }));
    expect(screen.queryByTestId('store-rest-meituan')).toBeNull();
    fireEvent.click(screen.getByTestId('store-open-meituan'));
    fireEvent.click(await screen.findByTestId('store-open-confirm'));
    expect((await screen.findByRole('alert')).textContent).toContain('参数异常');
    expect(setStoreOpen).toHaveBeenCalledWith('meituan', 'store-1', true);
  });

  it('both switches when the state is not known; none for an offline or unbound store', () => {
    const unknown = bound();
    const { unmount } = show(fakeDesk({}), createElement(StoreOpenControl, { store: storeWith(unknown), platform: 'meituan', binding: unknown }));
    expect(screen.getByTestId('store-open-meituan')).toBeTruthy();
    expect(screen.getByTestId('store-rest-meituan')).toBeTruthy();
    unmount();
    const offline = bound(note('offline'));
    const again = show(fakeDesk({}), createElement(StoreOpenControl, { store: storeWith(offline), platform: 'meituan', binding: offline }));
    expect(screen.getByTestId('store-offline-meituan').textContent).toContain('商家后台');
    expect(screen.queryByRole('button')).toBeNull();
    again.unmount();
    show(fakeDesk({}), createElement(StoreOpenControl, { store: storeWith({ ...UNBOUND }), platform: 'meituan', binding: { ...UNBOUND } }));
    expect(screen.queryByRole('button')).toBeNull();
  });
});
