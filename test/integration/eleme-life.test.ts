/**
 * Eleme's whole order life through real HTTP, as `serve --sandbox` runs it: the demo store
 * bound on Meituan and on Eleme (Eleme through its authorize page and the code exchange), a
 * core-fields push (217) rung at once and filled in by fetching the order with the shop's
 * token, accepted / cancelled / refunded through Eleme's API, side by side with Meituan's orders.
 * Then the stores page's side: an authorization's second shop mapped to a store, the browser
 * coming back to the receiver's OAuth page, a withdrawal confirmed with the platform (and a
 * withdrawal the platform does not confirm kept), and removing the authorization (token gone).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../../shared/order.js';
import type { Store } from '../../shared/store.js';
import { parseConfig } from '../../electron/core/config.js';
import type { ElemeSandboxModuleHandle } from '../../electron/core/platforms/eleme/index.js';
import type { ElemeSandbox } from '../../electron/core/platforms/eleme/sandbox.js';
import { serve, type Served } from '../../electron/headless/cli.js';
import { quietLogger, tempDir, waitForEvent } from '../support/helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(
  stores: { id: string; name: string; autoAccept?: boolean; autoAcceptDelaySeconds?: number }[],
  demoIntervalSeconds = 0,
): Promise<{ s: Served; eleme: ElemeSandbox; dir: string }> {
  const { dir, cleanup } = await tempDir();
  const config = parseConfig({ stores });
  const s = await serve({ dataDir: dir, config, sandbox: true, receiverPort: 0, consolePort: 0, tunnel: 'none', demoIntervalSeconds }, quietLogger);
  cleanups.push(async () => {
    await s.stop();
    await cleanup();
  });
  const eleme = (s.sandboxes!.running.get('eleme') as ElemeSandboxModuleHandle).handle.sandbox;
  return { s, eleme, dir };
}

/** The next change of an Eleme order that satisfies `ok`. */
function elemeOrder(s: Served, ok: (o: Order) => boolean): Promise<Order> {
  return waitForEvent<{ order: Order }>(s.desk, 'order-changed', (c) => c.order.platform === 'eleme' && ok(c.order)).then((c) => c.order);
}

const full = (o: Order): boolean => o.items.length > 0 && !o.flags.includes('partial');

