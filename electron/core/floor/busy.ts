/**
 * 忙碌: the kitchen is overwhelmed. Auto-accept pauses everywhere (what it was before comes
 * back at the end) and, when the shop asks, every bound store rests on every platform; at the
 * end exactly the stores it rested open again. It ends by itself at `until` (or when switched
 * off) and survives a restart: its state is in `busy.json` in the data folder, written before
 * anything is done to a store, so a restart mid-way still knows which stores to open again.
 * Orders owed keep ringing: only accepting pauses. docs/shop-floor.md, "营业状态 and 忙碌".
 */
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Platform } from '../../../shared/order.js';
import { platformsOfKind, type TakeawayPlatform } from '../../../shared/platforms.js';
import type { BusyInput, BusyView } from '../../../shared/shop-floor.js';
import type { Store, StoreState } from '../../../shared/store.js';
import { DeskActionError } from '../api-schemas.js';
import { type CorruptFileError, DurableJsonFile } from '../storage/durable-file.js';
import type { StoreStates } from './store-state.js';

interface BusyStore {
  platform: TakeawayPlatform;
  storeId: string;
  storeName: string;
  state: StoreState | null;
  error: string;
  /** 忙碌 rested it (or was about to when the app stopped): it opens again at the end. */
  rested: boolean;
}

interface BusyRecord {
  since: string;
  until: string | null;
  restStores: boolean;
  /** Whether auto-accept was paused before: restored at the end. */
  pausedBefore: boolean;
  stores: BusyStore[];
  /** The end began (stores being opened again): a restart finishes it. */
  ending?: boolean;
}

interface BusyFile {
  v: 1;
  busy: BusyRecord | null;
}

const isFile = (v: unknown): boolean => {
  const f = v as BusyFile | null;
  if (typeof f !== 'object' || f === null || f.v !== 1) return false;
  if (f.busy === null) return true;
  const b = f.busy;
  return typeof b === 'object' && typeof b.since === 'string' && (b.until === null || typeof b.until === 'string') && Array.isArray(b.stores);
};

export interface BusyDeps {
  dataDir: string;
  now: () => Date;
  logger: Logger;
  /** Every store with its bindings and kept states. */
  stores(): Store[];
  storeStates: Pick<StoreStates, 'ask' | 'setOpen'>;
  /** The platform can open and rest stores from here. */
  canSwitch(platform: Platform): boolean;
  /** The one auto-accept switch of the desk. */
  autoAccept: { paused: boolean };
  /** Something shown changed (the status bar hears it). */
  onChange(): void;
  /** The file could not be read and was moved aside. */
  onProblem(detail: string): void;
  /** How often a running 忙碌 checks whether its time is up (default 1 s). */
  checkMs?: number;
}

export class Busy {
  private data: BusyRecord | null = null;
  private readonly file: DurableJsonFile<BusyFile>;
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private stopped = false;
  /** Stores the last 忙碌 could not open again, by `platform:storeId`: shown until opened. */
  private readonly leftResting = new Map<string, string>();
  /** busy.json could not be read at start (moved aside): said until the next 忙碌. */
  private fileProblem = '';

  constructor(private readonly deps: BusyDeps) {
    this.file = new DurableJsonFile<BusyFile>(join(deps.dataDir, 'busy.json'), {
      validate: isFile,
      onCorrupt: (err: CorruptFileError) => {
        this.fileProblem = `忙碌状态文件损坏，已移到 ${err.movedTo}；如果门店还在休息，请在「门店」页点「营业」(busy.json unreadable)`;
        deps.onProblem(this.fileProblem);
      },
    });
  }

  /** Read the file: a 忙碌 still on pauses auto-accept at once (before any order arrives). */
  async open(): Promise<void> {
    const f = await this.file.read();
    this.data = f?.busy ?? null;
    if (this.data) this.deps.autoAccept.paused = true;
  }

  /** After start-up: a 忙碌 whose time is up (or whose end was under way) ends now; one still on keeps its timer. */
  resume(): Promise<void> {
    return this.serial(async () => {
      const b = this.data;
      if (!b) return;
      if (b.ending || this.expired(b)) {
        this.deps.logger.info({ until: b.until }, '忙碌 found over at start-up: ending it');
        await this.finish('start-up');
      } else this.arm();
    });
  }

  view(): BusyView | null {
    const b = this.data;
    if (!b) return null;
    return { since: b.since, until: b.until, restStores: b.restStores, stores: b.stores.map(({ rested: _r, ...s }) => ({ ...s })) };
  }

  /** Stores a 忙碌 could not open again at its end (and a damaged busy.json), in staff's words. */
  get problems(): string[] {
    return [...(this.fileProblem ? [this.fileProblem] : []), ...this.leftResting.values()];
  }

