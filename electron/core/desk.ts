/**
 * The core composed: store, receiver, platform clients, auto-accept — everything the app does
 * that is not window, tray or notification. Implements `DeskApi`, so the Electron shell (IPC)
 * and headless mode (HTTP + SSE) serve the very same object.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type {
  AuthorizationView,
  AppConfigInput,
  AppConfigSource,
  AppConfigView,
  CallbackUrl,
  CancelReason,
  DeskApi,
  DeskEventName,
  DeskEvents,
  DeskStatus,
  PrintingConfigInput,
  PrintingConfigView,
  Promoter,
  RecoveryReport,
  SimulateKind,
  UnionReport,
} from '../../shared/api.js';
import { DESK_EVENT_NAMES } from '../../shared/api.js';
import { addDays } from '../../shared/business-day.js';
import { toOrderCard } from '../../shared/order-card.js';
import type { Order, OrderRefund, OrderStatus, Platform } from '../../shared/order.js';
import type { Store, StoreSettings } from '../../shared/store.js';
import type { BusyInput, DayReport, ShiftCheckReport } from '../../shared/shop-floor.js';
import type { PrinterStatusView, PrintJobView, SystemPrinter, TicketKind, TicketPreviewInput } from '../../shared/printing.js';
import { DeskActionError } from './api-schemas.js';
import { Preparer } from './floor/prepare.js';
import { AutoPrepare } from './floor/auto-prepare.js';
import { DEFAULT_PRINTING } from './printing/schemas.js';
import { PrintService, type PrintServiceOptions } from './printing/print-service.js';
import { printerRuleBroken } from './printing/rules.js';
import { listSystemPrinters } from './printing/transport.js';
import { AppConfigError, appConfigView, type AppConfigFile } from './app-config.js';
import { AutoAccept } from './auto-accept.js';
import { Busy } from './floor/busy.js';
import { StoreStates } from './floor/store-state.js';
import { ClockSkew, fetchWithServerDate, probeRoutes } from './clock-skew.js';
import type { DeskConfig } from './config.js';
import { dayIn, platformSection, timeZoneOf } from './config.js';
import { isTakeaway, kindOf, type TakeawayPlatform } from '../../shared/platforms.js';
import { allRoutes, PLATFORM_MODULES, platformModule } from './platforms/index.js';
import { StaffRefusal, type ActionFailure, type PlatformActions, type PlatformOutbound } from './platforms/types.js';
import { Receiver } from './receiver/server.js';
import { Recovery } from './recovery.js';
import { printExpectation, runShiftCheck } from './floor/shift-check.js';
import { ReminderPull } from './floor/reminder-pull.js';
import type { SecretBox } from './storage/bindings.js';
import { CredentialVault } from './storage/credentials.js';
import { DeskStorage, type FetchEffect } from './storage/desk-storage.js';
import { MAX_PROMOTER_NAME, Promoters } from './union/promoters.js';
import { buildUnionReport, daysOf, unionCsv } from './union/report.js';
import { DayReports, periodDays } from './floor/day-report.js';

export { PLATFORM_MODULES };

/** How long a binding page opened from the app vouches for an unsigned binding callback. */
const PENDING_BINDING_MS = 30 * 60_000;
const BINDING_LINK_MS = 10 * 60_000;

export interface DeskOptions {
  dataDir: string;
  config: DeskConfig;
  sandbox: boolean;
  logger: Logger;
  secretBox: SecretBox;
  receiverPort?: number;
  autoAcceptRetryDelaysMs?: readonly number[];
  foldDelayMs?: number;
  /** Pull recovery (补单) every this many ms while running (default 5 minutes). */
  recoveryIntervalMs?: number;
  /** How often the credential vault renews tokens coming due (ms, default 1 minute). */
  credentialRefreshMs?: number;
  /** Asking the platforms for every bound store's open/rest state: every this many ms (default 3 minutes; 0: only when asked). */
  storeStateIntervalMs?: number;
  /** How often a running 忙碌 checks whether its time is up (ms, default 1 s). */
  busyCheckMs?: number;
  /** Waits between attempts to fetch a pushed order in full (default 2 s, 10 s, 30 s). */
  fetchRetryDelaysMs?: readonly number[];
  now?: () => Date;
  /** Where `config` came from (the settings screen says it); default: `sandbox` or `config-file`. */
  configSource?: AppConfigSource;
  /**
   * The app's own config store (Electron, app-config.ts). Present → the settings screen edits
   * it; absent (a `--config` file, the demo) → the settings screen is read-only.
   */
  configStore?: Pick<AppConfigFile, 'view' | 'save' | 'problems'> & Partial<Pick<AppConfigFile, 'savePrinting'>>;
  /** Print queue knobs (tests shorten them): retry waits, status poll, failover, network timeouts. */
  printing?: Pick<PrintServiceOptions, 'retryDelaysMs' | 'statusPollMs' | 'failoverAfter' | 'transport'>;
  /**
   * After a save: start intake again with the new config. The shell wires it to
   * `DeskHost.restart({ config })`; this Desk is stopped by it, so nothing may follow but replying.
   */
  onConfigSaved?: (config: DeskConfig) => Promise<void>;
}

type Listener<E extends keyof DeskEvents> = [DeskEvents[E]];
type EventMap = { [E in keyof DeskEvents]: Listener<E> };

export class Desk extends EventEmitter<EventMap> implements DeskApi {
  readonly storage: DeskStorage;
  readonly receiver: Receiver;
  readonly autoAccept: AutoAccept;
  readonly recovery: Recovery;
  /** 催单 the platforms list as unanswered, pulled at start-up, when the tunnel comes back and on 补单. */
  readonly reminderPull: ReminderPull;
  /** Every platform authorization (tokens that expire and renew, shops mapped to stores): one per desk. */
  readonly credentials: CredentialVault;
  private readonly timeZone: string;
  private readonly now: () => Date;
  /** Each configured platform's outbound half (API, binding, recovery), built once at start. */
  private readonly outbound = new Map<Platform, PlatformOutbound>();
  /** The PC's clock against the platforms' (their callbacks and API answers). */
  private readonly clock: ClockSkew;
  /** Binding pages opened from this app: until when each may vouch, and whether a callback took it. */
  private readonly pending = new Map<string, { expires: number; taken: boolean }>();
  private readonly links = new Map<string, { url: string; expires: number }>();
  private tunnel: DeskStatus['tunnel'] = { state: 'off', url: null, lastOkAt: null, lastError: '' };
  /** Printers, the print queue and when to print (printing/). */
  readonly printService: PrintService;
  /** 今日: the takeaway numbers of a period (floor/day-report.ts). */
  readonly dayReports: DayReports;
  /** 出餐 for staff and the automatic rule (floor/prepare.ts, floor/auto-prepare.ts). */
  readonly preparer: Preparer;
  readonly autoPrepare: AutoPrepare;
  /** 营业状态: each bound store's open/rest state, asked and switched (floor/store-state.ts). */
  readonly storeStates: StoreStates;
  /** 忙碌 (floor/busy.ts). */
  readonly busy: Busy;

