/**
 * The store as the rest of the core sees it. The journal is the write-ahead log (docs/design.md,
 * storage): a callback or action is appended and fsync'ed, then applied in memory, and the
 * day files are brought up to date in the background ("fold"). At start-up the journal's tail
 * after the last fold is replayed, so an order the platform was told OK about is never lost.
 *
 * Opening takes the data folder's lock first (one process per folder). Damage found on disk is
 * repaired and reported in `problems` (the status bar), never silently and never by refusing
 * to start: the index is rebuilt from the day files, a day file from the journal, an
 * unreadable checkpoint means replaying the whole journal.
 */
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Order, OrderFlag, Platform } from '../../../shared/order.js';
import type { Binding, StoreState } from '../../../shared/store.js';
import { UNBOUND } from '../../../shared/store.js';
import { dayIn } from '../config.js';
import type { FactContext, OrderAction, Reduced } from '../orders/reduce.js';
import { applyAction, applyUpdate } from '../orders/reduce.js';
import type { OrderUpdate } from '../orders/update.js';
import { addDays } from '../../../shared/business-day.js';
import type { CallbackRoute, Effect, PlatformModule } from '../platforms/types.js';
import { DurableJsonFile } from './durable-file.js';
import { lockFolder, type FolderLock } from './folder-lock.js';
import { Journal } from './journal.js';
import { OrderBook } from './order-book.js';
import type { SecretBox, StoreDef } from './bindings.js';
import { StoreRegistry } from './bindings.js';
import { StoreNotices } from './store-notices.js';
import { RejectLog, type RejectCounts, type RejectLogOptions } from './reject-log.js';
import type { CredentialVault } from './credentials.js';
import { pulledReminderUpdate, reminderPullFingerprint, type ReminderPullRecord } from '../floor/reminder-pull.js';

/** One line of the journal for a callback, accepted or not: the audit trail (docs/design.md, storage). */
export interface CallbackRecord {
  type: 'callback';
  route: string;
  platform: Platform | 'unknown';
  verdict: 'accepted' | 'rejected' | 'check';
  /** Why it was rejected, in words a person can act on. */
  reason?: string;
  /** HTTP status answered. */
  http: number;
  /** Decoded fields with secrets redacted; absent when the body could not be decoded. */
  fields?: Record<string, string>;
  /** The first bytes of an undecodable body, for tracing. */
  excerpt?: string;
  /** Flags decided at receipt (unknown or unbound store). */
  flags?: OrderFlag[];
  /** A summary entry (reject-log.ts): how many like this that day were counted, not kept one by one. */
  count?: number;
  /**
   * The platform's own shop ids of the push and the store each was mapped to at receipt (the
   * credential vault's shop mapping): replay maps the same, whatever the vault says later.
   */
  stores?: Record<string, string>;
}

export interface ActionRecord {
  type: 'action';
  key: string;
  source: string;
  action: OrderAction;
}

/**
 * An order fetched by pull recovery (recovery.ts): the platform's order JSON text as received,
 * journaled before it is applied, and re-interpreted the same way when replayed.
 */
export interface PullRecord {
  type: 'pull';
  platform: Platform;
  /** The store whose token the order was fetched with. */
  storeId: string;
  orderJson: string;
  /** Flags decided when it was pulled (unknown or unbound store), as for pushes. */
  flags?: OrderFlag[];
  /** The platform shop → store mapping resolved when it was pulled, as for pushes. */
  stores?: Record<string, string>;
}

export type JournalRecord = (CallbackRecord | ActionRecord | PullRecord | ReminderPullRecord) & { seq?: number; at?: string };

export interface OrderChange {
  order: Order;
  created: boolean;
  previousStatus: Order['status'] | null;
  /** A partial record (a push without the dishes) was filled in by this change. */
  filledIn?: boolean;
}

export type FetchEffect = Extract<Effect, { kind: 'fetch' }>;

