/**
 * The credential vault: every platform authorization the shop has given us, with its tokens.
 *
 * One authorization (an account on a platform) covers one or more of the platform's shops, and
 * each shop may be mapped to one of our stores. An authorization holds an access token, maybe
 * a refresh token, and when the access token expires. A per-store token handed over by a
 * binding page fits as an authorization of one shop with no refresh token and no expiry; an
 * OAuth account fits as one authorization of several shops whose token is refreshed ahead of expiry.
 *
 * - Durable: one file (`credentials.json`), written whole through the durable adapter (temp
 *   file, fsync, rename, fsync the folder) before any change is relied on; owner-only mode.
 * - Sealed: tokens are kept only as `SecretBox` output; they never appear in a view, an error
 *   message or a log line.
 * - `tokenFor(platform, storeId)` refreshes ahead of expiry, one refresh per authorization at a
 *   time (every caller waiting on it shares the result). A refresh token that rotated is on disk
 *   before the new access token is handed out; when that write fails the new tokens are dropped
 *   and the old refresh token (still accepted for a grace period by the platforms that rotate)
 *   is what the next attempt uses.
 * - A refresh the platform refuses outright leaves the authorization in `needs-reauth`: its
 *   stores show 需要重新授权 until someone authorizes again. A refresh that fails for a passing
 *   reason (network, server busy) keeps the current token while it is still valid.
 */
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuthorizationView, CredentialState, StoreCredential } from '../../../shared/authorizations.js';
import type { SecretBox } from './bindings.js';
import type { StoreFs } from './disk.js';
import { DurableJsonFile } from './durable-file.js';

export type { AuthorizationView, CredentialState, StoreCredential } from '../../../shared/authorizations.js';

/** What a platform hands over when it grants (or refreshes) access. Secret. */
export interface TokenGrant {
  accessToken: string;
  /** Absent when the platform gives none (a store token that lives until unbinding). */
  refreshToken?: string;
  /** Seconds the access token lives; absent or null: until revoked. */
  expiresInSeconds?: number | null;
}

/** One of the platform's shops an authorization covers. */
export interface ShopGrant {
  shopId: string;
  name: string;
}

/** Refresh an authorization's tokens with its refresh token. */
export type Refresher = (refreshToken: string, account: { platform: string; accountId: string }) => Promise<TokenGrant>;

/**
 * Why `tokenFor` gave no token:
 * - `unbound`: no authorization covers the store on that platform;
 * - `needs-reauth`: the platform refused to renew it; the shop must authorize again;
 * - `refresh-failed`: the token has expired and renewing it failed for a passing reason;
 * - `no-keychain`: this PC cannot protect secrets, so none are kept.
 */
export type CredentialErrorKind = 'unbound' | 'needs-reauth' | 'refresh-failed' | 'no-keychain';

export class CredentialError extends Error {
  override readonly name = 'CredentialError';
  constructor(
    readonly kind: CredentialErrorKind,
    message: string,
    readonly retriable: boolean,
  ) {
    super(message);
  }
}

export interface VaultLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface CredentialVaultOptions {
  /** Per platform: how to renew with a refresh token. A platform without one never refreshes. */
  refreshers?: Record<string, Refresher>;
  /**
   * Renew this long before expiry at most (default 30 minutes); never earlier than two thirds
   * into the token's life, so a short-lived token is not renewed on every call.
   */
  refreshAheadMs?: number;
  now?: () => number;
  logger?: VaultLogger;
  /** Called after a change that alters how these stores stand (the desk announces them). */
  onChange?: (platform: string, storeIds: string[]) => void;
  /** The file system (tests make writes fail). */
  fs?: StoreFs;
}

interface StoredShop {
  shopId: string;
  name: string;
  storeId: string | null;
}

interface StoredAuthorization {
  platform: string;
  accountId: string;
  accountName: string;
  sealedAccess: string;
  /** '' when the platform gave no refresh token. */
  sealedRefresh: string;
  obtainedAt: number;
  expiresAt: number | null;
  state: CredentialState;
  problem: string | null;
  shops: StoredShop[];
}

interface VaultFile {
  v: 1;
  authorizations: StoredAuthorization[];
}

const DEFAULT_AHEAD_MS = 30 * 60 * 1000;
/** A failed renewal is not tried again for this long while the current token still works. */
const RETRY_QUIET_MS = 30 * 1000;

export const NEEDS_REAUTH_WORDS = '需要重新授权';

