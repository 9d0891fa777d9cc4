/**
 * Eleme's outbound half as the core uses it: the binding flow (OAuth in the binding window),
 * tokens from the credential vault, the order actions with string reason codes, the 催单 reply
 * and 出餐, missed-order recovery, and Eleme's errors in words for the counter.
 *
 * It is the boundary's `PlatformOutbound`, plus Eleme's own extras (the client, 出餐, 催单 reply).
 */
import { CredentialError, type CredentialVault } from '../../storage/credentials.js';
import type { PlatformStoreRef } from '../../../../shared/shop-floor.js';
import { StaffRefusal, type ActionFailure, type PlatformOutbound } from '../types.js';
import { ElemeApiError, ElemeClient } from './client.js';
import { PreparedRefused, preparedRefusalWords } from '../common/prepared-refusal.js';
import { ELEME_CANCEL_REASONS, ELEME_DEFAULT_CANCEL_CODE, ELEME_REMINDER_REPLIES, elemeErrorWords, isElemeCancelCode } from './codes.js';
import { elemeShop } from './shop.js';
import { authorizeUrl, completeAuthorization, ElemeOAuth, ElemeOAuthError, elemeHost, OAuthStates } from './oauth.js';

export const ELEME = 'eleme';

/** The config file's `eleme` section. */
export interface ElemeConfig {
  appKey: string;
  appSecret: string;
  /** Host override (the embedded sandbox); empty: by `sandbox`. */
  apiBase?: string;
  /** Use Eleme's sandbox host (its own appKey/appSecret). */
  sandbox?: boolean;
  /**
   * Where the authorize page sends the browser back (must equal the callback address in the
   * Eleme developer console); default `<callbackBase>/eleme/oauth`.
   */
  redirectUri?: string;
}

export interface ElemeOutboundDeps {
  config: ElemeConfig;
  vault: CredentialVault;
  fetch?: typeof globalThis.fetch;
  now?: () => number;
}

interface PendingAuthorize {
  storeId: string;
  redirectUri: string;
}

/** The boundary's outbound half, with Eleme's extras. */
export interface ElemeOutbound extends PlatformOutbound {
  client: ElemeClient;
  oauth: ElemeOAuth;
  binding: NonNullable<PlatformOutbound['binding']>;
  completeBinding(query: URLSearchParams): Promise<{ storeId: string; mapped: string[]; shops: { shopId: string; name: string }[] }>;
  unbind(storeId: string): Promise<boolean>;
  actions: PlatformOutbound['actions'] & {
    prepared(orderId: string, token: string): Promise<void>;
    replyReminder(remindId: string, token: string, type: string, content?: string): Promise<void>;
  };
  reminderReplies: readonly { code: string; zh: string; en: string }[];
  recovery: NonNullable<PlatformOutbound['recovery']>;
  stillAuthorized(token: string, shopId: string): Promise<boolean>;
}

export const ELEME_OAUTH_PATH = '/eleme/oauth';

