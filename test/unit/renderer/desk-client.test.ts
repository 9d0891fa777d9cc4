// @vitest-environment happy-dom
/**
 * The page's HTTP client, as the console now requires it: the token taken from the address
 * (`<console>/?token=…`), then sent as `Authorization: Bearer` on every call and never in a
 * call's URL; only the event stream carries it as `?token=` (EventSource cannot set headers).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectDesk, LINK_INVALID_MESSAGE } from '../../../renderer/src/api/desk-client.js';

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('console client', () => {
  it('reads the token from the address and sends it only in the Authorization header', async () => {
    window.history.replaceState(null, '', '/?token=secret-token-123&lang=en');
    const seen: { url: string; auth: string | null }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      seen.push({ url, auth: new Headers(init.headers).get('authorization') });
      return new Response(JSON.stringify({ result: [] }), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    const opened: string[] = [];
    vi.stubGlobal(
      'EventSource',
      class {
        onopen: (() => void) | null = null;
        onerror: (() => void) | null = null;
        constructor(url: string) {
          opened.push(url);
        }
        addEventListener(): void {}
      },
    );
    const desk = connectDesk();
    // Out of the address bar (and so out of screenshots and history).
    expect(window.location.search).toBe('?lang=en');
    await desk.api.listOrders('2026-11-25');
    await desk.api.setAutoAcceptPaused(true);
    desk.subscribe(() => undefined);

    expect(seen.map((s) => s.auth)).toEqual(['Bearer secret-token-123', 'Bearer secret-token-123']);
    for (const s of seen) expect(s.url).not.toContain('secret-token-123');
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatch(/\/api\/events\?token=secret-token-123$/);
  });
});

describe('a wrong or old console link', () => {
  const stubRefusingServer = (): { streams: { readyState: number; onerror: (() => void) | null }[] } => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ error: 'missing or wrong token' }), { status: 401, headers: { 'content-type': 'application/json' } }));
    const streams: { readyState: number; onerror: (() => void) | null }[] = [];
    vi.stubGlobal(
      'EventSource',
      class {
        readyState = 0;
        onopen: (() => void) | null = null;
        onerror: (() => void) | null = null;
        constructor() {
          streams.push(this);
        }
        addEventListener(): void {}
        close(): void {
          this.readyState = 2;
        }
      },
    );
    return { streams };
  };

  it('a call refused with 401 says the link is invalid, and the page is told once', async () => {
    stubRefusingServer();
    window.history.replaceState(null, '', '/?token=old-token');
    const desk = connectDesk();
    let told = 0;
    desk.onLinkInvalid?.(() => told++);
    await expect(desk.api.status()).rejects.toThrow(LINK_INVALID_MESSAGE);
    await expect(desk.api.listOrders()).rejects.toThrow(LINK_INVALID_MESSAGE);
    expect(told).toBe(1);
    // A reload does not offer the refused token again.
    expect(sessionStorage.getItem('waimai-desk-token')).toBeNull();
  });

  it('an event stream the server closed is checked: a refused token is said so, not retried', async () => {
    const { streams } = stubRefusingServer();
    window.history.replaceState(null, '', '/?token=old-token');
    const desk = connectDesk();
    const connected: boolean[] = [];
    desk.onConnection((c) => connected.push(c));
    let told = false;
    desk.onLinkInvalid?.(() => (told = true));
    desk.subscribe(() => undefined);
    // What a browser does when the stream is answered 401: fail it for good (CLOSED) and fire error.
    streams[0]!.readyState = 2;
    streams[0]!.onerror?.();
    await vi.waitFor(() => expect(told).toBe(true));
    expect(streams).toHaveLength(1);
  });
});