function looksLikeVault(value: unknown): boolean {
  const v = value as Partial<VaultFile> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.v === 1 &&
    Array.isArray(v.authorizations) &&
    v.authorizations.every(
      (a) =>
        typeof a?.platform === 'string' &&
        typeof a.accountId === 'string' &&
        typeof a.sealedAccess === 'string' &&
        typeof a.sealedRefresh === 'string' &&
        typeof a.obtainedAt === 'number' &&
        (a.expiresAt === null || typeof a.expiresAt === 'number') &&
        (a.state === 'ok' || a.state === 'needs-reauth') &&
        Array.isArray(a.shops) &&
        a.shops.every((s) => typeof s?.shopId === 'string' && (s.storeId === null || typeof s.storeId === 'string')),
    )
  );
}

/** True when the error says the platform refused the refresh for good (not a passing failure). */
function isDefinitive(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { definitive?: unknown }).definitive === true;
}

export class CredentialVault {
  private data: VaultFile = { v: 1, authorizations: [] };
  private readonly file: DurableJsonFile<VaultFile>;
  private readonly path: string;
  private readonly now: () => number;
  private readonly inflight = new Map<string, Promise<string>>();
  /** After a passing refresh failure: no new attempt before this time while the token still works. */
  private readonly quietUntil = new Map<string, number>();
  /** Problems met at open (a damaged file), in words for the status bar. */
  readonly problems: string[] = [];

  constructor(
    dataDir: string,
    private readonly box: SecretBox,
    private readonly opts: CredentialVaultOptions = {},
  ) {
    this.path = join(dataDir, 'credentials.json');
    this.now = opts.now ?? Date.now;
    this.file = new DurableJsonFile<VaultFile>(this.path, {
      validate: looksLikeVault,
      ...(opts.fs ? { fs: opts.fs } : {}),
      onCorrupt: (err) =>
        this.problems.push(`平台授权文件损坏，已移到 ${err.movedTo}；请在「门店」页重新授权 (credentials file unreadable, moved aside)`),
    });
  }

  async open(): Promise<void> {
    const data = await this.file.read();
    if (data) this.data = data;
  }

  /** Give a platform its refresher after the vault is built (its client may need the vault's clock). */
  setRefresher(platform: string, refresher: Refresher): void {
    this.opts.refreshers = { ...this.opts.refreshers, [platform]: refresher };
  }

  // ── granting and mapping ─────────────────────────────────────────────────────────────────

  /**
   * Keep a new (or renewed) authorization: its tokens and its shops. A shop already mapped to a
   * store keeps its store; `storeFor` may map the others (e.g. the store the binding window was
   * opened for, or the shop's own code equal to a store id). Shops no longer listed are dropped.
   * Durable when it resolves. Returns the stores it covers.
   */
  async saveAuthorization(
    platform: string,
    account: { accountId: string; accountName?: string },
    grant: TokenGrant,
    shops: readonly ShopGrant[],
    storeFor?: (shop: ShopGrant) => string | null | undefined,
  ): Promise<string[]> {
    this.mustProtect();
    const undo = structuredClone(this.data);
    const before = this.find(platform, account.accountId);
    const known = new Map((before?.shops ?? []).map((s) => [s.shopId, s.storeId]));
    const now = this.now();
    const next: StoredAuthorization = {
      platform,
      accountId: account.accountId,
      accountName: account.accountName ?? before?.accountName ?? '',
      sealedAccess: this.box.seal(grant.accessToken),
      sealedRefresh: grant.refreshToken ? this.box.seal(grant.refreshToken) : '',
      obtainedAt: now,
      expiresAt: expiryOf(grant, now),
      state: 'ok',
      problem: null,
      shops: shops.map((s) => ({ shopId: s.shopId, name: s.name, storeId: known.get(s.shopId) ?? storeFor?.(s) ?? null })),
    };
    const claimed = new Set(next.shops.map((s) => s.storeId).filter((id): id is string => id !== null));
    const touched = new Set<string>(claimed);
    for (const s of before?.shops ?? []) if (s.storeId) touched.add(s.storeId);
    // A store is served by one shop per platform: a newer mapping takes it from any other.
    for (const other of this.data.authorizations) {
      if (other.platform !== platform || other.accountId === account.accountId) continue;
      for (const s of other.shops) if (s.storeId !== null && claimed.has(s.storeId)) s.storeId = null;
    }
    this.data.authorizations = [...this.data.authorizations.filter((a) => !(a.platform === platform && a.accountId === account.accountId)), next];
    await this.commit(undo);
    this.opts.logger?.info({ platform, accountId: account.accountId, shops: next.shops.length }, 'authorization saved');
    this.changed(platform, [...touched]);
    return [...claimed];
  }

