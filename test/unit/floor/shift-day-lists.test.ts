/**
 * Each platform's list of a store's day, as the end-of-shift check asks it, against the
 * platform's sandbox: Meituan number by number until "no such order", Eleme page by page.
 * Orders never pushed (the lost ones) are on the lists like the rest.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_DAY_SEQ, MeituanApiError, MeituanClient } from '../../../electron/core/platforms/meituan/client.js';
import { MeituanSandbox } from '../../../electron/core/platforms/meituan/sandbox.js';
import type { ElemeApiError} from '../../../electron/core/platforms/eleme/client.js';
import { ElemeClient } from '../../../electron/core/platforms/eleme/client.js';
import { ElemeSandbox } from '../../../electron/core/platforms/eleme/sandbox.js';
import { FakeReceiver } from '../platforms/meituan/sandbox-helpers.js';
import { FakeElemeReceiver } from '../platforms/eleme/sandbox-out-helpers.js';

/** The platforms' day (Beijing time). */
const platformToday = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe('Meituan: the day by day number (queryByDaySeq)', () => {
  const receiver = new FakeReceiver();
  let sandbox: MeituanSandbox;
  let client: MeituanClient;
  let token = '';

  beforeEach(async () => {
    await receiver.start();
    sandbox = new MeituanSandbox({ developerId: '100001', signKey: 'sandboxSignKey01', receiverUrl: receiver.url, duplicateRate: 0, retryDelaysMs: [] });
    await sandbox.start();
    client = new MeituanClient({ signKey: 'sandboxSignKey01', apiBase: sandbox.baseUrl });
    token = (await sandbox.bind('store-1')).token;
    await sandbox.bind('store-2');
  });
  afterEach(async () => {
    await sandbox.stop();
    await receiver.stop();
  });

  it('asks 1, 2, 3 … until the platform says there is no such order, pushed and lost orders alike', async () => {
    const pushed = await sandbox.pushNewOrder('store-1');
    const lost = await sandbox.takeLostOrder('store-1');
    await sandbox.takeLostOrder('store-2');
    const asked: Record<string, unknown>[] = [];
    sandbox.on('api', (e: { path: string; params: Record<string, string> }) => {
      if (e.path === '/waimai/order/queryByDaySeq') asked.push(e.params);
    });
    expect(await client.dayOrderIds(token, 'store-1', platformToday())).toEqual([pushed, lost]);
    // Three questions: 1, 2, and 3 answered "no such order"; the date as yyyyMMdd.
    expect(asked.map((p) => p['daySeq'])).toEqual(['1', '2', '3']);
    expect(asked[0]).toMatchObject({ ePoiId: 'store-1', date: platformToday().replaceAll('-', '') });
    // The lost order is nowhere among the unconfirmed ones (accepted in the merchant's app).
    expect((await client.queryByEpoids(token, ['store-1'])).orderIds).not.toContain(lost);
  });

  it('an empty day is an empty list; another store is refused', async () => {
    await sandbox.takeLostOrder('store-1');
    expect(await client.dayOrderIds(token, 'store-1', '2020-01-01')).toEqual([]);
    const err = await client.dayOrderIds(token, 'store-2', platformToday()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MeituanApiError);
    expect((err as MeituanApiError).code).toBe(2);
  });

  it('any other failure is thrown, not read as the end of the day', async () => {
    await sandbox.takeLostOrder('store-1');
    sandbox.failNext('/waimai/order/queryByDaySeq', 1);
    await expect(client.dayOrderIds(token, 'store-1', platformToday())).rejects.toThrow(MeituanApiError);
    expect(MAX_DAY_SEQ).toBeGreaterThanOrEqual(1000);
  });
});

describe('Eleme: the day page by page (getAllOrders)', () => {
  const receiver = new FakeElemeReceiver();
  let sandbox: ElemeSandbox;
  let client: ElemeClient;
  let token = '';
  const SHOP = '168830001';

  beforeEach(async () => {
    await receiver.start();
    sandbox = new ElemeSandbox({ appKey: 'sbKey', appSecret: 'sbSecret-0001', receiverUrl: receiver.url, duplicateRate: 0, retryDelaysMs: [] });
    await sandbox.start();
    client = new ElemeClient({ appKey: 'sbKey', appSecret: 'sbSecret-0001', host: sandbox.baseUrl });
    token = sandbox.auth.grantDirect([SHOP]).accessToken;
  });
  afterEach(async () => {
    await sandbox.stop();
    await receiver.stop();
  });

  it('pages through a busy day, 50 at a time, and stops at the total', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) ids.push(await sandbox.takeLostOrder(SHOP));
    await sandbox.takeLostOrder('168830002');
    const pages: Record<string, unknown>[] = [];
    sandbox.on('api', (e: { action: string; params: Record<string, unknown> }) => {
      if (e.action === 'eleme.order.getAllOrders') pages.push(e.params);
    });
    const got = await client.dayOrderIds(token, SHOP, platformToday());
    expect(got.sort()).toEqual(ids.sort());
    expect(pages.map((p) => String(p['pageNo']))).toEqual(['1', '2', '3']);
    expect(pages.every((p) => String(p['pageSize']) === '50' && p['date'] === platformToday())).toBe(true);
    // None of them is offered by the unprocessed-order pull.
    expect(await client.getUnprocessOrders(token, SHOP)).toEqual([]);
  });

  it('an empty day is an empty list; a page larger than 50 and a shop not authorized are refused', async () => {
    expect(await client.dayOrderIds(token, SHOP, '2020-01-01')).toEqual([]);
    const big = await client.call('eleme.order.getAllOrders', token, { shopId: 168830001, pageNo: 1, pageSize: 51 }).catch((e: unknown) => e);
    expect((big as ElemeApiError).code).toBe('VALIDATION_FAILED');
    const other = await client.dayOrderIds(token, '168830002', platformToday()).catch((e: unknown) => e);
    expect((other as ElemeApiError).code).toBe('PERMISSION_DENIED');
  });
});
