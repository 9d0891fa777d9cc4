/** Events reach the window only once it listens; before that they wait in a bounded queue. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow as ElectronWindow } from 'electron';
import { BrowserWindow, ipcMain, resetElectronMock } from '../../support/electron-mock.js';
import { IPC } from '../../../shared/ipc.js';
import type { DeskStatus } from '../../../shared/api.js';
import { EVENT_QUEUE_LIMIT, setupEventBridge } from '../../../electron/main/event-bridge.js';
import { fakeHost, INDEX_HTML, silentLogger } from './fakes.js';

vi.mock('electron', () => import('../../support/electron-mock.js'));

const status = (n: number) => ({ today: `n${n}` }) as unknown as DeskStatus;

async function setup() {
  const host = fakeHost();
  const win = new BrowserWindow();
  await win.loadFile(INDEX_HTML);
  const bridge = setupEventBridge({ events: host, window: () => win as unknown as ElectronWindow, indexHtml: INDEX_HTML, logger: silentLogger });
  const ready = (sender = win) => ipcMain.emit(IPC.ready, { sender: sender.webContents, senderFrame: sender.webContents.mainFrame });
  return { host, win, bridge, ready };
}

describe('event bridge', () => {
  beforeEach(() => resetElectronMock());

  it('queues events raised before the page is ready and flushes them, in order, on ready', async () => {
    const { host, win, ready } = await setup();
    host.emit('status-changed', status(1));
    host.emit('status-changed', status(2));
    expect(win.webContents.sent).toEqual([]);
    ready();
    expect(win.webContents.sent).toEqual([
      [IPC.event, 'status-changed', status(1)],
      [IPC.event, 'status-changed', status(2)],
    ]);
    host.emit('status-changed', status(3));
    expect(win.webContents.sent).toHaveLength(3);
  });

  it('ignores "ready" from another window', async () => {
    const { host, win, ready } = await setup();
    ready(new BrowserWindow());
    host.emit('status-changed', status(1));
    expect(win.webContents.sent).toEqual([]);
  });

  it('keeps only the newest events when the queue is full', async () => {
    const { host, win, ready } = await setup();
    for (let i = 0; i < EVENT_QUEUE_LIMIT + 5; i++) host.emit('status-changed', status(i));
    ready();
    expect(win.webContents.sent).toHaveLength(EVENT_QUEUE_LIMIT);
    expect(win.webContents.sent[0]?.[2]).toEqual(status(5));
  });

  it('queues again while the page reloads', async () => {
    const { host, win, ready } = await setup();
    ready();
    win.webContents.emit('did-start-loading');
    host.emit('status-changed', status(1));
    expect(win.webContents.sent).toEqual([]);
    ready();
    expect(win.webContents.sent).toHaveLength(1);
  });

  it("sends the shell's own events through the same queue, and stops on dispose", async () => {
    const { host, win, bridge, ready } = await setup();
    bridge.send('focus-order', { key: 'meituan:1' });
    ready();
    expect(win.webContents.sent).toEqual([[IPC.event, 'focus-order', { key: 'meituan:1' }]]);
    bridge.dispose();
    host.emit('status-changed', status(1));
    expect(win.webContents.sent).toHaveLength(1);
  });
});
