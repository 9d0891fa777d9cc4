/**
 * The counter window, secure by default in one place (docs/shell-habits.md): isolated, sandboxed,
 * no Node, one preload, the CSP of electron/csp.ts, navigation locked to its own file, new
 * windows denied (the binding page is the one exception, handed to binding-window.ts), and
 * links out only through `openExternal`, https only.
 */
import { BrowserWindow, session, shell, type BrowserWindowConstructorOptions } from 'electron';
import { pathToFileURL } from 'node:url';
import { CSP } from '../csp.js';

export interface MainWindowPaths {
  /** dist/renderer/index.html */
  indexHtml: string;
  /** dist/main/preload.cjs */
  preload: string;
}

export function secureWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: '外卖接单台',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // Timers must keep running while the window is hidden or minimised: the ring schedule
      // and live board depend on them (docs/counter-lessons.md, "Background throttling").
      backgroundThrottling: false,
      // The order sound must play without a click (docs/counter-lessons.md); main.ts also sets the switch.
      autoplayPolicy: 'no-user-gesture-required',
    },
  };
}

/** The page's own URL without query or fragment: what navigation and IPC senders must match. */
export function pageUrl(indexHtml: string): string {
  return pathToFileURL(indexHtml).href;
}

export function sameDocument(url: string, indexHtml: string): boolean {
  try {
    const u = new URL(url);
    const page = new URL(pageUrl(indexHtml));
    // File URLs have an opaque origin ("null"): compare host and path, ignore query and hash.
    return u.protocol === 'file:' && u.host === page.host && decodeURIComponent(u.pathname) === decodeURIComponent(page.pathname);
  } catch {
    return false;
  }
}

/** The only way a link leaves the app: https, in the system browser. */
export function openExternal(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:') return false;
  void shell.openExternal(u.href);
  return true;
}

/** Decides a `window.open` from the page; `openSpecial` may take it (the binding page). */
export type OpenSpecial = (url: string) => boolean;

export function createMainWindow(paths: MainWindowPaths, openSpecial: OpenSpecial): BrowserWindow {
  // The header form of the CSP for the page's own file:// responses (see electron/csp.ts for
  // why the meta tag is there too).
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    if (details.url.startsWith('file:')) headers['Content-Security-Policy'] = [CSP];
    callback({ responseHeaders: headers });
  });
  // The page never needs camera, microphone, location… (notifications go through main).
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  const win = new BrowserWindow(secureWindowOptions(paths.preload));
  const wc = win.webContents;
  wc.on('will-navigate', (event, url) => {
    if (!sameDocument(url, paths.indexHtml)) event.preventDefault();
  });
  wc.on('will-redirect', (event, url) => {
    if (!sameDocument(url, paths.indexHtml)) event.preventDefault();
  });
  wc.on('will-attach-webview', (event) => event.preventDefault());
  wc.setWindowOpenHandler(({ url }) => {
    if (!openSpecial(url)) openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  void win.loadFile(paths.indexHtml);
  return win;
}