export interface DeskStorageEvents {
  order: [OrderChange];
  'binding-changed': [{ platform: Platform; storeId: string; bound: boolean }];
  /** A platform said something about a store (status, privacy downgrade …); storeId '' = all its stores. */
  'store-notice': [{ platform: Platform; storeId: string; type: string }];
  /** Something went wrong in the background (fold failed, replay skipped an entry). */
  problem: [{ what: string; detail: string }];
  /** A live push asks for orders to be fetched in full (never at replay). */
  fetch: [FetchEffect];
  /**
   * A live push says shops withdrew their authorization (platform shop ids) or stores were
   * unbound without anyone here asking (our store ids): to be confirmed with the platform.
   */
  'revoke-request': [{ platform: Platform; platformStoreIds: string[]; storeIds: string[] }];
}

/** What the store reads of the credential vault. */
export type ShopMapping = Pick<CredentialVault, 'storeForShop' | 'storeCredential' | 'list'>;

export interface DeskStorageOptions {
  dataDir: string;
  timeZone: string;
  stores: readonly StoreDef[];
  /**
   * The platforms whose callbacks and pulled orders the journal holds: their routes interpret
   * them again at replay, their dedupe keys say which pushes are the same.
   */
  platforms: readonly PlatformModule[];
  secretBox: SecretBox;
  /**
   * The credential vault: a push naming the platform's own shop id goes to the store that shop
   * is mapped to, and a store the vault holds an authorization for shows bound.
   */
  credentials?: ShopMapping;
  /** Fold after this long without changes (ms, default 1000)… */
  foldDelayMs?: number;
  /** …or at the latest this long after the first unfolded change (ms, default 10000). */
  foldMaxDelayMs?: number;
  now?: () => Date;
  /** Limits of the refused-request audit (tests use small ones; reject-log.ts has the defaults). */
  rejectLog?: Partial<Pick<RejectLogOptions, 'flushMs' | 'maxEntriesPerDay' | 'maxBytesPerDay' | 'summaryEveryMs'>>;
}

interface Checkpoint {
  v: 1;
  seq: number;
  day: string;
}

export interface OpenReport {
  replayed: number;
  problems: string[];
}

export class DeskStorage extends EventEmitter<DeskStorageEvents> {
  readonly registry: StoreRegistry;
  /** What the platforms said about stores (status, privacy downgrade, other notices). */
  readonly notices: StoreNotices;
  private readonly book: OrderBook;
  private readonly journal: Journal;
  private readonly checkpointFile: DurableJsonFile<Checkpoint>;
  private readonly routes: Map<string, CallbackRoute>;
  private readonly modules: Map<Platform, PlatformModule>;
  private readonly now: () => Date;
  private chain: Promise<unknown> = Promise.resolve();
  private appliedSeq = 0;
  private appliedDay = '';
  private foldTimer: NodeJS.Timeout | null = null;
  /** When the oldest change not yet folded was applied (0 = none). */
  private unfoldedSince = 0;
  private folding: Promise<void> | null = null;
  private closed = false;
  private readonly corruptDays = new Set<string>();
  /** Journal lines already reported as unreadable (file:offset), so each is said once. */
  private readonly badLines = new Set<string>();
  private lock: FolderLock | null = null;
  /** Start-up is over: damage found from now on is repaired on the spot. */
  private opened = false;
  private readonly rejects: RejectLog;
  /** Everything that went wrong that staff should know about, oldest first (shown in the status bar). */
  readonly problems: string[] = [];