  /** Map a platform shop to one of our stores (null: unmap). False when no authorization has the shop. */
  async mapShop(platform: string, shopId: string, storeId: string | null): Promise<boolean> {
    const hit = this.findShop(platform, shopId);
    if (!hit) return false;
    const undo = structuredClone(this.data);
    const touched = new Set<string>();
    if (hit.shop.storeId) touched.add(hit.shop.storeId);
    if (storeId !== null) {
      touched.add(storeId);
      for (const a of this.data.authorizations)
        if (a.platform === platform) for (const s of a.shops) if (s.storeId === storeId) s.storeId = null;
    }
    hit.shop.storeId = storeId;
    await this.commit(undo);
    this.changed(platform, [...touched]);
    return true;
  }

  /** Unmap the store from whatever shop serves it; the authorization itself stays. */
  async unbindStore(platform: string, storeId: string): Promise<boolean> {
    const hit = this.findStore(platform, storeId);
    if (!hit) return false;
    const undo = structuredClone(this.data);
    hit.shop.storeId = null;
    await this.commit(undo);
    this.changed(platform, [storeId]);
    return true;
  }

  /** Forget an authorization and its tokens (unbinding, or the platform says it is gone). */
  async removeAuthorization(platform: string, accountId: string): Promise<string[]> {
    const a = this.find(platform, accountId);
    if (!a) return [];
    const undo = structuredClone(this.data);
    this.data.authorizations = this.data.authorizations.filter((x) => x !== a);
    await this.commit(undo);
    const stores = storesOf(a);
    this.opts.logger?.info({ platform, accountId }, 'authorization removed');
    this.changed(platform, stores);
    return stores;
  }

  /**
   * The platform says the shop withdrew its authorization: the shop leaves its authorization
   * (and the authorization goes when it has no shop left). Returns the store it served, if any.
   */
  async revokeShop(platform: string, shopId: string): Promise<string | null> {
    const hit = this.findShop(platform, shopId);
    if (!hit) return null;
    const undo = structuredClone(this.data);
    hit.auth.shops = hit.auth.shops.filter((s) => s !== hit.shop);
    if (hit.auth.shops.length === 0) this.data.authorizations = this.data.authorizations.filter((a) => a !== hit.auth);
    await this.commit(undo);
    this.opts.logger?.info({ platform, accountId: hit.auth.accountId, shopId }, 'shop authorization revoked');
    if (hit.shop.storeId) this.changed(platform, [hit.shop.storeId]);
    return hit.shop.storeId;
  }

  // ── tokens ───────────────────────────────────────────────────────────────────────────────

  /** The access token for the store's shop, renewed first when it is due. Main side only. */
  async tokenFor(platform: string, storeId: string): Promise<string> {
    const hit = this.findStore(platform, storeId);
    if (!hit) throw new CredentialError('unbound', '门店未绑定该平台：请先在「门店」页绑定', false);
    return this.tokenOf(hit.auth);
  }

  /** The access token of an authorization (by account), renewed when due. */
  async tokenForAccount(platform: string, accountId: string): Promise<string> {
    const auth = this.find(platform, accountId);
    if (!auth) throw new CredentialError('unbound', '没有这个平台账号的授权：请先在「门店」页绑定', false);
    return this.tokenOf(auth);
  }

  /**
   * The platform refused this token (e.g. answered "unauthorized"): when it is still the one we
   * hold, the next `tokenFor` renews it first; an authorization that cannot renew needs
   * re-authorizing.
   */
  async tokenRejected(platform: string, storeId: string, token: string): Promise<void> {
    const hit = this.findStore(platform, storeId);
    if (hit) await this.reject(hit.auth, token);
  }

  /**
   * Like `tokenRejected`, for a caller that holds only the token (an order action): whichever
   * authorization of the platform holds it as its access token.
   */
  async rejectToken(platform: string, token: string): Promise<void> {
    const auth = this.data.authorizations.find((a) => a.platform === platform && this.open_(a.sealedAccess) === token);
    if (auth) await this.reject(auth, token);
  }

  /** Renew every authorization that is due (a timer may call this so idle tokens never lapse). */
  async refreshDue(): Promise<void> {
    for (const a of [...this.data.authorizations]) {
      if (a.state !== 'ok' || !this.due(a)) continue;
      await this.tokenOf(a).catch(() => undefined); // the state and the log say what happened
    }
  }

