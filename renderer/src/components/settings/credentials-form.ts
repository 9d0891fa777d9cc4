/**
 * The credentials form as plain data. Each platform's section is drawn from the settings form
 * its folder describes (fields with a kind, labels, help, required, default, pattern), so a new
 * platform appears here without code. The view never holds a secret: a secret field is only
 * 已设置 / 未设置, and a secret is sent only when someone typed one (blank = keep the saved one).
 */
import type { AppConfigInput, AppConfigFile, AppConfigView } from '../../../../shared/api.js';
import type { Platform } from '../../../../shared/order.js';
import type { SettingsField, SettingsSectionView } from '../../../../shared/platforms.js';
import type { Lang } from '../../lib/format.js';

export interface StoreRow extends AppConfigFile {
  /** React's key: stable while ids are being typed. */
  key: number;
  /** Saved already: its id links it to platform bindings and orders, so it stays fixed. */
  saved: boolean;
}

/** What is typed into one platform's section: text for text/url/secret fields, true/false for switches. */
export type SectionValues = Record<string, string | boolean>;

export interface CredentialsDraft {
  /** Per platform, by field key. A secret's value is what was typed now ('' = keep the saved one). */
  platforms: Partial<Record<Platform, SectionValues>>;
  stores: StoreRow[];
}

/** The platform sections of the view, in the core's order; none when the core sends no forms. */
export function sectionsOf(view: AppConfigView): SettingsSectionView[] {
  return view.platforms ?? [];
}

let nextKey = 1;
export const rowKey = (): number => nextKey++;

function fieldStart(field: SettingsField, saved: SectionValues | null): string | boolean {
  const value = saved?.[field.key];
  if (field.kind === 'boolean') return typeof value === 'boolean' ? value : field.default === true;
  // A secret never comes back: the field starts empty whatever is saved.
  if (field.kind === 'secret') return '';
  return typeof value === 'string' ? value : '';
}

export function draftFromView(view: AppConfigView): CredentialsDraft {
  const platforms: CredentialsDraft['platforms'] = {};
  for (const section of sectionsOf(view)) {
    platforms[section.platform] = Object.fromEntries(section.form.fields.map((f) => [f.key, fieldStart(f, section.values)]));
  }
  return { platforms, stores: view.stores.map((s) => ({ ...s, key: rowKey(), saved: true })) };
}

/** A store id not yet in the list (`store-3` …), so 添加门店 gives a row that can be saved as is. */
export function newStoreRow(rows: readonly StoreRow[]): StoreRow {
  const ids = new Set(rows.map((r) => r.id));
  let n = rows.length + 1;
  while (ids.has(`store-${n}`)) n++;
  return { id: `store-${n}`, name: '', key: rowKey(), saved: false };
}

const text = (v: string | boolean | undefined): string => (typeof v === 'string' ? v.trim() : '');

/**
 * Is the section being configured? Already saved, or something typed (a switch moved off its
 * default counts). A platform left blank that was never set up stays unconfigured, unchecked.
 */
export function sectionInUse(section: SettingsSectionView, values: SectionValues | undefined): boolean {
  if (section.values !== null) return true;
  return section.form.fields.some((f) => {
    const v = values?.[f.key];
    return f.kind === 'boolean' ? typeof v === 'boolean' && v !== (f.default === true) : text(v) !== '';
  });
}

/** Words for what is wrong with the typed value, or null. */
export type FieldWords = {
  required(label: string): string;
  badUrl(label: string): string;
};

export function fieldProblem(
  field: SettingsField,
  value: string | boolean | undefined,
  secretSet: boolean,
  lang: Lang,
  words: FieldWords,
): string | null {
  if (field.kind === 'boolean') return null;
  const v = text(value);
  const label = field.label[lang];
  if (v === '') return field.required && !(field.kind === 'secret' && secretSet) ? words.required(label) : null;
  if (field.kind === 'url') {
    const url = URL.canParse(v) ? new URL(v) : null;
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return words.badUrl(label);
  }
  if (field.pattern && !new RegExp(field.pattern.source).test(v)) return field.pattern.message[lang];
  return null;
}

/** Every problem of the sections in use, by platform and field key; empty when the form may be saved. */
export function draftProblems(
  draft: CredentialsDraft,
  view: AppConfigView,
  lang: Lang,
  words: FieldWords,
): Partial<Record<Platform, Record<string, string>>> {
  const out: Partial<Record<Platform, Record<string, string>>> = {};
  for (const section of sectionsOf(view)) {
    const values = draft.platforms[section.platform];
    if (!sectionInUse(section, values)) continue;
    for (const field of section.form.fields) {
      const problem = fieldProblem(field, values?.[field.key], section.secretsSet[field.key] === true, lang, words);
      if (problem) (out[section.platform] ??= {})[field.key] = problem;
    }
  }
  return out;
}

export function hasProblems(problems: ReturnType<typeof draftProblems>): boolean {
  return Object.values(problems).some((p) => p && Object.keys(p).length > 0);
}

/**
 * What `saveAppConfig` takes: under each platform's id null (leave unconfigured) or its values
 * — text trimmed, a blank url left out (the platform's default), a secret only when typed —
 * and the stores.
 */
export function inputFromDraft(draft: CredentialsDraft, view: AppConfigView): AppConfigInput {
  const platforms: Partial<Record<Platform, SectionValues | null>> = {};
  for (const section of sectionsOf(view)) {
    const values = draft.platforms[section.platform];
    if (!sectionInUse(section, values)) {
      platforms[section.platform] = null;
      continue;
    }
    const out: SectionValues = {};
    for (const field of section.form.fields) {
      const v = values?.[field.key];
      if (field.kind === 'boolean') out[field.key] = typeof v === 'boolean' ? v : field.default === true;
      else if (field.kind === 'text') out[field.key] = text(v);
      else if (text(v) !== '') out[field.key] = text(v);
    }
    platforms[section.platform] = out;
  }
  const input = {
    ...platforms,
    stores: draft.stores.map((r) => ({
      id: r.id.trim(),
      name: r.name.trim(),
      ...(r.autoAccept !== undefined && { autoAccept: r.autoAccept }),
      ...(r.autoAcceptDelaySeconds !== undefined && { autoAcceptDelaySeconds: r.autoAcceptDelaySeconds }),
    })),
  };
  // The core checks every platform's section by its form; its input type still names two of them.
  return input as unknown as AppConfigInput;
}