  constructor(private readonly opts: DeskStorageOptions) {
    super();
    this.now = opts.now ?? (() => new Date());
    this.routes = new Map(opts.platforms.flatMap((p) => p.routes).map((r) => [r.path, r]));
    this.modules = new Map(opts.platforms.map((p) => [p.name, p]));
    this.registry = new StoreRegistry(opts.dataDir, opts.stores, opts.secretBox);
    const vault = opts.credentials;
    if (vault) this.registry.overlay((platform, storeId) => authorizedBinding(vault, platform, storeId));
    this.notices = new StoreNotices(opts.dataDir, (detail) => this.report('stores', detail));
    this.book = new OrderBook(opts.dataDir, (day, movedTo) => {
      this.report('orders', `${day} 的订单文件损坏，已移到 ${movedTo}，正在从日志重建 (day file unreadable, rebuilding from the journal)`);
      this.corruptDays.add(day);
    });
    this.journal = new Journal({
      dir: join(opts.dataDir, 'journal'),
      timeZone: opts.timeZone,
      now: this.now,
      onBadLine: ({ file, offset }) => {
        if (this.badLines.has(`${file}:${offset}`)) return;
        this.badLines.add(`${file}:${offset}`);
        this.report(
          'journal',
          `日志 ${file} 第 ${offset} 字节处有一行无法读取，其中的订单可能缺失，请在平台后台核对当天订单 (an unreadable journal line at byte ${offset} of ${file}: an order may be missing, check that day's orders on the platform)`,
        );
      },
    });
    this.checkpointFile = new DurableJsonFile<Checkpoint>(join(opts.dataDir, 'checkpoint.json'), {
      validate: (v) => typeof v === 'object' && v !== null && Number.isSafeInteger((v as Checkpoint).seq) && typeof (v as Checkpoint).day === 'string',
      onCorrupt: (err) =>
        this.report('checkpoint', `checkpoint.json 损坏，已移到 ${err.movedTo}，已重放全部日志，无需处理 (checkpoint unreadable: moved aside, the whole journal replayed; nothing to do)`),
    });
    let reportedAuditFailure = false;
    this.rejects = new RejectLog({
      ...opts.rejectLog,
      write: async (records) => {
        await Promise.all(records.map((r) => this.append(r)));
      },
      dayOf: (at) => this.dayOf(at),
      now: this.now,
      onError: (err) => {
        if (!reportedAuditFailure) this.report('audit', `refused requests could not be journaled: ${(err as Error).message}`);
        reportedAuditFailure = true;
      },
    });
  }

  dayOf(iso: string | Date): string {
    return dayIn(this.opts.timeZone, iso);
  }

  today(): string {
    return this.dayOf(this.now());
  }

  /**
   * Take the data folder (FolderLockedError when another process has it: nothing touched),
   * load everything and replay the journal's tail. Throws CorruptFileError for a file it
   * cannot read and must not guess about (the bindings).
   */
  async open(): Promise<OpenReport> {
    await mkdir(this.opts.dataDir, { recursive: true });
    this.lock = await lockFolder(this.opts.dataDir);
    try {
      return await this.openLocked();
    } catch (err) {
      await this.lock.release();
      this.lock = null;
      throw err;
    }
  }

  private async openLocked(): Promise<OpenReport> {
    const problems: string[] = [];
    await this.registry.open();
    const { indexRebuilt, indexed } = await this.book.open();
    if (indexRebuilt) {
      this.report('orders', `订单索引丢失或损坏，已从每日订单文件重建（${indexed} 单），无需处理 (order index ${indexRebuilt}: rebuilt from the day files, ${indexed} orders; nothing to do)`);
    }
    const report = await this.journal.open();
    for (const torn of report.repaired) problems.push(`journal: cut an unfinished last line (never acknowledged): ${JSON.stringify(torn)}`);
    const cp = await this.checkpointFile.read();
    let replayed = 0;
    const startDay = cp ? previousDay(cp.day) : null;
    for await (const { entry } of this.journal.readFrom(startDay ? { file: `${startDay}.jsonl`, offset: 0 } : null)) {
      const rec = entry as unknown as JournalRecord & { seq: number; at: string };
      if (cp && rec.seq <= cp.seq) continue;
      try {
        await this.applyRecord(rec, false);
        replayed++;
      } catch (err) {
        problems.push(`journal entry ${rec.seq} not replayed: ${(err as Error).message}`);
      }
      this.appliedSeq = rec.seq;
      this.appliedDay = this.dayOf(rec.at);
    }
    // Everything up to the checkpoint is in the day files: applied, as far as a rebuild is concerned.
    if (cp && cp.seq > this.appliedSeq) {
      this.appliedSeq = cp.seq;
      this.appliedDay = cp.day;
    }
    await this.listOrders(this.today());
    await this.rebuildCorruptDays();
    if (replayed > 0 || this.book.dirty) await this.fold();
    for (const p of [...problems, ...this.registry.problems]) this.report('open', p);
    this.opened = true;
    return { replayed, problems: [...this.problems] };
  }

