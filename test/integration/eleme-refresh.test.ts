/**
 * The desk keeps an OAuth authorization alive on its own: its periodic sweep renews the access
 * token ahead of expiry (the refresh token rotates), so calls keep working past the first
 * token's life without anyone binding again.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../electron/core/config.js';
import { Desk } from '../../electron/core/desk.js';
import { ElemeSandbox } from '../../electron/core/platforms/eleme/sandbox.js';
import { ownerOnlyFileBox } from '../../electron/core/storage/bindings.js';
import { quietLogger, tempDir } from '../support/helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('the desk’s credential vault', () => {
  it('renews an Eleme token ahead of expiry on its own, and the old token is no longer what calls use', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    let receiver = '';
    const sandbox = new ElemeSandbox({
      appKey: 'refresh-app',
      appSecret: 'refresh-secret-0001',
      receiverUrl: () => receiver,
      accessTtlSeconds: 3,
      duplicateRate: 0,
    });
    await sandbox.start();
    cleanups.push(() => sandbox.stop());
    const desk = await Desk.start({
      dataDir: dir,
      config: parseConfig({
        stores: [{ id: 'store-1', name: '湘北人家' }],
        eleme: { appKey: 'refresh-app', appSecret: 'refresh-secret-0001', apiBase: sandbox.baseUrl, redirectUri: 'http://127.0.0.1:9/eleme/oauth' },
      }),
      sandbox: false,
      logger: quietLogger,
      secretBox: ownerOnlyFileBox,
      credentialRefreshMs: 100,
    });
    cleanups.push(() => desk.stop());
    receiver = desk.receiver.url;

    const back = await sandbox.approve(await desk.bindingPageUrl('bind', 'store-1', 'eleme'), ['168830001']);
    expect(await desk.completeBinding('eleme', back.searchParams)).toMatchObject({ storeId: 'store-1', mapped: ['store-1'] });
    const first = desk.credentials.list('eleme')[0]!;
    const firstToken = await desk.credentials.tokenFor('eleme', 'store-1');

    // Nobody calls: the sweep alone renews it once two thirds of its 3-second life have passed.
    await vi.waitFor(() => expect(desk.credentials.list('eleme')[0]!.obtainedAt).not.toBe(first.obtainedAt), { timeout: 8000, interval: 100 });
    const renewed = desk.credentials.list('eleme')[0]!;
    expect(renewed.state).toBe('ok');
    expect(Date.parse(renewed.expiresAt!)).toBeGreaterThan(Date.parse(first.expiresAt!));
    expect(await desk.credentials.tokenFor('eleme', 'store-1')).not.toBe(firstToken);
    expect((await desk.listStores())[0]!.bindings.eleme.bound).toBe(true);

  }, 20_000);
});