  private constructor(private readonly opts: DeskOptions) {
    super();
    this.now = opts.now ?? (() => new Date());
    this.timeZone = timeZoneOf(opts.config);
    this.clock = new ClockSkew(() => this.now().getTime());
    const clockChanged = (): void => void this.emitStatus();
    this.credentials = new CredentialVault(opts.dataDir, opts.secretBox, {
      logger: opts.logger,
      ...(opts.now ? { now: () => this.now().getTime() } : {}),
      onChange: (platform, storeIds) => this.credentialsChanged(platform as Platform, storeIds),
    });
    for (const p of PLATFORM_MODULES) {
      const section = platformSection(opts.config, p.name);
      if (section === undefined || !p.createOutbound) continue;
      this.outbound.set(
        p.name,
        p.createOutbound({
          config: section,
          fetch: fetchWithServerDate(p.name, this.clock, clockChanged),
          // Read when a call is made: the store is built just below.
          storedToken: (storeId) => this.storage.registry.token(p.name, storeId),
          credentials: this.credentials,
          logger: opts.logger,
        }),
      );
    }
    this.storage = new DeskStorage({
      dataDir: opts.dataDir,
      timeZone: this.timeZone,
      stores: opts.config.stores,
      platforms: PLATFORM_MODULES,
      secretBox: opts.secretBox,
      credentials: this.credentials,
      now: this.now,
      ...(opts.foldDelayMs !== undefined ? { foldDelayMs: opts.foldDelayMs } : {}),
    });
    this.receiver = new Receiver({
      routes: probeRoutes(allRoutes(), this.clock, clockChanged),
      storage: this.storage,
      logger: opts.logger,
      port: opts.receiverPort ?? 0,
      configFor: (platform): Record<string, string> | undefined => {
        const section = platformSection(opts.config, platform);
        return section === undefined ? undefined : platformModule(platform)?.config.verifyConfig(section);
      },
      pendingBinding: (platform, storeId, action) => this.claimBinding(platform, storeId, action),
      // Where an OAuth authorize page sends the browser back: the binding finishes here.
      pages: [...this.outbound].flatMap(([platform, out]) => {
        const redirect = out.binding?.redirect;
        return redirect ? [{ path: redirect.path, handle: (query: URLSearchParams) => this.bindingPage(platform, query) }] : [];
      }),
      releaseBinding: (platform, storeId, action) => {
        const vouch = this.pending.get(`${platform}:${storeId}:${action}`);
        if (vouch) vouch.taken = false;
      },
    });
    this.autoAccept = new AutoAccept({
      storage: this.storage,
      actionsFor: (p) => this.outbound.get(p)?.actions,
      tokenFor: (p, storeId) => this.tokenFor(p, storeId),
      describeError: (p, err) => this.describe(p, err),
      logger: opts.logger,
      ...(opts.autoAcceptRetryDelaysMs ? { retryDelaysMs: opts.autoAcceptRetryDelaysMs } : {}),
      now: () => this.now().getTime(),
      timeZone: this.timeZone,
    });
    this.recovery = new Recovery({
      storage: this.storage,
      sources: [...this.outbound].flatMap(([platform, out]) =>
        out.recovery ? [{ platform, recovery: out.recovery, tokenFor: (storeId: string) => out.tokenFor(storeId), describeError: (err: unknown) => out.describeError(err).message }] : [],
      ),
      logger: opts.logger,
      now: this.now,
      ...(opts.recoveryIntervalMs !== undefined ? { intervalMs: opts.recoveryIntervalMs } : {}),
      onReport: () => void this.emitStatus(),
    });
    this.preparer = new Preparer({
      storage: this.storage,
      outbound: (p) => this.outbound.get(p),
      tokenFor: (p, storeId) => this.tokenFor(p, storeId),
      describe: (p, err) => this.describe(p, err),
      now: () => this.now().getTime(),
      timeZone: this.timeZone,
    });
    this.autoPrepare = new AutoPrepare({
      preparer: this.preparer,
      store: (storeId) => this.storage.registry.get(storeId),
      now: () => this.now().getTime(),
      timeZone: this.timeZone,
      logger: opts.logger,
    });
    this.reminderPull = new ReminderPull({
      storage: this.storage,
      sources: [...this.outbound].flatMap(([platform, out]) =>
        out.unrepliedReminders
          ? [
              {
                platform,
                list: out.unrepliedReminders.bind(out),
                ...(out.recovery ? { fetchOrder: out.recovery.fetchOrder.bind(out.recovery) } : {}),
                tokenFor: (storeId: string) => out.tokenFor(storeId),
                platformStoreId: (storeId: string) => this.credentials.shopFor(platform, storeId)?.shopId ?? '',
                describeError: (err: unknown) => out.describeError(err).message,
              },
            ]
          : [],
      ),
      logger: opts.logger,
      now: this.now,
    });
    const platformWords = (p: Platform): string => platformModule(p)?.identity.label.zh ?? p;
    this.storeStates = new StoreStates({
      stores: () => this.storage.registry.list().map((s) => this.storage.notices.view(s)),
      shop: (p) => this.outbound.get(p)?.shop,
      tokenFor: (p, storeId) => this.tokenFor(p, storeId),
      describe: (p, err) => this.describe(p, err),
      platformWords,
      record: (p, storeId, asked) => this.storage.recordStoreState(p, storeId, asked),
      onProblems: () => void this.emitStatus(),
      logger: opts.logger,
      ...(opts.storeStateIntervalMs !== undefined ? { intervalMs: opts.storeStateIntervalMs } : {}),
    });
    this.busy = new Busy({
      dataDir: opts.dataDir,
      now: this.now,
      logger: opts.logger,
      stores: () => this.storage.registry.list().map((s) => this.storage.notices.view(s)),
      storeStates: this.storeStates,
      canSwitch: (p) => this.outbound.get(p)?.shop !== undefined,
      autoAccept: this.autoAccept,
      onChange: () => void this.emitStatus(),
      onProblem: (detail) => this.opts.logger.error({ detail }, 'busy file problem'),
      ...(opts.busyCheckMs !== undefined ? { checkMs: opts.busyCheckMs } : {}),
    });
    this.printService = new PrintService({
      dataDir: opts.dataDir,
      timeZone: this.timeZone,
      logger: opts.logger,
      now: this.now,
      printers: opts.config.printers ?? [],
      printing: opts.config.printing ?? DEFAULT_PRINTING,
      getOrder: (key) => this.storage.getOrder(key),
      listOrders: (day) => this.storage.listOrders(day),
      today: () => this.today(),
      onJob: (job) => this.emit('print-changed', { job }),
      onPrinters: () => this.printersChanged(),
      dayReport: (from, to) => this.dayReport(from, to),
      ...opts.printing,
    });
    this.dayReports = new DayReports({ listOrders: (day) => this.storage.listOrders(day), timeZone: this.timeZone, today: () => this.today() });
  }