  /**
   * A day file was unreadable: re-apply, in order, every journal entry from the day before it
   * to today that touches an order filed on that day or not filed yet (a push for that day may
   * come weeks later: a refund, a Union settlement). Fingerprints make re-applying safe.
   */
  private async rebuildCorruptDays(): Promise<void> {
    for (const day of [...this.corruptDays]) {
      this.corruptDays.delete(day);
      const from = previousDay(day);
      let n = 0;
      for (const d of await this.journal.days()) {
        if (d < from) continue;
        for await (const { entry } of this.journal.readDay(d)) {
          const rec = entry as unknown as JournalRecord & { seq: number; at: string };
          // Not applied yet: the entry being applied now, which is then applied (and shown) live.
          if (rec.seq > this.appliedSeq) continue;
          try {
            if (!this.recordKeys(rec).some((k) => (this.book.dayOfKey(k) ?? day) === day)) continue;
            await this.applyRecord(rec, false);
            n++;
          } catch {
            // Reported at replay time already; a rebuild does what it can.
          }
        }
      }
      this.report('orders', `${day} 的订单已从日志重建（${n} 条记录），请核对当天订单 (day rebuilt from ${n} journal entries: check that day's orders)`);
    }
  }

  /** The order keys a journal entry touches (none for audit-only entries). */
  private recordKeys(rec: JournalRecord): string[] {
    if (rec.type === 'action') return [rec.key];
    if (rec.type === 'reminder-pull') return [`${rec.platform}:${rec.orderId}`];
    if (rec.type === 'pull') {
      const u = this.interpretPull(rec.platform, rec.orderJson);
      return [`${u.platform}:${u.orderId}`];
    }
    if (rec.verdict !== 'accepted' || !rec.fields) return [];
    const route = this.routes.get(rec.route);
    if (!route) return [];
    const keys: string[] = [];
    for (const e of route.interpret(rec.fields) as unknown as Record<string, unknown>[]) {
      const u = (e['update'] ?? e) as Record<string, unknown>;
      if (typeof u['key'] === 'string') keys.push(u['key']);
      else if (typeof u['platform'] === 'string' && typeof u['orderId'] === 'string') keys.push(`${u['platform']}:${u['orderId']}`);
    }
    return keys;
  }

  private report(what: string, detail: string): void {
    this.problems.push(`${what}: ${detail}`);
    this.emit('problem', { what, detail });
  }

  /**
   * Note a rejected callback or a console check: audit only, nothing else changes. Compact,
   * batched and capped per day (reject-log.ts); resolves at once with whether it is kept as its
   * own entry (false: over today's cap, only counted).
   */
  async audit(record: CallbackRecord): Promise<boolean> {
    return this.rejects.record(record);
  }

  /** After `open`: take up today's refusal tally from the journal (the cap is per day, not per run). */
  async restoreRejectCounts(): Promise<void> {
    const today: CallbackRecord[] = [];
    for await (const { entry } of this.journal.readDay(this.today())) {
      const rec = entry as unknown as JournalRecord;
      if (rec.type === 'callback' && rec.verdict !== 'accepted') today.push(rec);
    }
    this.rejects.seed(today);
  }

  /** Refused requests today, for the status bar. */
  rejectCounts(): RejectCounts {
    return this.rejects.counts();
  }

  /**
   * Make an accepted callback durable, then apply it. Binding effects are written to their
   * own file first (they carry a token the journal must not hold). Resolves when the
   * platform may be told OK.
   */
  async acceptCallback(record: CallbackRecord, effects: Effect[]): Promise<OrderChange[]> {
    for (const e of effects) {
      if (e.kind === 'bind') {
        await this.registry.bind(e.platform, e.storeId, e.token, this.now().toISOString(), e);
        this.emit('binding-changed', { platform: e.platform, storeId: e.storeId, bound: true });
      } else if (e.kind === 'unbind') {
        const platformStoreIds = e.platformStoreIds ?? [];
        const unconfirmed = e.unconfirmedStoreIds ?? [];
        if (platformStoreIds.length > 0 || unconfirmed.length > 0) {
          this.emit('revoke-request', { platform: e.platform, platformStoreIds: [...platformStoreIds], storeIds: [...unconfirmed] });
        }
        for (const id of e.storeIds) {
          if (await this.registry.unbind(e.platform, id, this.now().toISOString())) {
            this.emit('binding-changed', { platform: e.platform, storeId: id, bound: false });
          }
        }
      }
    }
    const stores = this.resolveShops(effects);
    const mapped = mapEffects(effects, stores);
    const flags = this.flagsFor(mapped);
    const full = { ...record, ...(flags.length > 0 ? { flags } : {}), ...(Object.keys(stores).length > 0 ? { stores } : {}) };
    const { seq, at } = await this.append(full);
    return this.enqueue(() => this.applyEffects(full, mapped, seq, at, true));
  }

