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
}

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
    /** Set by the Electron preload (issue 4). */
    desk?: DeskClient;
  }
}

export function httpDeskClient(base: string, token: string): DeskClient {
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
    const body = (await res.json().catch(() => ({}))) as { result?: unknown; error?: string; retriable?: boolean };
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
    source = new EventSource(`${base}/api/events?token=${encodeURIComponent(token)}`);
    source.onopen = () => connection.forEach((l) => l(true));
    // EventSource reconnects by itself (the server sends `retry: 2000`).
    source.onerror = () => connection.forEach((l) => l(false));
    for (const name of DESK_EVENT_NAMES) {
      source.addEventListener(name, (e) => {
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
  };
}

/** The client for this page: Electron's preload if present, else HTTP with the token from the address. */
export function connectDesk(): DeskClient {
  if (window.desk) return window.desk;
  const params = new URLSearchParams(window.location.search);
  const token = params.get('token') ?? sessionStorage.getItem('waimai-desk-token') ?? '';
  // Keep the token for reloads, and out of the address bar (and so out of screenshots).
  if (token) {
    sessionStorage.setItem('waimai-desk-token', token);
    if (params.has('token')) {
      params.delete('token');
      const rest = params.toString();
      window.history.replaceState(null, '', `${window.location.pathname}${rest ? `?${rest}` : ''}`);
    }
  }
  return httpDeskClient(window.location.origin, token);
}