  static async start(opts: DeskOptions): Promise<Desk> {
    const desk = new Desk(opts);
    await desk.init();
    return desk;
  }

  private async init(): Promise<void> {
    // First: pushes received from now on map their platform shops through it.
    await this.credentials.open();
    const report = await this.storage.open();
    await this.storage.restoreRejectCounts();
    this.storage.on('order', (change) => {
      this.dayReports.changed(change.order.businessDay);
      this.autoAccept.onOrder(change);
      this.autoPrepare.onOrder(change.order);
      this.printService.onOrder(change);
      this.emit('order-changed', { order: change.order, created: change.created, previousStatus: change.previousStatus });
    });
    this.storage.on('binding-changed', ({ platform, storeId, bound }) => {
      // Bound (or unbound) by any callback, signed or not: the page opened before is answered.
      this.pending.delete(`${platform}:${storeId}:${bound ? 'bind' : 'unbind'}`);
      if (bound) this.revoked.delete(`${platform}:${storeId}`);
      const store = this.storage.registry.get(storeId);
      if (store) this.emit('store-changed', { store: this.storage.notices.view(store) });
      // Newly bound: its open/rest state is asked at once.
      if (bound) this.storeStates.refreshSoon();
    });
    await this.storage.notices.ready();
    // Before the receiver listens: a 忙碌 still on keeps auto-accept paused from the first order.
    await this.busy.open();
    this.storage.on('store-notice', ({ storeId }) => {
      // storeId '' names the whole platform: every store shows it.
      for (const store of this.storage.registry.list()) {
        if (storeId === '' || store.id === storeId) this.emit('store-changed', { store: this.storage.notices.view(store) });
      }
      void this.emitStatus();
    });
    this.storage.on('fetch', (f) => this.track(this.fetchInFull(f)));
    this.storage.on('revoke-request', (r) => this.track(this.confirmRevocation(r.platform, r.platformStoreIds, r.storeIds)));
    for (const p of report.problems) this.opts.logger.error({ problem: p }, 'store problem at start-up');
    this.storage.on('problem', ({ what, detail }) => {
      this.opts.logger.error({ what, detail }, 'store problem');
      void this.emitStatus();
    });
    this.receiver.on('callback', (seen) => this.emit('callback', seen));
    await this.receiver.listen();
    const today = this.today();
    const recent = [...(await this.storage.listOrders(addDays(today, -1))), ...(await this.storage.listOrders(today))];
    const resumed = await this.autoAccept.resume(recent);
    this.autoPrepare.resume(recent);
    await this.printService.start();
    this.opts.logger.info({ receiver: this.receiver.url, replayed: report.replayed, resumed }, 'desk started');
    // In the background: start-up does not wait on the platform's API (it may be unreachable).
    this.recovery.start();
    this.reminderPull.start(this.recovery.startup);
    this.startCredentialRefresh();
    this.storeStates.start();
    this.track(this.busy.resume().catch((err: unknown) => this.opts.logger.error({ err: (err as Error).message }, 'could not resume 忙碌')));
  }

  // ---- credentials: renewal, pushes that need the API ----

  private refreshTimer: NodeJS.Timeout | null = null;
  private refreshing: Promise<void> | null = null;
  private stopping = false;
  /** Background work started by pushes (fetches, revocation checks): awaited by stop. */
  private readonly background = new Set<Promise<void>>();
  /** Stores whose authorization the platform withdrew, and what the counter is told; cleared when bound again. */
  private readonly revoked = new Map<string, string>();

  /** Resolves once the work pushes started (full-order fetches, withdrawal checks) has finished. */
  async settled(): Promise<void> {
    while (this.background.size > 0) await Promise.all([...this.background]);
  }

  private track(work: Promise<void>): void {
    this.background.add(work);
    void work.finally(() => this.background.delete(work));
  }

  /** Renew tokens coming due, one sweep at a time, until the desk stops. */
  private startCredentialRefresh(): void {
    const every = this.opts.credentialRefreshMs ?? 60_000;
    this.refreshTimer = setInterval(() => {
      if (this.refreshing || this.stopping) return;
      this.refreshing = this.credentials
        .refreshDue()
        .catch((err: unknown) => this.opts.logger.warn({ err: (err as Error).message }, 'credential refresh sweep failed'))
        .finally(() => {
          this.refreshing = null;
        });
    }, every);
    this.refreshTimer.unref();
  }

  /** An authorization changed (bound, mapped, renewed into trouble, revoked): the stores show it. */
  private credentialsChanged(platform: Platform, storeIds: string[]): void {
    for (const id of storeIds) {
      if (this.credentials.storeCredential(platform, id).state !== 'unbound') this.revoked.delete(`${platform}:${id}`);
      const store = this.storage.registry.get(id);
      if (store) this.emit('store-changed', { store: this.storage.notices.view(store) });
    }
    this.storeStates.refreshSoon();
    void this.emitStatus();
  }

  /**
   * A push carried only part of an order (or degraded fields): fetch it in full with the shop's
   * token and merge it into the same record. A few bounded tries; recovery's next pass catches
   * what is still missing after them.
   */
  private async fetchInFull(f: FetchEffect): Promise<void> {
    const out = this.outbound.get(f.platform);
    if (!out?.recovery) return;
    const delays = this.opts.fetchRetryDelaysMs ?? [2_000, 10_000, 30_000];
    for (const orderId of f.orderIds) {
      for (let attempt = 0; !this.stopping; attempt++) {
        try {
          const token = f.storeId ? await out.tokenFor(f.storeId) : undefined;
          if (!token) {
            this.opts.logger.warn({ platform: f.platform, orderId, storeId: f.storeId }, 'cannot fetch the full order: the store is not bound');
            break;
          }
          const text = await out.recovery.fetchOrder(token, orderId);
          if (this.stopping) break;
          await this.storage.acceptPull(f.platform, f.storeId, text);
          break;
        } catch (err) {
          const failure = out.describeError(err);
          const delay = delays[attempt];
          this.opts.logger.warn({ platform: f.platform, orderId, attempt: attempt + 1, err: failure.message }, 'fetching the full order failed');
          if (!failure.retriable || delay === undefined || this.stopping) break;
          await this.pause(delay);
        }
      }
    }
  }

