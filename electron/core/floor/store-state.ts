/**
 * 营业状态: each bound store's state on each platform (open / resting / offline), kept current
 * from the platforms' pushes (the receiver) and from asking them — once at start, whenever a
 * store becomes bound, every few minutes, and on demand — and switched from the app (营业 /
 * 休息). An asked state is kept like a pushed one (store-notices.json), its detail saying it
 * was asked. docs/shop-floor.md, "营业状态 and 忙碌".
 */
import type { Logger } from 'pino';
import type { Platform } from '../../../shared/order.js';
import { platformsOfKind, type TakeawayPlatform } from '../../../shared/platforms.js';
import type { Store, StoreState } from '../../../shared/store.js';
import { DeskActionError } from '../api-schemas.js';
import type { ActionFailure, PlatformShopControl } from '../platforms/types.js';

/** What the module needs from the desk: stores as the screens see them, the platforms' calls, the store. */
export interface StoreStatesDeps {
  /** Every store with its bindings (and the state kept for each). */
  stores(): Store[];
  shop(platform: Platform): PlatformShopControl | undefined;
  tokenFor(platform: Platform, storeId: string): Promise<string | undefined>;
  describe(platform: Platform, err: unknown): ActionFailure;
  platformWords(platform: Platform): string;
  /** Keep an asked state like a pushed one; false when nothing changed. */
  record(platform: Platform, storeId: string, asked: { state: StoreState; code: number | null; detail: string }): Promise<boolean>;
  /** A pass's errors changed (the status bar shows them among the problems). */
  onProblems(): void;
  logger: Logger;
  /** Between periodic passes (default 3 minutes); 0: never by itself, only when asked (`refresh`). */
  intervalMs?: number;
}

/** How the asked detail ends, so staff can tell an answer from a push. */
export const ASKED = '本机查询';

export const DEFAULT_STORE_STATE_INTERVAL_MS = 3 * 60_000;

export class StoreStates {
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<void> | null = null;
  /** A pass was asked for while one ran: one more follows it. */
  private again = false;
  private stopped = false;
  /** `intervalMs` 0: only `refresh` asks. */
  private manualOnly = false;
  /** The last pass's failures, by `platform:storeId`, in staff's words. */
  private readonly errors = new Map<string, string>();

  constructor(private readonly deps: StoreStatesDeps) {}

  /** Ask now (in the background), then every interval until stop. */
  start(): void {
    if (this.deps.intervalMs === 0) {
      this.manualOnly = true;
      return;
    }
    this.refreshSoon();
    this.timer = setInterval(() => this.refreshSoon(), this.deps.intervalMs ?? DEFAULT_STORE_STATE_INTERVAL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.again = false;
    await this.pass;
  }

  /** Problems for the status bar: stores whose state could not be asked in the last pass. */
  get problems(): string[] {
    return [...this.errors.values()];
  }

  /** A pass in the background (coalesced with one under way). Never rejects. */
  refreshSoon(): void {
    if (this.manualOnly) return;
    void this.refresh();
  }

  /** Ask every platform for every bound store's state; resolves when the pass (and any asked for meanwhile) is done. */
  refresh(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.pass) {
      this.again = true;
      return this.pass;
    }
    const run = (async () => {
      do {
        this.again = false;
        await this.askAll();
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.pass = null;
    });
    this.pass = run;
    return run;
  }

  private async askAll(): Promise<void> {
    const before = JSON.stringify([...this.errors]);
    for (const store of this.deps.stores()) {
      for (const platform of platformsOfKind('takeaway')) {
        if (this.stopped) return;
        if (!store.bindings[platform].bound || !this.deps.shop(platform)) {
          this.errors.delete(`${platform}:${store.id}`);
          continue;
        }
        await this.ask(platform, store).catch(() => undefined);
      }
    }
    if (JSON.stringify([...this.errors]) !== before) this.deps.onProblems();
  }

  /** One store on one platform: asked and kept. Throws DeskActionError in staff's words. */
  async ask(platform: TakeawayPlatform, store: Store): Promise<StoreState> {
    const key = `${platform}:${store.id}`;
    const shop = this.deps.shop(platform);
    const words = this.deps.platformWords(platform);
    try {
      if (!shop) throw new DeskActionError(`${words}不支持在这里查看营业状态`);
      let token: string | undefined;
      try {
        token = await this.deps.tokenFor(platform, store.id);
      } catch (err) {
        throw new DeskActionError(this.deps.describe(platform, err).message);
      }
      if (!token) throw new DeskActionError(`「${store.name}」还没有绑定${words}：请先在「门店」页绑定`);
      let answer: Awaited<ReturnType<PlatformShopControl['state']>>;
      try {
        answer = await shop.state(token, { storeId: store.id, platformStoreId: store.bindings[platform].platformStoreId });
      } catch (err) {
        const f = this.deps.describe(platform, err);
        throw new DeskActionError(f.message, f.retriable, 502);
      }
      if (this.stopped) return answer.state;
      await this.deps.record(platform, store.id, { state: answer.state, code: answer.code, detail: `${answer.detail} · ${ASKED}` });
      this.errors.delete(key);
      return answer.state;
    } catch (err) {
      const message = err instanceof DeskActionError ? err.message : (err as Error).message;
      this.errors.set(key, `没能查询「${store.name}」在${words}的营业状态：${message}`);
      this.deps.logger.warn({ platform, storeId: store.id, err: message }, 'store state query failed');
      throw err;
    }
  }

  /**
   * 营业 (open) or 休息 (rest) on the platform, then the state asked again and kept. When asking
   * fails after the platform accepted the switch, the switch itself is kept (its push follows).
   * Throws DeskActionError in staff's words when the platform refuses.
   */
  async setOpen(platform: TakeawayPlatform, store: Store, open: boolean): Promise<void> {
    const shop = this.deps.shop(platform);
    const words = this.deps.platformWords(platform);
    if (!shop) throw new DeskActionError(`${words}不支持在这里营业或休息，请在${words}商家后台操作`);
    if (!store.bindings[platform].bound) throw new DeskActionError(`「${store.name}」还没有绑定${words}：请先在「门店」页绑定`);
    let token: string | undefined;
    try {
      token = await this.deps.tokenFor(platform, store.id);
    } catch (err) {
      // An authorization that needs renewing (or cannot renew now) says so in its own words.
      const f = this.deps.describe(platform, err);
      throw new DeskActionError(`没能让「${store.name}」在${words}${open ? '营业' : '休息'}：${f.message}`, f.retriable, 502);
    }
    if (!token) throw new DeskActionError(`「${store.name}」在${words}的授权不可用：请在「门店」页重新绑定或授权`);
    const ref = { storeId: store.id, platformStoreId: store.bindings[platform].platformStoreId };
    try {
      await shop.setOpen(token, ref, open);
    } catch (err) {
      const f = this.deps.describe(platform, err);
      this.deps.logger.warn({ platform, storeId: store.id, open, err: f.message }, 'open/rest refused');
      throw new DeskActionError(`没能让「${store.name}」在${words}${open ? '营业' : '休息'}：${f.message}`, f.retriable, 502);
    }
    this.deps.logger.info({ platform, storeId: store.id, open }, open ? 'store opened from the desk' : 'store rested from the desk');
    try {
      await this.ask(platform, store);
    } catch {
      await this.deps.record(platform, store.id, { state: open ? 'open' : 'resting', code: null, detail: `${open ? '已在本机设为营业' : '已在本机设为休息'}（平台已接受）` });
    }
  }
}
