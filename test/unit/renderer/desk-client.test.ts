// @vitest-environment happy-dom
/**
 * The page's HTTP client, as the console now requires it: the token taken from the address
 * (`<console>/?token=…`), then sent as `Authorization: Bearer` on every call and never in a
 * call's URL; only the event stream carries it as `?token=` (EventSource cannot set headers).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectDesk } from '../../../renderer/src/api/desk-client.js';

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
