/**
 * The configuration file (docs/design.md, contracts: config file). Read once at start-up,
 * checked with a schema; an invalid file is an error that names the field, never a silent
 * default. Each platform's section (`{ "<platform id>": { … } }`) is checked by the schema the
 * platform supplies (platforms/index.ts); the rest is the shop's own.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Platform } from '../../shared/order.js';
import { PLATFORM_MODULES } from './platforms/index.js';
import { printerRuleBroken } from './printing/rules.js';
import { printerConfigSchema, printingSettingsSchema } from './printing/schemas.js';

export const storeSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(100),
  autoAccept: z.boolean().optional(),
  autoAcceptDelaySeconds: z.number().int().min(0).max(600).optional(),
});

export const publicUrlSchema = z
  .url({ protocol: /^https$/, message: 'publicUrl must be an https:// URL' })
  .transform((u) => u.replace(/\/+$/, ''));

/** The shop's own part of the config: everything but the platforms' sections. */
export const shopConfigSchema = z.object({
  stores: z.array(storeSchema).default([]),
  /** IANA zone that decides the business day; default: the machine's own. */
  timeZone: z.string().optional(),
  /**
   * The shop's own fixed public address (its reverse proxy to the receiver), https only: the
   * platforms' consoles need a stable URL, which a free tunnel's changing subdomain is not.
   * Used for the callback URLs while the tunnel is not up. Stored without a trailing slash.
   */
  publicUrl: publicUrlSchema.optional(),
  /**
   * The desktop app's tunnel (serve takes the same from its flags). Off unless the shop turns
   * it on: a free tunnel's address can change, and a shop with its own `publicUrl` needs none.
   */
  tunnel: z
    .object({
      enabled: z.boolean().default(false),
      host: z.url().optional(),
      subdomain: z.string().regex(/^(?:[a-z0-9][a-z0-9-]{4,63}[a-z0-9]|[a-z0-9]{4,63})$/, 'tunnel.subdomain: 4–63 lower-case letters, digits or -').optional(),
    })
    .optional(),
  /** The printers (printing/README.md); absent: none. */
  printers: z.array(printerConfigSchema).max(20).optional(),
  /** Ticket settings; absent: the defaults (DEFAULT_PRINTING). */
  printing: printingSettingsSchema.optional(),
});

/** A platform's section as its schema gave it; only the platform's own code reads inside. */
export type PlatformSection = Record<string, unknown>;

export type DeskConfig = z.infer<typeof shopConfigSchema> & Partial<Record<Platform, PlatformSection>>;

/** The whole file: the shop's part and, for every registered platform, its optional section. */
export const configSchema: z.ZodType<DeskConfig> = shopConfigSchema.extend(
  Object.fromEntries(PLATFORM_MODULES.map((p) => [p.name, p.config.schema.optional()])),
) as unknown as z.ZodType<DeskConfig>;

/** The platform's section, or undefined when the platform is not configured. */
export function platformSection(config: DeskConfig, platform: Platform): PlatformSection | undefined {
  return config[platform];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseConfig(value: unknown, source = 'config'): DeskConfig {
  const result = configSchema.safeParse(value);
  if (!result.success) {
    const first = result.error.issues[0];
    const where = first?.path.join('.') || '(top level)';
    throw new ConfigError(`${source}: ${where}: ${first?.message ?? 'invalid'}`);
  }
  const ids = new Set<string>();
  for (const s of result.data.stores) {
    if (ids.has(s.id)) throw new ConfigError(`${source}: stores: duplicate store id "${s.id}"`);
    ids.add(s.id);
  }
  const broken = printerRuleBroken(result.data.printers ?? []);
  if (broken) throw new ConfigError(`${source}: printers: ${broken}`);
  return result.data;
}

export async function loadConfigFile(path: string): Promise<DeskConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config file ${path}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`config file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  return parseConfig(json, path);
}

export const DEMO_STORE = { id: 'demo-store-1', name: '湘北人家（演示店）' } as const;

export function timeZoneOf(config: DeskConfig): string {
  return config.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** YYYY-MM-DD of an instant in a time zone (the shop's business day). */
export { dayIn } from '../../shared/business-day.js';
