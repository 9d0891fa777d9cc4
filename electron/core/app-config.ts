/**
 * The app's own configuration (issue 4): the same settings as a `--config` file (config.ts),
 * kept in `<dataDir>/config.json` and edited from the settings screen. Every secret is stored
 * sealed by the `SecretBox` (Electron's safeStorage in the app), so the file on disk never
 * holds a signKey or callback secret in plain; the UI only ever learns whether one is set.
 *
 * For the Electron shell:
 *   const appConfig = await openAppConfig(dataDir, safeStorageBox);   // reads, reports problems
 *   appConfig.config            // DeskConfig | null (null: nothing saved yet → run the demo)
 *   appConfig.problems          // a file moved aside, a secret this machine cannot open
 *   DeskHost.start({ …, secretBox: safeStorageBox, configStore: appConfig,
 *     onConfigSaved: (config) => host.restart({ config, sandbox: … }) })
 * `Desk.saveAppConfig` then validates, saves and calls `onConfigSaved` with the opened config.
 */
import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { AppConfigInput, AppConfigStore as StoreEntry, AppConfigView } from '../../shared/api.js';
import { ConfigError, parseConfig, storeSchema, type DeskConfig } from './config.js';
import { checkInput } from './app-config-input.js';
import type { SecretBox } from './store/bindings.js';
import { DurableJsonFile } from './store/durable-file.js';

export { appConfigInputSchema } from './app-config-input.js';

export const APP_CONFIG_FILE = 'config.json';

/** A save refused; the message is for the merchant (shown as is in the settings screen). */
export class AppConfigError extends Error {
  override name = 'AppConfigError';
}

const sealed = z.string().min(1);
const fileSchema = z.object({
  v: z.literal(1),
  /** The box kind that sealed the secrets: another kind cannot open them (see `load`). */
  sealedWith: z.string(),
  meituan: z.object({ developerId: z.string().regex(/^\d+$/), signKeySealed: sealed, apiBase: z.url(), authBase: z.url() }).optional(),
  union: z.object({ callbackSecretSealed: sealed }).optional(),
  eleme: z.object({ appKey: z.string().min(1), appSecretSealed: sealed, apiBase: z.url().optional(), sandbox: z.boolean() }).optional(),
  stores: z.array(storeSchema).refine((s) => new Set(s.map((x) => x.id)).size === s.length, 'duplicate store id'),
  timeZone: z.string().optional(),
  /** The shop's fixed https address (DeskConfig.publicUrl); checked by parseConfig when loaded. */
  publicUrl: z.string().optional(),
  /** DeskConfig.tunnel, kept as saved (no secret in it). */
  tunnel: z.object({ enabled: z.boolean(), host: z.string().optional(), subdomain: z.string().optional() }).optional(),
});
type AppConfigFile = z.infer<typeof fileSchema>;
type Section = 'meituan' | 'union' | 'eleme';

