/**
 * A push that names the platform's own shop goes to the store the credential vault maps that
 * shop to at receipt, and the journal keeps that answer: a replay maps the same even when the
 * mapping changed since (or the vault is gone). A pulled order maps the same way.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contract } from '../../../electron/core/platforms/eleme/contract.js';
import { eleme } from '../../../electron/core/platforms/eleme/index.js';
import { Receiver } from '../../../electron/core/receiver/server.js';
import { ownerOnlyFileBox } from '../../../electron/core/storage/bindings.js';
import { DeskStorage, type ShopMapping } from '../../../electron/core/storage/desk-storage.js';
import { quietLogger, tempDir } from '../../support/helpers.js';

const SHOP = '168830001';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A vault that maps shops as the test says, and knows no authorization otherwise. */
function mapping(map: Record<string, string>): ShopMapping {
  return {
    storeForShop: (_p, shopId) => map[shopId],
    storeCredential: () => ({ state: 'unbound', words: '未绑定', accountId: null, shopId: null, shopName: null, expiresAt: null }),
    list: () => [],
  };
}

function openStore(dir: string, credentials?: ShopMapping): DeskStorage {
  return new DeskStorage({
    dataDir: dir,
    timeZone: 'Asia/Shanghai',
    stores: [
      { id: 'store-1', name: '湘北人家' },
      { id: 'store-9', name: '分店' },
    ],
    platforms: [eleme],
    secretBox: ownerOnlyFileBox,
    foldDelayMs: 600_000,
    foldMaxDelayMs: 600_000,
    ...(credentials ? { credentials } : {}),
  });
}

async function receive(store: DeskStorage, orderId: string): Promise<void> {
  const receiver = new Receiver({
    routes: eleme.routes,
    storage: store,
    configFor: () => eleme.config.verifyConfig(eleme.config.schema.parse(contract.config)),
    pendingBinding: () => false,
    logger: quietLogger,
  });
  await receiver.listen();
  try {
    const push = contract.firstPush(orderId);
    const res = await fetch(`${receiver.url}${push.path}`, { method: 'POST', headers: push.headers, body: push.body });
    expect(await res.text()).toBe('{"message":"ok"}');
  } finally {
    await receiver.close();
  }
}

describe('platform shop → store, decided at receipt', () => {
  it('files a push under the store the vault maps its shop to, and a replay without that mapping files it the same', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    // The push's own shop code says store-1; the shop is mapped to store-9 on the stores page.
    let store = openStore(dir, mapping({ [SHOP]: 'store-9' }));
    await store.open();
    await receive(store, '3000000000000000071');
    const live = await store.getOrder('eleme:3000000000000000071');
    expect(live?.storeId).toBe('store-9');
    expect(live?.flags).not.toContain('unknown-store');

    await store.kill();
    await rm(join(dir, '.lock'), { recursive: true, force: true });
    // The mapping is gone since (unmapped, or the vault unreadable): the journal's answer stands.
    store = openStore(dir, mapping({}));
    cleanups.push(() => store.close());
    expect((await store.open()).replayed).toBeGreaterThan(0);
    const replayed = await store.getOrder('eleme:3000000000000000071');
    expect(replayed?.storeId).toBe('store-9');
    expect(replayed).toEqual(live);
  });

  it('maps a pulled order the same way, and keeps the order’s own code when its shop is not mapped', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const store = openStore(dir, mapping({ [SHOP]: 'store-9' }));
    cleanups.push(() => store.close());
    await store.open();
    if (!('orderJson' in contract.pulled)) throw new Error('Eleme pulls orders');
    const [mapped] = await store.acceptPull('eleme', 'store-9', contract.pulled.orderJson('3000000000000000072'));
    expect(mapped?.order.storeId).toBe('store-9');
    const other = contract.pulled.orderJson('3000000000000000073').replace(`"shopId":${SHOP}`, '"shopId":168830099');
    const [unmapped] = await store.acceptPull('eleme', 'store-1', other);
    expect(unmapped?.order.storeId).toBe('store-1');
  });
});
