/** The tray follows order events: the waiting count, blinking while a new order is unacknowledged. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mock, resetElectronMock, Tray, type MenuItemTemplate } from '../../support/electron-mock.js';
import { BLINK_MS, setupTray, type AppTray } from '../../../electron/main/tray.js';
import { TRAY_PNGS, waitingPng } from '../../../electron/main/tray-icons.js';
import { fakeHost, silentLogger, type FakeHost } from './fakes.js';
import { alerting } from './alerts.js';

vi.mock('electron', () => import('../../support/electron-mock.js'));

let host: FakeHost;
let appTray: AppTray;
let tray: Tray;
const shown = vi.fn();
const quit = vi.fn();

async function setup(platform: NodeJS.Platform): Promise<void> {
  host = fakeHost();
  appTray = setupTray({
    host: { api: host, subscribe: host.subscribe, today: host.today },
    showWindow: shown,
    quit,
    logger: silentLogger,
    platform,
  });
  tray = Tray.instances[0] as Tray;
  await vi.advanceTimersByTimeAsync(0); // the initial listOrders/status
}
const image = (): Buffer => (tray.image as { buffer: Buffer }).buffer;
const item = (label: RegExp): MenuItemTemplate => {
  const found = tray.menu?.items.find((i) => i.label && label.test(i.label));
  if (!found) throw new Error(`no menu item ${label}`);
  return found;
};

describe('tray', () => {
  beforeEach(() => {
    resetElectronMock();
    vi.useFakeTimers();
  });
  afterEach(() => {
    appTray.dispose();
    vi.useRealTimers();
  });

  it('shows the count of waiting orders as the title on macOS and in the tooltip', async () => {
    await setup('darwin');
    expect(tray.title).toBe('');
    host.emit('order-changed', {
      order: alerting('meituan:1', 'cancelled', undefined, { status: 'cancelled' }),
      created: false,
      previousStatus: 'accepted',
    });
    host.emit('order-changed', {
      order: alerting('meituan:2', 'refund-requested', undefined, { status: 'accepted' }),
      created: false,
      previousStatus: 'accepted',
    });
    expect(tray.title).toBe('2');
    expect(tray.tooltip).toContain('2 个订单待处理');
    // The count is on the icon itself (no title beside a Windows/Linux tray icon).
    expect(image()).toEqual(waitingPng(2));
    host.emit('order-changed', {
      order: alerting('meituan:1', null, undefined, { status: 'cancelled' }),
      created: false,
      previousStatus: 'cancelled',
    });
    expect(tray.title).toBe('1');
    expect(image()).toEqual(waitingPng(1));
    expect(waitingPng(1)).not.toEqual(waitingPng(2));
    // An order of another day does not count.
    host.emit('order-changed', {
      order: alerting('meituan:3', 'cancelled', undefined, { businessDay: '2026-02-28' }),
      created: false,
      previousStatus: 'new',
    });
    expect(appTray.waiting).toBe(1);
  });

  it('blinks every 500 ms while a new order waits to be accepted — 我知道了 does not stop it, accepting does', async () => {
    await setup('win32');
    expect(tray.title).toBe('');
    host.emit('order-changed', {
      order: alerting('meituan:1', 'new-order'),
      created: true,
      previousStatus: null,
    });
    const frames: Buffer[] = [];
    for (let i = 0; i < 4; i++) {
      vi.advanceTimersByTime(BLINK_MS);
      frames.push(image());
    }
    expect(frames).toEqual([TRAY_PNGS.dim, waitingPng(1), TRAY_PNGS.dim, waitingPng(1)]);
    expect(tray.tooltip).toContain('1 个订单待处理');
    host.emit('order-changed', { order: alerting('meituan:1', null), created: false, previousStatus: 'new' });
    vi.advanceTimersByTime(BLINK_MS);
    expect(image()).toEqual(TRAY_PNGS.dim);
    host.emit('order-changed', {
      order: alerting('meituan:1', null, undefined, { status: 'accepted' }),
      created: false,
      previousStatus: 'new',
    });
    vi.advanceTimersByTime(BLINK_MS * 3);
    expect(image()).toBe(TRAY_PNGS.idle);
  });

  it('menu: show, pause/resume auto-accept, start at login (off by default), quit', async () => {
    await setup('linux');
    item(/显示窗口/).click?.({ checked: false });
    expect(shown).toHaveBeenCalled();
    item(/暂停自动接单/).click?.({ checked: false });
    expect(host.calls.at(-1)).toEqual(['setAutoAcceptPaused', [true]]);
    host.emit('status-changed', { autoAcceptPaused: true } as never);
    item(/恢复自动接单/).click?.({ checked: false });
    expect(host.calls.at(-1)).toEqual(['setAutoAcceptPaused', [false]]);
    expect(item(/开机/).checked).toBe(false);
    item(/开机/).click?.({ checked: true });
    expect(mock.loginItem.openAtLogin).toBe(true);
    item(/退出/).click?.({ checked: false });
    expect(quit).toHaveBeenCalled();
  });

  it('while 忙碌 is on, says so in the tooltip and offers to end it instead of pause/resume', async () => {
    await setup('linux');
    const until = '2026-03-01T06:30:00.000Z';
    host.emit('status-changed', {
      autoAcceptPaused: true,
      busy: { since: until, until, restStores: false, stores: [] },
    } as never);
    expect(tray.tooltip).toContain('忙碌中');
    expect(tray.menu?.items.some((i) => i.label && /自动接单/.test(i.label))).toBe(false);
    item(/结束忙碌/).click?.({ checked: false });
    expect(host.calls.at(-1)).toEqual(['setBusy', [null]]);
    host.emit('status-changed', { autoAcceptPaused: false, busy: null } as never);
    expect(tray.tooltip).not.toContain('忙碌');
    expect(item(/暂停自动接单/)).toBeDefined();
  });

  it('asks before quitting only when orders wait', async () => {
    await setup('linux');
    await expect(appTray.confirmQuit()).resolves.toBe(true);
    expect(mock.messageBoxes).toHaveLength(0);
    host.emit('order-changed', {
      order: alerting('meituan:1', 'new-order'),
      created: true,
      previousStatus: null,
    });
    mock.messageBoxResponse = 1; // 取消
    await expect(appTray.confirmQuit()).resolves.toBe(false);
    expect(mock.messageBoxes).toHaveLength(1);
  });
});
