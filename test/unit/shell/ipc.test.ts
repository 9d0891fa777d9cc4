/** The call handler: sender checked, method checked, arguments parsed, errors in words. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow as ElectronWindow } from 'electron';
import { BrowserWindow, mock, resetElectronMock } from '../../support/electron-mock.js';
import { IPC } from '../../../shared/ipc.js';
import { DeskActionError } from '../../../electron/core/api-schemas.js';
import { setupIpc, type CallReply } from '../../../electron/main/ipc.js';
import { fakeHost, INDEX_HTML, silentLogger, VALID_ARGS, type FakeHost } from './fakes.js';

vi.mock('electron', () => import('../../support/electron-mock.js'));

let host: FakeHost;
let win: BrowserWindow;

async function setup(): Promise<(method: unknown, args: unknown, event?: unknown) => Promise<CallReply>> {
  host = fakeHost();
  win = new BrowserWindow();
  await win.loadFile(INDEX_HTML);
  setupIpc({ api: host, window: () => win as unknown as ElectronWindow, indexHtml: INDEX_HTML, logger: silentLogger });
  const handler = mock.handlers.get(IPC.call);
  if (!handler) throw new Error('no handler for desk:call');
  const fromWindow = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
  return async (method, args, event = fromWindow) => (await handler(event, method, args)) as CallReply;
}

describe('IPC desk:call', () => {
  beforeEach(() => resetElectronMock());

  it('brings every DeskApi method to the host with its arguments', async () => {
    const call = await setup();
    for (const [method, args] of Object.entries(VALID_ARGS)) {
      const reply = await call(method, args);
      expect(reply.ok, `${method}: ${JSON.stringify(reply)}`).toBe(true);
    }
    expect(host.calls.map(([m]) => m)).toEqual(Object.keys(VALID_ARGS));
    expect(host.calls.find(([m]) => m === 'cancel')?.[1]).toEqual(['meituan:123', '2006', '顾客要求']);
  });

  it('refuses a message from another window or frame, or another page in the window', async () => {
    const call = await setup();
    const other = new BrowserWindow();
    await expect(call('status', [], { sender: other.webContents, senderFrame: other.webContents.mainFrame })).rejects.toThrow(/refused/);
    const subFrame = { url: win.webContents.mainFrame.url, parent: win.webContents.mainFrame };
    await expect(call('status', [], { sender: win.webContents, senderFrame: subFrame })).rejects.toThrow(/refused/);
    await expect(call('status', [], { sender: win.webContents, senderFrame: { url: 'https://evil.example/', parent: null } })).rejects.toThrow(/refused/);
    await expect(call('status', [], { sender: win.webContents, senderFrame: { url: 'file:///tmp/other.html', parent: null } })).rejects.toThrow(/refused/);
    expect(host.calls).toEqual([]);
  });

  it('refuses bad arguments and unknown methods with a clear error, before the host', async () => {
    const call = await setup();
    expect(await call('accept', [42])).toEqual({ ok: false, error: expect.stringMatching(/^accept: 0: /), retriable: false });
    expect(await call('setAutoAcceptPaused', ['yes'])).toMatchObject({ ok: false, retriable: false });
    expect(await call('accept', 'meituan:123')).toMatchObject({ ok: false });
    expect(await call('constructor', [])).toMatchObject({ ok: false, error: expect.stringContaining('未知的操作') });
    expect(await call('__proto__', [])).toMatchObject({ ok: false });
    expect(host.calls).toEqual([]);
  });

  it("passes the core's words for staff and hides internal failures", async () => {
    const call = await setup();
    host.accept = async () => {
      throw new DeskActionError('美团说：订单已取消', true);
    };
    expect(await call('accept', ['meituan:123'])).toEqual({ ok: false, error: '美团说：订单已取消', retriable: true });
    host.accept = async () => {
      throw new Error('ENOENT /home/shop/secret/path at Object.<anonymous> (desk.ts:1:1)');
    };
    const reply = await call('accept', ['meituan:123']);
    expect(reply).toMatchObject({ ok: false, retriable: true });
    expect(JSON.stringify(reply)).not.toMatch(/ENOENT|desk\.ts|at Object/);
  });
});
