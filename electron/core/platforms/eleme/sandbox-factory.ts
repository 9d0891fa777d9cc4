/**
 * Starting the Eleme sandbox for the demo and the tests, in the shape the platform boundary
 * asks of a sandbox: the config section pointing at it (made-up app credentials), the demo
 * loop, `simulate` for the demo bar, stop. The demo's shops carry the desk's store ids as
 * their own codes (openId), so their orders find their stores; binding (a token in the desk's
 * vault) goes through the real authorize page with `approve`.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DEFAULT_ELEME_ACCOUNT, ElemeSandbox, SandboxTransitionError, type ElemeSimulateKind } from './sandbox.js';
import type { SandboxAccount } from './sandbox-oauth.js';

/** The desk's demo kinds plus Eleme's own (催单, cancel request, revocation). */
export type DeskSimulateKind = 'new-order' | 'pre-order' | 'refund-request' | 'part-refund' | 'cancel' | 'lost-order' | ElemeSimulateKind;

export interface ElemeSandboxStartContext {
  receiverUrl(): string;
  /** The desk's store ids, given to the demo shops as their own codes (default store-1, store-2). */
  storeIds?: readonly string[];
  /** Where the sandbox keeps its orders and tokens across restarts; absent: in memory only. */
  dataDir?: string;
  /** The app secret to use (a restarted demo must keep the one the desk's config holds); default random. */
  appSecret?: string;
  /** Where its made-up content comes from; default Math.random. */
  random?: () => number;
}

/** A simulated pre-order is due two hours and 20 seconds ahead (a 120-minute reminder rings 20 s after it arrives). */
const PRE_ORDER_AHEAD_S = 2 * 3600 + 20;

export async function startElemeSandbox(ctx: ElemeSandboxStartContext) {
  const appKey = 'sandbox-eleme-app';
  const appSecret = ctx.appSecret ?? randomBytes(16).toString('hex');
  const ids = ctx.storeIds ?? DEFAULT_ELEME_ACCOUNT.shops.map((s) => s.openId);
  const account: SandboxAccount = {
    ...DEFAULT_ELEME_ACCOUNT,
    shops: ids.map((storeId, i) => ({
      shopId: String(168830001 + i),
      name: DEFAULT_ELEME_ACCOUNT.shops[i]?.name ?? `演示店铺${i + 1}（饿了么）`,
      openId: storeId,
    })),
  };
  const sandbox = new ElemeSandbox({
    appKey,
    appSecret,
    receiverUrl: () => ctx.receiverUrl(),
    account,
    ...(ctx.random ? { random: ctx.random } : {}),
    ...(ctx.dataDir ? { stateFile: join(ctx.dataDir, 'eleme-sandbox-state.json') } : {}),
  });
  await sandbox.start();
  const doneListeners: (() => void)[] = [];
  const shopOf = (storeId: string): string => {
    const shopId = sandbox.shopForStore(storeId);
    if (!shopId) throw new SandboxTransitionError('这个门店没有对应的饿了么沙箱店铺');
    return shopId;
  };
  return {
    sandbox,
    /** The config file's `eleme` section pointing at this sandbox. */
    config: { appKey, appSecret, apiBase: sandbox.baseUrl, sandbox: true },
    startDemo(o: { storeIds: readonly string[]; intervalMs: number; maxOrders: number }): void {
      const shopIds = o.storeIds.map((id) => sandbox.shopForStore(id)).filter((id): id is string => id !== undefined);
      if (shopIds.length === 0) return;
      sandbox.startDemo({ shopIds, intervalMs: o.intervalMs, maxOrders: o.maxOrders }, () => {
        for (const fn of doneListeners) fn();
      });
    },
    stopDemo: (): void => sandbox.stopDemo(),
    onDemoDone(listener: () => void): void {
      doneListeners.push(listener);
    },
    /** What a customer (or the shop on Eleme's side) would do at this store. */
    async simulate(kind: DeskSimulateKind, storeId: string): Promise<void> {
      const shopId = shopOf(storeId);
      if (kind === 'pre-order') {
        const nowSec = Math.floor(Date.now() / 1000);
        await sandbox.pushNewOrder(shopId, { overrides: { book: true, deliverTime: nowSec + PRE_ORDER_AHEAD_S } });
        return;
      }
      if (kind === 'lost-order') {
        await sandbox.takeLostOrder(shopId);
        return;
      }
      if (kind === 'part-refund') {
        const partId = await sandbox.pushNewOrder(shopId);
        await sandbox.confirmFromMerchantApp(partId);
        await sandbox.complete(partId);
        await sandbox.requestRefund(partId, '少送了一份', true);
        return;
      }
      await sandbox.simulate(kind, shopId);
    },
    stop: (): Promise<void> => sandbox.stop(),
  };
}

export type ElemeSandboxHandle = Awaited<ReturnType<typeof startElemeSandbox>>;
