/**
 * The one call handler: `desk:call` with `[method, args]`. The renderer
 * is untrusted input, so in order: the sender must be the counter window's own page, the
 * method a `DeskApi` method, the arguments must parse with the method's schema; only then
 * does the host run it. Replies are data, never thrown errors: Electron would otherwise put
 * main-process stack traces into the renderer's error message.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { Logger } from 'pino';
import type { DeskApi } from '../../shared/api.js';
import { IPC } from '../../shared/ipc.js';
import { ApiInputError, DeskActionError, isApiMethod, parseArgs, type ApiMethod } from '../core/api-schemas.js';
import { sameDocument } from './window.js';

export type CallReply = { ok: true; result: unknown } | { ok: false; error: string; retriable: boolean };

/** Hooks around a call (the binding window learns which store a link is for). */
export interface CallHooks {
  /** May refuse a call by throwing a DeskActionError. */
  before?(method: ApiMethod, args: unknown[]): void;
  after?(method: ApiMethod, args: unknown[], result: unknown): void;
}

export interface IpcOptions extends CallHooks {
  api: DeskApi;
  /** Open a `/binding/<id>` link in the binding window; true when it opened. */
  openBinding?: (path: string) => boolean;
  window: () => BrowserWindow | null;
  indexHtml: string;
  logger: Logger;
}

/** A message from anything but the counter window's top frame showing our own file. */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  win: BrowserWindow | null,
  indexHtml: string,
): boolean {
  if (!win || win.isDestroyed() || event.sender !== win.webContents) return false;
  const frame = event.senderFrame;
  return !!frame && frame.parent === null && sameDocument(frame.url, indexHtml);
}

export async function handleCall(api: DeskApi, method: unknown, args: unknown, hooks: CallHooks, logger: Logger): Promise<CallReply> {
  try {
    if (typeof method !== 'string' || !isApiMethod(method)) throw new ApiInputError(`未知的操作：${String(method).slice(0, 40)}`);
    const parsed = parseArgs(method, args) as unknown[];
    hooks.before?.(method, parsed);
    const result = await (api[method] as (...a: unknown[]) => Promise<unknown>).apply(api, parsed);
    hooks.after?.(method, parsed, result);
    return { ok: true, result };
  } catch (err) {
    if (err instanceof DeskActionError) return { ok: false, error: err.message, retriable: err.retriable };
    if (err instanceof ApiInputError) return { ok: false, error: err.message, retriable: false };
    // Anything else is a bug or an I/O failure: the details go to the log, staff get words.
    logger.error({ err, method }, 'desk call failed');
    return { ok: false, error: '操作失败（内部错误，已记录日志），请重试', retriable: true };
  }
}

export function setupIpc(o: IpcOptions): () => void {
  ipcMain.handle(IPC.call, async (event, method: unknown, args: unknown): Promise<CallReply> => {
    if (!isTrustedSender(event, o.window(), o.indexHtml)) {
      o.logger.warn({ url: event.senderFrame?.url }, 'refused a desk call from an unknown sender');
      throw new Error('refused: not the counter window');
    }
    return handleCall(o.api, method, args, o, o.logger);
  });
  ipcMain.handle(IPC.openBinding, (event, path: unknown): boolean => {
    if (!isTrustedSender(event, o.window(), o.indexHtml)) {
      o.logger.warn({ url: event.senderFrame?.url }, 'refused a binding link from an unknown sender');
      throw new Error('refused: not the counter window');
    }
    return typeof path === 'string' && /^\/binding\/[A-Za-z0-9_-]{1,100}$/.test(path) && (o.openBinding?.(path) ?? false);
  });
  return () => {
    ipcMain.removeHandler(IPC.call);
    ipcMain.removeHandler(IPC.openBinding);
  };
}
