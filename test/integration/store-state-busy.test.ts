/**
 * 营业状态 and 忙碌 through both sandboxes over real HTTP, as `serve --sandbox` runs them: each
 * bound store's state asked from Meituan (queryPoiInfo) and Eleme (getShop), rested and opened
 * from the desk (poi/close, poi/open, updateShop), the platforms' own pushes followed, a lost
 * push caught by the periodic query, refusals in the platforms' dialects; 忙碌 pausing
 * auto-accept and resting every store, ending by itself and opening exactly the stores it
 * rested, and surviving a restart (one still on, one whose time ran out while the app was off).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeskStatus } from '../../shared/api.js';
import type { Order } from '../../shared/order.js';
import type { Store } from '../../shared/store.js';
import { parseConfig } from '../../electron/core/config.js';
import { Desk } from '../../electron/core/desk.js';
import type { ElemeApiError} from '../../electron/core/platforms/eleme/client.js';
import { ElemeClient } from '../../electron/core/platforms/eleme/client.js';
import type { ElemeSandboxModuleHandle } from '../../electron/core/platforms/eleme/index.js';
import type { ElemeSandbox } from '../../electron/core/platforms/eleme/sandbox.js';
import { MeituanApiError, MeituanClient } from '../../electron/core/platforms/meituan/client.js';
import { SANDBOX_MEITUAN, type MeituanSandboxHandle } from '../../electron/core/platforms/meituan/sandbox-module.js';
import type { MeituanSandbox } from '../../electron/core/platforms/meituan/sandbox.js';
import { ownerOnlyFileBox } from '../../electron/core/storage/bindings.js';
import { startSandboxes } from '../../electron/headless/sandbox-setup.js';
import { quietLogger, tempDir, waitForEvent } from '../support/helpers.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Running {
  desk: Desk;
  mt: MeituanSandbox;
  el: ElemeSandbox;
  shopId: string;
  elemeKeys: { appKey: string; appSecret: string };
  stop(): Promise<void>;
}

const STORES = [
  { id: 'shop-1', name: '湘北人家', autoAccept: true, autoAcceptDelaySeconds: 0 },
  { id: 'shop-2', name: '川味小馆', autoAccept: false },
];

/** Both sandboxes and a desk on `dir`, shop-1 bound on both (as the demo binds it). */
async function start(dir: string, o: { offsetMs?: () => number; storeStateIntervalMs?: number } = {}): Promise<Running> {
  const config = parseConfig({ stores: STORES, timeZone: 'Asia/Shanghai' });
  const sandboxes = await startSandboxes({ config, dataDir: dir }, quietLogger);
  const offset = o.offsetMs;
  const desk = await Desk.start({
    dataDir: dir,
    config: sandboxes.config,
    sandbox: true,
    logger: quietLogger,
    secretBox: ownerOnlyFileBox,
    busyCheckMs: 20,
    foldDelayMs: 20,
    ...(offset ? { now: () => new Date(Date.now() + offset()) } : {}),
    ...(o.storeStateIntervalMs ? { storeStateIntervalMs: o.storeStateIntervalMs } : {}),
  });
  await sandboxes.attach(desk, 0);
  const mt = (sandboxes.running.get('meituan') as MeituanSandboxHandle).instance;
  const el = (sandboxes.running.get('eleme') as ElemeSandboxModuleHandle).handle.sandbox;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await desk.stop();
    await sandboxes.stop();
  };
  cleanups.push(stop);
  const elemeKeys = (sandboxes.config as unknown as { eleme: { appKey: string; appSecret: string } }).eleme;
  return { desk, mt, el, shopId: el.shopForStore('shop-1')!, elemeKeys, stop };
}

async function freshDir(): Promise<string> {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  return dir;
}

const storeOf = async (desk: Desk, id = 'shop-1'): Promise<Store> => (await desk.listStores()).find((s) => s.id === id)!;

/** The next store-changed for shop-1 whose binding on `platform` satisfies `ok` (or now, if it already does). */
async function storeState(desk: Desk, platform: 'meituan' | 'eleme', ok: (s: Store['bindings']['meituan']['status']) => boolean): Promise<void> {
  const wait = waitForEvent<{ store: Store }>(desk, 'store-changed', (c) => c.store.id === 'shop-1' && ok(c.store.bindings[platform].status));
  if (ok((await storeOf(desk)).bindings[platform].status)) return;
  await wait;
}

