/**
 * The supervisor's state machine against a fake client and a fake public URL: which state
 * each failure leads to, the capped backoff, the deadlines, the fatal refusal, and stop().
 */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { TunnelRequestError, type OpenTunnelOptions, type TunnelHandle, type TunnelInfo } from '../../../electron/core/tunnel/client.js';
import type { TunnelFetch } from '../../../electron/core/tunnel/http-get.js';
import type { PoolEvents } from '../../../electron/core/tunnel/pool.js';
import { TunnelSupervisor, type AddressChanged, type TunnelStatus } from '../../../electron/core/tunnel/supervisor.js';
import { quietLogger, waitForEvent } from '../../support/helpers.js';

class FakeHandle extends EventEmitter<PoolEvents> implements TunnelHandle {
  closed = false;
  constructor(readonly info: TunnelInfo) {
    super();
  }
  close(): void {
    this.closed = true;
  }
}

interface Fake {
  opens: { at: number; subdomain: string | undefined; signal: AbortSignal }[];
  handles: FakeHandle[];
  healthy: boolean;
  /** What the next open() does: a handle (by name), an error, or hang until aborted. */
  next: (o: OpenTunnelOptions) => 'ok' | Error | 'hang';
  open: (o: OpenTunnelOptions) => Promise<TunnelHandle>;
  fetch: TunnelFetch;
}

function fake(): Fake {
  const f: Fake = {
    opens: [],
    handles: [],
    healthy: true,
    next: () => 'ok',
    open: async (o) => {
      f.opens.push({ at: Date.now(), subdomain: o.subdomain, signal: o.signal });
      const what = f.next(o);
      if (what === 'hang') return new Promise<never>((_, reject) => o.signal.addEventListener('abort', () => reject(new Error('aborted'))));
      if (what instanceof Error) throw what;
      const id = o.subdomain ?? `rnd${f.opens.length}`;
      const h = new FakeHandle({ id, port: 1, maxConn: 10, url: `https://${id}.example` });
      f.handles.push(h);
      return h;
    },
    // Unhealthy: the tunnel server never answers a request it cannot forward; the probe's
    // deadline is what notices.
    fetch: async (url, init) => {
      const nonce = new URL(url).searchParams.get('nonce');
      if (!f.healthy) return new Promise<never>((_, reject) => init.signal.addEventListener('abort', () => reject(new Error('aborted'))));
      return { status: 200, text: async () => `ok ${nonce}` };
    },
  };
  return f;
}

let sup: TunnelSupervisor | undefined;
afterEach(async () => {
  await sup?.stop();
  sup = undefined;
});

const FIXED = new Date('2026-11-25T04:00:00Z');
const ZERO = { forwardTimeouts: 0, forwardErrors: 0, slowCut: 0, socketsRefused: 0 };
function make(f: Fake, extra: Partial<ConstructorParameters<typeof TunnelSupervisor>[0]> = {}): TunnelSupervisor {
  sup = new TunnelSupervisor({ receiverPort: 1, host: 'https://tunnel.example', logger: quietLogger, fetch: f.fetch, open: f.open, now: () => FIXED, probeIntervalMs: 30, backoffMs: 20, backoffCapMs: 80, firstConnectDeadlineMs: 200, probeTimeoutMs: 100, wantedNameRetryMs: 50, ...extra });
  return sup;
}
const state = (s: TunnelSupervisor, want: TunnelStatus['state']): Promise<TunnelStatus> => waitForEvent<TunnelStatus>(s, 'state', (t) => t.state === want, 5000);

