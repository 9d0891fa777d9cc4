/**
 * Main owns state and pushes it (docs/shell-habits.md): every host event goes to the counter
 * window on `desk:event`. Until the page says `desk:ready` (its preload got its first
 * listener) events are queued, not lost; a reload or crash of the page makes it not ready
 * again. The queue is bounded: the page reloads its lists on start, so when a long outage
 * overflows it the oldest events are the ones worth dropping.
 */
import { ipcMain, type BrowserWindow, type IpcMainEvent } from 'electron';
import type { Logger } from 'pino';
import type { DeskEventName, DeskEvents } from '../../shared/api.js';
import { IPC } from '../../shared/ipc.js';
import { isTrustedSender } from './ipc.js';

export const EVENT_QUEUE_LIMIT = 1000;

export interface EventSourceLike {
  subscribe(listener: (name: DeskEventName, payload: DeskEvents[DeskEventName]) => void): () => void;
}

export interface EventBridge {
  /** Send an event of the shell's own (e.g. `focus-order`); the page may ignore it. */
  send(name: string, payload: unknown): void;
  dispose(): void;
}

export function setupEventBridge(o: { events: EventSourceLike; window: () => BrowserWindow | null; indexHtml: string; logger: Logger }): EventBridge {
  let ready = false;
  const queue: [string, unknown][] = [];
  let dropped = 0;

  const send = (name: string, payload: unknown): void => {
    const win = o.window();
    if (ready && win && !win.isDestroyed()) {
      win.webContents.send(IPC.event, name, payload);
      return;
    }
    queue.push([name, payload]);
    if (queue.length > EVENT_QUEUE_LIMIT) {
      queue.shift();
      if (dropped++ === 0) o.logger.warn('event queue full while the window is not ready: dropping the oldest');
    }
  };

  const onReady = (event: IpcMainEvent): void => {
    const win = o.window();
    if (!isTrustedSender(event, win, o.indexHtml) || !win) return;
    ready = true;
    dropped = 0;
    for (const [name, payload] of queue.splice(0)) win.webContents.send(IPC.event, name, payload);
  };
  ipcMain.on(IPC.ready, onReady);
  const unsubscribe = o.events.subscribe((name, payload) => send(name, payload));

  // A reload or a crashed page has no listener until it says ready again.
  const notReady = (): void => {
    ready = false;
  };
  let watched: BrowserWindow | null = null;
  const watch = (): void => {
    const win = o.window();
    if (!win || win === watched) return;
    watched = win;
    win.webContents.on('did-start-loading', notReady);
    win.webContents.on('render-process-gone', notReady);
  };
  watch();

  return {
    send(name, payload) {
      watch();
      send(name, payload);
    },
    dispose() {
      unsubscribe();
      ipcMain.removeListener(IPC.ready, onReady);
      if (watched && !watched.isDestroyed()) {
        watched.webContents.removeListener('did-start-loading', notReady);
        watched.webContents.removeListener('render-process-gone', notReady);
      }
    },
  };
}
