/**
 * The Electron shell's entry: only wiring (docs/shell-habits.md, "A wiring-only entry"). Each
 * `setupX()` lives in its own file and returns a disposer; the core runs exactly as under
 * `serve`, in this process.
 */
import { app, dialog, type BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_ID } from './app-info.js';
import { setupBindingWindows } from './binding-window.js';
import { startDesk } from './desk-setup.js';
import { setupRingClock } from './clock.js';
import { setupEventBridge } from './event-bridge.js';
import { BINDING_LINK_SCHEME } from '../../shared/ipc.js';
import { setupIpc } from './ipc.js';
import { setupAutoplay, setupHideOnClose, setupPowerSave, setupSingleInstance, showWindow } from './lifecycle.js';
import { createLogger } from './logger.js';
import { setupNotifications } from './notify.js';
import { keychainBox } from './secrets.js';
import { setupTray } from './tray.js';
import { createMainWindow } from './window.js';

// dist/main/main.js → dist/renderer/index.html and dist/main/preload.cjs
const here = dirname(fileURLToPath(import.meta.url));
const paths = { indexHtml: join(here, '..', 'renderer', 'index.html'), preload: join(here, 'preload.cjs') };

let win: BrowserWindow | null = null;
let quitting = false;
const disposers: (() => void)[] = [];
const getWindow = (): BrowserWindow | null => win;
const show = (): void => showWindow(win);

setupAutoplay();
if (!setupSingleInstance(show)) {
  app.quit();
} else {
  app.setAppUserModelId(APP_ID);
  void app.whenReady().then(start).catch((err: unknown) => {
    dialog.showErrorBox('外卖接单台无法启动', (err as Error).message);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  const { logger, close: closeLog } = await createLogger(app.getPath('logs'));
  const keychain = keychainBox();
  if (!keychain.ok) {
    logger.error('safeStorage unavailable: secrets will not be stored');
    void dialog.showMessageBox({ type: 'warning', message: '无法安全保存平台密钥', detail: keychain.problem });
  }
  const desk = await startDesk({ userData: app.getPath('userData'), logger, keychain });
  const { host } = desk;
  const today = (): string => host.current.today();

  const binding = setupBindingWindows({ host, logger, secretsProblem: keychain.ok ? null : keychain.problem });
  win = createMainWindow(paths, (url) => binding.open(url));
  setupHideOnClose(win, () => quitting);
  const bridge = setupEventBridge({ events: host, window: getWindow, indexHtml: paths.indexHtml, logger });
  disposers.push(
    binding.dispose,
    bridge.dispose,
    setupIpc({
      api: host,
      window: getWindow,
      indexHtml: paths.indexHtml,
      logger,
      ...binding.hooks,
      openBinding: (path) => binding.open(`${BINDING_LINK_SCHEME}${path.slice('/binding/'.length)}`),
    }),
    setupPowerSave(),
    setupRingClock({ send: (name, payload) => bridge.send(name, payload) }),
    setupNotifications({
      host: { subscribe: (l) => host.subscribe(l), today },
      window: getWindow,
      showWindow: show,
      focusOrder: (key) => bridge.send('focus-order', { key }),
      seed: await host.listOrders(),
    }),
  );
  const tray = setupTray({
    host: { api: host, subscribe: (l) => host.subscribe(l), today },
    showWindow: show,
    quit: () => void tray.confirmQuit().then((ok) => ok && app.quit()),
    logger,
  });
  disposers.push(tray.dispose);

  app.on('before-quit', () => {
    quitting = true;
  });
  // Closing the last window hides it to the tray: never quit on window-all-closed.
  app.on('window-all-closed', () => undefined);
  app.on('activate', show);
  app.on('will-quit', (event) => {
    event.preventDefault();
    app.removeAllListeners('will-quit');
    for (const d of disposers.splice(0).reverse()) d();
    void desk
      .stop()
      .catch((err: unknown) => logger.error({ err }, 'desk stop failed'))
      .finally(() => void closeLog().finally(() => app.quit()));
  });
  logger.info({ sandbox: (await host.status()).sandbox }, 'shell started');
}
