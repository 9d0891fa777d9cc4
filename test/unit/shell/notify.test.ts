/** Notifications: once per new alert (new order, cancel, refund, auto-accept failure), not per update. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow as ElectronWindow } from 'electron';
import { BrowserWindow, Notification, resetElectronMock } from '../../support/electron-mock.js';
import type { AttentionReason } from '../../../shared/order.js';
import { setupNotifications } from '../../../electron/main/notify.js';
import { fakeHost, type FakeHost } from './fakes.js';
import { alerting } from './alerts.js';

vi.mock('electron', () => import('../../support/electron-mock.js'));

let host: FakeHost;
let win: BrowserWindow;
const showWindow = vi.fn();
const focusOrder = vi.fn();

function setup(seed = [alerting('meituan:9', 'new-order')]): void {
  host = fakeHost();
  win = new BrowserWindow();
  setupNotifications({ host, window: () => win as unknown as ElectronWindow, showWindow, focusOrder, seed });
}
const titles = (): string[] => Notification.instances.map((n) => n.options.title);

describe('notifications', () => {
  beforeEach(() => resetElectronMock());

  it.each<[AttentionReason, string]>([
    ['new-order', '美团新订单'],
    ['cancelled', '美团订单已取消'],
    ['refund-requested', '美团顾客申请退款'],
    ['auto-accept-failed', '美团自动接单失败'],
    ['preorder-due', '美团预订单该开始做了'],
  ])('%s: one notification and a flashing window', (reason, title) => {
    setup();
    host.emit('order-changed', { order: alerting('meituan:1', reason), created: reason === 'new-order', previousStatus: null });
    expect(titles()).toEqual([title]);
    expect(Notification.instances[0]?.shown).toBe(true);
    expect(Notification.instances[0]?.options.body).toContain('#7');
    expect(win.flashing).toBe(true);
  });

  it('stays quiet for plain updates, the same alert again, acknowledgements and alerts already open at start', () => {
    setup();
    const order = alerting('meituan:1', 'new-order');
    host.emit('order-changed', { order, created: true, previousStatus: null });
    host.emit('order-changed', { order: { ...order, status: 'new', updatedAt: 'later' }, created: false, previousStatus: 'new' });
    host.emit('order-changed', { order: alerting('meituan:1', null), created: false, previousStatus: 'new' });
    host.emit('order-changed', { order: alerting('meituan:2', null), created: true, previousStatus: null });
    host.emit('order-changed', { order: alerting('meituan:9', 'new-order'), created: false, previousStatus: 'new' });
    expect(titles()).toEqual(['美团新订单']);
    // A new alert on the same order (a refund after accepting) is news again.
    host.emit('order-changed', { order: alerting('meituan:1', 'refund-requested', '2026-03-01T11:00:00Z'), created: false, previousStatus: 'accepted' });
    expect(titles()).toEqual(['美团新订单', '美团顾客申请退款']);
  });

  it('does not flash a window staff are looking at', () => {
    setup();
    win.focused = true;
    host.emit('order-changed', { order: alerting('meituan:1', 'new-order'), created: true, previousStatus: null });
    expect(win.flashing).toBe(false);
  });

  it('clicking shows the window and asks the page to focus the order', () => {
    setup();
    host.emit('order-changed', { order: alerting('meituan:1', 'cancelled'), created: false, previousStatus: 'accepted' });
    Notification.instances[0]?.emit('click');
    expect(showWindow).toHaveBeenCalled();
    expect(focusOrder).toHaveBeenCalledWith('meituan:1');
  });
});