export function createElemeOutbound(deps: ElemeOutboundDeps): ElemeOutbound {
  const host = elemeHost(deps.config);
  const common = { host, appKey: deps.config.appKey, appSecret: deps.config.appSecret, ...(deps.fetch ? { fetch: deps.fetch } : {}) };
  const client = new ElemeClient({ ...common, ...(deps.now ? { now: deps.now } : {}) });
  const oauth = new ElemeOAuth(common);
  const states = new OAuthStates<PendingAuthorize>(30 * 60 * 1000, deps.now);
  const vault = deps.vault;
  vault.setRefresher(ELEME, (refreshToken) => oauth.refresh(refreshToken));

  /** An action refused for the token: the vault renews it before the next call (or asks for re-authorizing). */
  const guarded = async <T>(token: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      if (err instanceof ElemeApiError && err.code === 'UNAUTHORIZED') await vault.rejectToken(ELEME, token).catch(() => undefined);
      throw err;
    }
  };

  const out: ElemeOutbound = {
    client,
    oauth,

    binding: {
      kind: 'oauth' as const,
      /**
       * bind: the authorize page for the binding window, with a one-time `state` naming the
       * store. unbind: Eleme has no page for it (the shop withdraws in its Eleme backend); the
       * desk unbinds locally with `unbind`.
       */
      pageUrl: async (action: 'bind' | 'unbind', store: { id: string; name: string }, callbackBase: string | null): Promise<string> => {
        if (action === 'unbind') throw new StaffRefusal('饿了么的授权在饿了么商家后台解除；本店在这里点「解除绑定」即可停止使用');
        const redirectUri = deps.config.redirectUri || (callbackBase ? `${callbackBase.replace(/\/+$/, '')}${ELEME_OAUTH_PATH}` : '');
        if (!redirectUri) throw new StaffRefusal('还没有公网地址，饿了么授权无法回到本机：请先设置公网地址或通道');
        const state = states.issue({ storeId: store.id, redirectUri });
        return authorizeUrl({ host, appKey: deps.config.appKey, redirectUri, state });
      },
      redirect: { path: ELEME_OAUTH_PATH, complete: (query) => out.completeBinding(query) },
    },

    /**
     * The authorize page came back (`code` and `state`, or `error`): tokens exchanged, the
     * account's shops kept in the vault. With one shop it serves the store the page was opened
     * for; with several, the stores page maps them (orders whose shop code equals a store id
     * map on their own).
     */
    async completeBinding(query: URLSearchParams): Promise<{ storeId: string; mapped: string[]; shops: { shopId: string; name: string }[] }> {
      const pending = states.take(query.get('state'));
      if (!pending) throw new StaffRefusal('授权链接已失效或已使用：请回到「门店」页重新点「绑定」');
      const error = query.get('error');
      if (error) throw new StaffRefusal(error === 'access_denied' ? '商家在饿了么页面上拒绝了授权' : `饿了么授权失败：${query.get('error_description') || error}`);
      const code = query.get('code');
      if (!code) throw new StaffRefusal('饿了么没有返回授权码：请重新绑定');
      const { grant, account } = await completeAuthorization(oauth, (t) => client.getUser(t), code, pending.redirectUri);
      const only = account.shops.length === 1 ? account.shops[0] : undefined;
      const mapped = await vault.saveAuthorization(ELEME, account, grant, account.shops, (shop) => (shop === only ? pending.storeId : null));
      return { storeId: pending.storeId, mapped, shops: account.shops };
    },

    /**
     * Stop using Eleme for the store here: its shop is unmapped, and an authorization left
     * serving no store is forgotten with its tokens (one serving other stores stays for them).
     */
    async unbind(storeId: string): Promise<boolean> {
      const shop = vault.shopFor(ELEME, storeId);
      if (!shop) return false;
      await vault.unbindStore(ELEME, storeId);
      const auth = vault.list(ELEME).find((a) => a.accountId === shop.accountId);
      if (auth && auth.shops.every((s) => s.storeId === null)) await vault.removeAuthorization(ELEME, shop.accountId);
      return true;
    },

    /** The store's token, renewed ahead of expiry; undefined when not bound; throws when it needs re-authorizing. */
    tokenFor: async (storeId: string): Promise<string | undefined> => {
      try {
        return await vault.tokenFor(ELEME, storeId);
      } catch (err) {
        if (err instanceof CredentialError && err.kind === 'unbound') return undefined;
        throw err;
      }
    },

    actions: {
      confirm: async (orderId: string, token: string): Promise<void> => {
        await guarded(token, () => client.confirm(token, orderId));
      },
      cancel: (orderId: string, token: string, reasonCode: string, reason: string): Promise<void> =>
        guarded(token, () => client.cancel(token, orderId, isElemeCancelCode(reasonCode) ? reasonCode : ELEME_DEFAULT_CANCEL_CODE, reason)),
      agreeRefund: (orderId: string, token: string): Promise<void> => guarded(token, () => client.agreeRefund(token, orderId)),
      rejectRefund: (orderId: string, token: string, reason: string): Promise<void> =>
        guarded(token, () => client.disagreeRefund(token, orderId, reason.trim() || '商家拒绝')),
      /** Self-delivery; the courier's phone when staff gave one (the API takes a phone; empty when none). */
      delivering: (orderId: string, token: string, courier?: { name: string; phone: string }): Promise<void> =>
        guarded(token, () => client.startDeliveryBySelf(token, orderId, courier?.phone ?? '')),
      delivered: (orderId: string, token: string): Promise<void> => guarded(token, () => client.completeDeliveryBySelf(token, orderId, '')),
      /** 出餐 (orders the platform delivers). */
      prepared: (orderId: string, token: string): Promise<void> =>
        guarded(token, () => client.setOrderPrepared(token, orderId)).catch((err: unknown) => {
          throw preparedRefusal(err);
        }),
      /** Answer a 催单 (`remindId` from the reminder push). */
      replyReminder: (remindId: string, token: string, type: string, content = ''): Promise<void> =>
        guarded(token, () => client.replyReminder(token, remindId, type, content)),
    },

    cancelReasons: ELEME_CANCEL_REASONS,

    reminderReplies: ELEME_REMINDER_REPLIES,

    describeError: describeElemeError,

    // Not within a minute of accepting: Eleme publishes no such rule; we keep Meituan's (README.md here, "出餐").
    preparedRule: { minAfterAcceptMs: 60_000 },
    shop: elemeShop(client, guarded, (storeId) => vault.shopFor(ELEME, storeId)?.shopId),

    recovery: {
      /** Ids of the store's orders still waiting for the shop (its Eleme shop, through the vault). */
      listUnconfirmed: async (token: string, storeId: string): Promise<string[]> => {
        const shop = vault.shopFor(ELEME, storeId);
        return shop ? guarded(token, () => client.getUnprocessOrders(token, shop.shopId)) : [];
      },
      fetchOrder: (token: string, orderId: string): Promise<string> => guarded(token, () => client.getOrderJson(token, orderId)),
    },

    /** The end-of-shift check: the store's Eleme shop's orders of the day (README-outbound.md here). */
    dayOrderIds: async (token: string, store: PlatformStoreRef, day: string): Promise<string[]> => {
      const shopId = store.platformStoreId || vault.shopFor(ELEME, store.storeId)?.shopId;
      if (!shopId) throw new StaffRefusal('这个门店没有对应的饿了么店铺：请在「门店」页重新授权');
      return guarded(token, () => client.dayOrderIds(token, shopId, day));
    },

    stillAuthorized: (token: string, shopId: string): Promise<boolean> => client.stillAuthorized(token, shopId),

    /** 催单 of the store's Eleme shop still waiting for a reply (`getUnreplyReminders`), for the pull at start-up. */
    unrepliedReminders: async (token: string, store: { storeId: string; platformStoreId: string }): Promise<{ reminderId: string; orderId: string }[]> => {
      const shopId = store.platformStoreId || vault.shopFor(ELEME, store.storeId)?.shopId;
      if (!shopId) return [];
      const open = await guarded(token, () => client.getUnreplyReminders(token, shopId));
      return open.map((r) => ({ reminderId: r.remindId, orderId: r.orderId }));
    },
  };
  return out;
}


