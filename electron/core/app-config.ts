/**
 * The app's own configuration: the same settings as a `--config` file (config.ts), kept in
 * `<dataDir>/config.json` and edited from the settings screen. Every secret is stored sealed by
 * the `SecretBox` (Electron's safeStorage in the app), so the file on disk never holds a
 * platform secret in plain; the UI only ever learns whether one is set. Which fields a
 * platform's section has, and which are secret, comes from the platform (its settings form and
 * `secretFields`): a secret field `x` is kept as `xSealed`, everything else as it is.
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
import type { AppConfigInput, AppConfigFile as StoreEntry, AppConfigView, PrintingConfigInput } from '../../shared/api.js';
import type { Platform } from '../../shared/order.js';
import type { SettingsField, SettingsSectionView } from '../../shared/platforms.js';
import { ConfigError, parseConfig, platformSection, storeSchema, type DeskConfig } from './config.js';
import { checkInput, type CheckedSection } from './app-config-input.js';
import { PLATFORM_MODULES } from './platforms/index.js';
import type { PlatformModule } from './platforms/types.js';
import type { SecretBox } from './storage/bindings.js';
import { DurableJsonFile } from './storage/durable-file.js';

export { appConfigInputSchema } from './app-config-input.js';

export const APP_CONFIG_FILE = 'config.json';

/** A save refused; the message is for the merchant (shown as is in the settings screen). */
export class AppConfigError extends Error {
  override name = 'AppConfigError';
}

const sealed = z.string().min(1);
const SEALED = 'Sealed';

/** A platform's section as kept on disk, from its form: secrets sealed, the rest as saved. */
function fileSection(m: PlatformModule) {
  const secret = new Set(m.config.secretFields);
  const shape = (f: SettingsField): [string, z.ZodType] => {
    if (secret.has(f.key)) return [`${f.key}${SEALED}`, f.required ? sealed : sealed.optional()];
    if (f.kind === 'boolean') return [f.key, z.boolean().optional()];
    let value = z.string();
    if (f.pattern) value = value.regex(new RegExp(f.pattern.source));
    return [f.key, f.required ? value : value.optional()];
  };
  return z.object(Object.fromEntries(m.config.form.fields.map(shape))).optional();
}

/**
 * `looseObject`: a section of a platform this build does not know (a newer app wrote it) is
 * kept as it is, and saved again untouched.
 */
const fileSchema = z.looseObject({
  v: z.literal(1),
  /** The box kind that sealed the secrets: another kind cannot open them (see `load`). */
  sealedWith: z.string(),
  ...Object.fromEntries(PLATFORM_MODULES.map((m) => [m.name, fileSection(m)])),
  stores: z.array(storeSchema).refine((s) => new Set(s.map((x) => x.id)).size === s.length, 'duplicate store id'),
  timeZone: z.string().optional(),
  /** The shop's fixed https address (DeskConfig.publicUrl); checked by parseConfig when loaded. */
  publicUrl: z.string().optional(),
  /** DeskConfig.tunnel, kept as saved (no secret in it). */
  tunnel: z.object({ enabled: z.boolean(), host: z.string().optional(), subdomain: z.string().optional() }).optional(),
});
type FileSection = Record<string, string | boolean | undefined>;
interface AppConfigData {
  v: 1;
  sealedWith: string;
  stores: StoreEntry[];
  timeZone?: string;
  publicUrl?: string;
  tunnel?: { enabled: boolean; host?: string; subdomain?: string };
  /** Platform sections (FileSection), by platform id. */
  [key: string]: unknown;
}

const SHOP_KEYS = new Set(['v', 'sealedWith', 'stores', 'timeZone', 'publicUrl', 'tunnel']);

/** The secret fields' names for people, e.g. 美团 signKey. */
function secretNames(m: PlatformModule): string {
  return m.config.form.fields
    .filter((f) => m.config.secretFields.includes(f.key))
    .map((f) => f.label.zh)
    .join('、');
}