/** The status once `ok` holds (now, or at a later status-changed). */
async function statusWhen(desk: Desk, ok: (s: DeskStatus) => boolean): Promise<DeskStatus> {
  const wait = waitForEvent<DeskStatus>(desk, 'status-changed', ok);
  const now = await desk.status();
  if (ok(now)) return now;
  return wait;
}

describe('营业状态 through both sandboxes', () => {
  it('asks each platform, rests and opens from the desk, follows the platforms’ pushes, and refuses an unbound store', async () => {
    const dir = await freshDir();
    const { desk, mt, el, shopId } = await start(dir);
    const stores = await desk.refreshStoreStates();
    const first = stores.find((s) => s.id === 'shop-1')!;
    expect(first.bindings.meituan.status).toMatchObject({ state: 'open', code: 1 });
    expect(first.bindings.meituan.status?.detail).toContain('本机查询');
    expect(first.bindings.eleme.status).toMatchObject({ state: 'open', code: 1 });
    expect(first.bindings.eleme.status?.detail).toContain('本机查询');
    // Not bound anywhere: nothing asked, nothing shown.
    expect(stores.find((s) => s.id === 'shop-2')!.bindings.meituan.status).toBeUndefined();

    // 休息 on Meituan from the desk: the platform's state, the answer, the status bar.
    const rested = await desk.setStoreOpen('meituan', 'shop-1', false);
    expect(mt.isStoreOpen('shop-1')).toBe(false);
    expect(rested.bindings.meituan.status?.state).toBe('resting');
    expect((await desk.status()).storeWarnings).toContainEqual(expect.objectContaining({ storeId: 'shop-1', platform: 'meituan', kind: 'resting' }));
    // 休息 on Eleme: updateShop, then its type 91 push.
    const elemeRested = await desk.setStoreOpen('eleme', 'shop-1', false);
    expect(el.isShopOpen(shopId)).toBe(false);
    expect(elemeRested.bindings.eleme.status?.state).toBe('resting');
    // 营业 again on both.
    await desk.setStoreOpen('meituan', 'shop-1', true);
    await desk.setStoreOpen('eleme', 'shop-1', true);
    expect(mt.isStoreOpen('shop-1')).toBe(true);
    expect(el.isShopOpen(shopId)).toBe(true);
    expect((await desk.status()).storeWarnings?.filter((w) => w.storeId === 'shop-1')).toEqual([]);

    // The merchant rests the store in each platform's own app: the pushes reach the desk.
    await mt.setStoreOpenFromMerchantApp('shop-1', false);
    await storeState(desk, 'meituan', (s) => s?.state === 'resting' && s.detail.includes('商家手动休息'));
    await el.setShopOpenFromMerchantApp(shopId, false);
    await storeState(desk, 'eleme', (s) => s?.state === 'resting' && !s.detail.includes('本机查询'));
    const warnings = (await desk.status()).storeWarnings ?? [];
    expect(warnings.filter((w) => w.storeId === 'shop-1').map((w) => `${w.platform}:${w.kind}`).sort()).toEqual(['eleme:resting', 'meituan:resting']);

    // A status push for an Eleme shop no store is served by: kept in the journal, on no store
    // (never read as "every store"). The refresh runs after it in the store's queue.
    await el.push(91, el.shopForStore('shop-2')!, { shopId: Number(el.shopForStore('shop-2')), isOpen: 0 });
    await desk.setStoreOpen('eleme', 'shop-1', true);
    await desk.refreshStoreStates();
    expect((await storeOf(desk)).bindings.eleme.status?.state).toBe('open');
    expect((await storeOf(desk, 'shop-2')).bindings.eleme.status).toBeUndefined();
    const kept = JSON.parse(await readFile(join(dir, 'store-notices.json'), 'utf8')) as { entries: Record<string, { status?: { state: string } }> };
    expect(Object.entries(kept.entries).filter(([k, e]) => k.startsWith('eleme:') && e.status?.state === 'resting').map(([k]) => k)).toEqual([]);

    // A store not bound: refused in staff's words, nothing called.
    await expect(desk.setStoreOpen('meituan', 'shop-2', true)).rejects.toThrow(/还没有绑定美团/);
    await expect(desk.setStoreOpen('eleme', 'shop-2', false)).rejects.toThrow(/还没有绑定饿了么/);
  });

  it('each sandbox refuses in its own dialect when the token does not cover the store', async () => {
    const { mt, el, shopId, elemeKeys } = await start(await freshDir());
    const meituan = new MeituanClient({ signKey: SANDBOX_MEITUAN.signKey, apiBase: mt.baseUrl });
    const m = await meituan.setPoiOpen('not-a-token', false).catch((e: unknown) => e);
    expect(m).toBeInstanceOf(MeituanApiError);
    expect((m as MeituanApiError).code).toBe(2);
    // A real token asked about another store: param_error too.
    const q = await meituan.queryPoiInfo(mt.tokenFor('shop-1')!, ['shop-2']).catch((e: unknown) => e);
    expect((q as MeituanApiError).code).toBe(2);
    expect(mt.isStoreOpen('shop-1')).not.toBe(false);

    const eleme = new ElemeClient({ ...elemeKeys, host: el.baseUrl });
    const e1 = await eleme.setShopOpen('not-a-token', shopId, false).catch((e: unknown) => e);
    expect((e1 as ElemeApiError).code).toBe('UNAUTHORIZED');
    // A live grant, but for shop-1's shop only: shop-2's shop is refused.
    const grant = await el.grantDirect([shopId]);
    const e2 = await eleme.getShop(grant.accessToken, el.shopForStore('shop-2')!).catch((e: unknown) => e);
    expect((e2 as ElemeApiError).code).toBe('PERMISSION_DENIED');
    const bad = await eleme.call('eleme.shop.updateShop', grant.accessToken, { shopId: Number(shopId), properties: { isOpen: 2 } }).catch((e: unknown) => e);
    expect((bad as ElemeApiError).code).toBe('VALIDATION_FAILED');
    expect(el.isShopOpen(shopId)).toBe(true);
  });

  it('a change whose push was lost is caught by the periodic query', async () => {
    const { desk, mt, el, shopId } = await start(await freshDir(), { storeStateIntervalMs: 150 });
    await storeState(desk, 'meituan', (s) => s?.state === 'open');
    await storeState(desk, 'eleme', (s) => s?.state === 'open');
    await mt.setStoreOpenFromMerchantApp('shop-1', false, false);
    await el.setShopOpenFromMerchantApp(shopId, false, false);
    await storeState(desk, 'meituan', (s) => s?.state === 'resting' && s.detail.includes('本机查询'));
    await storeState(desk, 'eleme', (s) => s?.state === 'resting' && s.detail.includes('本机查询'));
  });
});

