/** The counter window's secure options, locked navigation, CSP, links out, and the binding window. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, mock, resetElectronMock, session } from '../../support/electron-mock.js';
import { CSP } from '../../../electron/csp.js';
import { createMainWindow, openExternal, secureWindowOptions } from '../../../electron/main/window.js';
import { setupBindingWindows } from '../../../electron/main/binding-window.js';
import { SECRETS_UNAVAILABLE } from '../../../electron/main/secrets.js';
import type { Store } from '../../../shared/store.js';
import { UNBOUND } from '../../../shared/store.js';
import { fakeHost, INDEX_HTML, silentLogger } from './fakes.js';

vi.mock('electron', () => import('../../support/electron-mock.js'));

const PATHS = { indexHtml: INDEX_HTML, preload: '/app/dist/main/preload.cjs' };

function mainWindow(openSpecial = (_url: string) => false): BrowserWindow {
  createMainWindow(PATHS, openSpecial);
  return BrowserWindow.instances[0] as BrowserWindow;
}
function navigate(win: BrowserWindow, url: string): boolean {
  let prevented = false;
  win.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
  return prevented;
}

describe('counter window', () => {
  beforeEach(() => resetElectronMock());

  it('is isolated, sandboxed, without Node, with our preload only, and never throttled', () => {
    const win = mainWindow();
    expect(win.options).toEqual(secureWindowOptions(PATHS.preload));
    expect(win.options['webPreferences']).toMatchObject({
      preload: PATHS.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      backgroundThrottling: false,
      autoplayPolicy: 'no-user-gesture-required',
    });
    expect(win.loaded).toBe(INDEX_HTML);
  });

  it('stays on its own file: other navigation is prevented', () => {
    const win = mainWindow();
    expect(navigate(win, 'https://evil.example/')).toBe(true);
    expect(navigate(win, 'file:///etc/passwd')).toBe(true);
    expect(navigate(win, `${win.webContents.mainFrame.url}#/stores`)).toBe(false);
  });

  it('sets the shared CSP on file:// responses', () => {
    mainWindow();
    let headers: Record<string, string[]> = {};
    mock.onHeadersReceived?.({ url: 'file:///app/dist/renderer/index.html', responseHeaders: {} }, (r) => (headers = (r as { responseHeaders: Record<string, string[]> }).responseHeaders));
    expect(headers['Content-Security-Policy']).toEqual([CSP]);
  });

  it('denies every new window; https links go to the system browser, nothing else does', () => {
    const special = vi.fn((url: string) => url.startsWith('waimai-desk-binding:'));
    const win = mainWindow(special);
    const open = (url: string) => win.webContents.openHandler?.({ url });
    expect(open('https://open.meituan.com/help')).toEqual({ action: 'deny' });
    expect(open('http://example.com/')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(open('waimai-desk-binding:abc')).toEqual({ action: 'deny' });
    expect(mock.openedExternal).toEqual(['https://open.meituan.com/help']);
    expect(special).toHaveBeenCalledWith('waimai-desk-binding:abc');
    expect(openExternal('javascript:alert(1)')).toBe(false);
  });
});

describe('binding window', () => {
  beforeEach(() => resetElectronMock());

  const store = (bound: boolean): Store => ({
    id: 'store-1',
    name: '湘北人家',
    bindings: { meituan: { ...UNBOUND, bound }, eleme: UNBOUND },
    settings: { autoAccept: false, autoAcceptDelaySeconds: 0 },
  });

  it('opens the platform page with no preload in its own session, and closes when the store is bound', () => {
    const host = fakeHost({ abc123: 'https://open-erp.meituan.com/storemap?sign=x' });
    const binding = setupBindingWindows({ host, logger: silentLogger, secretsProblem: null });
    binding.hooks.after?.('bindUrl', ['meituan', 'store-1'], '/binding/abc123');
    expect(binding.open('https://example.com/')).toBe(false);
    expect(binding.open('waimai-desk-binding:abc123')).toBe(true);
    const win = BrowserWindow.instances[0] as BrowserWindow;
    const prefs = win.options['webPreferences'] as Record<string, unknown>;
    expect(prefs['preload']).toBeUndefined();
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, session: session.fromPartition('binding') });
    expect(win.loaded).toBe('https://open-erp.meituan.com/storemap?sign=x');
    host.emit('store-changed', { store: store(false) });
    expect(win.destroyed).toBe(false);
    host.emit('store-changed', { store: store(true) });
    expect(win.destroyed).toBe(true);
    // One-time: the same link opens nothing the second time, and says so.
    expect(binding.open('waimai-desk-binding:abc123')).toBe(false);
    expect(BrowserWindow.instances).toHaveLength(1);
  });

  it('refuses to start binding when secrets cannot be protected', () => {
    const binding = setupBindingWindows({ host: fakeHost(), logger: silentLogger, secretsProblem: SECRETS_UNAVAILABLE });
    expect(() => binding.hooks.before?.('bindUrl', ['meituan', 'store-1'])).toThrow(SECRETS_UNAVAILABLE);
    expect(() => binding.hooks.before?.('listOrders', [])).not.toThrow();
  });
});