describe('Eleme through the desk, over real HTTP', () => {
  it('binds the demo store on both platforms; a 217 push is filled in by a fetch; accept, cancel and refund go through Eleme’s API', async () => {
    const { s, eleme } = await start([
      { id: 'shop-1', name: '湘北人家', autoAccept: false },
      { id: 'shop-2', name: '川味小馆', autoAccept: false },
    ]);
    const shopId = eleme.shopForStore('shop-1')!;

    // Bound on both platforms, Eleme through its authorize page: a token in the vault, the shop mapped.
    const [first] = await s.desk.listStores();
    expect(first!.bindings.meituan.bound).toBe(true);
    expect(first!.bindings.eleme).toMatchObject({ bound: true, platformStoreId: shopId });
    const auths = await s.desk.authorizations('eleme');
    expect(auths).toHaveLength(1);
    expect(auths[0]!.shops.find((x) => x.shopId === shopId)?.storeId).toBe('shop-1');
    expect(JSON.stringify(auths)).not.toMatch(/token/i);

    // A new order: the 217 push rings a partial record at once, the fetched order fills it in.
    const api: string[] = [];
    eleme.on('api', (c: { action: string }) => api.push(c.action));
    const partial = elemeOrder(s, (o) => o.flags.includes('partial'));
    const filled = elemeOrder(s, full);
    await s.desk.simulate('new-order', 'shop-1', 'eleme');
    const p = await partial;
    expect(p).toMatchObject({ platform: 'eleme', storeId: 'shop-1', status: 'new', items: [] });
    const o = await filled;
    const sb = eleme.getOrder(o.orderId)!;
    expect(api).toContain('eleme.order.getOrder');
    expect(o.key).toBe(p.key);
    expect(o.storeId).toBe('shop-1');
    expect(o.status).toBe('new');
    expect(o.daySeq).toBe(sb.daySn);
    expect(o.items.map((i) => ({ name: i.name, quantity: i.quantity, priceCents: i.priceCents, sku: i.sku }))).toEqual(
      sb.items.map((i) => ({ name: i.name, quantity: i.quantity, priceCents: i.priceCents, sku: i.extendCode })),
    );
    const food = sb.items.reduce((sum, i) => sum + i.priceCents * i.quantity, 0);
    expect(o.totalCents).toBe(Math.max(0, food + sb.packageFeeCents + sb.deliverFeeCents - sb.discountCents));
    expect(o.customer.name).toBe(sb.consignee);
    expect(o.flags).not.toContain('unknown-store');
    expect(o.flags).not.toContain('unbound-store');
    expect(o.events.map((e) => e.source)).toEqual(['/eleme/push', 'pull']);

    // Meituan's order arrives on the same board.
    const mt = waitForEvent<{ order: Order; created: boolean }>(s.desk, 'order-changed', (c) => c.created && c.order.platform === 'meituan');
    await s.desk.simulate('new-order', 'shop-1', 'meituan');
    expect((await mt).order.storeId).toBe('shop-1');
    expect(new Set((await s.desk.listOrders()).map((x) => x.platform))).toEqual(new Set(['eleme', 'meituan']));

    // Accept through Eleme's API.
    const accepted = await s.desk.accept(o.key);
    expect(accepted.status).toBe('accepted');
    expect(eleme.getOrder(o.orderId)!.status).toBe('valid');
    expect(eleme.getOrder(o.orderId)!.apiCalls.map((c) => c.action)).toContain('eleme.order.confirmOrderLite');
    // Eleme's own push of the acceptance changes nothing more than the status already is.
    expect((await s.desk.getOrder(o.key))!.status).toBe('accepted');

    // The customer hurries the order (催单): it is flagged, and staff answer through Eleme's API.
    const hurried = elemeOrder(s, (x) => x.key === o.key && x.flags.includes('reminder'));
    const { remindId } = await eleme.remind(o.orderId);
    expect((await hurried).reminder).toMatchObject({ id: remindId, replied: false });
    const replies = await s.desk.reminderReplies('eleme');
    expect(replies.map((r) => r.code)).toContain('inCooking');
    const replied = await s.desk.replyReminder(o.key, 'inCooking', '');
    expect(replied.reminder).toMatchObject({ id: remindId, replied: true });
    expect(replied.flags).not.toContain('reminder');
    expect(eleme.getOrder(o.orderId)!.reminders.find((r) => r.remindId === remindId)?.replied).toBe(true);
    expect(api).toContain('eleme.order.replyReminder');
    await expect(s.desk.replyReminder(o.key, 'inCooking', '')).rejects.toThrow('没有待回复的催单');

    // Cancel another with one of Eleme's reasons (a text code, sent as chosen).
    const second = elemeOrder(s, (x) => x.key !== o.key && full(x));
    await s.desk.simulate('new-order', 'shop-1', 'eleme');
    const o2 = await second;
    const reasons = await s.desk.cancelReasons('eleme');
    expect(reasons.length).toBeGreaterThan(0);
    const reason = reasons[0]!;
    const cancelled = await s.desk.cancel(o2.key, reason.code, reason.zh);
    expect(cancelled.status).toBe('cancelled');
    expect(eleme.getOrder(o2.orderId)!.status).toBe('invalid');
    const cancelCall = eleme.getOrder(o2.orderId)!.apiCalls.find((c) => c.action === 'eleme.order.cancelOrderLite')!;
    expect(JSON.parse(cancelCall.params)).toMatchObject({ type: reason.code });

    // The customer asks to cancel the accepted one (Eleme's cancel request); staff agree through Eleme's API.
    const requested = elemeOrder(s, (x) => x.key === o.key && x.refund?.state === 'requested');
    await eleme.requestCancel(o.orderId, '不想要了');
    expect((await requested).refund).toMatchObject({ state: 'requested' });
    const agreed = await s.desk.agreeRefund(o.key, '同意退款');
    expect(agreed.refund?.state).toBe('agreed');
    expect(eleme.getOrder(o.orderId)!.apiCalls.map((c) => c.action)).toContain('eleme.order.agreeRefundLite');
  }, 30_000);

  it('the demo makes Eleme and Meituan orders side by side for the store bound on both', async () => {
    const { s } = await start([{ id: 'shop-1', name: '湘北人家', autoAccept: false }], 1);
    const seen = new Set<string>();
    await waitForEvent<{ order: Order; created: boolean }>(s.desk, 'order-changed', (c) => {
      if (c.created && c.order.storeId === 'shop-1') seen.add(c.order.platform);
      return seen.has('eleme') && seen.has('meituan');
    });
    expect((await s.desk.status()).demo).toMatchObject({ state: 'running' });
  }, 30_000);

  it('a restarted demo keeps Eleme bound: the vault’s token still works against the restarted sandbox', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const config = parseConfig({ stores: [{ id: 'shop-1', name: '湘北人家', autoAccept: false }] });
    const opts = { dataDir: dir, config, sandbox: true, receiverPort: 0, consolePort: 0, tunnel: 'none' as const, demoIntervalSeconds: 0 };
    const first = await serve(opts, quietLogger);
    const account = (await first.desk.authorizations('eleme'))[0]!.accountId;
    await first.stop();
    const s = await serve(opts, quietLogger);
    cleanups.push(() => s.stop());
    // Not bound again: the same authorization, and a new order is fetched in full with its token.
    expect((await s.desk.authorizations('eleme')).map((a) => a.accountId)).toEqual([account]);
    const filled = elemeOrder(s, full);
    await s.desk.simulate('new-order', 'shop-1', 'eleme');
    expect((await filled).storeId).toBe('shop-1');
  }, 30_000);

  it('auto-accept waits for the full order: the confirm is sent only after the fetch filled the record in', async () => {
    const { s, eleme } = await start([{ id: 'shop-1', name: '湘北人家', autoAccept: true, autoAcceptDelaySeconds: 0 }]);
    const api: string[] = [];
    eleme.on('api', (c: { action: string; error: string | null }) => api.push(`${c.action}${c.error ? ':error' : ''}`));
    // The first fetch fails (a passing error): the record stays partial until the second.
    eleme.failNext('eleme.order.getOrder', 1);
    const done = elemeOrder(s, (o) => o.status === 'accepted');
    await s.desk.simulate('new-order', 'shop-1', 'eleme');
    const o = await done;
    expect(o.items.length).toBeGreaterThan(0);
    const firstOk = api.indexOf('eleme.order.getOrder');
    expect(api.indexOf('eleme.order.getOrder:error')).toBeLessThan(firstOk);
    expect(api.indexOf('eleme.order.confirmOrderLite')).toBeGreaterThan(firstOk);
  }, 30_000);

  it('the stores page: a second shop mapped, the OAuth page on the receiver, a withdrawal confirmed (or not), and removing the authorization', async () => {
    const { s, eleme, dir } = await start([
      { id: 'shop-1', name: '湘北人家', autoAccept: false },
      { id: 'shop-2', name: '川味小馆', autoAccept: false },
    ]);
    const shop1 = eleme.shopForStore('shop-1')!;
    const shop2 = eleme.shopForStore('shop-2')!;

    // The merchant refuses on Eleme's page: the browser comes back to a page saying so, nothing changes.
    const refusedPage = new URL(await s.desk.bindingPageUrl('bind', 'shop-2', 'eleme'));
    const refused = await fetch(`${s.desk.receiver.url}/eleme/oauth?error=access_denied&state=${refusedPage.searchParams.get('state')}`);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('商家在饿了么页面上拒绝了授权');
    expect((await s.desk.listStores()).find((x) => x.id === 'shop-2')!.bindings.eleme.bound).toBe(false);

    // Authorize again from the app for shop-2, approving both shops: the browser comes back to the receiver.
    const page = await s.desk.bindingPageUrl('bind', 'shop-2', 'eleme');
    const back = await eleme.approve(page);
    expect(back.origin + back.pathname).toBe(`${s.desk.receiver.url}/eleme/oauth`);
    const res = await fetch(back);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('授权完成，可以关闭此窗口');
    // Used once: the same address again is refused in words.
    const again = await fetch(back);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('授权链接已失效或已使用');

    // Two shops: the known one keeps its store, the other is mapped on the stores page.
    let auths = await s.desk.authorizations('eleme');
    expect(auths[0]!.shops).toEqual(
      expect.arrayContaining([expect.objectContaining({ shopId: shop1, storeId: 'shop-1' }), expect.objectContaining({ shopId: shop2, storeId: null })]),
    );
    const changed = waitForEvent<{ store: Store }>(s.desk, 'store-changed', (c) => c.store.id === 'shop-2' && c.store.bindings.eleme.bound);
    auths = await s.desk.mapShop('eleme', shop2, 'shop-2');
    expect((await changed).store.bindings.eleme.platformStoreId).toBe(shop2);

    // A withdrawal the platform does not confirm (the token still covers the shop) is kept.
    await eleme.push(100, shop1, { shopId: Number(shop1), appId: 1, appName: '外卖接单台', relieveOAuthTime: '2026-01-01T00:00:00' });
    await s.desk.settled();
    expect((await s.desk.listStores()).find((x) => x.id === 'shop-1')!.bindings.eleme.bound).toBe(true);
    // The shop really withdraws: confirmed with the platform, the store shows unbound, the counter is told.
    const unbound = waitForEvent<{ store: Store }>(s.desk, 'store-changed', (c) => c.store.id === 'shop-2' && !c.store.bindings.eleme.bound);
    await eleme.revoke(shop2);
    await unbound;
    expect((await s.desk.status()).problems.some((p) => p.includes('川味小馆') && p.includes('饿了么'))).toBe(true);
    const stores = await s.desk.listStores();
    expect(stores.find((x) => x.id === 'shop-1')!.bindings.eleme.bound).toBe(true);
    expect(stores.find((x) => x.id === 'shop-2')!.bindings.eleme.bound).toBe(false);

    // Removing the authorization: the token is gone from disk and from the desk.
    const vaultFile = join(dir, 'credentials.json');
    expect(JSON.parse(await readFile(vaultFile, 'utf8')).authorizations).toHaveLength(1);
    expect(await s.desk.removeAuthorization('eleme', auths[0]!.accountId)).toEqual([]);
    expect(JSON.parse(await readFile(vaultFile, 'utf8')).authorizations).toEqual([]);
    expect((await s.desk.listStores()).find((x) => x.id === 'shop-1')!.bindings.eleme.bound).toBe(false);
    await expect(s.desk.credentials.tokenFor('eleme', 'shop-1')).rejects.toMatchObject({ kind: 'unbound' });
  }, 30_000);
});
