/**
 * The Meituan sandbox as the core's sandbox setup sees it (`PlatformSandbox`): started with
 * made-up credentials, its orders and tokens kept in the data folder across restarts.
 */
import { join } from 'node:path';
import type { Order } from '../../../../shared/order.js';
import { StaffRefusal, type PlatformSandbox, type PlatformSandboxFactory } from '../types.js';
import { MeituanSandbox } from './sandbox.js';
import { preOrderOverrides, SIMULATED_PRE_ORDER_AHEAD_S } from './sandbox-orders.js';

/** Made-up sandbox credentials: what runs when nothing is configured. */
export const SANDBOX_MEITUAN = { developerId: '100001', signKey: 'sandboxSignKey01' } as const;
/** The Meituan sandbox's orders, tokens and counters, kept in the data folder across restarts. */
export const SANDBOX_STATE_FILE = 'sandbox-state.json';

/** The running sandbox behind the boundary, for tests that drive it directly. */
export interface MeituanSandboxHandle extends PlatformSandbox {
  readonly instance: MeituanSandbox;
}

export const meituanSandbox: PlatformSandboxFactory = {
  async start(ctx): Promise<MeituanSandboxHandle> {
    const stateFile = ctx.dataDir ? join(ctx.dataDir, SANDBOX_STATE_FILE) : undefined;
    const sandbox = new MeituanSandbox({ ...SANDBOX_MEITUAN, receiverUrl: ctx.receiverUrl, ...(stateFile ? { stateFile } : {}), ...(ctx.random ? { random: ctx.random } : {}) });
    sandbox.on('state-save-failed', (e: unknown) => ctx.logger.warn({ e }, 'sandbox: could not save its state'));
    sandbox.on('state-moved-aside', (e: unknown) => ctx.logger.warn({ e }, 'sandbox: its state file was damaged; moved aside, starting empty'));
    sandbox.on('push-gave-up', (e: unknown) => ctx.logger.warn({ e }, 'sandbox: gave up a push'));
    await sandbox.start();
    return {
      instance: sandbox,
      config: { ...SANDBOX_MEITUAN, apiBase: sandbox.baseUrl, authBase: sandbox.baseUrl },
      async bind(storeId) {
        await sandbox.bind(storeId);
      },
      startDemo: (o) => sandbox.startDemo({ ePoiIds: [...o.storeIds], intervalMs: o.intervalMs, maxOrders: o.maxOrders }),
      stopDemo: () => sandbox.stopDemo(),
      onDemoDone: (listener) => void sandbox.on('demo-done', listener),
      simulates: ['new-order', 'pre-order', 'refund-request', 'part-refund', 'cancel', 'rider', 'lost-order'],
      async simulate(kind, storeId, stored) {
        if (kind === 'new-order') {
          await sandbox.pushNewOrder(storeId);
          return;
        }
        if (kind === 'pre-order') {
          await sandbox.pushNewOrder(storeId, preOrderOverrides(Math.floor(Date.now() / 1000), SIMULATED_PRE_ORDER_AHEAD_S));
          return;
        }
        if (kind === 'lost-order') {
          await sandbox.takeLostOrder(storeId);
          return;
        }
        if (kind === 'reminder') throw new StaffRefusal('美团演示平台不模拟催单');
        if (kind === 'rider') return riderStep(sandbox, stored);
        // The newest order of the store that the action still applies to (and that the sandbox
        // knows: it keeps its orders in the data folder, but not those of another folder's run).
        const orders = stored.filter((o) => sandbox.getOrder(o.orderId) !== undefined).reverse();
        const target =
          kind === 'refund-request' || kind === 'part-refund'
            ? orders.find((o: Order) => (o.status === 'accepted' || o.status === 'delivering' || o.status === 'completed') && o.refund?.state !== 'requested')
            : orders.find((o: Order) => o.status === 'new' || o.status === 'accepted');
        if (!target) throw new StaffRefusal(kind === 'cancel' ? '没有可以取消的订单' : '没有可以申请退款的订单（需要已接单的订单）');
        if (kind === 'cancel') await sandbox.cancel(target.orderId, '2006', '用户要求取消');
        else if (kind === 'part-refund') await sandbox.partRefund(target.orderId, { reason: '商品缺货，退这一份' });
        else await sandbox.refund(target.orderId, 'apply', '餐品洒漏，申请退款');
      },
      stop: () => sandbox.stop(),
    };
  },
};

/** The newest accepted order Meituan delivers whose rider still has a step to take: it takes it (pushed like the platform does). */
async function riderStep(sandbox: MeituanSandbox, stored: readonly Order[]): Promise<void> {
  const candidates = stored
    .filter((o) => (o.status === 'accepted' || o.status === 'delivering') && !o.pickup && !o.delivery?.selfDelivery)
    .filter((o) => {
      const s = sandbox.getOrder(o.orderId)?.times.logisticsStatus;
      return s !== undefined && (s === null || s < 40);
    })
    .reverse();
  const target = candidates[0];
  if (!target) throw new StaffRefusal('没有等骑手的订单（需要已接单、美团配送的订单）');
  await sandbox.riderStep(target.orderId);
}