  private readonly pauses = new Set<() => void>();

  /** A wait that stop() cuts short. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(t);
        this.pauses.delete(done);
        resolve();
      };
      const t = setTimeout(done, ms);
      this.pauses.add(done);
    });
  }

  /**
   * The platform says shops withdrew their authorization, or that stores were unbound without
   * anyone here asking (an unsigned unbind). Not taken on its word: the platform is asked with
   * the stored token; only when it says the token is dead is the store dropped (it shows
   * unbound and the status bar says so). Alive or no clear answer: kept, and logged.
   */
  private async confirmRevocation(platform: Platform, shopIds: string[], storeIds: string[] = []): Promise<void> {
    const out = this.outbound.get(platform);
    for (const shopId of shopIds) {
      const auth = this.credentials.list(platform).find((a) => a.shops.some((s) => s.shopId === shopId));
      if (!auth) continue;
      const gone = await this.askStillAuthorized(platform, shopId, () => this.credentials.tokenForAccount(platform, auth.accountId));
      if (!gone) continue;
      // Said before the vault announces the store unbound, so whoever hears that sees why.
      const served = this.credentials.storeForShop(platform, shopId);
      if (served) this.tellWithdrawn(platform, served);
      try {
        await this.credentials.revokeShop(platform, shopId);
      } catch (err) {
        if (served) this.revoked.delete(`${platform}:${served}`);
        this.opts.logger.error({ platform, shopId, err: (err as Error).message }, 'could not drop a withdrawn authorization');
      }
      void this.emitStatus();
    }
    for (const storeId of storeIds) {
      const token = await out?.tokenFor(storeId);
      if (!token) continue; // not bound (any more): nothing to confirm
      if (!(await this.askStillAuthorized(platform, storeId, async () => token))) continue;
      try {
        // Unbound meanwhile (a second copy of the callback, say): the first one told the counter.
        if (!(await this.storage.unbindConfirmed(platform, storeId))) continue;
      } catch (err) {
        this.opts.logger.error({ platform, storeId, err: (err as Error).message }, 'could not drop a binding the platform ended');
        continue;
      }
      this.opts.logger.info({ platform, storeId }, 'store unbound on the platform\'s side, confirmed by asking');
      this.tellWithdrawn(platform, storeId);
      void this.emitStatus();
    }
  }

  /** True only when the platform, asked with the token, says it no longer works for that shop. */
  private async askStillAuthorized(platform: Platform, shopId: string, token: () => Promise<string>): Promise<boolean> {
    const out = this.outbound.get(platform);
    let gone: boolean;
    try {
      if (!out?.stillAuthorized) throw new Error('the platform cannot be asked');
      gone = !(await out.stillAuthorized(await token(), shopId));
    } catch (err) {
      // A token the platform no longer renews is the same answer: the authorization is gone.
      gone = (err as { kind?: string }).kind === 'needs-reauth';
      if (!gone) this.opts.logger.warn({ platform, shopId, err: (err as Error).message }, 'could not confirm an authorization withdrawal; kept');
    }
    if (!gone) this.opts.logger.info({ platform, shopId }, 'authorization withdrawal not confirmed by the platform; kept');
    return gone;
  }

  /** The status bar line for a store whose authorization the platform ended. */
  private tellWithdrawn(platform: Platform, storeId: string): void {
    const words = platformModule(platform)?.identity.label.zh ?? platform;
    const name = this.storage.registry.get(storeId)?.name ?? storeId;
    this.revoked.set(`${platform}:${storeId}`, `${words}店铺已取消对本应用的授权，「${name}」不再接${words}订单：如需继续，请在「门店」页重新授权`);
  }

  /** The page the browser shows after the authorize page (in the binding window): done, or what went wrong. */
  private async bindingPage(platform: Platform, query: URLSearchParams): Promise<{ status: number; title: string; message: string }> {
    try {
      const { storeId, mapped } = await this.completeBinding(platform, query);
      const name = this.storage.registry.get(storeId)?.name ?? storeId;
      const words = mapped.length > 0 ? `「${name}」已绑定。` : '授权的店铺较多，请在「门店」页为每个店铺选择对应的门店。';
      return { status: 200, title: '授权完成，可以关闭此窗口', message: words };
    } catch (err) {
      const message = err instanceof DeskActionError ? err.message : '授权没有完成，请回到「门店」页重新授权';
      this.opts.logger.warn({ platform, err: message }, 'authorization did not complete');
      return { status: err instanceof DeskActionError && !err.retriable ? 400 : 502, title: '授权没有完成', message };
    }
  }

  /**
   * The OAuth authorize page sent the browser back: the platform's binding finishes (code
   * exchanged, tokens in the vault, shops mapped). Throws DeskActionError with words for the page.
   */
  async completeBinding(platform: Platform, query: URLSearchParams): Promise<{ storeId: string; mapped: string[] }> {
    const redirect = this.outbound.get(platform)?.binding?.redirect;
    if (!redirect) throw new DeskActionError('这个平台没有授权回调');
    try {
      return await redirect.complete(query);
    } catch (err) {
      if (err instanceof StaffRefusal) throw new DeskActionError(err.message);
      throw new DeskActionError(this.describe(platform, err).message, true, 502);
    }
  }

  today(): string {
    return dayIn(this.timeZone, this.now());
  }

  private tokenFor(platform: Platform, storeId: string): Promise<string | undefined> {
    return this.outbound.get(platform)?.tokenFor(storeId) ?? Promise.resolve(undefined);
  }

  private describe(platform: Platform, err: unknown): ActionFailure {
    const out = this.outbound.get(platform);
    if (out) return out.describeError(err);
    return { message: (err as Error).message, retriable: true };
  }

  // ---- DeskApi: orders ----

  async listOrders(day?: string): Promise<Order[]> {
    return this.storage.listOrders(day ?? this.today());
  }

  /** The board's list: the same orders in card form (no `raw`, history cut to what a card reads). */
  async listOrderCards(day?: string): Promise<ReturnType<typeof toOrderCard>[]> {
    return (await this.listOrders(day)).map(toOrderCard);
  }

  async getOrder(key: string): Promise<Order | null> {
    return (await this.storage.getOrder(key)) ?? null;
  }

  private async mustGet(key: string): Promise<Order> {
    const order = await this.storage.getOrder(key);
    if (!order) throw new DeskActionError('找不到这个订单', false, 404);
    return order;
  }