  /**
   * A store's state as the platform answered when asked (not pushed): kept like a pushed one
   * (store-notices.json, the same `store-notice` event), after whatever was applied before it.
   * False, writing nothing, when the kept state is the same.
   */
  async recordStoreState(platform: Platform, storeId: string, asked: { state: StoreState; code: number | null; detail: string }): Promise<boolean> {
    return this.enqueue(async () => {
      const kept = this.notices.withNotices(platform, storeId, UNBOUND).status;
      // The same state already kept (a push says more: who, why): kept as it is.
      if (kept && kept.state === asked.state) return false;
      const at = this.now().toISOString();
      const notice = { kind: 'notice' as const, platform, storeId, type: 'poi-status', detail: asked.detail, storeState: asked.state, code: asked.code };
      if (!(await this.notices.apply(notice, { seq: this.appliedSeq, at, fingerprint: `asked:${platform}:${storeId}:${at}` }))) return false;
      this.emit('store-notice', { platform, storeId, type: 'poi-status' });
      return true;
    });
  }

  /**
   * Unbind a store the platform confirmed unbound when asked (its token dropped with the
   * binding); false when it was not bound.
   */
  async unbindConfirmed(platform: Platform, storeId: string): Promise<boolean> {
    if (!(await this.registry.unbind(platform, storeId, this.now().toISOString()))) return false;
    this.emit('binding-changed', { platform, storeId, bound: false });
    return true;
  }

  /** Each platform shop id the effects name, and the store the vault maps it to now (mapped ones only). */
  private resolveShops(effects: Effect[]): Record<string, string> {
    const out: Record<string, string> = {};
    const vault = this.opts.credentials;
    if (!vault) return out;
    for (const e of effects) {
      const platform = e.kind === 'order' ? e.update.platform : e.kind === 'fetch' || e.kind === 'notice' ? e.platform : null;
      const shop = e.kind === 'order' ? e.update.platformStoreId : e.kind === 'fetch' || e.kind === 'notice' ? e.platformStoreId : undefined;
      if (!platform || !shop) continue;
      const storeId = vault.storeForShop(platform, shop);
      if (storeId) out[shop] = storeId;
    }
    return out;
  }

  /** Journal and apply something the app did to an order. */
  async recordAction(key: string, action: OrderAction, source: string): Promise<Order | undefined> {
    const rec: ActionRecord = { type: 'action', key, source, action };
    const { seq, at } = await this.append(rec);
    return this.enqueue(async () => {
      const change = await this.applyActionRecord(rec, seq, at, true);
      return change?.order;
    });
  }

  /**
   * Make an order fetched by pull recovery durable, then apply it like a pushed snapshot (same
   * reduce, same de-duplication by order key). Throws, journaling nothing, when the text is
   * not an order this platform can read.
   */
  async acceptPull(platform: Platform, storeId: string, orderJson: string): Promise<OrderChange[]> {
    const raw = this.interpretPull(platform, orderJson);
    const stores = this.resolveShops([{ kind: 'order', update: raw }]);
    const update = mapUpdate(raw, stores);
    const flags = this.flagsFor([{ kind: 'order', update }]);
    const rec: PullRecord = {
      type: 'pull',
      platform,
      storeId,
      orderJson,
      ...(flags.length > 0 ? { flags } : {}),
      ...(Object.keys(stores).length > 0 ? { stores } : {}),
    };
    const { seq, at } = await this.append(rec);
    return this.enqueue(() => this.applyPull(rec, update, seq, at, true));
  }

  /** Make a 催单 listed by the platform durable, then apply it like its push (floor/reminder-pull.ts). */
  async acceptReminderPull(rec: ReminderPullRecord): Promise<OrderChange[]> {
    const { seq, at } = await this.append(rec);
    return this.enqueue(() => this.applyReminderPull(rec, seq, at, true));
  }

