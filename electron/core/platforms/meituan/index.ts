/**
 * Meituan Waimai behind the platform boundary: what the core's registry line points at. The
 * pieces live in this folder (routes, client, actions, sandbox); this file only wires them to
 * the `PlatformModule` shape.
 */
import { z } from 'zod';
import { PLATFORM_IDENTITIES } from '../../../../shared/platforms.js';
import { StaffRefusal, definePlatform } from '../types.js';
import { describeMeituanError, meituanActions } from './actions.js';
import { MEITUAN_API_BASE, MEITUAN_AUTH_BASE, MeituanClient, releaseBindingUrl, storemapUrl } from './client.js';
import { MEITUAN_CANCEL_REASONS } from './codes.js';
import { meituanRoutes } from './routes.js';
import { interpretPulledOrder } from './interpret.js';
import { meituanSandbox } from './sandbox-module.js';
import { meituanShop } from './shop.js';
import { signedFieldsKey } from '../common/dedupe.js';

export const meituanConfigSchema = z.object({
  developerId: z.coerce.string().min(1),
  signKey: z.string().min(1),
  apiBase: z.url().default(MEITUAN_API_BASE),
  authBase: z.url().default(MEITUAN_AUTH_BASE),
});
export type MeituanConfig = z.infer<typeof meituanConfigSchema>;

/** Shipping codes that only move forward (0 → 10 → 20 → 40); 100 is "delivery cancelled" (README.md here, "Code tables"). */
const DELIVERY_CANCELLED = 100;


export const meituan = definePlatform<MeituanConfig>({
  name: 'meituan',
  identity: PLATFORM_IDENTITIES.meituan,
  bindsStores: true,
  config: {
    schema: meituanConfigSchema,
    secretFields: ['signKey'],
    form: {
      platform: 'meituan',
      title: { zh: '美团外卖', en: 'Meituan Waimai' },
      fields: [
        {
          key: 'developerId',
          kind: 'text',
          label: { zh: '美团开发者 ID', en: 'Meituan developer id' },
          help: { zh: '美团开放平台「开发者中心」里的数字编号', en: 'The number on the Meituan open platform developer page' },
          required: true,
          pattern: { source: '^\\d{1,20}$', message: { zh: '美团开发者 ID 只能是数字', en: 'The Meituan developer id is digits only' } },
        },
        {
          key: 'signKey',
          kind: 'secret',
          label: { zh: '美团 signKey', en: 'Meituan signKey' },
          help: { zh: '同一页面上的 signKey；已保存的不会再显示', en: 'The signKey on the same page; a saved one is never shown again' },
          required: true,
        },
        { key: 'apiBase', kind: 'url', label: { zh: '接口地址', en: 'API address' }, required: false, default: MEITUAN_API_BASE },
        { key: 'authBase', kind: 'url', label: { zh: '门店绑定页地址', en: 'Binding page address' }, required: false, default: MEITUAN_AUTH_BASE },
      ],
    },
    verifyConfig: (c) => ({ developerId: c.developerId, signKey: c.signKey }),
  },
  routes: meituanRoutes,
  dedupeKey: (fields) => signedFieldsKey(fields),
  interpretPulled: interpretPulledOrder,
  deliveryMayFollow: (prev, next) => next === DELIVERY_CANCELLED || prev === DELIVERY_CANCELLED || next >= prev,
  createOutbound(ctx) {
    const c = ctx.config;
    const client = new MeituanClient({ signKey: c.signKey, apiBase: c.apiBase, fetch: ctx.fetch });
    const sign = { authBase: c.authBase, developerId: c.developerId, signKey: c.signKey };
    return {
      binding: {
        kind: 'signed-page',
        async pageUrl(action, store, callbackBase) {
          const callbackUrl = callbackBase ? `${callbackBase}/meituan/store/${action === 'bind' ? 'bound' : 'unbound'}` : undefined;
          if (action === 'bind') return storemapUrl({ ...sign, ePoiId: store.id, ePoiName: store.name, ...(callbackUrl ? { callbackUrl } : {}) });
          const token = ctx.storedToken(store.id);
          if (!token) throw new StaffRefusal('门店尚未绑定美团');
          return releaseBindingUrl({ ...sign, appAuthToken: token, ...(callbackUrl ? { callbackUrl } : {}) });
        },
      },
      tokenFor: async (storeId) => ctx.storedToken(storeId),
      actions: meituanActions(client),
      cancelReasons: MEITUAN_CANCEL_REASONS.map((r) => ({ code: String(r.code), zh: r.zh, en: r.en })),
      describeError: describeMeituanError,
      // Not within a minute of accepting; a pre-order not before its reminder time (read as an hour before delivery) + 1 minute (README.md here, "出餐").
      preparedRule: { minAfterAcceptMs: 60_000, preOrderLeadMs: 60 * 60_000 },
      shop: meituanShop(client),
      // An unsigned unbind nobody here asked for is confirmed by asking with the stored token.
      stillAuthorized: (token, storeId) => client.stillAuthorized(token, storeId),
      recovery: {
        // One store per call: each store has its own token, and a token answers for its store only.
        listUnconfirmed: async (token, storeId) => (await client.queryByEpoids(token, [storeId])).orderIds,
        // Fetched by id even when the list carried full orders: the journal keeps one shape,
        // the order text exactly as queryById answers it.
        fetchOrder: (token, orderId) => client.queryByIdJson(token, orderId),
      },
      // The end-of-shift check: the store's day, number by number (README.md here, "Day reconciliation").
      dayOrderIds: (token, store, day) => client.dayOrderIds(token, store.platformStoreId || store.storeId, day),
    };
  },
  sandbox: meituanSandbox,
});