  /** One staff action through the platform's API, journaled whether it worked or not. */
  private async act(
    key: string,
    call: string,
    allowed: (o: Order) => string | null,
    run: (a: PlatformActions, o: Order, token: string) => Promise<void>,
    result: { status?: OrderStatus; refund?: (o: Order) => OrderRefund | undefined; detail: string; reminderReplied?: boolean },
  ): Promise<Order> {
    const order = await this.mustGet(key);
    const why = allowed(order);
    if (why) throw new DeskActionError(why);
    const actions = this.outbound.get(order.platform)?.actions;
    if (!actions) throw new DeskActionError('该平台未配置，无法操作');
    const token = await this.tokenFor(order.platform, order.storeId);
    if (!token) throw new DeskActionError('门店未绑定该平台，无法操作：请先在「门店」页绑定');
    try {
      await run(actions, order, token);
    } catch (err) {
      const f = this.describe(order.platform, err);
      await this.storage.recordAction(key, { kind: 'api-failed', call, detail: f.message }, 'staff');
      throw new DeskActionError(f.message, f.retriable, 502);
    }
    const refund = result.refund?.(order);
    const updated = await this.storage.recordAction(
      key,
      {
        kind: 'api-ok',
        call,
        detail: result.detail,
        ...(result.status ? { status: result.status } : {}),
        ...(refund ? { refund } : {}),
        ...(result.reminderReplied ? { reminderReplied: true } : {}),
      },
      'staff',
    );
    return updated ?? order;
  }

  accept(key: string): Promise<Order> {
    return this.act(key, 'confirm', (o) => (o.status === 'new' ? null : '订单已不是新订单，无需接单'), (a, o, t) => a.confirm(o.orderId, t), {
      status: 'accepted',
      detail: '已接单',
    });
  }

  cancel(key: string, reasonCode: string, reason: string): Promise<Order> {
    return this.act(
      key,
      'cancel',
      (o) => (o.status === 'cancelled' || o.status === 'completed' ? '订单已结束，不能取消' : null),
      (a, o, t) => a.cancel(o.orderId, t, reasonCode, reason),
      { status: 'cancelled', detail: `商家取消：${reason}` },
    );
  }

  agreeRefund(key: string, reason: string): Promise<Order> {
    return this.act(key, 'agreeRefund', refundOpen, (a, o, t) => a.agreeRefund(o.orderId, t, reason), {
      refund: (o) => (o.refund ? { ...o.refund, state: 'agreed' } : undefined),
      detail: `同意退款：${reason}`,
    });
  }

  rejectRefund(key: string, reason: string): Promise<Order> {
    return this.act(key, 'rejectRefund', refundOpen, (a, o, t) => a.rejectRefund(o.orderId, t, reason), {
      refund: (o) => (o.refund ? { ...o.refund, state: 'rejected', reason } : undefined),
      detail: `拒绝退款：${reason}`,
    });
  }

  /** Answer the customer's 催单 with one of the platform's replies (`content`: the shop's own words, when the reply asks for them). */
  async replyReminder(key: string, replyCode: string, content: string): Promise<Order> {
    const order = await this.mustGet(key);
    const out = this.outbound.get(order.platform);
    const reply = out?.reminderReplies?.find((r) => r.code === replyCode);
    const words = content.trim() || reply?.zh || replyCode;
    return this.act(
      key,
      'replyReminder',
      (o) => {
        if (!o.reminder || o.reminder.replied) return '这个订单没有待回复的催单';
        if (!out?.actions.replyReminder) return '这个平台不能在这里回复催单';
        return reply ? null : '请选择一种回复';
      },
      (a, o, t) => a.replyReminder!(o.reminder!.id, t, replyCode, content.trim()),
      { detail: `回复催单：${words}`, reminderReplied: true },
    );
  }

  async reminderReplies(platform: Platform): Promise<CancelReason[]> {
    return (this.outbound.get(platform)?.reminderReplies ?? []).map((r) => ({ ...r }));
  }

  markDelivering(key: string): Promise<Order> {
    return this.act(key, 'delivering', (o) => (o.status === 'accepted' ? null : '只有已接单的订单可以标记为配送中'), (a, o, t) => a.delivering(o.orderId, t), {
      status: 'delivering',
      detail: '商家自配送：已出发',
    });
  }

  markDelivered(key: string): Promise<Order> {
    return this.act(
      key,
      'delivered',
      (o) => (o.status === 'accepted' || o.status === 'delivering' ? null : '只有已接单或配送中的订单可以标记为已送达'),
      (a, o, t) => a.delivered(o.orderId, t),
      { status: 'completed', detail: '商家自配送：已送达' },
    );
  }

  async acknowledge(key: string): Promise<Order> {
    await this.mustGet(key);
    return (await this.storage.recordAction(key, { kind: 'acknowledge' }, 'staff')) ?? (await this.mustGet(key));
  }

  async remindCooking(key: string): Promise<Order> {
    const order = await this.mustGet(key);
    if (!order.preOrder) throw new DeskActionError('这不是预订单');
    return (await this.storage.recordAction(key, { kind: 'cooking', step: 'due' }, 'reminder')) ?? (await this.mustGet(key));
  }

  async startCooking(key: string): Promise<Order> {
    const order = await this.mustGet(key);
    if (!order.preOrder || (order.status !== 'new' && order.status !== 'accepted')) {
      throw new DeskActionError('只有未出餐的预订单可以标记为开始制作');
    }
    return (await this.storage.recordAction(key, { kind: 'cooking', step: 'started' }, 'staff')) ?? (await this.mustGet(key));
  }

  async retryAutoAccept(key: string): Promise<Order> {
    const order = await this.mustGet(key);
    if (order.status !== 'new') throw new DeskActionError('订单已不是新订单，无需接单');
    this.autoAccept.retryNow(key);
    return order;
  }

  // ---- DeskApi: stores and binding ----

  async listStores(): Promise<Store[]> {
    return this.storage.registry.list().map((s) => this.storage.notices.view(s));
  }

  async updateStoreSettings(storeId: string, patch: Partial<StoreSettings>): Promise<Store> {
    if (!this.storage.registry.has(storeId)) throw new DeskActionError('没有这个门店', false, 404);
    await this.storage.registry.updateSettings(storeId, patch);
    if (patch.autoPrepare) this.autoPrepare.resume([...(await this.storage.listOrders(addDays(this.today(), -1))), ...(await this.storage.listOrders(this.today()))]);
    const store = this.storage.notices.view(this.storage.registry.get(storeId)!);
    this.emit('store-changed', { store });
    return store;
  }

  /** A one-time console-local link to the signed page, so the URL (which may hold a token) stays on the main side. */
  private link(url: string): string {
    const id = randomBytes(16).toString('hex');
    this.links.set(id, { url, expires: Date.now() + BINDING_LINK_MS });
    return `/binding/${id}`;
  }