  private async applyReminderPull(rec: ReminderPullRecord, seq: number, at: string, live: boolean): Promise<OrderChange[]> {
    const change = await this.applyUpdateToBook(pulledReminderUpdate(rec), this.context(seq, at, 'reminder-pull', reminderPullFingerprint(rec), []));
    this.markApplied(seq, at);
    if (live && change) this.emit('order', change);
    return change ? [change] : [];
  }

  private interpretPull(platform: Platform, orderJson: string): OrderUpdate {
    const interpret = this.modules.get(platform)?.interpretPulled;
    if (!interpret) throw new Error(`no pull interpreter for ${platform}`);
    return interpret(orderJson);
  }

  private async applyPull(rec: PullRecord, update: OrderUpdate, seq: number, at: string, live: boolean): Promise<OrderChange[]> {
    // The fingerprint is the text: the same answer pulled twice is one event, a changed one another.
    const fp = `pull:${createHash('sha1').update(rec.platform).update(rec.orderJson).digest('hex').slice(0, 20)}`;
    const change = await this.applyUpdateToBook(update, this.context(seq, at, 'pull', fp, rec.flags ?? []));
    this.markApplied(seq, at);
    if (live && change) this.emit('order', change);
    return change ? [change] : [];
  }

  private flagsFor(effects: Effect[]): OrderFlag[] {
    const flags: OrderFlag[] = [];
    for (const e of effects) {
      if (e.kind !== 'order') continue;
      const { platform, storeId, platformStoreId } = e.update;
      // A whole order from a platform shop no store is mapped to, and with no store code of its own.
      if (!storeId && platformStoreId && e.update.kind === 'snapshot') flags.push('unknown-store');
      if (!storeId) continue;
      if (!this.registry.has(storeId)) flags.push('unknown-store');
      else if (!this.registry.isBound(platform, storeId)) flags.push('unbound-store');
    }
    return flags;
  }

