/**
 * Keeps the public tunnel alive (README.md here: the state machine and why).
 * connecting → up → degraded (one failed probe or a socket error) → down (probes keep failing,
 * or the pool drained) → connecting again on a fresh tunnel after a capped backoff. "Up" means
 * the health route answered our nonce through the *public* URL — the only proof that the platforms
 * can reach us. Every wait is bounded and every timer is cleared by `stop()`. A stand-in
 * address staff may have registered stays served, after the wanted one is back, until they
 * confirm the registration (`confirmAddress`).
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { DeskStatus, TunnelCounts, TunnelState } from '../../../shared/api.js';
import { HEALTH_PATH } from '../receiver/server.js';
import { openTunnel, TunnelRequestError, type OpenTunnelOptions, type PoolOptions, type TunnelHandle } from './client.js';
import { defaultTunnelFetch, type TunnelFetch } from './http-get.js';
import { describeTunnelError, withDeadline } from './errors.js';

export type TunnelStatus = DeskStatus['tunnel'];

export interface AddressChanged {
  wanted: string;
  got: string;
  url: string;
  /** Stand-in URLs still served until staff confirm the registration points at `url`. */
  standIns: string[];
}

export interface TunnelSupervisorOptions {
  receiverPort: number;
  host?: string;
  subdomain?: string;
  probeIntervalMs?: number;
  firstConnectDeadlineMs?: number;
  /** First backoff before a fresh tunnel; doubles per failure up to `backoffCapMs`. */
  backoffMs?: number;
  backoffCapMs?: number;
  wantedNameRetryMs?: number;
  /** Deadline for each probe (the handshake has `firstConnectDeadlineMs`). */
  probeTimeoutMs?: number;
  fetch?: TunnelFetch;
  /** Deadlines and limits of the socket pool (client defaults otherwise). */
  pool?: PoolOptions;
  now?: () => Date;
  logger: Logger;
  /** The unit tests' fake client. */
  open?: (o: OpenTunnelOptions) => Promise<TunnelHandle>;
}

type Events = { state: [TunnelStatus]; 'address-changed': [AddressChanged] };

export class TunnelSupervisor extends EventEmitter<Events> {
  private status_: TunnelStatus = { state: 'off', url: null, lastOkAt: null, lastError: '' };
  private handle: TunnelHandle | null = null;
  private gen = 0;
  private stopped = true;
  private failures = 0;
  private onStandIn = false;
  /** Earlier stand-ins kept after the wanted name came back; `handle` null once it died. */
  private standIns: { url: string; handle: TunnelHandle | null }[] = [];
  private readonly counts: TunnelCounts = { forwardTimeouts: 0, forwardErrors: 0, slowCut: 0, socketsRefused: 0 };
  /** A fatal refusal: nothing will be retried until the app is restarted with other settings. */
  private gaveUp = false;
  private backoff: number;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly aborts = new Set<AbortController>();
  private readonly o: Required<Omit<TunnelSupervisorOptions, 'subdomain' | 'pool'>> & { subdomain: string | undefined; pool: PoolOptions | undefined };

  constructor(opts: TunnelSupervisorOptions) {
    super();
    this.o = {
      host: 'https://localtunnel.me',
      probeIntervalMs: 30_000,
      firstConnectDeadlineMs: 15_000,
      backoffMs: 1_000,
      backoffCapMs: 30_000,
      wantedNameRetryMs: 60_000,
      probeTimeoutMs: 10_000,
      fetch: defaultTunnelFetch,
      now: () => new Date(),
      open: openTunnel,
      ...opts,
      subdomain: opts.subdomain || undefined,
      pool: opts.pool,
    };
    this.backoff = this.o.backoffMs;
  }

  get status(): TunnelStatus {
    const standInUrls = this.standIns.map((s) => s.url);
    return { ...this.status_, counts: { ...this.counts }, ...(standInUrls.length ? { standInUrls } : {}) };
  }

