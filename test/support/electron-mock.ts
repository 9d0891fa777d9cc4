/**
 * The one hand-written `electron` for tests of the shell (after Electron Fiddle's
 * tests/mocks/electron.ts): plain objects that record what the code under test did, so main
 * and preload code runs under Node without the Electron binary. Use it as
 * `vi.mock('electron', () => import('../../support/electron-mock.js'))`; read and steer it
 * through `mock`, and call `resetElectronMock()` in beforeEach.
 */
import { EventEmitter } from 'node:events';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export const mock = {
  switches: [] as [string, string?][],
  handlers: new Map<string, Handler>(),
  exposed: {} as Record<string, unknown>,
  /** What `ipcRenderer.invoke` does (default: call the ipcMain handler as the main window). */
  invoke: null as null | ((channel: string, ...args: unknown[]) => Promise<unknown>),
  rendererSent: [] as [string, ...unknown[]][],
  openedExternal: [] as string[],
  encryptionAvailable: true,
  storageBackend: 'gnome_libsecret',
  messageBoxResponse: 0,
  messageBoxes: [] as unknown[],
  loginItem: { openAtLogin: false },
  powerSaveIds: new Set<number>(),
  onHeadersReceived: null as null | ((details: unknown, cb: (r: unknown) => void) => void),
  /** The OS printers `getPrintersAsync` lists, what `print` was asked, and how it answers (null: never). */
  printers: [] as { name: string }[],
  printed: [] as { options: Record<string, unknown>; url: string }[],
  printResult: { success: true, failureReason: '' } as null | { success: boolean; failureReason: string },
};

