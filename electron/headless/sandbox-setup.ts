/**
 * What `serve` runs when nothing is configured: the embedded Meituan sandbox with two demo
 * stores — one already bound, auto-accepting after a few seconds, so a newcomer sees orders
 * arrive, ring and get accepted; one left unbound to try the binding flow on.
 */
import type { Logger } from 'pino';
import type { DeskConfig } from '../core/config.js';
import { SANDBOX_MEITUAN } from '../core/config.js';
import type { Desk } from '../core/desk.js';
import { MeituanSandbox } from '../core/platforms/meituan/sandbox.js';

export const DEMO_STORES = [
  { id: 'demo-store-1', name: '湘北人家（演示店）', autoAccept: true, autoAcceptDelaySeconds: 8 },
  { id: 'demo-store-2', name: '川味小馆（演示店·待绑定）', autoAccept: false, autoAcceptDelaySeconds: 0 },
] as const;

export interface Sandboxes {
  meituan: MeituanSandbox;
  config: DeskConfig;
  attach(desk: Desk, demoIntervalSeconds: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startSandboxes(o: { config: DeskConfig }, logger: Logger): Promise<Sandboxes> {
  let receiverUrl = '';
  const meituan = new MeituanSandbox({ ...SANDBOX_MEITUAN, receiverUrl: () => receiverUrl });
  await meituan.start();
  const config: DeskConfig = {
    ...o.config,
    meituan: { ...SANDBOX_MEITUAN, apiBase: meituan.baseUrl, authBase: meituan.baseUrl },
    stores: o.config.stores.length > 0 ? o.config.stores : DEMO_STORES.map((s) => ({ ...s })),
  };
  meituan.on('push-gave-up', (e: unknown) => logger.warn({ e }, 'sandbox: gave up a push'));
  return {
    meituan,
    config,
    async attach(desk, demoIntervalSeconds) {
      receiverUrl = desk.receiver.url;
      const first = config.stores[0];
      if (first && !desk.store.registry.isBound('meituan', first.id)) {
        // As if the merchant had authorised the store in Meituan's page opened from the app.
        desk.expectBinding('meituan', first.id, 'bind');
        await meituan.bind(first.id);
      }
      const restartDemo = (): void => {
        if (demoIntervalSeconds <= 0) return;
        const bound = config.stores.filter((s) => desk.store.registry.isBound('meituan', s.id)).map((s) => s.id);
        if (bound.length > 0) meituan.startDemo({ ePoiIds: bound, intervalMs: demoIntervalSeconds * 1000, maxOrders: 60 });
        else meituan.stopDemo();
      };
      restartDemo();
      // The platform only pushes for bound stores: follow binding changes.
      desk.on('store-changed', () => restartDemo());
    },
    async stop() {
      await meituan.stop();
    },
  };
}
