/**
 * The platform's store-mapping page (bind / unbind) in a window of its own: no preload, its
 * own session (`binding` partition: the platform's cookies never mix with the counter's),
 * isolated and sandboxed (docs/design.md, Security). The page is the platform's, so it gets
 * nothing of ours; the window closes itself when the platform's bound/unbound callback flips
 * the store, and the counter window, which follows `store-changed`, shows the result.
 *
 * The renderer opens `resolveLink('/binding/<id>')` = `waimai-desk-binding:<id>` (preload);
 * the counter window's open handler passes it here. The id tells which store and action from
 * the `bindUrl`/`unbindUrl` call that minted it, seen through the IPC call hooks.
 */
import { BrowserWindow, session } from 'electron';
import type { Logger } from 'pino';
import type { DeskEventName, DeskEvents } from '../../shared/api.js';
import { BINDING_LINK_SCHEME } from '../../shared/ipc.js';
import { PLATFORM_IDENTITIES, type TakeawayPlatform } from '../../shared/platforms.js';
import { DeskActionError } from '../core/api-schemas.js';
import type { CallHooks } from './ipc.js';
import { openExternal } from './window.js';

export interface BindingHost {
  current: { resolveBindingLink(id: string): string | undefined };
  subscribe(listener: (name: DeskEventName, payload: DeskEvents[DeskEventName]) => void): () => void;
}

interface Pending {
  platform: TakeawayPlatform;
  storeId: string;
  action: 'bind' | 'unbind';
}

export interface BindingWindows {
  hooks: CallHooks;
  /** For the counter window's open handler and `openLink`: true when a binding window opened for this link. */
  open(url: string): boolean;
  dispose(): void;
}

/** The platform page may be https; the embedded sandbox platform is plain http on loopback. */
function allowedPage(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || (u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost'));
  } catch {
    return false;
  }
}

export function setupBindingWindows(o: { host: BindingHost; logger: Logger; secretsProblem: string | null }): BindingWindows {
  const minted = new Map<string, Pending>();
  const open = new Map<string, { win: BrowserWindow; action: Pending['action']; platform: TakeawayPlatform }>();

  const unsubscribe = o.host.subscribe((name, payload) => {
    if (name !== 'store-changed') return;
    const { store } = payload as DeskEvents['store-changed'];
    const w = open.get(store.id);
    if (w && store.bindings[w.platform]?.bound === (w.action === 'bind')) w.win.close();
  });

  const openWindow = (url: string, p: Pending): void => {
    open.get(p.storeId)?.win.close();
    const partition = session.fromPartition('binding');
    partition.setPermissionRequestHandler((_wc, _perm, callback) => callback(false));
    const win = new BrowserWindow({
      width: 960,
      height: 760,
      title: `${p.action === 'bind' ? '绑定' : '解除绑定'}：${PLATFORM_IDENTITIES[p.platform].label.zh}`,
      autoHideMenuBar: true,
      webPreferences: { session: partition, contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false },
    });
    // The platform's page may navigate within itself; it may not open more windows here.
    win.webContents.setWindowOpenHandler(({ url: next }) => {
      openExternal(next);
      return { action: 'deny' };
    });
    open.set(p.storeId, { win, action: p.action, platform: p.platform });
    win.on('closed', () => {
      if (open.get(p.storeId)?.win === win) open.delete(p.storeId);
    });
    void win.loadURL(url);
  };

  return {
    hooks: {
      before(method) {
        // No clear-text fallback: without the keychain a binding token could not be kept.
        if (o.secretsProblem && (method === 'bindUrl' || method === 'unbindUrl')) throw new DeskActionError(o.secretsProblem);
      },
      after(method, args, result) {
        if ((method !== 'bindUrl' && method !== 'unbindUrl') || typeof result !== 'string') return;
        const id = /^\/binding\/(.+)$/.exec(result)?.[1];
        if (id) minted.set(id, { platform: args[0] as TakeawayPlatform, storeId: String(args[1]), action: method === 'bindUrl' ? 'bind' : 'unbind' });
      },
    },
    open(url) {
      if (!url.startsWith(BINDING_LINK_SCHEME)) return false;
      const id = url.slice(BINDING_LINK_SCHEME.length);
      const pending = minted.get(id);
      minted.delete(id);
      const page = o.host.current.resolveBindingLink(id);
      if (!pending || !page || !allowedPage(page)) {
        o.logger.warn({ known: !!pending }, 'binding link unknown, used or expired');
        return false;
      }
      openWindow(page, pending);
      return true;
    },
    dispose() {
      unsubscribe();
      for (const { win } of open.values()) if (!win.isDestroyed()) win.close();
      open.clear();
    },
  };
}