export class AppConfigFile {
  readonly path: string;
  private readonly fileProblems: string[] = [];
  private readonly file: DurableJsonFile<AppConfigData>;
  private data: AppConfigData | null = null;
  /** Platforms whose saved secret this machine cannot open: the merchant must enter it again. */
  private readonly unreadable = new Set<Platform>();
  private opened: DeskConfig | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly box: SecretBox,
  ) {
    this.path = join(dataDir, APP_CONFIG_FILE);
    this.file = new DurableJsonFile<AppConfigData>(this.path, {
      schema: fileSchema as unknown as z.ZodType<AppConfigData>,
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
      ...PLATFORM_MODULES.filter((m) => this.unreadable.has(m.name)).map(
        (m) => `已保存的${secretNames(m)}在此电脑上无法解密（${this.box.kind}），请在设置中重新填写`,
      ),
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
    return buildView(
      (m) => {
        const section = f?.[m.name] as FileSection | undefined;
        if (!section) return null;
        const values: Record<string, string | boolean> = {};
        const secretsSet: Record<string, boolean> = {};
        for (const field of m.config.form.fields) {
          if (m.config.secretFields.includes(field.key)) secretsSet[field.key] = Boolean(section[`${field.key}${SEALED}`]) && !this.unreadable.has(m.name);
          else if (section[field.key] !== undefined) values[field.key] = section[field.key]!;
        }
        return { values, secretsSet };
      },
      (f?.stores ?? []).map(copyStore),
      true,
      'app',
    );
  }

  /**
   * Validate, seal and write; resolves with the opened config to run with. An empty or omitted
   * secret keeps the saved one. Nothing is written when anything is wrong.
   */
  async save(input: AppConfigInput): Promise<DeskConfig> {
    const checked = checkInput(input);
    if (!checked.ok) throw new AppConfigError(checked.message);
    const { sections, stores } = checked.value;
    const prev = this.data;
    const newSecret = PLATFORM_MODULES.some((m) => m.config.secretFields.some((k) => Boolean(sections[m.name]?.[k])));
    if (newSecret && this.box.available === false) {
      throw new AppConfigError('此电脑无法加密保存密钥，已拒绝以明文保存');
    }
    const next: AppConfigData = { v: 1, sealedWith: this.box.kind, stores: stores.map(copyStore) };
    for (const m of PLATFORM_MODULES) {
      const given = sections[m.name];
      const before = prev?.[m.name] as FileSection | undefined;
      // Absent: not on the settings screen (yet): kept as saved, so a save never drops it.
      if (given === undefined) {
        if (before && !this.unreadable.has(m.name)) next[m.name] = before;
        continue;
      }
      if (given === null) continue;
      next[m.name] = this.sealSection(m, given, before);
    }
    // Sections of platforms this build does not know, and the settings not on the screen: as saved.
    for (const [key, value] of Object.entries(prev ?? {})) {
      if (SHOP_KEYS.has(key) ? key !== 'v' && key !== 'sealedWith' && key !== 'stores' : !PLATFORM_MODULES.some((m) => m.name === key)) {
        if (value !== undefined) next[key] = value;
      }
    }
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
    // Sealed secrets are still secrets: owner-only, as bindings.json (docs/design.md, security).
    await chmod(this.path, 0o600).catch(() => undefined);
    this.data = next;
    this.opened = config;
    return config;
  }

  /** A section as given on the screen, sealed for the file: a blank secret keeps the saved one. */
  private sealSection(m: PlatformModule, given: CheckedSection, before: FileSection | undefined): FileSection {
    const out: FileSection = {};
    for (const field of m.config.form.fields) {
      const value = given[field.key];
      if (!m.config.secretFields.includes(field.key)) {
        if (value !== undefined) out[field.key] = value;
        continue;
      }
      const sealedKey = `${field.key}${SEALED}`;
      if (typeof value === 'string' && value !== '') {
        out[sealedKey] = this.box.seal(value);
        continue;
      }
      const kept = before?.[sealedKey];
      if (typeof kept !== 'string' || kept === '') {
        if (field.required) throw new AppConfigError(`请填写${field.label.zh}`);
        continue;
      }
      if (this.unreadable.has(m.name)) throw new AppConfigError(`已保存的${field.label.zh}在此电脑上无法解密，请重新填写`);
      out[sealedKey] = kept;
    }
    return out;
  }

  /**
   * Printers and ticket settings (the printing screen), written beside the rest, which stays as
   * saved; resolves with the config to run with. Nothing is written when anything is wrong.
   */
  async savePrinting(input: PrintingConfigInput): Promise<DeskConfig> {
    const prev = this.data;
    if (!prev) throw new AppConfigError('请先在设置中保存平台账号和门店，再设置打印机');
    const next: AppConfigData = { ...prev, printers: input.printers, printing: input.printing };
    let config: DeskConfig;
    try {
      config = this.open(next, true);
    } catch (err) {
      throw new AppConfigError(err instanceof ConfigError ? `设置无效：${err.message}` : (err as Error).message);
    }
    await this.file.write(next);
    await chmod(this.path, 0o600).catch(() => undefined);
    this.data = next;
    this.opened = config;
    return config;
  }

  /** Open every sealed secret; a section this machine cannot open is left out and reported. */
  private open(f: AppConfigData, strict = false): DeskConfig {
    const foreign = f.sealedWith !== this.box.kind;
    const opened: Record<string, unknown> = {};
    for (const m of PLATFORM_MODULES) {
      const section = f[m.name] as FileSection | undefined;
      if (!section) continue;
      const plain: Record<string, unknown> = {};
      let readable = true;
      for (const [key, value] of Object.entries(section)) {
        if (!key.endsWith(SEALED) || !m.config.secretFields.includes(key.slice(0, -SEALED.length))) {
          plain[key] = value;
          continue;
        }
        try {
          // Another box's seal cannot be opened here, and "opening" it with a pass-through box
          // would yield a wrong key that silently fails every signature: refuse it instead.
          if (foreign) throw new Error(`sealed with ${f.sealedWith}`);
          plain[key.slice(0, -SEALED.length)] = this.box.open(value as string);
        } catch (err) {
          if (strict) throw err;
          this.unreadable.add(m.name);
          readable = false;
        }
      }
      if (readable) opened[m.name] = plain;
    }
    return parseConfig(
      {
        ...opened,
        stores: f.stores,
        ...(f.timeZone !== undefined && { timeZone: f.timeZone }),
        ...(f.publicUrl !== undefined && { publicUrl: f.publicUrl }),
        ...(f.tunnel !== undefined && { tunnel: f.tunnel }),
        ...(f['printers'] !== undefined && { printers: f['printers'] }),
        ...(f['printing'] !== undefined && { printing: f['printing'] }),
      },
      this.path,
    );
  }
}

/** Field by field, so nothing but these four ever reaches the UI. */
function copyStore(s: StoreEntry): StoreEntry {
  return {
    id: s.id,
    name: s.name,
    ...(s.autoAccept !== undefined && { autoAccept: s.autoAccept }),
    ...(s.autoAcceptDelaySeconds !== undefined && { autoAcceptDelaySeconds: s.autoAcceptDelaySeconds }),
  };
}

/**
 * The view for the settings screen: every platform's form with what is saved, and the same
 * flattened by platform id (plain values, `<secret>Set` per secret) for the screen as it is today.
 */
function buildView(
  saved: (m: PlatformModule) => Pick<SettingsSectionView, 'values' | 'secretsSet'> | null,
  stores: StoreEntry[],
  editable: boolean,
  source: AppConfigView['source'],
): AppConfigView {
  const platforms: SettingsSectionView[] = [];
  const flat: Record<string, Record<string, string | boolean> | null> = {};
  for (const m of PLATFORM_MODULES) {
    const s = saved(m);
    platforms.push({ platform: m.name, form: m.config.form, values: s?.values ?? null, secretsSet: s?.secretsSet ?? {} });
    flat[m.name] = s ? { ...s.values, ...Object.fromEntries(Object.entries(s.secretsSet).map(([k, v]) => [`${k}Set`, v])) } : null;
  }
  return { ...flat, platforms, stores, editable, source } as AppConfigView;
}

/** The view of a config the Desk was handed (a `--config` file, the demo): read-only. */
export function appConfigView(config: DeskConfig, source: AppConfigView['source']): AppConfigView {
  return buildView(
    (m) => {
      const section = platformSection(config, m.name);
      if (!section) return null;
      const values: Record<string, string | boolean> = {};
      const secretsSet: Record<string, boolean> = {};
      for (const field of m.config.form.fields) {
        const value = section[field.key];
        if (m.config.secretFields.includes(field.key)) secretsSet[field.key] = typeof value === 'string' && value !== '';
        else if (typeof value === 'string' || typeof value === 'boolean') values[field.key] = value;
      }
      return { values, secretsSet };
    },
    config.stores.map(copyStore),
    false,
    source,
  );
}

/** Read the app's configuration (for the shell, at start-up): see the comment at the top. */
export async function openAppConfig(dataDir: string, box: SecretBox): Promise<AppConfigFile> {
  const store = new AppConfigFile(dataDir, box);
  await store.load();
  return store;
}
