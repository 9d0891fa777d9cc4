/**
 * Native notifications and a flashing taskbar entry when an order newly needs staff: a new
 * order, a cancellation, a refund request, a failed auto-accept. Once per alert (attention.ts),
 * never for the many plain updates an order goes through. Clicking shows the window and sends
 * `focus-order` (the page may ignore it until it learns to scroll to the order).
 */
import { Notification, type BrowserWindow } from 'electron';
import type { DeskEventName, DeskEvents } from '../../shared/api.js';
import type { AttentionReason, Order } from '../../shared/order.js';
import { AttentionTracker } from './attention.js';

const TITLES: Record<AttentionReason, string> = {
  'new-order': '新订单',
  cancelled: '订单已取消',
  'refund-requested': '顾客申请退款',
  'auto-accept-failed': '自动接单失败',
  'preorder-due': '预订单该开始做了',
  reminder: '顾客催单了',
};

const PLATFORM_NAMES: Record<Order['platform'], string> = { meituan: '美团', eleme: '饿了么', union: '联盟' };

export function describeAlert(order: Order, reason: AttentionReason): { title: string; body: string } {
  const number = order.daySeq !== null ? `#${order.daySeq} ` : '';
  return {
    title: `${PLATFORM_NAMES[order.platform]}${TITLES[reason]}`,
    body: `${number}${order.storeName} · ¥${(order.totalCents / 100).toFixed(2)}`,
  };
}

export interface NotifyHost {
  subscribe(listener: (name: DeskEventName, payload: DeskEvents[DeskEventName]) => void): () => void;
  today(): string;
}

export function setupNotifications(o: {
  host: NotifyHost;
  window: () => BrowserWindow | null;
  showWindow(): void;
  focusOrder(key: string): void;
  seed?: readonly Order[];
}): () => void {
  const tracker = new AttentionTracker(() => o.host.today());
  if (o.seed) tracker.seed(o.seed);
  // Kept referenced until clicked or closed: a garbage-collected Notification loses its click.
  const live = new Set<Notification>();
  const unsubscribe = o.host.subscribe((name, payload) => {
    if (name !== 'order-changed') return;
    const { order } = payload as DeskEvents['order-changed'];
    const { raised } = tracker.onOrder(order);
    if (!raised) return;
    const win = o.window();
    if (win && !win.isDestroyed() && !win.isFocused()) win.flashFrame(true);
    if (!Notification.isSupported()) return;
    // Silent: the page rings the order sound itself, on its own repeat schedule.
    const n = new Notification({ ...describeAlert(order, raised), urgency: 'critical', silent: true });
    live.add(n);
    n.on('click', () => {
      live.delete(n);
      o.showWindow();
      o.focusOrder(order.key);
    });
    n.on('close', () => live.delete(n));
    n.show();
  });
  return () => {
    unsubscribe();
    for (const n of live) n.close();
    live.clear();
  };
}
