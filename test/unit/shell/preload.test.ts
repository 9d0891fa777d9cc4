/** The preload exposes exactly `window.desk`, a DeskClient over the one IPC handler. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow as ElectronWindow } from 'electron';
import { BrowserWindow, ipcRenderer, mock, resetElectronMock } from '../../support/electron-mock.js';
import { IPC } from '../../../shared/ipc.js';
import { apiArgs } from '../../../electron/core/api-schemas.js';
import { DeskActionError } from '../../../electron/core/api-schemas.js';
import { setupIpc } from '../../../electron/main/ipc.js';
import type { DeskClient } from '../../../renderer/src/api/desk-client.js';
import { DeskCallError } from '../../../renderer/src/api/desk-client.js';
import { fakeHost, INDEX_HTML, silentLogger } from './fakes.js';

vi.mock('electron', () => import('../../support/electron-mock.js'));

async function loadPreload(): Promise<DeskClient> {
  vi.resetModules();
  await import('../../../electron/preload/preload.js');
  expect(Object.keys(mock.exposed)).toEqual(['desk']);
  return mock.exposed['desk'] as DeskClient;
}

describe('preload', () => {
  beforeEach(() => resetElectronMock());

  it('exposes only desk, with only api/subscribe/resolveLink/openLink/onConnection, and exactly the DeskApi methods', async () => {
    const desk = await loadPreload();
    expect(Object.keys(desk).sort()).toEqual(['api', 'onConnection', 'openLink', 'resolveLink', 'subscribe']);
    expect(Object.keys(desk.api).sort()).toEqual(Object.keys(apiArgs).sort());
  });

  it('openLink asks main to open the binding window, only for a binding link from the counter window', async () => {
    const win = new BrowserWindow();
    await win.loadFile(INDEX_HTML);
    const opened: string[] = [];
    setupIpc({
      api: fakeHost(),
      window: () => win as unknown as ElectronWindow,
      indexHtml: INDEX_HTML,
      logger: silentLogger,
      openBinding: (path) => {
        opened.push(path);
        return true;
      },
    });
    mock.invoke = async (channel, ...args) =>
      mock.handlers.get(channel)?.({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, ...args);
    const desk = await loadPreload();
    await expect(desk.openLink('/binding/abc123')).resolves.toBe(true);
    // Anything that is not a binding link never reaches the binding window.
    await expect(desk.openLink('https://evil.example/')).resolves.toBe(false);
    await expect(desk.openLink('/binding/../../etc')).resolves.toBe(false);
    expect(opened).toEqual(['/binding/abc123']);
    // From another window: refused.
    const other = new BrowserWindow();
    await expect(
      Promise.resolve().then(() => mock.handlers.get(IPC.openBinding)?.({ sender: other.webContents, senderFrame: other.webContents.mainFrame }, '/binding/abc123')),
    ).rejects.toThrow(/refused/);
  });

  it('calls go through desk:call to the host; a refusal becomes a DeskCallError with the words', async () => {
    const host = fakeHost();
    const win = new BrowserWindow();
    await win.loadFile(INDEX_HTML);
    setupIpc({ api: host, window: () => win as unknown as ElectronWindow, indexHtml: INDEX_HTML, logger: silentLogger });
    const seen: string[] = [];
    mock.invoke = async (channel, ...args) => {
      seen.push(channel);
      return mock.handlers.get(channel)?.({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, ...args);
    };
    const desk = await loadPreload();
    await expect(desk.api.accept('meituan:123')).resolves.toEqual({ method: 'accept' });
    expect(host.calls).toEqual([['accept', ['meituan:123']]]);
    host.acknowledge = async () => {
      throw new DeskActionError('订单不存在');
    };
    const err = await desk.api.acknowledge('meituan:999').catch((e: unknown) => e);
    // (Loaded afresh by resetModules, so compared by name, not by class identity.)
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ name: DeskCallError.name, message: '订单不存在', retriable: false });
    await expect(desk.api.accept(42 as unknown as string)).rejects.toThrow(/accept: 0:/);
    expect(seen.every((c) => c === IPC.call)).toBe(true);
  });

  it('says ready once, on the first listener, and hands events to every listener', async () => {
    const desk = await loadPreload();
    const a: string[] = [];
    const b: string[] = [];
    desk.subscribe((name) => a.push(name));
    const off = desk.subscribe((name) => b.push(name));
    expect(mock.rendererSent).toEqual([[IPC.ready]]);
    ipcRenderer.emit(IPC.event, {}, 'callback', {});
    off();
    ipcRenderer.emit(IPC.event, {}, 'store-changed', {});
    expect(a).toEqual(['callback', 'store-changed']);
    expect(b).toEqual(['callback']);
  });

  it('turns binding links into the app scheme and leaves other paths alone', async () => {
    const desk = await loadPreload();
    expect(desk.resolveLink('/binding/0a1b2c')).toBe('waimai-desk-binding:0a1b2c');
    expect(desk.resolveLink('/binding/../x')).toBe('/binding/../x');
    expect(typeof desk.onConnection(() => undefined)).toBe('function');
  });
});
