/**
 * What `serve` runs when nothing is configured: the embedded Meituan sandbox with two demo
 * stores — one already bound, auto-accepting after a few seconds, so a newcomer sees orders
 * arrive, ring and get accepted; one left unbound to try the binding flow on — and a Meituan
 * Union sandbox pushing promotion orders (paid, completed, sometimes refunded).
 */
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { DeskConfig } from '../core/config.js';
import { SANDBOX_MEITUAN } from '../core/config.js';
import { DeskActionError } from '../core/api-schemas.js';
import type { Desk } from '../core/desk.js';
import { MeituanSandbox } from '../core/platforms/meituan/sandbox.js';
import { preOrderOverrides, SIMULATED_PRE_ORDER_AHEAD_S } from '../core/platforms/meituan/sandbox-orders.js';
import { UnionSandbox } from '../core/platforms/union/sandbox.js';

/** Made up: the sandbox signs with it and the desk verifies with it; never a real Union secret. */
export const SANDBOX_UNION_SECRET = 'sandboxUnionCallbackSecret01';
/** Union orders trickle in more slowly than takeaway ones (a few per hour in a real shop). */
const UNION_DEMO_INTERVAL_MS = 30_000;
/** Orders per demo round; a round ends when its orders have settled and the next one begins. */
const DEMO_ROUND_ORDERS = 60;

export const DEMO_STORES = [
  { id: 'demo-store-1', name: '湘北人家（演示店）', autoAccept: true, autoAcceptDelaySeconds: 8 },
  { id: 'demo-store-2', name: '川味小馆（演示店）', autoAccept: false, autoAcceptDelaySeconds: 0 },
] as const;

export interface Sandboxes {
  meituan: MeituanSandbox;
  union: UnionSandbox;
  config: DeskConfig;
  attach(desk: Desk, demoIntervalSeconds: number, roundOrders?: number): Promise<void>;
  stop(): Promise<void>;
}

/** The Meituan sandbox's orders, tokens and counters, kept in the data folder across restarts. */
export const SANDBOX_STATE_FILE = 'sandbox-state.json';
/** The Union sandbox's promotion orders, likewise. */
export const UNION_STATE_FILE = 'sandbox-union-state.json';

export async function startSandboxes(o: { config: DeskConfig; dataDir?: string }, logger: Logger): Promise<Sandboxes> {
  let receiverUrl = '';
  const stateFile = o.dataDir ? join(o.dataDir, SANDBOX_STATE_FILE) : undefined;
  const meituan = new MeituanSandbox({ ...SANDBOX_MEITUAN, receiverUrl: () => receiverUrl, ...(stateFile ? { stateFile } : {}) });
  meituan.on('state-save-failed', (e: unknown) => logger.warn({ e }, 'sandbox: could not save its state'));
  meituan.on('state-moved-aside', (e: unknown) => logger.warn({ e }, 'sandbox: its state file was damaged; moved aside, starting empty'));
  await meituan.start();
  const config: DeskConfig = {
    ...o.config,
    meituan: { ...SANDBOX_MEITUAN, apiBase: meituan.baseUrl, authBase: meituan.baseUrl },
    stores: o.config.stores.length > 0 ? o.config.stores : DEMO_STORES.map((s) => ({ ...s })),
    union: { callbackSecret: SANDBOX_UNION_SECRET },
  };
  const union = new UnionSandbox({
    callbackSecret: SANDBOX_UNION_SECRET,
    receiverUrl: () => receiverUrl,
    ...(o.dataDir ? { stateFile: join(o.dataDir, UNION_STATE_FILE) } : {}),
  });
  await union.restore();
  union.on('push-gave-up', (e) => logger.warn({ e }, 'sandbox: gave up a union push'));
  meituan.on('push-gave-up', (e: unknown) => logger.warn({ e }, 'sandbox: gave up a push'));
  return {
    meituan,
    union,
    config,
    async attach(desk, demoIntervalSeconds, roundOrders = DEMO_ROUND_ORDERS) {
      receiverUrl = desk.receiver.url;
      const first = config.stores[0];
      if (first && !desk.store.registry.isBound('meituan', first.id)) {
        // As if the merchant had authorised the store in Meituan's page opened from the app.
        desk.expectBinding('meituan', first.id, 'bind');
        await meituan.bind(first.id);
      }
      const intervalSeconds = demoIntervalSeconds;
      let boundNow = '';
      const restartDemo = (force = false): void => {
        if (demoIntervalSeconds <= 0) return desk.setDemo({ state: 'stopped', reason: 'off', intervalSeconds });
        const bound = config.stores.filter((s) => desk.store.registry.isBound('meituan', s.id)).map((s) => s.id);
        // Store changes that leave the bound set alone (a rename, a status push) keep the round going.
        if (!force && bound.join() === boundNow) return;
        boundNow = bound.join();
        if (bound.length > 0) {
          meituan.startDemo({ ePoiIds: bound, intervalMs: demoIntervalSeconds * 1000, maxOrders: roundOrders });
          desk.setDemo({ state: 'running', intervalSeconds });
        } else {
          meituan.stopDemo();
          desk.setDemo({ state: 'stopped', reason: 'no-bound-store', intervalSeconds });
        }
      };
      // A round ends once its orders have settled: the next one starts, so the demo keeps going.
      meituan.on('demo-done', () => restartDemo(true));
      restartDemo();
      if (demoIntervalSeconds > 0) union.startDemo({ intervalMs: UNION_DEMO_INTERVAL_MS, maxOrders: 60 });
      // The platform only pushes for bound stores: follow binding changes.
      desk.on('store-changed', () => restartDemo());
      desk.setSimulator(async (kind, storeId) => {
        const bound = config.stores.filter((s) => desk.store.registry.isBound('meituan', s.id)).map((s) => s.id);
        const store = storeId ?? bound[0];
        if (!store) throw new DeskActionError('没有已绑定美团的门店：请先在「门店」页绑定');
        if (kind === 'new-order') {
          await meituan.pushNewOrder(store);
          return;
        }
        if (kind === 'pre-order') {
          await meituan.pushNewOrder(store, preOrderOverrides(Math.floor(Date.now() / 1000), SIMULATED_PRE_ORDER_AHEAD_S));
          return;
        }
        // The newest order of the store that the action still applies to (and that the sandbox
        // knows: it keeps its orders in the data folder, but not those of another folder's run).
        const orders = (await desk.listOrders())
          .filter((o) => o.storeId === store && o.platform === 'meituan' && meituan.getOrder(o.orderId) !== undefined)
          .reverse();
        const target =
          kind === 'refund-request' || kind === 'part-refund'
            ? orders.find((o) => (o.status === 'accepted' || o.status === 'delivering' || o.status === 'completed') && o.refund?.state !== 'requested')
            : orders.find((o) => o.status === 'new' || o.status === 'accepted');
        if (!target) throw new DeskActionError(kind === 'cancel' ? '没有可以取消的订单' : '没有可以申请退款的订单（需要已接单的订单）');
        if (kind === 'cancel') await meituan.cancel(target.orderId, '2006', '用户要求取消');
        else if (kind === 'part-refund') await meituan.partRefund(target.orderId, { reason: '商品缺货，退这一份' });
        else await meituan.refund(target.orderId, 'apply', '餐品洒漏，申请退款');
      });
    },
    async stop() {
      await union.stop();
      await meituan.stop();
    },
  };
}