  /**
   * Staff have registered the current address at the platforms: stop serving the stand-ins.
   * False when none was waiting for that.
   */
  confirmAddress(): boolean {
    if (this.standIns.length === 0) return false;
    const urls = this.standIns.map((s) => s.url);
    for (const s of this.standIns) s.handle?.close();
    this.standIns = [];
    this.o.logger.warn({ urls }, 'stand-in tunnel addresses released: staff confirmed the registration');
    this.emit('state', this.status);
    return true;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  /** The public URL once up, or null if `ms` passes first (the tunnel keeps trying). */
  waitUp(ms: number): Promise<string | null> {
    if (this.status_.state === 'up') return Promise.resolve(this.status_.url);
    if (this.gaveUp) return Promise.resolve(null);
    return new Promise((resolve) => {
      const done = (url: string | null): void => {
        clearTimeout(timer);
        this.off('state', onState);
        resolve(url);
      };
      const onState = (s: TunnelStatus): void => {
        if (s.state === 'up') done(s.url);
        else if (s.state === 'off' || this.gaveUp) done(null);
      };
      const timer = setTimeout(() => done(null), ms);
      this.on('state', onState);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.gen++;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const a of this.aborts) a.abort();
    this.handle?.close();
    this.handle = null;
    for (const s of this.standIns) s.handle?.close();
    this.standIns = [];
    this.set('off', { url: null });
  }

  private set(state: TunnelState, patch: Partial<TunnelStatus> = {}): void {
    this.status_ = { ...this.status_, ...patch, state };
    this.emit('state', this.status);
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  /** Ask the server for a tunnel, within the deadline; `signal` also ends it on stop(). */
  private async request(subdomain: string | undefined): Promise<TunnelHandle> {
    const ac = new AbortController();
    this.aborts.add(ac);
    try {
      return await withDeadline(ac, this.o.firstConnectDeadlineMs, 'tunnel request', () =>
        this.o.open({ host: this.o.host, localPort: this.o.receiverPort, fetch: this.o.fetch, signal: ac.signal, ...(subdomain ? { subdomain } : {}), ...(this.o.pool ? { pool: this.o.pool } : {}) }),
      );
    } finally {
      this.aborts.delete(ac);
    }
  }

  private async connect(): Promise<void> {
    const gen = ++this.gen;
    this.set('connecting');
    let handle: TunnelHandle;
    try {
      handle = await this.request(this.o.subdomain);
    } catch (err) {
      if (gen !== this.gen) return;
      const fatal = err instanceof TunnelRequestError && err.fatal;
      this.o.logger.warn({ err: (err as Error).message, fatal }, 'tunnel request failed');
      this.gaveUp = fatal;
      this.set('down', { url: null, lastError: describeTunnelError(err, this.o.subdomain) });
      // A refused name or a bad request will be refused again: say it and stop asking.
      if (!fatal) this.retryLater();
      return;
    }
    if (gen !== this.gen) return handle.close();
    this.adopt(handle, gen);
  }

  private adopt(handle: TunnelHandle, gen: number): void {
    this.handle?.close();
    this.handle = handle;
    this.failures = 0;
    handle.on('count', (what) => {
      this.counts[what]++;
      this.emit('state', this.status);
    });
    handle.on('error', (err) => {
      if (gen !== this.gen) return;
      this.o.logger.warn({ err: err.message }, 'tunnel socket error');
      if (this.status_.state === 'up') this.set('degraded', { lastError: describeTunnelError(err) });
    });
    handle.once('drained', () => {
      if (gen !== this.gen) return;
      this.goDown(gen, new Error('tunnel pool drained: every connection to the tunnel server is gone'));
    });
    const wanted = this.o.subdomain;
    if (wanted) {
      // Loud on every landing on a stand-in name, and once more when we are back on the
      // wanted one: either way the URLs registered at the platform just changed.
      const standIn = handle.info.id !== wanted;
      const changed = standIn || this.onStandIn;
      this.onStandIn = standIn;
      if (changed) this.announce();
      if (standIn) this.later(this.o.wantedNameRetryMs, () => void this.retryWanted(gen));
    }
    this.set('connecting', { url: handle.info.url });
    void this.probe(gen);
  }

  private async probe(gen: number): Promise<void> {
    const url = this.handle?.info.url;
    if (!url) return;
    const nonce = randomBytes(12).toString('hex');
    const ac = new AbortController();
    this.aborts.add(ac);
    let error: unknown = null;
    try {
      await withDeadline(ac, this.o.probeTimeoutMs, 'health probe', async () => {
        const res = await this.o.fetch(`${url}${HEALTH_PATH}?nonce=${nonce}`, { headers: { 'bypass-tunnel-reminder': '1' }, signal: ac.signal });
        const body = await res.text();
        if (body !== `ok ${nonce}`) throw new Error(`health probe answered HTTP ${res.status}: ${body.slice(0, 120)}`);
      });
    } catch (err) {
      error = err;
    } finally {
      this.aborts.delete(ac);
    }
    if (gen !== this.gen) return;
    if (error === null) {
      this.failures = 0;
      this.backoff = this.o.backoffMs;
      this.set('up', { lastOkAt: this.o.now().toISOString(), lastError: '' });
    } else if (++this.failures >= 2) {
      return this.goDown(gen, error);
    } else {
      this.set('degraded', { lastError: describeTunnelError(error) });
    }
    this.later(this.o.probeIntervalMs, () => void this.probe(gen));
  }

  /** This tunnel is dead: drop it and open a fresh one after the backoff. */
  private goDown(gen: number, err: unknown): void {
    if (gen !== this.gen || this.stopped) return;
    this.gen++;
    // A stand-in staff may have registered is lost with this tunnel: they must still be asked
    // to register the wanted address again once it is back.
    if (this.onStandIn && this.handle) this.standIns.push({ url: this.handle.info.url, handle: null });
    this.handle?.close();
    this.handle = null;
    this.set('down', { lastError: describeTunnelError(err) });
    this.retryLater();
  }

  private retryLater(): void {
    if (this.stopped) return;
    const wait = this.backoff;
    this.backoff = Math.min(this.backoff * 2, this.o.backoffCapMs);
    this.later(wait, () => void this.connect());
  }

  /** We run on a stand-in name: ask for the wanted one again; switch only if it is free now. */
  private async retryWanted(gen: number): Promise<void> {
    const wanted = this.o.subdomain;
    if (gen !== this.gen || !wanted) return;
    let got: TunnelHandle | null = null;
    try {
      got = await this.request(wanted);
    } catch (err) {
      this.o.logger.info({ err: (err as Error).message }, 'wanted tunnel name still unavailable');
    }
    if (gen !== this.gen) return got?.close();
    if (got && got.info.id === wanted) {
      this.o.logger.info({ url: got.info.url }, 'tunnel back on the wanted name');
      // Staff may have registered the stand-in: keep serving it until they say they changed it.
      if (this.handle) this.keepStandIn(this.handle);
      this.handle = null;
      this.adopt(got, ++this.gen);
      return;
    }
    got?.close(); // another stand-in name: keep the one whose URL staff already copied
    this.later(this.o.wantedNameRetryMs, () => void this.retryWanted(gen));
  }

  /** Keep a stand-in served (not probed: its tunnel is alive while its pool is). */
  private keepStandIn(handle: TunnelHandle): void {
    const entry = { url: handle.info.url, handle: handle as TunnelHandle | null };
    this.standIns.push(entry);
    handle.once('drained', () => {
      entry.handle = null;
      handle.close();
      this.o.logger.warn({ url: entry.url }, 'stand-in tunnel address lost with its connections');
    });
  }

  /** Where we are against the wanted name, for whoever tells staff (`address-changed`). */
  private announce(): void {
    const wanted = this.o.subdomain;
    if (!wanted || !this.handle) return;
    this.emit('address-changed', { wanted, got: this.handle.info.id, url: this.handle.info.url, standIns: this.standIns.map((s) => s.url) });
  }
}
