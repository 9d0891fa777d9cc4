/**
 * The tray: how many of today's orders wait (macOS: the title beside the icon; elsewhere the
 * tooltip), blinking every 500 ms while a new order is unacknowledged, and a menu to show the
 * window, pause/resume auto-accept (or, while 忙碌 is on, end it), start at login, and quit. Receiving goes on while the
 * window is hidden, so the tray is how staff see the counter is alive.
 */
import { app, dialog, Menu, nativeImage, Tray } from 'electron';
import type { Logger } from 'pino';
import type { DeskApi, DeskEventName, DeskEvents } from '../../shared/api.js';
import { AttentionTracker } from './attention.js';
import { TRAY_PNGS, waitingPng } from './tray-icons.js';

export const BLINK_MS = 500;

export interface TrayHost {
  api: Pick<DeskApi, 'listOrders' | 'status' | 'setAutoAcceptPaused' | 'setBusy'>;
  subscribe(listener: (name: DeskEventName, payload: DeskEvents[DeskEventName]) => void): () => void;
  today(): string;
}

export interface AppTray {
  readonly tray: Tray;
  readonly waiting: number;
  /** Ask before quitting when orders wait; resolves true when the app may quit. */
  confirmQuit(): Promise<boolean>;
  dispose(): void;
}

export function setupTray(o: {
  host: TrayHost;
  showWindow(): void;
  quit(): void;
  logger: Logger;
  platform?: NodeJS.Platform;
}): AppTray {
  const platform = o.platform ?? process.platform;
  const images = {
    idle: nativeImage.createFromBuffer(TRAY_PNGS.idle),
    dim: nativeImage.createFromBuffer(TRAY_PNGS.dim),
  };
  const counted = (n: number): Electron.NativeImage => nativeImage.createFromBuffer(waitingPng(n));
  const tray = new Tray(images.idle);
  const tracker = new AttentionTracker(() => o.host.today());
  let day = o.host.today();
  let paused = false;
  /** 忙碌 while on: its end (ISO, null = until switched off). */
  let busy: { until: string | null } | null = null;
  let blink: ReturnType<typeof setInterval> | null = null;
  let lit = true;

  const render = (): void => {
    const n = tracker.count;
    if (platform === 'darwin') tray.setTitle(n > 0 ? String(n) : '');
    const busyWords = busy ? ' · 忙碌中，自动接单已暂停' : '';
    tray.setToolTip((n > 0 ? `外卖接单台 — ${n} 个订单待处理` : '外卖接单台 — 正在接单') + busyWords);
    if (tracker.unacknowledgedNew && !blink) {
      blink = setInterval(() => {
        lit = !lit;
        tray.setImage(lit ? counted(tracker.count) : images.dim);
      }, BLINK_MS);
    } else if (!tracker.unacknowledgedNew && blink) {
      clearInterval(blink);
      blink = null;
      lit = true;
    }
    if (!blink) tray.setImage(n > 0 ? counted(n) : images.idle);
  };

  const menu = (): void => {
    const login = app.getLoginItemSettings().openAtLogin;
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: '显示窗口', click: () => o.showWindow() },
        // While 忙碌 is on it holds auto-accept paused and puts it back at its end: end it here instead.
        busy
          ? {
              label: busy.until ? `结束忙碌（${clock(busy.until)} 自动结束）` : '结束忙碌',
              click: () =>
                void o.host.api
                  .setBusy(null)
                  .catch((err: unknown) => o.logger.error({ err }, 'tray: ending busy failed')),
            }
          : {
              label: paused ? '恢复自动接单' : '暂停自动接单',
              click: () =>
                void o.host.api
                  .setAutoAcceptPaused(!paused)
                  .catch((err: unknown) => o.logger.error({ err }, 'tray: pause failed')),
            },
        // Off by default: a counter PC is often shared; the merchant opts in.
        {
          label: '开机时启动',
          type: 'checkbox',
          checked: login,
          click: (item) => app.setLoginItemSettings({ openAtLogin: item.checked }),
        },
        { type: 'separator' },
        { label: '退出', click: () => o.quit() },
      ]),
    );
  };

  const unsubscribe = o.host.subscribe((name, payload) => {
    if (name === 'status-changed') {
      const status = payload as DeskEvents['status-changed'];
      paused = status.autoAcceptPaused;
      busy = status.busy ? { until: status.busy.until } : null;
      menu();
      render();
      return;
    }
    if (name !== 'order-changed') return;
    const today = o.host.today();
    if (today !== day) {
      day = today;
      tracker.dayChanged();
    }
    tracker.onOrder((payload as DeskEvents['order-changed']).order);
    render();
  });
  tray.on('click', () => o.showWindow());
  menu();
  render();
  void Promise.all([o.host.api.listOrders(), o.host.api.status()])
    .then(([orders, status]) => {
      tracker.seed(orders);
      paused = status.autoAcceptPaused;
      busy = status.busy ? { until: status.busy.until } : null;
      menu();
      render();
    })
    .catch((err: unknown) => o.logger.error({ err }, 'tray: could not load today'));

  return {
    tray,
    get waiting() {
      return tracker.count;
    },
    async confirmQuit() {
      if (tracker.count === 0) return true;
      const { response } = await dialog.showMessageBox({
        type: 'warning',
        buttons: ['仍然退出', '取消'],
        defaultId: 1,
        cancelId: 1,
        message: `还有 ${tracker.count} 个订单待处理`,
        detail: '退出后将不再接收新订单、不再响铃。确定要退出外卖接单台吗？',
      });
      return response === 0;
    },
    dispose() {
      unsubscribe();
      if (blink) clearInterval(blink);
      tray.destroy();
    },
  };
}

/** `14:30` on this PC's clock (the tray menu is short: no date). */
function clock(iso: string): string {
  return new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}
