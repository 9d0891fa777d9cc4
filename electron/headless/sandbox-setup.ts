/**
 * What `serve` runs when nothing is configured: every registered platform's sandbox, with two
 * demo stores — the first already bound wherever stores bind, auto-accepting after a few
 * seconds, so a newcomer sees orders arrive, ring and get accepted; the second left unbound to
 * try the binding flow on. Platforms whose stores bind make demo orders for the bound stores
 * only; the others (promotion platforms) push at their own pace.
 *
 * Printing too, unless the config names printers: a virtual printer 「演示打印机」 on a loopback
 * port prints kitchen, customer and cancellation tickets, and keeps each one in the data
 * folder's `printed/` (the bytes, and the text as the printer would print it).
 */
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Platform } from '../../shared/order.js';
import type { DeskConfig } from '../core/config.js';
import { DeskActionError } from '../core/api-schemas.js';
import type { Desk } from '../core/desk.js';
import { PLATFORM_MODULES } from '../core/platforms/index.js';
import { seededRandom } from '../core/platforms/common/sandbox-data.js';
import { VirtualPrinter } from '../core/printing/virtual-printer.js';
import { StaffRefusal, type PlatformModule, type PlatformSandbox } from '../core/platforms/types.js';

/** Orders per demo round; a round ends when its orders have settled and the next one begins. */
const DEMO_ROUND_ORDERS = 60;

export const DEMO_STORES = [
  { id: 'demo-store-1', name: '湘北人家（演示店）', autoAccept: true, autoAcceptDelaySeconds: 8 },
  { id: 'demo-store-2', name: '川味小馆（演示店）', autoAccept: false, autoAcceptDelaySeconds: 0 },
] as const;

export const DEMO_PRINTER = '演示打印机';