  /** The signed platform URL behind a one-time link (used once), or undefined. */
  resolveBindingLink(id: string): string | undefined {
    const l = this.links.get(id);
    this.links.delete(id);
    return l && l.expires > Date.now() ? l.url : undefined;
  }

  /**
   * The app opened (or is about to open) the platform's binding page for this store: one
   * unsigned callback for that store and action may vouch for itself within the half hour.
   */
  expectBinding(platform: Platform, storeId: string, action: 'bind' | 'unbind'): void {
    this.pending.set(`${platform}:${storeId}:${action}`, { expires: Date.now() + PENDING_BINDING_MS, taken: false });
  }

  /**
   * Single use: the first unsigned binding callback for the store takes the page's vouch, and
   * the store becoming bound or unbound by any callback clears it (store-changed above), so a
   * second callback, or one after the real signed one, is refused.
   */
  private claimBinding(platform: Platform, storeId: string, action: 'bind' | 'unbind'): boolean {
    const vouch = this.pending.get(`${platform}:${storeId}:${action}`);
    if (!vouch || vouch.taken || vouch.expires <= Date.now()) return false;
    vouch.taken = true;
    return true;
  }

  /**
   * The platform's binding page itself: for the Electron shell, which opens it in its own
   * window. The app vouches for one unsigned callback for that store and action (claimBinding).
   */
  async bindingPageUrl(action: 'bind' | 'unbind', storeId: string, platform: Platform = this.firstBindable()): Promise<string> {
    const module = platformModule(platform);
    const words = module?.identity.label.zh ?? platform;
    const binding = this.outbound.get(platform)?.binding;
    if (!module?.bindsStores || !binding) throw new DeskActionError(`${words}未配置：请先在设置中填写${words}的账号`);
    const store = this.storage.registry.get(storeId);
    if (!store) throw new DeskActionError('没有这个门店', false, 404);
    let url: string;
    try {
      // OAuth comes back through the browser: in the demo, with no public address, to the receiver itself.
      const local = binding.kind === 'oauth' && this.opts.sandbox ? this.receiver.url : null;
      url = await binding.pageUrl(action, { id: store.id, name: store.name }, this.publicBase() ?? local);
    } catch (err) {
      if (err instanceof StaffRefusal) throw new DeskActionError(err.message);
      throw err;
    }
    this.expectBinding(platform, storeId, action);
    return url;
  }

  /** The platform a store binds to when the caller names none: the first one in the registry. */
  private firstBindable(): Platform {
    return PLATFORM_MODULES.find((p) => p.bindsStores)?.name ?? PLATFORM_MODULES[0]!.name;
  }

  async bindUrl(platform: Platform, storeId: string): Promise<string> {
    return this.link(await this.bindingPageUrl('bind', storeId, platform));
  }

  async unbindUrl(platform: Platform, storeId: string): Promise<string> {
    return this.link(await this.bindingPageUrl('unbind', storeId, platform));
  }

  // ---- DeskApi: OAuth authorizations (the stores page) ----

  private oauthPlatform(platform: Platform): void {
    if (this.outbound.get(platform)?.binding?.kind !== 'oauth') {
      const words = platformModule(platform)?.identity.label.zh ?? platform;
      throw new DeskActionError(`${words}没有需要授权的店铺（未配置，或不用授权绑定）`);
    }
  }

  async authorizations(platform: Platform): Promise<AuthorizationView[]> {
    this.oauthPlatform(platform);
    return this.credentials.list(platform);
  }

  async mapShop(platform: Platform, shopId: string, storeId: string | null): Promise<AuthorizationView[]> {
    this.oauthPlatform(platform);
    if (storeId !== null && !this.storage.registry.has(storeId)) throw new DeskActionError('没有这个门店', false, 404);
    if (!(await this.credentials.mapShop(platform, shopId, storeId))) throw new DeskActionError('没有这个店铺的授权：请先授权', false, 404);
    return this.credentials.list(platform);
  }

  async removeAuthorization(platform: Platform, accountId: string): Promise<AuthorizationView[]> {
    this.oauthPlatform(platform);
    await this.credentials.removeAuthorization(platform, accountId);
    return this.credentials.list(platform);
  }

  // ---- DeskApi: credentials and stores ----

  private savingConfig = false;

  async getAppConfig(): Promise<AppConfigView> {
    const { configStore, configSource, sandbox, config } = this.opts;
    // The app's store, not `config`: in the app's demo mode `config` holds the sandbox's made-up
    // credentials, which must neither be shown as the shop's nor kept on the first save.
    if (configStore) return configStore.view();
    return appConfigView(config, configSource ?? (sandbox ? 'sandbox' : 'config-file'));
  }

  async saveAppConfig(input: AppConfigInput): Promise<AppConfigView> {
    const { configStore, onConfigSaved } = this.opts;
    if (!configStore) throw new DeskActionError('当前由配置文件/演示模式管理，请编辑配置文件后重启');
    // One save at a time: a second one would restart intake under the first one's feet.
    if (this.savingConfig) throw new DeskActionError('正在保存上一次的设置，请稍候', true);
    this.savingConfig = true;
    try {
      let config: DeskConfig;
      try {
        config = await configStore.save(input);
      } catch (err) {
        if (err instanceof AppConfigError) throw new DeskActionError(err.message, false, 400);
        throw err;
      }
      // Counts only: the config holds secrets and must never reach a log.
      const platforms = PLATFORM_MODULES.filter((p) => platformSection(config, p.name) !== undefined).map((p) => p.name);
      this.opts.logger.info({ stores: config.stores.length, platforms }, 'app config saved');
      try {
        await onConfigSaved?.(config);
      } catch (err) {
        this.opts.logger.error({ err: (err as Error).message }, 'restart after config save failed');
        throw new DeskActionError(`设置已保存，但接单服务没能按新设置重启：${(err as Error).message}`, true, 500);
      }
      return configStore.view();
    } finally {
      this.savingConfig = false;
    }
  }

  // ---- DeskApi: status ----

  async setAutoAcceptPaused(paused: boolean): Promise<DeskStatus> {
    this.autoAccept.paused = paused;
    return this.emitStatus();
  }

  private async emitStatus(): Promise<DeskStatus> {
    const s = await this.status();
    this.emit('status-changed', s);
    return s;
  }

  /**
   * Where the platforms reach the receiver: the tunnel's URL while it is up (or degraded, still
   * serving), else the shop's own fixed `publicUrl`, else a tunnel URL last seen, else none.
   */
  private publicBase(): string | null {
    const { url, state } = this.tunnel;
    const own = this.opts.config.publicUrl ?? null;
    if (url && (state === 'up' || state === 'degraded' || !own)) return url;
    return own;
  }