  private async append(record: CallbackRecord | ActionRecord | PullRecord | ReminderPullRecord): Promise<{ seq: number; at: string }> {
    if (this.closed) throw new Error('store is closed');
    // Refusals noted before this go in first and share its disk flush (reject-log.ts).
    if (record.type !== 'callback' || record.verdict === 'accepted') void this.rejects.flush();
    return this.journal.appendTimed(record);
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async applyRecord(rec: JournalRecord & { seq: number; at: string }, live: boolean): Promise<void> {
    if (rec.type === 'action') {
      await this.applyActionRecord(rec, rec.seq, rec.at, live);
      return;
    }
    if (rec.type === 'reminder-pull') {
      await this.applyReminderPull(rec, rec.seq, rec.at, false);
      return;
    }
    if (rec.type === 'pull') {
      await this.applyPull(rec, mapUpdate(this.interpretPull(rec.platform, rec.orderJson), rec.stores ?? {}), rec.seq, rec.at, live);
      return;
    }
    if (rec.verdict !== 'accepted' || !rec.fields) return;
    const route = this.routes.get(rec.route);
    if (!route) throw new Error(`no route ${rec.route}`);
    await this.applyEffects(rec, mapEffects(route.interpret(rec.fields), rec.stores ?? {}), rec.seq, rec.at, live);
  }

  private async applyEffects(rec: CallbackRecord, effects: Effect[], seq: number, at: string, live: boolean): Promise<OrderChange[]> {
    const changes: OrderChange[] = [];
    const base = this.fingerprintOf(rec);
    const noticed: { platform: Platform; storeId: string; type: string }[] = [];
    const fetches: FetchEffect[] = [];
    let i = 0;
    for (const e of effects) {
      if (e.kind === 'notice') {
        // On disk before the entry counts as applied: a fold cannot move the checkpoint past it.
        if (await this.notices.apply(e, { seq, at, fingerprint: base })) noticed.push({ platform: e.platform, storeId: e.storeId, type: e.type });
        continue;
      }
      if (e.kind === 'fetch') {
        fetches.push(e);
        continue;
      }
      if (e.kind !== 'order') continue;
      const ctx = this.context(seq, at, rec.route, `${base}:${i++}`, rec.flags ?? []);
      const change = await this.applyUpdateToBook(e.update, ctx);
      if (change) changes.push(change);
    }
    this.markApplied(seq, at);
    if (live) for (const c of changes) this.emit('order', c);
    if (live) for (const n of noticed) this.emit('store-notice', n);
    if (live) for (const f of fetches) this.emit('fetch', f);
    return changes;
  }

  private async applyUpdateToBook(u: OrderUpdate, ctx: FactContext): Promise<OrderChange | null> {
    const key = `${u.platform}:${u.orderId}`;
    const existing = await this.getForChange(key);
    const rules = this.modules.get(u.platform);
    const r: Reduced = applyUpdate(existing, u, rules?.deliveryMayFollow ? { ...ctx, deliveryMayFollow: rules.deliveryMayFollow } : ctx);
    if (!r.changed) return null;
    await this.book.put(r.order);
    const filledIn = existing?.flags.includes('partial') === true && !r.order.flags.includes('partial');
    return { order: r.order, created: r.created, previousStatus: r.previousStatus, ...(filledIn ? { filledIn } : {}) };
  }

  /**
   * The order as it stands before a change. When loading its day found the file unreadable
   * (after start-up), the day is rebuilt first: a push for it must merge, never start afresh.
   */
  private async getForChange(key: string): Promise<Order | undefined> {
    const existing = await this.book.get(key);
    if (!this.opened || this.corruptDays.size === 0) return existing;
    await this.rebuildCorruptDays();
    return this.book.get(key);
  }

  private async applyActionRecord(rec: ActionRecord, seq: number, at: string, live: boolean): Promise<OrderChange | null> {
    const existing = await this.getForChange(rec.key);
    let change: OrderChange | null = null;
    if (existing) {
      const r = applyAction(existing, rec.action, this.context(seq, at, rec.source, `action:${seq}`, []));
      if (r.changed) {
        await this.book.put(r.order);
        change = { order: r.order, created: false, previousStatus: r.previousStatus };
      }
    }
    this.markApplied(seq, at);
    if (live && change) this.emit('order', change);
    return change;
  }

  /** The identity of a callback: its route and what its platform says makes two pushes the same. */
  private fingerprintOf(rec: CallbackRecord): string {
    const module = this.modules.get(rec.platform as Platform);
    if (!module) throw new Error(`no platform ${rec.platform} for ${rec.route}`);
    return createHash('sha1').update(rec.route).update(module.dedupeKey(rec.fields ?? {})).digest('hex').slice(0, 20);
  }

  private context(seq: number, at: string, source: string, fingerprint: string, flags: readonly OrderFlag[]): FactContext {
    return { seq, at, source, fingerprint, flags, dayOf: (iso) => this.dayOf(iso) };
  }

  private markApplied(seq: number, at: string): void {
    if (seq > this.appliedSeq) {
      this.appliedSeq = seq;
      this.appliedDay = this.dayOf(at);
    }
    this.scheduleFold();
  }

  /**
   * Folding is compaction, not durability (the journal already holds everything), and a day
   * file's write + fsync competes with the journal's fsync for the disk. So fold when the
   * callbacks go quiet, and during a long rush at most every `foldMaxDelayMs`: the replay at
   * start-up stays a few seconds of journal, and the rush is not slowed.
   */
  private scheduleFold(): void {
    if (this.closed) return;
    const now = Date.now();
    if (this.unfoldedSince === 0) this.unfoldedSince = now;
    const quiet = this.opts.foldDelayMs ?? 1000;
    const latest = this.unfoldedSince + (this.opts.foldMaxDelayMs ?? 10_000);
    const at = Math.min(now + quiet, latest);
    if (this.foldTimer) clearTimeout(this.foldTimer);
    this.foldTimer = setTimeout(() => {
      this.foldTimer = null;
      this.unfoldedSince = 0;
      this.fold().catch((err: unknown) => this.report('fold', (err as Error).message));
    }, Math.max(0, at - now));
  }

  /** Write changed days, then move the checkpoint past everything they contain. */
  async fold(): Promise<void> {
    // One fold at a time. Wait out the one under way and any other caller that started after it
    // (a timer's fold and close() may both be waiting): returning while a later fold still writes
    // would let close() or a crash test's teardown race a day file being renamed into place.
    let waited = false;
    while (this.folding) {
      waited = true;
      await this.folding.catch(() => undefined);
    }
    if (waited && !this.book.dirty) return;
    const run = (async () => {
      const seq = this.appliedSeq;
      const day = this.appliedDay;
      await this.book.fold();
      if (seq > 0) await this.checkpointFile.write({ v: 1, seq, day });
    })();
    this.folding = run;
    try {
      await run;
    } finally {
      if (this.folding === run) this.folding = null;
    }
  }

  async getOrder(key: string): Promise<Order | undefined> {
    const order = await this.book.get(key);
    if (this.corruptDays.size === 0) return order;
    await this.enqueue(() => this.rebuildCorruptDays());
    return this.book.get(key);
  }

  async listOrders(day: string): Promise<Order[]> {
    const orders = await this.book.list(day);
    if (this.corruptDays.size > 0) {
      await this.enqueue(() => this.rebuildCorruptDays());
      return this.listOrders(day);
    }
    return orders.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  }

  /** The audit trail of a day: every callback with its verdict, and every action. */
  async readAudit(day: string): Promise<(JournalRecord & { seq: number; at: string })[]> {
    if (!this.closed) await this.rejects.flush();
    const out: (JournalRecord & { seq: number; at: string })[] = [];
    for await (const { entry } of this.journal.readDay(day)) out.push(entry as unknown as JournalRecord & { seq: number; at: string });
    return out;
  }

  get orderCount(): number {
    return this.book.size;
  }

  /** Business days held in memory now: bounded however long the desk runs. */
  get loadedDays(): number {
    return this.book.loadedDays;
  }

  /** Of those, the days whose changes are not written yet (they stay until written). */
  get unwrittenDays(): number {
    return this.book.unwrittenDays;
  }

  /**
   * Stop the way a killed process stops: no fold, no checkpoint, the lock left behind; only a
   * write already under way finishes (the kill came just after it). For tests that crash and
   * reopen a store inside one process.
   */
  async kill(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.foldTimer) clearTimeout(this.foldTimer);
    this.foldTimer = null;
    await this.chain;
    while (this.folding) await this.folding.catch(() => undefined);
    await this.journal.close();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.rejects.close();
    this.closed = true;
    if (this.foldTimer) clearTimeout(this.foldTimer);
    this.foldTimer = null;
    await this.chain;
    try {
      await this.fold();
      await this.journal.close();
    } finally {
      await this.lock?.release();
      this.lock = null;
    }
  }
}