  // ── looking ──────────────────────────────────────────────────────────────────────────────

  /** Our store for a platform shop id; undefined when the shop is unknown or not mapped. */
  storeForShop(platform: string, shopId: string): string | undefined {
    return this.findShop(platform, shopId)?.shop.storeId ?? undefined;
  }

  /** True when some authorization of the platform lists the shop (mapped to a store or not). */
  knowsShop(platform: string, shopId: string): boolean {
    return this.findShop(platform, shopId) !== undefined;
  }

  /** The platform shop serving our store, with its account. */
  shopFor(platform: string, storeId: string): { shopId: string; name: string; accountId: string } | undefined {
    const hit = this.findStore(platform, storeId);
    return hit && { shopId: hit.shop.shopId, name: hit.shop.name, accountId: hit.auth.accountId };
  }

  storeCredential(platform: string, storeId: string): StoreCredential {
    const hit = this.findStore(platform, storeId);
    if (!hit) return { state: 'unbound', words: '未绑定', accountId: null, shopId: null, shopName: null, expiresAt: null };
    const { auth, shop } = hit;
    return {
      state: auth.state,
      words: auth.state === 'ok' ? '已授权' : `${NEEDS_REAUTH_WORDS}${auth.problem ? `（${auth.problem}）` : ''}`,
      accountId: auth.accountId,
      shopId: shop.shopId,
      shopName: shop.name,
      expiresAt: auth.expiresAt === null ? null : new Date(auth.expiresAt).toISOString(),
    };
  }