export class AppConfigStore {
  readonly path: string;
  private readonly fileProblems: string[] = [];
  private readonly file: DurableJsonFile<AppConfigFile>;
  private data: AppConfigFile | null = null;
  /** Sections whose secret this machine cannot open: the merchant must enter it again. */
  private readonly unreadable = new Set<Section>();
  private opened: DeskConfig | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly box: SecretBox,
  ) {
    this.path = join(dataDir, APP_CONFIG_FILE);
    this.file = new DurableJsonFile<AppConfigFile>(this.path, {
      schema: fileSchema,
      onCorrupt: (err) => this.fileProblems.push(`平台账号设置文件损坏，已移到 ${err.movedTo}；请重新填写平台账号与门店 (config.json unreadable, moved aside)`),
    });
  }

  /**
   * What is wrong with the saved settings, in words for staff (the Desk adds them to its status).
   * A secret this machine cannot open stops being a problem once it is entered again.
   */
  get problems(): string[] {
    return [
      ...this.fileProblems,
      ...[...this.unreadable].map((s) => `已保存的${SECTION_NAMES[s]}在此电脑上无法解密（${this.box.kind}），请在设置中重新填写`),
    ];
  }

  /** The saved configuration with its secrets opened; null when nothing (readable) is saved. */
  get config(): DeskConfig | null {
    return this.opened;
  }

  async load(): Promise<DeskConfig | null> {
    this.data = await this.file.read();
    this.unreadable.clear();
    this.opened = this.data ? this.open(this.data) : null;
    return this.opened;
  }

  /** The settings screen's view of what is saved: whether each secret is set, never the secret. */
  view(): AppConfigView {
    const f = this.data;
    return {
      meituan: f?.meituan
        ? { developerId: f.meituan.developerId, apiBase: f.meituan.apiBase, authBase: f.meituan.authBase, signKeySet: !this.unreadable.has('meituan') }
        : null,
      union: f?.union ? { callbackSecretSet: !this.unreadable.has('union') } : null,
      stores: (f?.stores ?? []).map(copyStore),
      editable: true,
      source: 'app',
    };
  }

  /**
   * Validate, seal and write; resolves with the opened config to run with. An empty or omitted
   * secret keeps the saved one. Nothing is written when anything is wrong.
   */
  async save(input: AppConfigInput): Promise<DeskConfig> {
    const checked = checkInput(input);
    if (!checked.ok) throw new AppConfigError(checked.message);
    const { meituan, union, stores } = checked.value;
    const prev = this.data;
    if ((meituan?.signKey || union?.callbackSecret) && this.box.available === false) {
      throw new AppConfigError('此电脑无法加密保存密钥，已拒绝以明文保存');
    }
    const keep = (section: Section, sealedBefore: string | undefined, what: string): string => {
      if (!sealedBefore) throw new AppConfigError(`请填写${what}`);
      if (this.unreadable.has(section)) throw new AppConfigError(`已保存的${what}在此电脑上无法解密，请重新填写`);
      return sealedBefore;
    };
    const next: AppConfigFile = {
      v: 1,
      sealedWith: this.box.kind,
      stores: stores.map(copyStore),
      ...(meituan && {
        meituan: {
          developerId: meituan.developerId,
          signKeySealed: meituan.signKey ? this.box.seal(meituan.signKey) : keep('meituan', prev?.meituan?.signKeySealed, '美团 signKey'),
          apiBase: meituan.apiBase,
          authBase: meituan.authBase,
        },
      }),
      ...(union && {
        union: { callbackSecretSealed: union.callbackSecret ? this.box.seal(union.callbackSecret) : keep('union', prev?.union?.callbackSecretSealed, '美团联盟回调密钥') },
      }),
      // Not on the settings screen yet: kept as saved, so a save never drops them.
      ...(prev?.eleme && !this.unreadable.has('eleme') && { eleme: prev.eleme }),
      ...(prev?.timeZone !== undefined && { timeZone: prev.timeZone }),
      ...(prev?.publicUrl !== undefined && { publicUrl: prev.publicUrl }),
      ...(prev?.tunnel !== undefined && { tunnel: prev.tunnel }),
    };
    const unreadableBefore = new Set(this.unreadable);
    this.unreadable.clear();
    let config: DeskConfig;
    try {
      // The very check a --config file gets: what is saved is something the Desk can start with.
      config = this.open(next, true);
    } catch (err) {
      unreadableBefore.forEach((s) => this.unreadable.add(s));
      throw new AppConfigError(err instanceof ConfigError ? `设置无效：${err.message}` : (err as Error).message);
    }
    await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
    await this.file.write(next);
    // Sealed secrets are still secrets: owner-only, as bindings.json (DESIGN.md, Security).
    await chmod(this.path, 0o600).catch(() => undefined);
    this.data = next;
    this.opened = config;
    return config;
  }

  /** Open every sealed secret; a section this machine cannot open is left out and reported. */
  private open(f: AppConfigFile, strict = false): DeskConfig {
    const foreign = f.sealedWith !== this.box.kind;
    const secret = (section: Section, value: string): string | undefined => {
      try {
        // Another box's seal cannot be opened here, and "opening" it with a pass-through box
        // would yield a wrong key that silently fails every signature: refuse it instead.
        if (foreign) throw new Error(`sealed with ${f.sealedWith}`);
        return this.box.open(value);
      } catch (err) {
        if (strict) throw err;
        this.unreadable.add(section);
        return undefined;
      }
    };
    const signKey = f.meituan && secret('meituan', f.meituan.signKeySealed);
    const callbackSecret = f.union && secret('union', f.union.callbackSecretSealed);
    const appSecret = f.eleme && secret('eleme', f.eleme.appSecretSealed);
    return parseConfig(
      {
        ...(f.meituan && signKey !== undefined && { meituan: { developerId: f.meituan.developerId, signKey, apiBase: f.meituan.apiBase, authBase: f.meituan.authBase } }),
        ...(callbackSecret !== undefined && { union: { callbackSecret } }),
        ...(f.eleme && appSecret !== undefined && { eleme: { appKey: f.eleme.appKey, appSecret, apiBase: f.eleme.apiBase, sandbox: f.eleme.sandbox } }),
        stores: f.stores,
        ...(f.timeZone !== undefined && { timeZone: f.timeZone }),
        ...(f.publicUrl !== undefined && { publicUrl: f.publicUrl }),
        ...(f.tunnel !== undefined && { tunnel: f.tunnel }),
      },
      this.path,
    );
  }
}

const SECTION_NAMES: Record<Section, string> = { meituan: '美团 signKey', union: '美团联盟回调密钥', eleme: '饿了么 appSecret' };

/** Field by field, so nothing but these four ever reaches the UI. */
function copyStore(s: StoreEntry): StoreEntry {
  return {
    id: s.id,
    name: s.name,
    ...(s.autoAccept !== undefined && { autoAccept: s.autoAccept }),
    ...(s.autoAcceptDelaySeconds !== undefined && { autoAcceptDelaySeconds: s.autoAcceptDelaySeconds }),
  };
}

/** The view of a config the Desk was handed (a `--config` file, the demo): read-only. */
export function appConfigView(config: DeskConfig, source: AppConfigView['source']): AppConfigView {
  const mt = config.meituan as Record<string, string> | undefined;
  const un = config.union as Record<string, string> | undefined;
  return {
    meituan: mt ? { developerId: mt['developerId']!, apiBase: mt['apiBase']!, authBase: mt['authBase']!, signKeySet: mt['signKey'] !== '' } : null,
    union: un ? { callbackSecretSet: un['callbackSecret'] !== '' } : null,
    stores: config.stores.map(copyStore),
    editable: false,
    source,
  };
}

/** Read the app's configuration (for the shell, at start-up): see the comment at the top. */
export async function openAppConfig(dataDir: string, box: SecretBox): Promise<AppConfigStore> {
  const store = new AppConfigStore(dataDir, box);
  await store.load();
  return store;
}
