/**
 * Stores, their bindings to each platform, per-store settings and the platform tokens.
 * Binding changes are rare and carry a secret, so they are written straight to their own
 * durable file before the platform hears success (never through the journal, which must not
 * hold tokens). The token is sealed by a `SecretBox`: Electron's safeStorage in the app, an
 * owner-only file in headless mode (docs/design.md, Security).
 */
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import type { Platform } from '../../../shared/order.js';
import type { Binding, Store, StoreSettings } from '../../../shared/store.js';
import { DEFAULT_STORE_SETTINGS, UNBOUND } from '../../../shared/store.js';
import { platformsOfKind, type TakeawayPlatform } from '../../../shared/platforms.js';
import { DurableJsonFile } from './durable-file.js';
import { readAutoAcceptRules } from '../floor/accept-rules.js';

export interface SecretBox {
  /** What protects the secrets, said in the UI: `os-keychain`, `owner-only-file`. */
  readonly kind: string;
  /**
   * False when this machine cannot protect secrets (Electron's safeStorage unavailable, e.g. no
   * keyring on Linux): callers must then refuse to store a secret rather than write it in plain.
   * Absent means available.
   */
  readonly available?: boolean;
  seal(plain: string): string;
  open(sealed: string): string;
}

/** Headless mode: the file itself is readable by the owner only (mode 0600). */
export const ownerOnlyFileBox: SecretBox = { kind: 'owner-only-file', seal: (s) => s, open: (s) => s };

/** Stores bind one by one to the takeaway platforms. */
type BindablePlatform = TakeawayPlatform;
const BINDABLE: readonly BindablePlatform[] = platformsOfKind('takeaway');

interface StoredBinding extends Binding {
  sealedToken: string;
}

interface BindingsFile {
  v: 1;
  bindings: Record<string, Partial<Record<BindablePlatform, StoredBinding>>>;
}

interface SettingsFile {
  v: 1;
  stores: Record<string, StoreSettings>;
}

export interface StoreDef {
  id: string;
  name: string;
  autoAccept?: boolean;
  autoAcceptDelaySeconds?: number;
}

/**
 * Bindings (with their sealed tokens) and per-store settings, each in its own file
 * (docs/design.md, Storage). A file that does not parse is moved aside by the durable adapter;
 * the registry then starts from nothing for it and says so in `problems`, loudly, instead
 * of refusing to start the counter.
 */
export class StoreRegistry {
  private data: BindingsFile = { v: 1, bindings: {} };
  private settings: SettingsFile = { v: 1, stores: {} };
  private readonly file: DurableJsonFile<BindingsFile>;
  private readonly settingsFile: DurableJsonFile<SettingsFile>;
  private readonly path: string;
  private overlayOf: ((platform: Platform, storeId: string) => Binding | undefined) | null = null;
  readonly problems: string[] = [];

  constructor(
    dataDir: string,
    private readonly defs: readonly StoreDef[],
    private readonly box: SecretBox,
  ) {
    this.path = join(dataDir, 'bindings.json');
    this.file = new DurableJsonFile<BindingsFile>(this.path, {
      onCorrupt: (err) => this.problems.push(`门店绑定文件损坏，已移到 ${err.movedTo}；请重新绑定门店 (bindings file unreadable, moved aside)`),
    });
    this.settingsFile = new DurableJsonFile<SettingsFile>(join(dataDir, 'settings.json'), {
      onCorrupt: (err) => this.problems.push(`门店设置文件损坏，已移到 ${err.movedTo}；已恢复为配置文件中的设置 (settings file unreadable, moved aside)`),
    });
  }

  async open(): Promise<void> {
    const data = await this.file.read();
    if (data) this.data = data;
    const settings = await this.settingsFile.read();
    if (settings) this.settings = settings;
    // Auto-accept rules: absent in files from before them; whatever is there is read leniently.
    for (const stored of Object.values(this.settings.stores)) {
      const rules = readAutoAcceptRules(stored.autoAcceptRules);
      if (rules) stored.autoAcceptRules = rules;
      else delete stored.autoAcceptRules;
    }
    // Settings in the config file are the starting point; what staff change later wins.
    for (const def of this.defs) {
      if (!this.settings.stores[def.id]) {
        this.settings.stores[def.id] = {
          autoAccept: def.autoAccept ?? DEFAULT_STORE_SETTINGS.autoAccept,
          autoAcceptDelaySeconds: def.autoAcceptDelaySeconds ?? DEFAULT_STORE_SETTINGS.autoAcceptDelaySeconds,
        };
      }
    }
  }