  list(platform?: string): AuthorizationView[] {
    return this.data.authorizations
      .filter((a) => platform === undefined || a.platform === platform)
      .map((a) => ({
        platform: a.platform,
        accountId: a.accountId,
        accountName: a.accountName,
        obtainedAt: new Date(a.obtainedAt).toISOString(),
        expiresAt: a.expiresAt === null ? null : new Date(a.expiresAt).toISOString(),
        state: a.state,
        problem: a.problem,
        shops: a.shops.map((s) => ({ shopId: s.shopId, name: s.name, storeId: s.storeId })),
      }));
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────

  private async tokenOf(auth: StoredAuthorization): Promise<string> {
    if (auth.state === 'needs-reauth') throw this.reauthError(auth);
    if (!this.due(auth)) return this.open_(auth.sealedAccess);
    const key = `${auth.platform}\u0000${auth.accountId}`;
    const stillValid = auth.expiresAt !== null && this.now() < auth.expiresAt;
    if (stillValid && this.now() < (this.quietUntil.get(key) ?? 0)) return this.open_(auth.sealedAccess);
    let flight = this.inflight.get(key);
    if (!flight) {
      flight = this.refresh(auth).finally(() => this.inflight.delete(key));
      this.inflight.set(key, flight);
    }
    return flight;
  }

  private due(auth: StoredAuthorization): boolean {
    if (auth.expiresAt === null) return false;
    const life = Math.max(0, auth.expiresAt - auth.obtainedAt);
    const ahead = Math.min(this.opts.refreshAheadMs ?? DEFAULT_AHEAD_MS, life / 3);
    return this.now() >= auth.expiresAt - ahead;
  }

  private async refresh(auth: StoredAuthorization): Promise<string> {
    const { platform, accountId } = auth;
    const refresher = this.opts.refreshers?.[platform];
    const expired = auth.expiresAt !== null && this.now() >= auth.expiresAt;
    if (!refresher || !auth.sealedRefresh) {
      if (!expired) return this.open_(auth.sealedAccess);
      await this.needsReauth(auth, '授权已过期');
      throw this.reauthError(auth);
    }
    let grant: TokenGrant;
    try {
      grant = await refresher(this.open_(auth.sealedRefresh), { platform, accountId });
    } catch (err) {
      if (isDefinitive(err)) {
        await this.needsReauth(auth, '平台拒绝续期授权');
        throw this.reauthError(auth);
      }
      this.opts.logger?.warn({ platform, accountId, expired, error: this.scrub(auth, errorText(err)) }, 'token refresh failed; will try again');
      this.quietUntil.set(`${platform}\u0000${accountId}`, this.now() + RETRY_QUIET_MS);
      if (!expired) return this.open_(auth.sealedAccess);
      throw new CredentialError('refresh-failed', '授权续期暂时失败，稍后会自动重试', true);
    }
    this.mustProtect();
    const now = this.now();
    const previous = { ...auth };
    Object.assign(auth, {
      sealedAccess: this.box.seal(grant.accessToken),
      // A platform that does not rotate may send none back: the old one stays.
      sealedRefresh: grant.refreshToken ? this.box.seal(grant.refreshToken) : auth.sealedRefresh,
      obtainedAt: now,
      expiresAt: expiryOf(grant, now),
    });
    try {
      await this.save();
    } catch (err) {
      // Not on disk: forget the new pair, so the next attempt renews with the old (saved) one.
      Object.assign(auth, previous);
      this.opts.logger?.warn({ platform, accountId, error: errorText(err) }, 'renewed token could not be saved; dropped');
      throw new CredentialError('refresh-failed', '授权续期后无法保存（磁盘问题），稍后会自动重试', true);
    }
    this.opts.logger?.info({ platform, accountId, expiresAt: auth.expiresAt && new Date(auth.expiresAt).toISOString() }, 'token refreshed');
    return grant.accessToken;
  }

  private async reject(auth: StoredAuthorization, token: string): Promise<void> {
    if (auth.state !== 'ok' || this.open_(auth.sealedAccess) !== token) return;
    if (auth.sealedRefresh && this.opts.refreshers?.[auth.platform]) {
      auth.expiresAt = this.now();
      await this.save();
      return;
    }
    await this.needsReauth(auth, '平台不再接受此授权');
  }

  private async needsReauth(auth: StoredAuthorization, problem: string): Promise<void> {
    auth.state = 'needs-reauth';
    auth.problem = problem;
    this.opts.logger?.warn({ platform: auth.platform, accountId: auth.accountId, problem }, 'authorization needs renewing by the shop');
    // The state must survive a restart, but a failed write must not hide the state from callers.
    await this.save().catch((err: unknown) =>
      this.opts.logger?.warn({ platform: auth.platform, error: errorText(err) }, 'could not save the authorization state'),
    );
    this.changed(auth.platform, storesOf(auth));
  }

  private reauthError(auth: StoredAuthorization): CredentialError {
    return new CredentialError('needs-reauth', `${NEEDS_REAUTH_WORDS}：${auth.problem ?? '授权已失效'}，请在「门店」页重新授权`, false);
  }

  private find(platform: string, accountId: string): StoredAuthorization | undefined {
    return this.data.authorizations.find((a) => a.platform === platform && a.accountId === accountId);
  }

  private findShop(platform: string, shopId: string): { auth: StoredAuthorization; shop: StoredShop } | undefined {
    for (const auth of this.data.authorizations) {
      if (auth.platform !== platform) continue;
      const shop = auth.shops.find((s) => s.shopId === shopId);
      if (shop) return { auth, shop };
    }
    return undefined;
  }

  private findStore(platform: string, storeId: string): { auth: StoredAuthorization; shop: StoredShop } | undefined {
    for (const auth of this.data.authorizations) {
      if (auth.platform !== platform) continue;
      const shop = auth.shops.find((s) => s.storeId === storeId);
      if (shop) return { auth, shop };
    }
    return undefined;
  }

  private open_(sealed: string): string {
    return this.box.open(sealed);
  }

  private mustProtect(): void {
    if (this.box.available === false)
      throw new CredentialError('no-keychain', '这台电脑无法加密保存授权（系统钥匙串不可用），因此不能保存授权', false);
  }

  /** An error text with this authorization's secrets cut out, whatever a server echoed. */
  private scrub(auth: StoredAuthorization, message: string): string {
    let out = message;
    for (const sealed of [auth.sealedAccess, auth.sealedRefresh]) {
      if (!sealed) continue;
      const secret = this.open_(sealed);
      if (secret.length >= 4) out = out.split(secret).join('***');
    }
    return out;
  }

  /** Save; when the disk refuses, the change is undone in memory too, so memory never claims more than the disk. */
  private async commit(undo: VaultFile): Promise<void> {
    try {
      await this.save();
    } catch (err) {
      this.data = undo;
      throw err;
    }
  }

  private async save(): Promise<void> {
    await this.file.write(this.data);
    await chmod(this.path, 0o600).catch(() => undefined);
  }

  private changed(platform: string, storeIds: string[]): void {
    if (storeIds.length > 0) this.opts.onChange?.(platform, storeIds);
  }
}

function expiryOf(grant: TokenGrant, now: number): number | null {
  const s = grant.expiresInSeconds;
  return typeof s === 'number' && Number.isFinite(s) && s > 0 ? now + s * 1000 : null;
}

function storesOf(a: StoredAuthorization): string[] {
  return a.shops.map((s) => s.storeId).filter((id): id is string => id !== null);
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