function previousDay(day: string): string {
  return addDays(day, -1);
}

/** The update with the store its platform shop was mapped to (kept as it is when not mapped). */
function mapUpdate(u: OrderUpdate, stores: Record<string, string>): OrderUpdate {
  const storeId = u.platformStoreId ? stores[u.platformStoreId] : undefined;
  if (!storeId || storeId === u.storeId) return u;
  if (u.kind === 'snapshot') return { ...u, storeId, snapshot: { ...u.snapshot, storeId } };
  return { ...u, storeId };
}

function mapEffects(effects: Effect[], stores: Record<string, string>): Effect[] {
  return effects.flatMap((e): Effect[] => {
    // A store notice named by the platform's shop: for the store that shop serves, else none
    // (storeId '' would mean every store of the platform).
    if (e.kind === 'notice' && e.platformStoreId) {
      const storeId = stores[e.platformStoreId];
      return storeId ? [{ ...e, storeId }] : [];
    }
    if (Object.keys(stores).length === 0) return [e];
    if (e.kind === 'order') return [{ ...e, update: mapUpdate(e.update, stores) }];
    if (e.kind === 'fetch') return [{ ...e, storeId: stores[e.platformStoreId] ?? e.storeId }];
    return [e];
  });
}

/** A store the vault holds an authorization for, as its binding shows (never a token). */
function authorizedBinding(vault: ShopMapping, platform: Platform, storeId: string): Binding | undefined {
  const c = vault.storeCredential(platform, storeId);
  if (c.state === 'unbound') return undefined;
  const auth = vault.list(platform).find((a) => a.accountId === c.accountId);
  return { bound: true, boundAt: auth?.obtainedAt ?? null, unboundAt: null, platformStoreId: c.shopId ?? '', platformStoreName: c.shopName ?? '' };
}