  /**
   * Bindings kept elsewhere (the credential vault's authorizations): where it gives one, that
   * is the store's binding; elsewhere this file's own.
   */
  overlay(fn: (platform: Platform, storeId: string) => Binding | undefined): void {
    this.overlayOf = fn;
  }

  private async save(): Promise<void> {
    await this.file.write(this.data);
    await chmod(this.path, 0o600).catch(() => undefined);
  }

  has(storeId: string): boolean {
    return this.defs.some((d) => d.id === storeId);
  }

  list(): Store[] {
    return this.defs.map((d) => this.get(d.id)).filter((s): s is Store => s !== undefined);
  }

  get(storeId: string): Store | undefined {
    const def = this.defs.find((d) => d.id === storeId);
    if (!def) return undefined;
    const b = this.data.bindings[storeId] ?? {};
    const pub = (p: BindablePlatform): Binding => {
      const elsewhere = this.overlayOf?.(p, storeId);
      if (elsewhere) return elsewhere;
      const stored = b[p];
      if (!stored) return { ...UNBOUND };
      // Copy field by field: the sealed token must never reach a `Store`.
      return {
        bound: stored.bound,
        boundAt: stored.boundAt,
        unboundAt: stored.unboundAt,
        platformStoreId: stored.platformStoreId,
        platformStoreName: stored.platformStoreName,
      };
    };
    return {
      id: def.id,
      name: def.name,
      bindings: Object.fromEntries(BINDABLE.map((p) => [p, pub(p)])) as Store['bindings'],
      settings: { ...(this.settings.stores[storeId] ?? DEFAULT_STORE_SETTINGS) },
    };
  }

  isBound(platform: Platform, storeId: string): boolean {
    if (!isBindable(platform)) return true;
    if (this.overlayOf?.(platform, storeId)?.bound) return true;
    return this.data.bindings[storeId]?.[platform]?.bound === true;
  }

  /** The platform token of a bound store; undefined when not bound. Main side only. */
  token(platform: Platform, storeId: string): string | undefined {
    if (!isBindable(platform)) return undefined;
    const b = this.data.bindings[storeId]?.[platform];
    return b?.bound && b.sealedToken ? this.box.open(b.sealedToken) : undefined;
  }

  async bind(platform: Platform, storeId: string, token: string, at: string, extra: { platformStoreId: string; platformStoreName: string }): Promise<void> {
    if (!isBindable(platform)) throw new Error(`${platform} has no store binding`);
    const entry = (this.data.bindings[storeId] ??= {});
    entry[platform] = {
      bound: true,
      boundAt: at,
      unboundAt: entry[platform]?.unboundAt ?? null,
      platformStoreId: extra.platformStoreId,
      platformStoreName: extra.platformStoreName,
      sealedToken: this.box.seal(token),
    };
    await this.save();
  }

  async unbind(platform: Platform, storeId: string, at: string): Promise<boolean> {
    if (!isBindable(platform)) return false;
    const b = this.data.bindings[storeId]?.[platform];
    if (!b?.bound) return false;
    // The token is dropped with the binding: it is good only until unbinding (the platform folder's README, Binding).
    this.data.bindings[storeId]![platform] = { ...b, bound: false, unboundAt: at, sealedToken: '' };
    await this.save();
    return true;
  }

  async updateSettings(storeId: string, patch: Partial<StoreSettings>): Promise<StoreSettings> {
    if (!this.has(storeId)) throw new Error(`unknown store ${storeId}`);
    const next = { ...(this.settings.stores[storeId] ?? DEFAULT_STORE_SETTINGS), ...patch };
    this.settings.stores[storeId] = next;
    await this.settingsFile.write(this.settings);
    return next;
  }
}

function isBindable(p: Platform): p is BindablePlatform {
  return (BINDABLE as readonly string[]).includes(p);
}
