/**
 * What the settings screen may send (`saveAppConfig`), checked twice on purpose:
 *  - `appConfigInputSchema`, the shape only (types, generous length caps, no unknown fields),
 *    in `apiArgs`, so the HTTP bridge and IPC drop malformed calls before any logic;
 *  - `checkInput`, the rules a person can break (a letter in the developer id, a repeated store
 *    id), with a message in Chinese that names the field, shown as is next to 保存.
 */
import { z } from 'zod';
import type { AppConfigInput } from '../../shared/api.js';
import { MEITUAN_API_BASE, MEITUAN_AUTH_BASE } from './platforms/meituan/client.js';
import { storeSchema } from './config.js';

const text = z.string().max(2000);

export const appConfigInputSchema = z
  .object({
    meituan: z
      .object({ developerId: text, signKey: text.optional(), apiBase: text.optional(), authBase: text.optional() })
      .strict()
      .nullable(),
    union: z.object({ callbackSecret: text.optional() }).strict().nullable(),
    stores: z
      .array(
        z
          .object({ id: text, name: text, autoAccept: z.boolean().optional(), autoAcceptDelaySeconds: z.number().optional() })
          .strict(),
      )
      .max(500),
  })
  .strict();

/** Blank means "not given": keep the saved secret, use the default address. */
const blankToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const address = (name: string, fallback: string) =>
  z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/, error: `${name} 不是有效的 http(s) 网址` }).default(fallback));
// Secrets are pasted from the platform's console; surrounding spaces are always a paste slip.
const secret = z.preprocess(blankToUndefined, z.string().trim().min(1).max(500).optional());

const rules = z.object({
  meituan: z
    .object({
      developerId: z.string().trim().min(1, '请填写美团开发者 ID').regex(/^\d{1,20}$/, '美团开发者 ID 只能是数字'),
      signKey: secret,
      apiBase: address('apiBase', MEITUAN_API_BASE),
      authBase: address('authBase', MEITUAN_AUTH_BASE),
    })
    .nullable(),
  union: z.object({ callbackSecret: secret }).nullable(),
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

export type CheckedInput = z.infer<typeof rules>;

export function checkInput(input: unknown): { ok: true; value: CheckedInput } | { ok: false; message: string } {
  const shape = appConfigInputSchema.safeParse(input);
  if (!shape.success) return { ok: false, message: `设置格式不对：${shape.error.issues[0]?.path.join('.') || '(top level)'}` };
  const result = rules.safeParse(shape.data satisfies AppConfigInput);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const [section, index] = issue?.path ?? [];
  const where = section === 'stores' && typeof index === 'number' ? `第 ${index + 1} 个门店：` : section === 'union' ? '美团联盟：' : '';
  return { ok: false, message: `${where}${issue?.message ?? '设置无效'}` };
}