describe('忙碌', () => {
  it('pauses auto-accept and rests every store; at its time it ends by itself and opens exactly the stores it rested', async () => {
    let offset = 0;
    const { desk, mt, el, shopId } = await start(await freshDir(), { offsetMs: () => offset });
    await desk.refreshStoreStates();
    // Eleme already resting before 忙碌: 忙碌 leaves it to the shop.
    await desk.setStoreOpen('eleme', 'shop-1', false);

    const on = await desk.setBusy({ minutes: 15, restStores: true });
    expect(on.autoAcceptPaused).toBe(true);
    expect(on.busy).toMatchObject({ restStores: true });
    expect(Date.parse(on.busy!.until!) - Date.parse(on.busy!.since)).toBe(15 * 60_000);
    expect(on.busy!.stores.map((s) => `${s.platform}:${s.storeId}:${s.state}:${s.error}`).sort()).toEqual(['eleme:shop-1:resting:', 'meituan:shop-1:resting:']);
    expect(mt.isStoreOpen('shop-1')).toBe(false);
    expect(el.isShopOpen(shopId)).toBe(false);
    await expect(desk.setBusy({ minutes: 30, restStores: false })).rejects.toThrow(/已经开启/);

    // A new order while 忙碌: not accepted by itself, and it is owed (it rings).
    const created = waitForEvent<{ order: Order; created: boolean }>(desk, 'order-changed', (c) => c.created && c.order.storeId === 'shop-1');
    await mt.pushNewOrder('shop-1');
    const { order } = await created;
    expect(order.attention?.reason).toBe('new-order');

    // The clock reaches the end: it ends by itself.
    offset = 16 * 60_000;
    const off = await statusWhen(desk, (s) => !s.busy);
    expect(off.autoAcceptPaused).toBe(false);
    expect(mt.isStoreOpen('shop-1')).toBe(true);
    // Rested before 忙碌, by the shop: still resting.
    expect(el.isShopOpen(shopId)).toBe(false);
    expect((await storeOf(desk)).bindings.meituan.status?.state).toBe('open');
    // The order that came during 忙碌 was never taken automatically.
    const after = (await desk.getOrder(order.key))!;
    expect(after.status).toBe('new');
    expect(after.autoAccept ?? null).toBeNull();

    // Auto-accept is back: the next order is accepted by itself.
    const accepted = waitForEvent<{ order: Order }>(desk, 'order-changed', (c) => c.order.storeId === 'shop-1' && c.order.status === 'accepted' && c.order.key !== order.key);
    await mt.pushNewOrder('shop-1');
    await accepted;
  });

  it('a store the platform refuses to rest is reported in words, and the end opens only the one it rested', async () => {
    const { desk, mt, el, shopId } = await start(await freshDir());
    await desk.refreshStoreStates();
    // A refusal in Meituan's own dialect, for the next close.
    mt.failNext('/waimai/poi/close', 1, '{"error":{"code":2,"error_type":"param_error","message":"参数异常"}}');
    const on = await desk.setBusy({ minutes: 30, restStores: true });
    const meituan = on.busy!.stores.find((s) => s.platform === 'meituan')!;
    expect(meituan.state).toBe('open');
    expect(meituan.error).toMatch(/^没能让「湘北人家」在美团外卖休息：参数异常：门店授权可能已失效/);
    expect(on.busy!.stores.find((s) => s.platform === 'eleme')).toMatchObject({ state: 'resting', error: '' });
    expect(mt.isStoreOpen('shop-1')).not.toBe(false);
    expect(el.isShopOpen(shopId)).toBe(false);
    const closes: string[] = [];
    mt.on('api', (c: { path: string }) => closes.push(c.path));
    const off = await desk.setBusy(null);
    expect(off.busy).toBeNull();
    expect(el.isShopOpen(shopId)).toBe(true);
    // Meituan was never rested: nothing to open there.
    expect(closes.filter((p) => p === '/waimai/poi/open')).toEqual([]);
  });

  it('a damaged busy.json is moved aside and said among the problems; 忙碌 is off', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'busy.json'), '{"v":1,"busy":{"since":');
    const { desk } = await start(dir);
    const status = await desk.status();
    expect(status.busy).toBeNull();
    expect(status.problems.some((p) => p.startsWith('忙碌状态文件损坏'))).toBe(true);
    await desk.setBusy({ minutes: 15, restStores: false });
    expect((await desk.setBusy(null)).problems.some((p) => p.startsWith('忙碌状态文件损坏'))).toBe(false);
  });

  it('without resting, only pauses auto-accept; switched off it restores what auto-accept was', async () => {
    const { desk, mt } = await start(await freshDir());
    await desk.setAutoAcceptPaused(true);
    const on = await desk.setBusy({ minutes: null, restStores: false });
    expect(on.busy).toMatchObject({ until: null, restStores: false, stores: [] });
    expect(mt.isStoreOpen('shop-1')).not.toBe(false);
    const off = await desk.setBusy(null);
    expect(off.busy).toBeNull();
    // Paused before 忙碌: still paused after it.
    expect(off.autoAcceptPaused).toBe(true);
  });

  it('survives a restart: still on after it, and one whose time ran out while the app was off ends at start and opens the stores', async () => {
    const dir = await freshDir();
    let offset = 0;
    const first = await start(dir, { offsetMs: () => offset });
    await first.desk.setBusy({ minutes: 30, restStores: true });
    expect(first.mt.isStoreOpen('shop-1')).toBe(false);
    await first.stop();

    // Still on after a restart: auto-accept paused, the stores resting, the same end time.
    const second = await start(dir, { offsetMs: () => offset });
    const status = await second.desk.status();
    expect(status.busy?.restStores).toBe(true);
    expect(status.autoAcceptPaused).toBe(true);
    expect(second.mt.isStoreOpen('shop-1')).toBe(false);
    expect(second.el.isShopOpen(second.shopId)).toBe(false);
    await second.stop();

    // The app was off past the end: at start it ends and opens what it rested.
    offset = 31 * 60_000;
    const third = await start(dir, { offsetMs: () => offset });
    const off = await statusWhen(third.desk, (s) => !s.busy);
    expect(off.autoAcceptPaused).toBe(false);
    await third.desk.settled();
    expect(third.mt.isStoreOpen('shop-1')).toBe(true);
    expect(third.el.isShopOpen(third.shopId)).toBe(true);
  });
});