  /** The store was opened (by staff): no longer left resting by 忙碌. */
  opened(platform: Platform, storeId: string): void {
    if (this.leftResting.delete(`${platform}:${storeId}`)) this.deps.onChange();
  }

  start(input: BusyInput): Promise<void> {
    return this.serial(async () => {
      if (this.data) throw new DeskActionError('忙碌模式已经开启：请先结束，再按新的时长开启');
      const now = this.deps.now();
      const b: BusyRecord = {
        since: now.toISOString(),
        until: input.minutes === null ? null : new Date(now.getTime() + input.minutes * 60_000).toISOString(),
        restStores: input.restStores,
        pausedBefore: this.deps.autoAccept.paused,
        stores: [],
      };
      this.leftResting.clear();
      this.fileProblem = '';
      if (input.restStores) {
        for (const store of this.deps.stores()) {
          for (const platform of platformsOfKind('takeaway')) {
            if (!store.bindings[platform].bound || !this.deps.canSwitch(platform)) continue;
            b.stores.push({ platform, storeId: store.id, storeName: store.name, state: store.bindings[platform].status?.state ?? null, error: '', rested: false });
          }
        }
      }
      this.data = b;
      this.deps.autoAccept.paused = true;
      await this.save();
      this.deps.logger.info({ until: b.until, restStores: b.restStores, stores: b.stores.length }, '忙碌 on');
      this.arm();
      this.deps.onChange();
      await Promise.all(b.stores.map((s) => this.rest(s)));
      await this.save();
      this.deps.onChange();
    });
  }

  /** Switched off by staff (nothing asked), or its time is up. */
  end(reason: 'staff' | 'timer' = 'staff'): Promise<void> {
    return this.serial(() => this.finish(reason));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.disarm();
    await this.chain;
  }

  // ---- inside ----

  private expired(b: BusyRecord): boolean {
    return b.until !== null && Date.parse(b.until) <= this.deps.now().getTime();
  }

  /** Rest one store, unless the platform says it is not open anyway. */
  private async rest(s: BusyStore): Promise<void> {
    const store = this.deps.stores().find((x) => x.id === s.storeId);
    if (!store) {
      s.error = '门店已不在设置里';
      return;
    }
    try {
      s.state = await this.deps.storeStates.ask(s.platform, store);
    } catch {
      // Cannot tell: resting it is still what the shop asked for.
    }
    if (s.state === 'resting' || s.state === 'offline') return;
    // Marked first: should the app stop during the call, the end still opens it.
    s.rested = true;
    await this.save();
    try {
      await this.deps.storeStates.setOpen(s.platform, store, false);
      s.state = this.keptState(s) ?? 'resting';
      s.error = '';
    } catch (err) {
      s.rested = false;
      s.error = (err as Error).message;
    }
    this.deps.onChange();
  }

  private async finish(reason: string): Promise<void> {
    const b = this.data;
    if (!b) return;
    this.disarm();
    b.ending = true;
    await this.save();
    await Promise.all(
      b.stores
        .filter((s) => s.rested)
        .map(async (s) => {
          const store = this.deps.stores().find((x) => x.id === s.storeId);
          const key = `${s.platform}:${s.storeId}`;
          try {
            if (!store) throw new DeskActionError('门店已不在设置里');
            await this.deps.storeStates.setOpen(s.platform, store, true);
            s.state = this.keptState(s) ?? 'open';
            s.error = '';
          } catch (err) {
            s.error = (err as Error).message;
            this.leftResting.set(key, `忙碌已结束，但「${s.storeName}」没能恢复营业（${s.error}）：请在「门店」页点「营业」`);
          }
        }),
    );
    this.deps.autoAccept.paused = b.pausedBefore;
    this.data = null;
    await this.save();
    this.deps.logger.info({ reason, reopened: b.stores.filter((s) => s.rested && !s.error).length, failed: this.leftResting.size }, '忙碌 off');
    this.deps.onChange();
  }

  private keptState(s: BusyStore): StoreState | null {
    return this.deps.stores().find((x) => x.id === s.storeId)?.bindings[s.platform].status?.state ?? null;
  }

  /** Check every second (or `checkMs`) whether the time is up; the shop's clock is `now`. */
  private arm(): void {
    this.disarm();
    const b = this.data;
    if (!b || b.until === null || this.stopped) return;
    this.timer = setInterval(() => {
      if (this.data && !this.data.ending && this.expired(this.data)) {
        this.disarm();
        void this.end('timer').catch((err: unknown) => this.deps.logger.error({ err: (err as Error).message }, '忙碌 could not end'));
      }
    }, this.deps.checkMs ?? 1000);
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private save(): Promise<void> {
    return this.file.write({ v: 1, busy: this.data });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