describe('TunnelSupervisor', () => {
  it('goes connecting → up, with the full status shape and lastOkAt', async () => {
    const f = fake();
    const s = make(f);
    const seen: TunnelStatus[] = [];
    s.on('state', (t) => seen.push(t));
    const up = state(s, 'up');
    s.start();
    expect(await up).toEqual({ state: 'up', url: 'https://rnd1.example', lastOkAt: FIXED.toISOString(), lastError: '', counts: ZERO });
    expect(seen[0]!.state).toBe('connecting');
  });

  it('one failed probe is degraded, the next is down, then a fresh tunnel comes up', async () => {
    const f = fake();
    const s = make(f);
    const up = state(s, 'up');
    s.start();
    await up;
    const degraded = state(s, 'degraded');
    const down = state(s, 'down');
    f.healthy = false;
    expect((await degraded).lastError).toMatch(/没有按时响应/);
    await down;
    expect(f.handles[0]!.closed).toBe(true);
    const back = state(s, 'up');
    f.healthy = true;
    await back;
    expect(f.opens.length).toBeGreaterThanOrEqual(2);
  });

  it('a socket error degrades; a drained pool goes down and reopens', async () => {
    const f = fake();
    const s = make(f, { probeIntervalMs: 10_000 });
    const up = state(s, 'up');
    s.start();
    await up;
    const degraded = state(s, 'degraded');
    f.handles[0]!.emit('error', new Error('connection refused: tunnel.example:1'));
    expect((await degraded).lastError).toMatch(/connection refused/);
    const down = state(s, 'down');
    const again = state(s, 'up');
    f.handles[0]!.emit('drained');
    expect((await down).lastError).toMatch(/全部断开/);
    await again;
    expect(f.opens).toHaveLength(2);
  });

  it('backs off doubling up to the cap while the server is unreachable', async () => {
    const f = fake();
    let failures = 5;
    f.next = () => (failures-- > 0 ? new Error('connect ECONNREFUSED') : 'ok');
    const s = make(f);
    const up = state(s, 'up');
    s.start();
    await up;
    const gaps = f.opens.slice(1).map((o, i) => o.at - f.opens[i]!.at);
    expect(gaps).toHaveLength(5);
    [20, 40, 80, 80, 80].forEach((min, i) => expect(gaps[i]!).toBeGreaterThanOrEqual(min - 2));
    expect(gaps[4]!).toBeLessThan(80 * 4); // capped, not 320
  });

  it('puts a deadline around the tunnel request and aborts it', async () => {
    const f = fake();
    let first = true;
    f.next = () => (first ? ((first = false), 'hang') : 'ok');
    const s = make(f);
    const down = state(s, 'down');
    const up = state(s, 'up');
    s.start();
    expect((await down).lastError).toMatch(/没有按时响应/);
    expect(f.opens[0]!.signal.aborted).toBe(true);
    await up;
  });

  it('a refused name (403) is down for good, with the reason, and never retried', async () => {
    const f = fake();
    f.next = () => new TunnelRequestError(403, 'HTTP 403: Invalid subdomain.');
    const s = make(f, { subdomain: 'Bad_Name' });
    const down = state(s, 'down');
    s.start();
    expect((await down).lastError).toMatch(/子域名「Bad_Name」/);
    const t0 = Date.now();
    expect(await s.waitUp(5000)).toBeNull(); // at once: nothing left to wait for
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(f.opens).toHaveLength(1);
  });

  it('keeps working on a stand-in name and switches back when the wanted one is free', async () => {
    const f = fake();
    let taken = true;
    f.next = () => 'ok';
    const open = f.open;
    f.open = async (o) => open(taken ? { ...o, subdomain: undefined } : o);
    const s = make(f, { subdomain: 'my-shop' });
    const changed = waitForEvent<{ wanted: string; got: string; url: string }>(s, 'address-changed');
    s.start();
    const ev = await changed;
    expect(ev).toEqual({ wanted: 'my-shop', got: 'rnd1', url: 'https://rnd1.example', standIns: [] });
    // Still taken at the next retry: the extra stand-in is closed, the first one kept.
    await waitForEvent(s, 'state', () => f.opens.length >= 3, 5000); // probes re-emit 'up' meanwhile
    expect(s.status.url).toBe('https://rnd1.example');
    expect(f.handles.slice(1).every((h) => h.closed)).toBe(true);
    const back = waitForEvent<AddressChanged>(s, 'address-changed', (e) => e.got === 'my-shop');
    taken = false;
    expect(await back).toEqual({ wanted: 'my-shop', got: 'my-shop', url: 'https://my-shop.example', standIns: ['https://rnd1.example'] });
    await waitForEvent<TunnelStatus>(s, 'state', (t) => t.state === 'up' && t.url === 'https://my-shop.example');
    // The stand-in staff were told to register is still served until they confirm the change.
    expect(f.handles[0]!.closed).toBe(false);
    expect(s.status.standInUrls).toEqual(['https://rnd1.example']);
    expect(s.confirmAddress()).toBe(true);
    expect(f.handles[0]!.closed).toBe(true);
    expect(s.status.standInUrls).toBeUndefined();
    expect(s.confirmAddress()).toBe(false); // nothing left to confirm
  });

  it('a stand-in lost with its tunnel still waits for staff to confirm the registration', async () => {
    const f = fake();
    let taken = true;
    const open = f.open;
    f.open = async (o) => open(taken ? { ...o, subdomain: undefined } : o);
    const s = make(f, { subdomain: 'my-shop', probeIntervalMs: 10_000, wantedNameRetryMs: 10_000 });
    const first = waitForEvent<AddressChanged>(s, 'address-changed');
    s.start();
    expect((await first).got).toBe('rnd1');
    taken = false;
    const back = waitForEvent<AddressChanged>(s, 'address-changed', (e) => e.got === 'my-shop');
    f.handles[0]!.emit('drained'); // the server dropped the stand-in's connections
    expect((await back).standIns).toEqual(['https://rnd1.example']);
    expect(s.status.standInUrls).toEqual(['https://rnd1.example']);
    expect(s.confirmAddress()).toBe(true);
    expect(s.status.standInUrls).toBeUndefined();
  });

  it('counts what the client had to answer for the receiver, in the status', async () => {
    const f = fake();
    const s = make(f, { probeIntervalMs: 10_000 });
    const up = state(s, 'up');
    s.start();
    await up;
    const counted = waitForEvent<TunnelStatus>(s, 'state', (t) => t.counts?.forwardTimeouts === 2);
    f.handles[0]!.emit('count', 'forwardTimeouts');
    f.handles[0]!.emit('count', 'slowCut');
    f.handles[0]!.emit('count', 'forwardTimeouts');
    expect((await counted).counts).toEqual({ ...ZERO, forwardTimeouts: 2, slowCut: 1 });
    expect(s.status.counts).toEqual({ ...ZERO, forwardTimeouts: 2, slowCut: 1 });
  });

  it('stop() closes the tunnel, says off and leaves no timer behind', async () => {
    const f = fake();
    const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const s = make(f);
    const up = state(s, 'up');
    s.start();
    await up;
    await s.stop();
    expect(s.status).toEqual({ state: 'off', url: null, lastOkAt: FIXED.toISOString(), lastError: '', counts: ZERO });
    expect(f.handles[0]!.closed).toBe(true);
    expect(timers()).toBeLessThanOrEqual(before);
  });
});
