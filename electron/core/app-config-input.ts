/**
 * What the settings screen may send (`saveAppConfig`), checked twice on purpose:
 *  - `appConfigInputSchema`, the shape only (types, generous length caps, no unknown fields),
 *    in `apiArgs`, so the HTTP bridge and IPC drop malformed calls before any logic;
 *  - `checkInput`, the rules a person can break (a letter in the developer id, a repeated store
 *    id), with a message in Chinese that names the field, shown as is next to 保存.
 * Both are built from each platform's settings form (its fields, kinds and patterns), so a
 * platform's section is checked without this file knowing the platform.
 */
import { z } from 'zod';
import type { AppConfigInput } from '../../shared/api.js';
import type { SettingsField, SettingsForm } from '../../shared/platforms.js';
import { storeSchema } from './config.js';
import { PLATFORM_MODULES } from './platforms/index.js';

const text = z.string().max(2000);

/** One platform's section as sent: null leaves it unconfigured, absent keeps what is saved. */
function sectionShape(form: SettingsForm) {
  return z
    .object(Object.fromEntries(form.fields.map((f) => [f.key, (f.kind === 'boolean' ? z.boolean() : text).optional()])))
    .strict()
    .nullable()
    .optional();
}

const storesShape = z
  .array(
    z
      .object({ id: text, name: text, autoAccept: z.boolean().optional(), autoAcceptDelaySeconds: z.number().optional() })
      .strict(),
  )
  .max(500);

export const appConfigInputSchema = z
  .object({
    ...Object.fromEntries(PLATFORM_MODULES.map((p) => [p.name, sectionShape(p.config.form)])),
    stores: storesShape,
  })
  .strict() as unknown as z.ZodType<AppConfigInput>;

/** Blank means "not given": keep the saved secret, use the default address. */
const blankToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** The rule for one field, its messages naming the field as the merchant sees it. */
function fieldRule(f: SettingsField): z.ZodType {
  const label = f.label.zh;
  switch (f.kind) {
    case 'secret':
      // Secrets are pasted from the platform's console; surrounding spaces are always a paste slip.
      // Required secrets are checked on save: a blank one keeps the saved one.
      return z.preprocess(blankToUndefined, z.string().trim().min(1).max(500, `${label}最多 500 个字符`).optional());
    case 'url': {
      const url = z.url({ protocol: /^https?$/, error: `${f.key} 不是有效的 http(s) 网址` });
      return z.preprocess(blankToUndefined, typeof f.default === 'string' ? url.default(f.default) : f.required ? url : url.optional());
    }
    case 'boolean':
      return typeof f.default === 'boolean' ? z.boolean().default(f.default) : z.boolean().optional();
    case 'text': {
      let rule = z.string().trim().max(500, `${label}最多 500 个字符`);
      if (f.required) rule = rule.min(1, `请填写${label}`);
      if (f.pattern) rule = rule.regex(new RegExp(f.pattern.source), f.pattern.message.zh);
      return f.required ? rule : z.preprocess(blankToUndefined, rule.optional());
    }
  }
}

function sectionRules(form: SettingsForm) {
  return z.object(Object.fromEntries(form.fields.map((f) => [f.key, fieldRule(f)]))).nullable().optional();
}

const rules = z.object({
  ...Object.fromEntries(PLATFORM_MODULES.map((p) => [p.name, sectionRules(p.config.form)])),
  stores: z
    .array(
      z.object({
        id: z.string().trim().min(1, '门店编号不能为空').max(100, '门店编号最多 100 个字符'),
        name: z.string().trim().min(1, '门店名称不能为空').max(100, '门店名称最多 100 个字符'),
        autoAccept: storeSchema.shape.autoAccept,
        autoAcceptDelaySeconds: storeSchema.shape.autoAcceptDelaySeconds,
      }),
    )
    .superRefine((stores, ctx) => {
      const seen = new Set<string>();
      stores.forEach((s, i) => {
        if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `门店编号重复：${s.id}` });
        seen.add(s.id);
      });
    }),
});

/** A platform's section as checked: plain values trimmed, defaults filled, blank secrets absent. */
export type CheckedSection = Record<string, string | boolean | undefined>;

export interface CheckedInput {
  stores: z.infer<typeof rules>['stores'];
  /** Per platform id: null = not configured; absent = keep what is saved. */
  sections: Record<string, CheckedSection | null | undefined>;
}

export function checkInput(input: unknown): { ok: true; value: CheckedInput } | { ok: false; message: string } {
  const shape = appConfigInputSchema.safeParse(input);
  if (!shape.success) return { ok: false, message: `设置格式不对：${shape.error.issues[0]?.path.join('.') || '(top level)'}` };
  const result = rules.safeParse(shape.data);
  if (result.success) {
    const { stores, ...sections } = result.data as { stores: CheckedInput['stores'] } & Record<string, CheckedSection | null | undefined>;
    return { ok: true, value: { stores, sections } };
  }
  const issue = result.error.issues[0];
  const [section, index] = issue?.path ?? [];
  const where = section === 'stores' && typeof index === 'number' ? `第 ${index + 1} 个门店：` : '';
  return { ok: false, message: `${where}${issue?.message ?? '设置无效'}` };
}