  /** 补单 now (the button, or the tunnel coming back: reason `tunnel-restored`). Never rejects. */
  recoverMissed(reason = 'staff'): Promise<RecoveryReport> {
    const run = this.recovery.run(reason);
    // Then the 催单 still unanswered (an order recovery just brought in is there by then).
    this.track(run.then(() => this.reminderPull.run(reason)).then(() => undefined));
    return run;
  }

  private demo_: DeskStatus['demo'] = undefined;

  /** Sandbox mode: whether the demo is making orders (the status bar says when it stopped). */
  setDemo(demo: NonNullable<DeskStatus['demo']>): void {
    this.demo_ = demo;
    void this.emitStatus();
  }

  setTunnel(tunnel: DeskStatus['tunnel']): void {
    this.tunnel = tunnel;
    void this.emitStatus();
  }

  async status(): Promise<DeskStatus> {
    // The last pass's errors stand among the problems until a pass goes through cleanly.
    const last = this.recovery.last;
    const skew = this.clock.warning();
    return {
      receiver: { url: this.receiver.url, up: this.receiver.url !== '' },
      tunnel: { ...this.tunnel },
      lastCallback: this.receiver.lastCallback,
      sandbox: this.opts.sandbox,
      autoAcceptPaused: this.autoAccept.paused,
      secrets: this.opts.secretBox.kind,
      problems: [
        ...(this.opts.configStore?.problems ?? []),
        ...this.storage.problems,
        ...this.credentials.problems,
        ...this.revoked.values(), 
        ...(this.recovery.last?.errors ?? []),
        ...this.storeStates.problems,
        ...this.busy.problems,
        ...(this.tunnelAlert_ ? [this.tunnelAlert_] : []),
      ],
      timeZone: this.timeZone,
      today: this.today(),
      ...(this.opts.config.publicUrl ? { publicUrl: this.opts.config.publicUrl } : {}),
      ...(last ? { recovery: { at: last.at, recovered: last.recovered, error: last.errors.join('；') } } : {}),
      ...(skew ? { clockSkew: skew } : {}),
      ...(this.demo_ ? { demo: { ...this.demo_ } } : {}),
      storeWarnings: this.storage.notices.warnings(this.storage.registry.list(), privacyWarningSince(this.now())),
      ...(this.printService.config.printers.length > 0 ? { printers: this.printService.printerViews() } : {}),
      busy: this.busy.view(),
    };
  }

  async callbackUrls(): Promise<CallbackUrl[]> {
    const base = this.publicBase();
    return PLATFORM_MODULES.flatMap((p) =>
      p.routes.map((r) => ({
        platform: p.name,
        label: r.label ?? r.path,
        path: r.path,
        publicUrl: base ? `${base}${r.path}` : null,
      })),
    );
  }

  async cancelReasons(platform: Platform): Promise<CancelReason[]> {
    return (this.outbound.get(platform)?.cancelReasons ?? []).map((r) => ({ ...r }));
  }

  /** Hear every event (the SSE and IPC bridges); returns the unsubscribe function. */
  subscribe(listener: (name: DeskEventName, payload: DeskEvents[DeskEventName]) => void): () => void {
    const offs = DESK_EVENT_NAMES.map((name) => {
      const fn = (payload: DeskEvents[typeof name]): void => listener(name, payload);
      this.on(name, fn as never);
      return () => this.off(name, fn as never);
    });
    return () => offs.forEach((off) => off());
  }

  private simulator: ((kind: SimulateKind, storeId?: string, platform?: Platform) => Promise<void>) | null = null;

  /** Sandbox mode: what `simulate` drives (the embedded platforms). */
  setSimulator(fn: (kind: SimulateKind, storeId?: string, platform?: Platform) => Promise<void>): void {
    this.simulator = fn;
  }

  async simulate(kind: SimulateKind, storeId?: string, platform?: Platform): Promise<void> {
    if (!this.simulator) throw new DeskActionError('只有演示模式（沙箱平台）可以模拟订单');
    await this.simulator(kind, storeId, platform);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    for (const wake of [...this.pauses]) wake();
    // First: a pass under way must not write to the store once it is closing.
    await this.recovery.stop();
    await this.reminderPull.stop();
    await this.storeStates.stop();
    await this.busy.stop();
    // An end-of-shift check under way stores what it pulls: let it finish first.
    await this.shiftRun?.run.catch(() => undefined);
    await Promise.all([...this.background, this.refreshing]);
    this.autoAccept.stop();
    await this.autoAccept.settled();
    this.autoPrepare.stop();
    await this.autoPrepare.settled();
    await this.receiver.close();
    await this.printService.stop();
    await this.storage.close();
  }

  private tunnelAlert_: string | null = null;

  /**
   * The tunnel's public address is not the one registered at the platforms: shown
   * among the problems, in red, until the wanted address is back (`null` clears it).
   */
  tunnelAlert(message: string | null): void {
    this.tunnelAlert_ = message;
    void this.emitStatus();
  }

  private tunnelConfirmer: (() => boolean) | null = null;

  /** The tunnel's wiring: what `confirmTunnelAddress` asks (true when a stand-in was waiting for it). */
  setTunnelConfirmer(fn: (() => boolean) | null): void {
    this.tunnelConfirmer = fn;
  }

  async confirmTunnelAddress(): Promise<DeskStatus> {
    if (!this.tunnelConfirmer?.()) throw new DeskActionError('没有需要确认的公网地址变更');
    return this.emitStatus();
  }

  // ---- DeskApi: 推广订单 (Union promotion orders) ----

  private promoters_: Promise<Promoters> | null = null;

  /** Opened on first use: the counter starts the same whether or not the shop runs Union. */
  private promoters(): Promise<Promoters> {
    this.promoters_ ??= Promoters.open(this.opts.dataDir, (err) =>
      this.opts.logger.error({ path: err.path, movedTo: err.movedTo }, 'promoters.json unreadable; moved aside, names start empty'),
    ).catch((err: unknown) => {
      this.promoters_ = null; // a disk hiccup: let the next call try again
      throw err;
    });
    return this.promoters_;
  }

  async listPromoters(): Promise<Promoter[]> {
    return (await this.promoters()).list();
  }

  async namePromoter(sid: string, name: string): Promise<Promoter> {
    if (!sid) throw new DeskActionError('推广位（sid）不能为空', false, 400);
    if ([...name.trim()].length > MAX_PROMOTER_NAME) throw new DeskActionError(`推广员名字最多 ${MAX_PROMOTER_NAME} 个字`, false, 400);
    return (await this.promoters()).name(sid, name);
  }

