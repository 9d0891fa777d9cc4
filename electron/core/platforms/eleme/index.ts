/**
 * Eleme behind the platform boundary: what the core's registry line points at. The inbound half
 * (the push route, interpretation) is in routes.ts, the outbound half (OAuth binding, tokens in
 * the credential vault, the API actions, recovery) in actions.ts, the sandbox in
 * sandbox-factory.ts; this file only wires them to the `PlatformModule` shape.
 */
import { z } from 'zod';
import { PLATFORM_IDENTITIES } from '../../../../shared/platforms.js';
import { definePlatform, StaffRefusal, type PlatformSandbox, type PlatformSandboxFactory } from '../types.js';
import { createElemeOutbound, type ElemeConfig } from './actions.js';
import { ELEME_PRODUCTION_HOST, ELEME_SANDBOX_HOST } from './oauth.js';
import { elemeInbound } from './routes.js';
import { startElemeSandbox, type ElemeSandboxHandle } from './sandbox-factory.js';
import { SandboxTransitionError } from './sandbox.js';

export const elemeConfigSchema = z.object({
  appKey: z.coerce.string().min(1),
  appSecret: z.string().min(1),
  /** Empty: Eleme's production host, or its sandbox host when `sandbox` is set. */
  apiBase: z.union([z.url(), z.literal('')]).default(''),
  sandbox: z.boolean().default(false),
  /** Empty: `<public address>/eleme/oauth`. */
  redirectUri: z.union([z.url(), z.literal('')]).default(''),
}) satisfies z.ZodType<ElemeConfig>;
export type ElemeSection = z.infer<typeof elemeConfigSchema>;

/** The running sandbox behind the boundary, for tests that drive it directly. */
export interface ElemeSandboxModuleHandle extends PlatformSandbox {
  readonly handle: ElemeSandboxHandle;
}

export const elemeSandbox: PlatformSandboxFactory = {
  async start(ctx): Promise<ElemeSandboxModuleHandle> {
    const handle = await startElemeSandbox({
      receiverUrl: ctx.receiverUrl,
      ...(ctx.storeIds ? { storeIds: ctx.storeIds } : {}),
      ...(ctx.dataDir ? { dataDir: ctx.dataDir } : {}),
      ...(ctx.random ? { random: ctx.random } : {}),
    });
    return {
      handle,
      config: handle.config,
      /** As a merchant would: the desk's authorize page, approved for the store's shop, back to the desk. */
      async bind(storeId, via) {
        const shopId = handle.sandbox.shopForStore(storeId);
        if (!shopId) throw new StaffRefusal('这个门店没有对应的饿了么沙箱店铺');
        const back = await handle.sandbox.approve(await via.pageUrl(), [shopId]);
        await via.complete(back.searchParams);
      },
      startDemo: (o) => handle.startDemo(o),
      stopDemo: () => handle.stopDemo(),
      onDemoDone: (fn) => handle.onDemoDone(fn),
      async simulate(kind, storeId) {
        try {
          await handle.simulate(kind, storeId);
        } catch (err) {
          if (err instanceof SandboxTransitionError) throw new StaffRefusal(err.message);
          throw err;
        }
      },
      stop: () => handle.stop(),
    };
  },
};

export const eleme = definePlatform<ElemeSection>({
  ...elemeInbound,
  // The console's own name for the address the pushes go to.
  routes: elemeInbound.routes.map((r) => ({ ...r, label: r.label ?? '消息推送 URL' })),
  identity: PLATFORM_IDENTITIES.eleme,
  bindsStores: true,
  config: {
    schema: elemeConfigSchema,
    secretFields: ['appSecret'],
    form: {
      platform: 'eleme',
      title: { zh: '饿了么', en: 'Eleme' },
      fields: [
        {
          key: 'appKey',
          kind: 'text',
          label: { zh: '饿了么应用 Key', en: 'Eleme app key' },
          help: { zh: '饿了么开放平台「应用详情」里的 Key', en: 'The Key on the Eleme open platform app page' },
          required: true,
        },
        {
          key: 'appSecret',
          kind: 'secret',
          label: { zh: '饿了么应用 Secret', en: 'Eleme app secret' },
          help: { zh: '同一页面上的 Secret；已保存的不会再显示', en: 'The Secret on the same page; a saved one is never shown again' },
          required: true,
        },
        {
          key: 'sandbox',
          kind: 'boolean',
          label: { zh: '使用饿了么沙箱环境', en: 'Use the Eleme sandbox' },
          help: { zh: '沙箱的 Key 和 Secret 与正式环境不同', en: 'The sandbox has its own Key and Secret' },
          required: false,
          default: false,
        },
        {
          key: 'apiBase',
          kind: 'url',
          label: { zh: '接口地址', en: 'API address' },
          help: {
            zh: `留空即按上面的开关：正式环境 ${ELEME_PRODUCTION_HOST}，或沙箱环境 ${ELEME_SANDBOX_HOST}`,
            en: `Blank: by the switch above, ${ELEME_PRODUCTION_HOST} or the sandbox ${ELEME_SANDBOX_HOST}`,
          },
          required: false,
        },
        {
          key: 'redirectUri',
          kind: 'url',
          label: { zh: '授权回调地址', en: 'Authorization callback address' },
          help: {
            zh: '须与饿了么开放平台上填写的回调地址一致；留空即用「公网地址/eleme/oauth」',
            en: 'Must equal the callback address on the Eleme open platform; blank = <public address>/eleme/oauth',
          },
          required: false,
        },
      ],
    },
    verifyConfig: (c) => ({ appKey: c.appKey, appSecret: c.appSecret }),
  },
  createOutbound: (ctx) => createElemeOutbound({ config: ctx.config, vault: ctx.credentials, fetch: ctx.fetch }),
  sandbox: elemeSandbox,
});