export class MockWebContents extends EventEmitter {
  sent: [string, ...unknown[]][] = [];
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  mainFrame: { url: string; parent: null } = { url: '', parent: null };
  destroyed = false;
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void {
    this.openHandler = h;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  async getPrintersAsync(): Promise<{ name: string; displayName: string; description: string; options: Record<string, string> }[]> {
    return mock.printers.map((p) => ({ name: p.name, displayName: p.name, description: '', options: {} }));
  }
  print(options: Record<string, unknown>, callback: (success: boolean, failureReason: string) => void): void {
    mock.printed.push({ options, url: this.mainFrame.url });
    const r = mock.printResult;
    if (r) queueMicrotask(() => callback(r.success, r.failureReason));
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  webContents = new MockWebContents();
  loaded: string | null = null;
  visible = false;
  focused = false;
  flashing = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    BrowserWindow.instances.push(this);
  }
  async loadFile(file: string): Promise<void> {
    this.loaded = file;
    this.webContents.mainFrame.url = new URL(`file://${file.startsWith('/') ? '' : '/'}${file.replace(/\\/g, '/')}`).href;
  }
  async loadURL(url: string): Promise<void> {
    this.loaded = url;
    this.webContents.mainFrame.url = url;
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused = true;
  }
  isFocused(): boolean {
    return this.focused;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  flashFrame(on: boolean): void {
    this.flashing = on;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

class IpcMain extends EventEmitter {
  handle(channel: string, fn: Handler): void {
    if (mock.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    mock.handlers.set(channel, fn);
  }
  removeHandler(channel: string): void {
    mock.handlers.delete(channel);
  }
}
export const ipcMain = new IpcMain();

class IpcRenderer extends EventEmitter {
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    if (mock.invoke) return mock.invoke(channel, ...args);
    return Promise.reject(new Error('mock.invoke not set'));
  }
  send(channel: string, ...args: unknown[]): void {
    mock.rendererSent.push([channel, ...args]);
  }
}
export const ipcRenderer = new IpcRenderer();

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    mock.exposed[key] = api;
  },
};

class App extends EventEmitter {
  commandLine = { appendSwitch: (name: string, value?: string) => void mock.switches.push([name, value]) };
  getPath = (name: string): string => `/tmp/waimai-desk-test/${name}`;
  requestSingleInstanceLock = (): boolean => true;
  setAppUserModelId = (_id: string): void => undefined;
  getLoginItemSettings = (): { openAtLogin: boolean } => ({ ...mock.loginItem });
  setLoginItemSettings = (s: { openAtLogin: boolean }): void => void (mock.loginItem = { ...s });
  whenReady = (): Promise<void> => Promise.resolve();
  quit = (): void => void this.emit('mock-quit');
  exit = (_code?: number): void => undefined;
}
export const app = new App();

export class Tray extends EventEmitter {
  static instances: Tray[] = [];
  title = '';
  tooltip = '';
  menu: { items: MenuItemTemplate[] } | null = null;
  destroyed = false;
  constructor(public image: unknown) {
    super();
    Tray.instances.push(this);
  }
  setTitle(t: string): void {
    this.title = t;
  }
  setToolTip(t: string): void {
    this.tooltip = t;
  }
  setImage(i: unknown): void {
    this.image = i;
  }
  setContextMenu(m: { items: MenuItemTemplate[] }): void {
    this.menu = m;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export interface MenuItemTemplate {
  label?: string;
  type?: string;
  checked?: boolean;
  click?: (item: { checked: boolean }) => void;
}
export const Menu = { buildFromTemplate: (items: MenuItemTemplate[]) => ({ items }) };

export class Notification extends EventEmitter {
  static instances: Notification[] = [];
  static isSupported = (): boolean => true;
  shown = false;
  constructor(readonly options: { title: string; body: string }) {
    super();
    Notification.instances.push(this);
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    this.emit('close');
  }
}

export const nativeImage = {
  createFromBuffer: (buffer: Buffer) => ({ buffer, isEmpty: () => buffer.length === 0 }),
};

/** Not real encryption: reversed bytes with a marker, so a plain secret can never pass for sealed. */
export const safeStorage = {
  isEncryptionAvailable: (): boolean => mock.encryptionAvailable,
  getSelectedStorageBackend: (): string => mock.storageBackend,
  encryptString: (s: string): Buffer => Buffer.concat([Buffer.from('KC1'), Buffer.from(s, 'utf8').reverse()]),
  decryptString: (b: Buffer): string => {
    if (b.subarray(0, 3).toString() !== 'KC1') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(b.subarray(3)).reverse().toString('utf8');
  },
};

class Session {
  permissionHandler: unknown = null;
  webRequest = { onHeadersReceived: (fn: typeof mock.onHeadersReceived) => void (mock.onHeadersReceived = fn) };
  constructor(readonly partition: string) {}
  setPermissionRequestHandler(fn: unknown): void {
    this.permissionHandler = fn;
  }
}
const partitions = new Map<string, Session>();
export const session = {
  defaultSession: new Session(''),
  fromPartition(name: string): Session {
    let s = partitions.get(name);
    if (!s) partitions.set(name, (s = new Session(name)));
    return s;
  },
};

export const shell = { openExternal: async (url: string) => void mock.openedExternal.push(url) };

export const dialog = {
  showMessageBox: async (opts: unknown) => {
    mock.messageBoxes.push(opts);
    return { response: mock.messageBoxResponse, checkboxChecked: false };
  },
  showErrorBox: (_title: string, _content: string): void => undefined,
};

let nextBlocker = 1;
export const powerSaveBlocker = {
  start: (_type: string): number => {
    const id = nextBlocker++;
    mock.powerSaveIds.add(id);
    return id;
  },
  stop: (id: number): void => void mock.powerSaveIds.delete(id),
  isStarted: (id: number): boolean => mock.powerSaveIds.has(id),
};

export function resetElectronMock(): void {
  Object.assign(mock, {
    switches: [], handlers: new Map(), exposed: {}, invoke: null, rendererSent: [], openedExternal: [],
    encryptionAvailable: true, storageBackend: 'gnome_libsecret', messageBoxResponse: 0, messageBoxes: [],
    loginItem: { openAtLogin: false }, powerSaveIds: new Set(), onHeadersReceived: null,
    printers: [], printed: [], printResult: { success: true, failureReason: '' },
  });
  BrowserWindow.instances = [];
  Tray.instances = [];
  Notification.instances = [];
  ipcMain.removeAllListeners();
  ipcRenderer.removeAllListeners();
  app.removeAllListeners();
  partitions.clear();
}