export interface Sandboxes {
  /** The running sandbox of each platform that has one, in registry order. */
  readonly running: ReadonlyMap<Platform, PlatformSandbox>;
  config: DeskConfig;
  /** The demo's printer (absent when the config names printers of its own). */
  readonly printer: VirtualPrinter | null;
  attach(desk: Desk, demoIntervalSeconds: number, roundOrders?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `seed`: the demo's made-up content is the same on every run with the same seed (each platform
 * its own stream); absent: different every run.
 */
export async function startSandboxes(o: { config: DeskConfig; dataDir?: string; seed?: number }, logger: Logger): Promise<Sandboxes> {
  let receiverUrl = '';
  const running = new Map<Platform, PlatformSandbox>();
  const modules = new Map<Platform, PlatformModule>();
  const stores = o.config.stores.length > 0 ? o.config.stores : DEMO_STORES.map((s) => ({ ...s }));
  try {
    for (const [i, p] of PLATFORM_MODULES.entries()) {
      if (!p.sandbox) continue;
      const sandbox = await p.sandbox.start({
        receiverUrl: () => receiverUrl,
        logger,
        storeIds: stores.map((s) => s.id),
        ...(o.dataDir ? { dataDir: o.dataDir } : {}),
        ...(o.seed !== undefined ? { random: seededRandom(o.seed + i * 7919) } : {}),
      });
      running.set(p.name, sandbox);
      modules.set(p.name, p);
    }
  } catch (err) {
    for (const s of running.values()) await s.stop().catch(() => undefined);
    throw err;
  }
  const printer = o.config.printers?.length ? null : new VirtualPrinter(o.dataDir ? { saveDir: join(o.dataDir, 'printed') } : {});
  try {
    await printer?.start();
  } catch (err) {
    for (const s of running.values()) await s.stop().catch(() => undefined);
    throw err;
  }
  const config: DeskConfig = {
    ...o.config,
    ...Object.fromEntries([...running].map(([name, s]) => [name, s.config])),
    stores,
    ...(printer
      ? {
          printers: [
            { name: DEMO_PRINTER, type: 'network' as const, host: '127.0.0.1', port: printer.port, width: 80 as const, tickets: ['kitchen' as const, 'customer' as const, 'cancel' as const], copies: 1 },
          ],
        }
      : {}),
  };
  const binding = [...running].filter(([name]) => modules.get(name)?.bindsStores);
  const free = [...running].filter(([name]) => !modules.get(name)?.bindsStores);
  return {
    running,
    config,
    printer,
    async attach(desk, demoIntervalSeconds, roundOrders = DEMO_ROUND_ORDERS) {
      receiverUrl = desk.receiver.url;
      const first = config.stores[0];
      for (const [name, sandbox] of binding) {
        if (first && sandbox.bind && !desk.storage.registry.isBound(name, first.id)) {
          // As if the merchant had authorised the store on the platform's page opened from the app.
          desk.expectBinding(name, first.id, 'bind');
          await sandbox.bind(first.id, {
            // The page the desk opens (it vouches for one unsigned callback), and the way back.
            pageUrl: () => desk.bindingPageUrl('bind', first.id, name),
            complete: async (query) => void (await desk.completeBinding(name, query)),
          });
        }
      }
      const intervalSeconds = demoIntervalSeconds;
      const boundOf = (name: Platform): string[] => config.stores.filter((s) => desk.storage.registry.isBound(name, s.id)).map((s) => s.id);
      const boundNow = new Map<Platform, string>();
      const restartDemo = (force = false): void => {
        if (demoIntervalSeconds <= 0) return desk.setDemo({ state: 'stopped', reason: 'off', intervalSeconds });
        let anyRunning = false;
        let changed = force;
        for (const [name, sandbox] of binding) {
          const bound = boundOf(name);
          // Store changes that leave the bound set alone (a rename, a status push) keep the round going.
          if (force || bound.join() !== boundNow.get(name)) {
            changed = true;
            boundNow.set(name, bound.join());
            if (bound.length > 0) sandbox.startDemo({ storeIds: bound, intervalMs: demoIntervalSeconds * 1000, maxOrders: roundOrders });
            else sandbox.stopDemo();
          }
          if (bound.length > 0) anyRunning = true;
        }
        if (!changed) return;
        desk.setDemo(anyRunning ? { state: 'running', intervalSeconds } : { state: 'stopped', reason: 'no-bound-store', intervalSeconds });
      };
      // A round ends once its orders have settled: the next one starts, so the demo keeps going.
      for (const [, sandbox] of binding) sandbox.onDemoDone?.(() => restartDemo(true));
      restartDemo();
      if (demoIntervalSeconds > 0) {
        const storeIds = config.stores.map((s) => s.id);
        for (const [, sandbox] of free) sandbox.startDemo({ storeIds, intervalMs: demoIntervalSeconds * 1000, maxOrders: 60 });
      }
      // The platforms push only for bound stores: follow binding changes.
      desk.on('store-changed', () => restartDemo());
      desk.setSimulator(async (kind, storeId, platform) => {
        // The named platform's sandbox; none named: the first one that can simulate this kind.
        const entry = binding.find(
          ([name, s]) => s.simulate && (s.simulates?.includes(kind) ?? true) && (platform === undefined || name === platform),
        );
        if (!entry) throw new DeskActionError(platform ? `${modules.get(platform)?.identity.label.zh ?? platform}的演示平台不支持模拟订单` : '演示平台不支持模拟订单');
        const [name, sandbox] = entry;
        const store = storeId ?? boundOf(name)[0];
        if (!store) throw new DeskActionError(`没有已绑定${modules.get(name)?.identity.label.zh ?? name}的门店：请先在「门店」页绑定`);
        const orders = (await desk.listOrders()).filter((o) => o.storeId === store && o.platform === name);
        try {
          await sandbox.simulate!(kind, store, orders);
        } catch (err) {
          if (err instanceof StaffRefusal) throw new DeskActionError(err.message);
          throw err;
        }
      });
    },
    async stop() {
      // In reverse order of starting, as before.
      for (const sandbox of [...running.values()].reverse()) await sandbox.stop();
      await printer?.stop();
    },
  };
}