  async unionReport(from: string, to: string): Promise<UnionReport> {
    const days = daysOf(from, to);
    if (typeof days === 'string') throw new DeskActionError(days, false, 400);
    const orders: Order[] = [];
    // One day file at a time: the store keeps recent days in memory and reads older ones on demand.
    for (const day of days) for (const o of await this.storage.listOrders(day)) if (kindOf(o.platform) === 'promotion') orders.push(o);
    return buildUnionReport(orders, (await this.promoters()).names);
  }

  async unionCsv(from: string, to: string): Promise<string> {
    const report = await this.unionReport(from, to);
    return unionCsv(report, (await this.promoters()).names);
  }

  // ---- DeskApi: printing (printing/print-service.ts does the work) ----

  private printersSeen = '';

  /** A printer's state, coverage or queue changed: the status bar hears it (once per real change). */
  private printersChanged(): void {
    // Not for a mere re-check (checkedAt): the status bar hears real changes only.
    const now = JSON.stringify(this.printService.printerViews().map(({ checkedAt: _at, ...rest }) => rest));
    if (now === this.printersSeen) return;
    this.printersSeen = now;
    void this.emitStatus();
  }

  async printers(): Promise<PrinterStatusView[]> {
    return this.printService.printerViews();
  }

  async printJobs(day?: string): Promise<PrintJobView[]> {
    return this.printService.queue.jobsOfDay(day ?? this.today());
  }

  async reprint(key: string, ticket: TicketKind): Promise<PrintJobView[]> {
    const made = await this.printService.reprint(await this.mustGet(key), ticket);
    if (typeof made === 'string') throw new DeskActionError(made, false, 409);
    return made;
  }

  async testPrint(printer: string): Promise<PrintJobView> {
    const job = await this.printService.testPrint(printer);
    if (typeof job === 'string') throw new DeskActionError(job, false, 404);
    return job;
  }

  async ticketPreview(input: TicketPreviewInput): Promise<{ svg: string }> {
    const out = await this.printService.preview(input);
    if (typeof out === 'string') throw new DeskActionError(out, false, 404);
    return out;
  }

  async systemPrinters(): Promise<SystemPrinter[]> {
    return listSystemPrinters();
  }

  async getPrintingConfig(): Promise<PrintingConfigView> {
    const { printers, printing } = this.printService.config;
    return { printers, printing, editable: Boolean(this.opts.configStore?.savePrinting) };
  }

  async savePrintingConfig(input: PrintingConfigInput): Promise<PrintingConfigView> {
    const store = this.opts.configStore;
    if (!store?.savePrinting) throw new DeskActionError('当前由配置文件/演示模式管理，请编辑配置文件后重启');
    const broken = printerRuleBroken(input.printers);
    if (broken) throw new DeskActionError(broken, false, 400);
    try {
      await store.savePrinting(input);
    } catch (err) {
      if (err instanceof AppConfigError) throw new DeskActionError(err.message, false, 400);
      throw err;
    }
    this.opts.logger.info({ printers: input.printers.length }, 'printing config saved');
    await this.printService.configure(input.printers, input.printing);
    return this.getPrintingConfig();
  }


  // ---- DeskApi: the shop floor (docs/shop-floor.md) ----

  markPrepared(key: string): Promise<Order> {
    return this.preparer.mark(key, 'staff');
  }

  async setStoreOpen(platform: Platform, storeId: string, open: boolean): Promise<Store> {
    const store = this.storage.registry.get(storeId);
    if (!store) throw new DeskActionError('没有这个门店', false, 404);
    if (!isTakeaway(platform)) throw new DeskActionError('这个平台没有门店营业状态');
    await this.storeStates.setOpen(platform as TakeawayPlatform, this.storage.notices.view(store), open);
    if (open) this.busy.opened(platform, storeId);
    return this.storage.notices.view(this.storage.registry.get(storeId) ?? store);
  }

  async refreshStoreStates(): Promise<Store[]> {
    await this.storeStates.refresh();
    return this.listStores();
  }

  async setBusy(input: BusyInput | null): Promise<DeskStatus> {
    if (input) await this.busy.start(input);
    else await this.busy.end('staff');
    return this.status();
  }

  /** Store names as staff set them (an order keeps the name it came with). */
  private storeNames(): Record<string, string> {
    return Object.fromEntries(this.storage.registry.list().map((s) => [s.id, s.name]));
  }

  async dayReport(from: string, to: string): Promise<DayReport> {
    return this.dayReports.report(from, to, this.storeNames());
  }

  async dayReportCsv(from: string, to: string): Promise<string> {
    return this.dayReports.csv(from, to, this.storeNames());
  }

  async printDayReport(from: string, to: string, again = false): Promise<PrintJobView[]> {
    periodDays(from, to); // a period that cannot be reported is refused before anything queues
    const out = await this.printService.printDayReport(from, to, again);
    if (!Array.isArray(out)) throw new DeskActionError(out.refused, false, out.repeat ? 409 : 400);
    this.opts.logger.info({ from, to, jobs: out.length }, 'shift ticket queued');
    return out;
  }

  private shiftRun: { day: string; run: Promise<ShiftCheckReport> } | null = null;

  /** The end-of-shift check (floor/shift-check.ts); a second call for the same day while one runs joins it. */
  async shiftCheck(day?: string): Promise<ShiftCheckReport> {
    const d = day ?? this.today();
    if (this.shiftRun?.day === d) return this.shiftRun.run;
    const run = runShiftCheck(
      {
        listOrders: (x) => this.storage.listOrders(x),
        getOrder: (key) => this.storage.getOrder(key),
        acceptPull: (platform, storeId, text) => this.storage.acceptPull(platform, storeId, text),
        stores: () => this.storage.registry.list(),
        outbound: this.outbound,
        platformStoreId: (platform, storeId) => this.credentials.shopFor(platform, storeId)?.shopId ?? '',
        printing: () => printExpectation(this.printService.config.printers, this.printService.printerViews(), this.printService.config.printing.preOrders),
        jobsOfDay: async (x) => this.printService.queue.jobsOfDay(x),
        now: this.now,
        logger: this.opts.logger,
      },
      d,
    ).finally(() => {
      if (this.shiftRun?.run === run) this.shiftRun = null;
    });
    this.shiftRun = { day: d, run };
    return run;
  }
}

/** A privacy-number downgrade stays in the status bar this long after it came (the stores page keeps it). */
const PRIVACY_WARNING_MS = 24 * 60 * 60_000;

function privacyWarningSince(now: Date): string {
  return new Date(now.getTime() - PRIVACY_WARNING_MS).toISOString();
}

function refundOpen(o: Order): string | null {
  return o.refund?.state === 'requested' ? null : '没有待处理的退款申请';
}
