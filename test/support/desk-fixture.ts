/** A desk wired to a test-local Meituan sandbox, as in production but on loopback with made-up keys. */
import type { Logger } from 'pino';
import type { OrderChange } from '../../electron/core/storage/desk-storage.js';
import { parseConfig } from '../../electron/core/config.js';
import { Desk, type DeskOptions } from '../../electron/core/desk.js';
import { MeituanSandbox } from '../../electron/core/platforms/meituan/sandbox.js';
import { ownerOnlyFileBox } from '../../electron/core/storage/bindings.js';
import { quietLogger, tempDir, waitForEvent } from './helpers.js';

export const TEST_DEVELOPER_ID = '100001';
export const TEST_SIGN_KEY = 'testSignKey00001';
export const TEST_UNION_SECRET = 'testUnionCallbackSecret01';

export interface Fixture {
  desk: Desk;
  sandbox: MeituanSandbox;
  dataDir: string;
  /** Stop the desk, run `between` (to damage a file, say), start it again on the same data. */
  restart(between?: () => Promise<void>): Promise<Desk>;
  close(): Promise<void>;
}

export interface FixtureOptions {
  stores?: { id: string; name: string; autoAccept?: boolean; autoAcceptDelaySeconds?: number }[];
  autoAcceptRetryDelaysMs?: number[];
  bind?: string[];
  /** Where the sandbox pushes, given the receiver's own URL (the tunnel tests route it through the tunnel). */
  pushTo?: (receiverUrl: string) => string;
  /** The shop's own fixed public address (config `publicUrl`). */
  publicUrl?: string;
  /** Configure the Union callback secret (TEST_UNION_SECRET); false leaves Union unconfigured. */
  union?: boolean;
  /** The desk's clock (the PC's), default the real one; the sandbox platform keeps the real one. */
  now?: () => Date;
  /** The sandbox platform's clock (ms), default the real one. */
  sandboxNow?: () => number;
  /** Where the desk logs (default: nowhere). */
  logger?: Logger;
  /** Runs on the empty data folder before the desk first starts (orders already on disk). */
  seed?: (dataDir: string) => Promise<void>;
  /** The store's quiet time before a fold (default 20 ms: tests see folds at once). */
  foldDelayMs?: number;
  /** More of the config file (printers, printing), read at every start, so a restart may change it. */
  config?: () => Record<string, unknown>;
  /** Print queue knobs (retry waits, status polling). */
  printing?: DeskOptions['printing'];
  /** How often the desk asks the platform for the stores' open/rest state (0: only when asked). */
  storeStateIntervalMs?: number;
}

export async function startFixture(o: FixtureOptions = {}): Promise<Fixture> {
  const { dir, cleanup } = await tempDir();
  await o.seed?.(dir);
  let receiverUrl = '';
  const sandbox = new MeituanSandbox({
    developerId: TEST_DEVELOPER_ID,
    signKey: TEST_SIGN_KEY,
    receiverUrl: () => (o.pushTo ? o.pushTo(receiverUrl) : receiverUrl),
    retryDelaysMs: [30, 60, 120],
    duplicateRate: 0,
    ...(o.sandboxNow ? { now: o.sandboxNow } : {}),
  });
  await sandbox.start();
  const configFor = () => parseConfig({
    meituan: { developerId: TEST_DEVELOPER_ID, signKey: TEST_SIGN_KEY, apiBase: sandbox.baseUrl, authBase: sandbox.baseUrl },
    stores: o.stores ?? [{ id: 'store-1', name: '湘北人家', autoAccept: true, autoAcceptDelaySeconds: 0 }],
    timeZone: 'Asia/Shanghai',
    ...(o.publicUrl ? { publicUrl: o.publicUrl } : {}),
    ...(o.union === false ? {} : { union: { callbackSecret: TEST_UNION_SECRET } }),
    ...o.config?.(),
  });
  const start = async (): Promise<Desk> => {
    const desk = await Desk.start({
      dataDir: dir,
      config: configFor(),
      sandbox: false,
      logger: o.logger ?? quietLogger,
      secretBox: ownerOnlyFileBox,
      autoAcceptRetryDelaysMs: o.autoAcceptRetryDelaysMs ?? [30, 60],
      foldDelayMs: o.foldDelayMs ?? 20,
      ...(o.now ? { now: o.now } : {}),
      ...(o.printing ? { printing: o.printing } : {}),
      ...(o.storeStateIntervalMs !== undefined ? { storeStateIntervalMs: o.storeStateIntervalMs } : {}),
    });
    receiverUrl = desk.receiver.url;
    return desk;
  };
  const fixture: Fixture = {
    desk: await start(),
    sandbox,
    dataDir: dir,
    async restart(between) {
      await fixture.desk.stop();
      await between?.();
      fixture.desk = await start();
      return fixture.desk;
    },
    async close() {
      // The desk first: its pending platform calls still get answers, and once stop() resolves
      // the fold is done and the journal closed, so nothing writes while the folder is removed.
      try {
        await fixture.desk.stop();
      } finally {
        await sandbox.stop();
        await cleanup();
      }
    },
  };
  for (const id of o.bind ?? ['store-1']) {
    fixture.desk.expectBinding('meituan', id, 'bind');
    const changed = waitForEvent(fixture.desk, 'store-changed');
    await sandbox.bind(id);
    await changed;
  }
  return fixture;
}

type Order = OrderChange['order'];

/**
 * Every order change the desk reports, kept from the start, so a test can wait for a state
 * whether it was reached before or after the wait began.
 */
export class OrderLog {
  readonly seen: Order[] = [];
  private waiters: { match: (o: Order) => boolean; resolve: (o: Order) => void }[] = [];
  private readonly listener = ({ order }: { order: Order }): void => {
    this.seen.push(order);
    this.waiters = this.waiters.filter((w) => {
      if (!w.match(order)) return true;
      w.resolve(order);
      return false;
    });
  };

  constructor(private desk: Desk) {
    desk.on('order-changed', this.listener);
  }

  /** Follow a restarted desk. */
  follow(desk: Desk): void {
    this.desk.off('order-changed', this.listener);
    this.desk = desk;
    desk.on('order-changed', this.listener);
  }

  waitFor(match: (o: Order) => boolean, timeoutMs = 15_000): Promise<Order> {
    const found = this.seen.find(match);
    if (found) return Promise.resolve(found);
    return new Promise<Order>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for an order change')), timeoutMs);
      this.waiters.push({
        match,
        resolve: (o) => {
          clearTimeout(timer);
          resolve(o);
        },
      });
    });
  }
}
