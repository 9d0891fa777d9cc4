/**
 * The credential vault with Eleme's real refresh, against the sandbox on 127.0.0.1: tokens
 * renewed ahead of a short expiry (the rotated refresh token saved first), the stores showing
 * 需要重新授权 when the platform refuses, and a revocation confirmed by asking the platform.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createElemeOutbound, describeElemeError, type ElemeOutbound } from '../../../../electron/core/platforms/eleme/actions.js';
import { ElemeSandbox } from '../../../../electron/core/platforms/eleme/sandbox.js';
import { CredentialVault } from '../../../../electron/core/storage/credentials.js';
import { fakeBox } from '../../../support/fake-box.js';
import { FakeElemeReceiver } from './sandbox-out-helpers.js';

const KEY = 'sbKey';
const SECRET = 'sbSecret-0001';
const SHOP_1 = '168830001';
const SHOP_2 = '168830002';

describe('Eleme tokens in the vault', () => {
  const receiver = new FakeElemeReceiver();
  let sandbox: ElemeSandbox;
  let dir: string;
  let now = 0;
  let refreshed = 0;
  const logs: string[] = [];

  beforeEach(async () => {
    await receiver.start();
    now = Date.now();
    refreshed = 0;
    logs.length = 0;
    // Tokens live two minutes here: short expiry, so renewal is exercised.
    sandbox = new ElemeSandbox({ appKey: KEY, appSecret: SECRET, receiverUrl: receiver.url, duplicateRate: 0, retryDelaysMs: [], accessTtlSeconds: 120, now: () => now });
    sandbox.on('refreshed', () => refreshed++);
    await sandbox.start();
    dir = await mkdtemp(join(tmpdir(), 'eleme-vault-'));
  });
  afterEach(async () => {
    await sandbox.stop();
    await receiver.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function desk(): Promise<{ vault: CredentialVault; outbound: ElemeOutbound }> {
    const vault = new CredentialVault(dir, fakeBox, {
      now: () => now,
      refreshAheadMs: 30_000,
      logger: { info: (f, m) => void logs.push(JSON.stringify(f) + m), warn: (f, m) => void logs.push(JSON.stringify(f) + m) },
    });
    await vault.open();
    const outbound = createElemeOutbound({ config: { appKey: KEY, appSecret: SECRET, apiBase: sandbox.baseUrl }, vault, now: () => now });
    return { vault, outbound };
  }

  /** The shop authorizes both its shops on the sandbox's page, opened for store-1. */
  async function bindBoth(outbound: ElemeOutbound, vault: CredentialVault): Promise<string[]> {
    const link = await outbound.binding.pageUrl('bind', { id: 'store-1', name: '湘北人家' }, 'https://desk.example.com');
    const html = await (await fetch(link)).text();
    const session = /name="session" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const form = new URLSearchParams({ session, decision: 'approve' });
    form.append('shop', SHOP_1);
    form.append('shop', SHOP_2);
    const res = await fetch(`${sandbox.baseUrl}/authorize`, { method: 'POST', body: form, redirect: 'manual' });
    const done = await outbound.completeBinding(new URL(res.headers.get('location') ?? '').searchParams);
    // Two shops: the stores page maps them (here, by hand); authorizing again keeps the mapping.
    if (done.mapped.length > 0) return done.mapped;
    await vault.mapShop('eleme', SHOP_1, 'store-1');
    await vault.mapShop('eleme', SHOP_2, 'store-2');
    return [];
  }

  it('renews ahead of a short expiry through the token endpoint, and both shops use the renewed token', async () => {
    const { vault, outbound } = await desk();
    expect(await bindBoth(outbound, vault)).toEqual([]); // two shops: nothing mapped on its own
    const first = await outbound.tokenFor('store-1');
    const order = await sandbox.pushNewOrder(SHOP_2);
    now += 95_000; // 25 s left of 120: due (ahead 30 s)
    const [a, b] = await Promise.all([outbound.tokenFor('store-1'), outbound.tokenFor('store-2')]);
    expect(refreshed).toBe(1); // one refresh for both
    expect(a).toBe(b);
    expect(a).not.toBe(first);
    await outbound.actions.confirm(order, b!);
    expect(sandbox.getOrder(order)?.status).toBe('valid');
    // A restart reads the renewed pair: the next renewal uses the rotated refresh token, with no grace needed.
    now += 40 * 60_000 + 95_000;
    const after = await desk();
    const c = await after.outbound.tokenFor('store-2');
    expect(c).not.toBe(a);
    expect(refreshed).toBe(2);
    const file = await readFile(join(dir, 'credentials.json'), 'utf8');
    for (const t of [first, a, c]) expect(file).not.toContain(t);
    expect(logs.join('\n')).not.toContain(c!);
  });

  it('a token the platform refuses mid-life is renewed before the next call', async () => {
    const { vault, outbound } = await desk();
    await bindBoth(outbound, vault);
    const order = await sandbox.pushNewOrder(SHOP_1);
    const token = (await outbound.tokenFor('store-1'))!;
    sandbox.auth.expireAccessTokens();
    const err = await outbound.actions.confirm(order, token).catch((e: unknown) => e);
    expect(describeElemeError(err).message).toContain('重新授权');
    const fresh = (await outbound.tokenFor('store-1'))!;
    expect(fresh).not.toBe(token);
    await outbound.actions.confirm(order, fresh);
    expect(sandbox.getOrder(order)?.status).toBe('valid');
  });

  it('when the platform refuses the refresh, the stores show 需要重新授权 and actions say so', async () => {
    const { vault, outbound } = await desk();
    await bindBoth(outbound, vault);
    sandbox.auth.killRefreshTokens();
    now += 200_000; // expired
    const err = await outbound.tokenFor('store-1').catch((e: unknown) => e);
    expect(describeElemeError(err)).toMatchObject({ retriable: false });
    expect(describeElemeError(err).message).toContain('需要重新授权');
    expect(vault.storeCredential('eleme', 'store-2').words).toContain('需要重新授权');
    // Authorizing again clears it, and the shops keep their stores.
    expect(await bindBoth(outbound, vault)).toEqual(['store-1', 'store-2']);
    expect(vault.storeCredential('eleme', 'store-2').state).toBe('ok');
    expect(await outbound.tokenFor('store-2')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('a revocation pushed by the platform is confirmed by asking with the stored token, then the store shows unbound', async () => {
    const { vault, outbound } = await desk();
    await bindBoth(outbound, vault);
    await sandbox.revoke(SHOP_2);
    const push = await receiver.waitFor((p) => p.type === 100);
    expect(push.fields['shopId']).toBe(SHOP_2);
    const token = (await outbound.tokenFor('store-2'))!;
    expect(await outbound.client.stillAuthorized(token, SHOP_2)).toBe(false);
    expect(await outbound.client.stillAuthorized(token, SHOP_1)).toBe(true);
    expect(await vault.revokeShop('eleme', SHOP_2)).toBe('store-2');
    expect(vault.storeCredential('eleme', 'store-2').state).toBe('unbound');
    expect(vault.storeCredential('eleme', 'store-1').state).toBe('ok');
  });
});
