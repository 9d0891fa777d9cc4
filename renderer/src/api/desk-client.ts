/**
 * The renderer's only door to the world: a `DeskApi` and its events. In the Electron window
 * the preload exposes `window.desk`; in a browser (`npm run serve`) the same calls go over
 * HTTP and the events over Server-Sent Events. The UI does not know which one it got.
 */
import type { DeskApi, DeskEventName, DeskEvents, DeskError } from '../../../shared/api.js';
import { DESK_EVENT_NAMES } from '../../../shared/api.js';

export type DeskListener = <E extends DeskEventName>(name: E, payload: DeskEvents[E]) => void;

export interface DeskClient {
  api: DeskApi;
  /** Hear every event; returns the unsubscribe function. */
  subscribe(listener: DeskListener): () => void;
  /** Resolve a console-relative link (binding pages) to something a window can open. */
  resolveLink(path: string): string;
  /**
   * Open a console-relative link (the platform's binding page) in a window of its own.
   * Resolves false when nothing could be opened (a blocked popup): show `resolveLink(path)`.
   */
  openLink(path: string): Promise<boolean>;
  /** Connection to the main side: false while the event stream is down (the UI says so). */
  onConnection(listener: (connected: boolean) => void): () => void;
  /**
   * The console refused this page's token (a wrong or old link: the token changes every start).
   * Trying again cannot help, so the UI says where the right link is instead of 「正在重连」.
   * Only the browser client has it; the Electron window needs no token.
   */
  onLinkInvalid?(listener: () => void): () => void;
}

/** What a refused token makes calls fail with (the page shows its own banner as well). */
export const LINK_INVALID_MESSAGE = '链接无效或已过期：请使用 serve 启动时打印的地址';

/** How long to wait before opening an event stream the server closed for another reason. */
const REOPEN_MS = 2000;

/** A failed call, with the platform's or the core's words for staff. */
export class DeskCallError extends Error implements DeskError {
  constructor(
    message: string,
    readonly retriable: boolean,
  ) {
    super(message);
    this.name = 'DeskCallError';
  }
}

declare global {
  interface Window {
    /** Set by the Electron preload. */
    desk?: DeskClient;
  }
}

export function httpDeskClient(base: string, token: string): DeskClient {
  const invalid = new Set<() => void>();
  let linkInvalid = false;
  const refused = (): void => {
    if (linkInvalid) return;
    linkInvalid = true;
    source?.close();
    // A reload should not keep offering the refused token.
    sessionStorage.removeItem(TOKEN_KEY);
    invalid.forEach((l) => l());
  };
  const call = async (method: string, args: unknown[]): Promise<unknown> => {
    let res: Response;
    try {
      res = await fetch(`${base}/api/rpc/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ args }),
      });
    } catch {
      throw new DeskCallError('连不上接单台后台，请检查它是否还在运行', true);
    }
    if (res.status === 401) {
      refused();
      throw new DeskCallError(LINK_INVALID_MESSAGE, false);
    }
    const body = (await readJson(res).catch(() => ({}))) as { result?: unknown; error?: string; retriable?: boolean };
    if (!res.ok) throw new DeskCallError(body.error ?? `HTTP ${res.status}`, body.retriable ?? false);
    return body.result;
  };
  const api = new Proxy({} as DeskApi, {
    get: (_t, method: string) => (...args: unknown[]) => call(method, args),
  });
  const listeners = new Set<DeskListener>();
  const connection = new Set<(c: boolean) => void>();
  let source: EventSource | null = null;
  const open = (): void => {
    if (linkInvalid) return;
    const es = new EventSource(`${base}/api/events?token=${encodeURIComponent(token)}`);
    source = es;
    es.onopen = () => connection.forEach((l) => l(true));
    // EventSource reconnects by itself after a dropped stream (the server sends `retry: 2000`),
    // but not after an answer other than 200 — a refused token (401) among them. Ask the API
    // which it was: a refused link is said so; anything else gets a fresh stream.
    es.onerror = () => {
      if (linkInvalid) return;
      connection.forEach((l) => l(false));
      if (es.readyState !== 2 /* CLOSED */) return;
      void fetch(`${base}/api/rpc/status`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"args":[]}' })
        .then((res) => res.status)
        .catch(() => 0)
        .then((code) => {
          if (code === 401) return refused();
          if (source === es) setTimeout(open, REOPEN_MS);
        });
    };
    for (const name of DESK_EVENT_NAMES) {
      es.addEventListener(name, (e) => {
        const payload = JSON.parse((e as MessageEvent<string>).data) as DeskEvents[typeof name];
        listeners.forEach((l) => l(name, payload));
      });
    }
  };
  return {
    api,
    subscribe(listener) {
      listeners.add(listener);
      if (!source) open();
      return () => listeners.delete(listener);
    },
    resolveLink: (path) => `${base}${path}`,
    async openLink(path) {
      const win = window.open(`${base}${path}`, '_blank');
      // The page is the platform's: it gets no handle on this window.
      if (win) win.opener = null;
      return win !== null;
    },
    onConnection(listener) {
      connection.add(listener);
      return () => connection.delete(listener);
    },
    onLinkInvalid(listener) {
      invalid.add(listener);
      // Refused before this listener came: tell it at once.
      if (linkInvalid) listener();
      return () => invalid.delete(listener);
    },
  };
}

/**
 * The answer's JSON. A busy day's orders are megabytes: Chromium hands over the raw bytes and
 * decodes them in one go far faster than it builds the text for `res.json()` piece by piece.
 */
async function readJson(res: Response): Promise<unknown> {
  return JSON.parse(new TextDecoder().decode(await res.arrayBuffer())) as unknown;
}

const TOKEN_KEY = 'waimai-desk-token';

/** The client for this page: Electron's preload if present, else HTTP with the token from the address. */
export function connectDesk(): DeskClient {
  if (window.desk) return window.desk;
  const params = new URLSearchParams(window.location.search);
  const token = params.get('token') ?? sessionStorage.getItem(TOKEN_KEY) ?? '';
  // Keep the token for reloads, and out of the address bar (and so out of screenshots).
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    if (params.has('token')) {
      params.delete('token');
      const rest = params.toString();
      window.history.replaceState(null, '', `${window.location.pathname}${rest ? `?${rest}` : ''}`);
    }
  }
  return httpDeskClient(window.location.origin, token);
}