/** Eleme refused 出餐 for a reason of the order's (a `BIZ_` answer): in staff's words. */
function preparedRefusal(err: unknown): unknown {
  if (!(err instanceof ElemeApiError) || err.kind !== 'api' || !err.code?.startsWith('BIZ_')) return err;
  const words = preparedRefusalWords(err.platformMessage || err.message);
  return words ? new PreparedRefused(words, err.platformMessage || err.message) : err;
}

/** Eleme's failures in words for the counter, with whether trying again may help. Never a secret. */
export function describeElemeError(err: unknown): ActionFailure {
  if (err instanceof PreparedRefused) return { message: err.words, retriable: false };
  if (err instanceof CredentialError) return { message: err.message, retriable: err.retriable };
  if (err instanceof ElemeOAuthError) {
    const words = err.definitive ? '饿了么授权已失效：请在「门店」页重新授权' : '暂时无法连接饿了么授权服务，稍后会自动重试';
    return { message: `${words}（${err.message}）`, retriable: !err.definitive };
  }
  if (err instanceof ElemeApiError) {
    const known = elemeErrorWords(err.code);
    const transport =
      err.kind === 'timeout' ? '饿了么接口超时' : err.kind === 'network' ? '无法连接饿了么接口（请检查网络）' : err.kind === 'http' ? '饿了么接口暂不可用' : '';
    const words = known?.zh ?? (transport || '饿了么没有接受这个操作');
    const detail = err.platformMessage || err.message;
    return { message: `${words}（${detail}）`, retriable: known?.retriable ?? err.retriable };
  }
  return { message: `操作没有完成，请稍后再试（${err instanceof Error ? err.message : String(err)}）`, retriable: true };
}
