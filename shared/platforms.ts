/**
 * Who each platform is, for both sides: its kind and its names for people. The window cannot
 * load the core's platform folders (they hold Node code), so identity lives here as plain data;
 * everything else a platform does sits behind the core's registry
 * (electron/core/platforms/index.ts). Every decision that differs between a takeaway platform
 * and a promotion one asks `kindOf`, never a platform's name.
 */
import type { Platform } from './order.js';

/**
 * `takeaway`: its orders ring, are accepted (by staff or automatically) and show on the board.
 * `promotion`: commission orders (Meituan Union style): stored, reported, never owed.
 */
export type PlatformKind = 'takeaway' | 'promotion';

export interface Words {
  zh: string;
  en: string;
}

export interface PlatformIdentity {
  id: Platform;
  kind: PlatformKind;
  /** Its name for people, e.g. 美团外卖 / Meituan Waimai. */
  label: Words;
  /** One character (zh) or two letters (en) in front of a pickup number, e.g. 美 / MT. */
  short: Words;
  /**
   * How a store gets bound to it, which picks the stores page's block: `signed-page` (one page
   * per store, the platform calls back), `oauth` (an account authorizes, its shops are mapped to
   * our stores), null (no binding: a promotion platform).
   */
  binding: BindingFlowKind | null;
}

export type BindingFlowKind = 'signed-page' | 'oauth';

/** One line per platform. */
export const PLATFORM_IDENTITIES = {
  meituan: { id: 'meituan', kind: 'takeaway', label: { zh: '美团外卖', en: 'Meituan Waimai' }, short: { zh: '美', en: 'MT' }, binding: 'signed-page' },
  eleme: { id: 'eleme', kind: 'takeaway', label: { zh: '饿了么', en: 'Eleme' }, short: { zh: '饿', en: 'EL' }, binding: 'oauth' },
  union: { id: 'union', kind: 'promotion', label: { zh: '美团联盟', en: 'Meituan Union' }, short: { zh: '联', en: 'MU' }, binding: null },
} as const satisfies Readonly<Record<Platform, PlatformIdentity>>;

/** The platforms of one kind, as a type (e.g. the takeaway ones, whose stores bind and whose orders are owed). */
export type PlatformOfKind<K extends PlatformKind> = {
  [P in Platform]: (typeof PLATFORM_IDENTITIES)[P]['kind'] extends K ? P : never;
}[Platform];
export type TakeawayPlatform = PlatformOfKind<'takeaway'>;

export function kindOf(platform: Platform): PlatformKind {
  return PLATFORM_IDENTITIES[platform].kind;
}

/** True for platforms whose orders ring, are accepted and show on the board. */
export function isTakeaway(platform: Platform): boolean {
  return kindOf(platform) === 'takeaway';
}

/** Platforms of one kind, in registry order. */
export function platformsOfKind<K extends PlatformKind>(kind: K): PlatformOfKind<K>[] {
  return (Object.values(PLATFORM_IDENTITIES) as readonly PlatformIdentity[]).filter((p) => p.kind === kind).map((p) => p.id as PlatformOfKind<K>);
}

// ---- The settings form as data: the core describes it, the window renders it ----

/**
 * `text` and `url` are typed in; `secret` is typed in and never shown back (the view says only
 * whether one is saved); `boolean` is a switch.
 */
export type SettingsFieldKind = 'text' | 'url' | 'secret' | 'boolean';

export interface SettingsField {
  /** The key in the platform's config section, e.g. `signKey`. */
  key: string;
  kind: SettingsFieldKind;
  label: Words;
  /** A line under the field: where to find the value on the platform's console. */
  help?: Words;
  /** Must be filled before saving (a secret already saved counts as filled). */
  required: boolean;
  /** Used when left blank (`url`, `boolean` fields). */
  default?: string | boolean;
  /** A rule the value must match (a JavaScript regular expression source), and what to say when not. */
  pattern?: { source: string; message: Words };
}

export interface SettingsForm {
  platform: Platform;
  title: Words;
  fields: SettingsField[];
}

/** A section as saved, for the settings screen: plain values as they are, secrets as set / not set. */
export interface SettingsSectionView {
  platform: Platform;
  form: SettingsForm;
  /** null: the section is not configured. */
  values: Record<string, string | boolean> | null;
  /** Secret field key → whether a value is saved (and readable on this PC). */
  secretsSet: Record<string, boolean>;
}
