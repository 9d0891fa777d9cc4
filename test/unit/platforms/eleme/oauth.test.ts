import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createElemeOutbound, describeElemeError } from '../../../../electron/core/platforms/eleme/actions.js';
import { ElemeClient } from '../../../../electron/core/platforms/eleme/client.js';
import type {
  ElemeOAuthError} from '../../../../electron/core/platforms/eleme/oauth.js';
import {
  ElemeOAuth,
  authorizeUrl,
  elemeHost,
  OAuthStates,
} from '../../../../electron/core/platforms/eleme/oauth.js';
import { ElemeSandbox } from '../../../../electron/core/platforms/eleme/sandbox.js';
import { CredentialVault } from '../../../../electron/core/storage/credentials.js';
import { fakeBox } from '../../../support/fake-box.js';

const KEY = 'sbKey';
const SECRET = 'sbSecret-0001';
const REDIRECT = 'https://desk.example.com/eleme/oauth?from=desk&x=1';

describe('authorize address and state', () => {
  it('encodes redirect_uri and carries state, scope=all, response_type=code', () => {
    const url = new URL(authorizeUrl({ host: 'https://open-api.shop.ele.me/', appKey: KEY, redirectUri: REDIRECT, state: 'st-1' }));
    expect(url.origin + url.pathname).toBe('https://open-api.shop.ele.me/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({ response_type: 'code', client_id: KEY, redirect_uri: REDIRECT, scope: 'all', state: 'st-1' });
    expect(url.search).toContain(encodeURIComponent(REDIRECT));
  });

  it('chooses the host from the config section', () => {
    expect(elemeHost({ sandbox: true })).toBe('https://open-api-sandbox.shop.ele.me');
    expect(elemeHost({})).toBe('https://open-api.shop.ele.me');
    expect(elemeHost({ apiBase: 'http://127.0.0.1:5000/', sandbox: true })).toBe('http://127.0.0.1:5000');
  });

  it('takes a state back once, and not after its time', () => {
    let now = 0;
    const states = new OAuthStates<string>(1000, () => now);
    const a = states.issue('store-1');
    const b = states.issue('store-2');
    expect(a).not.toBe(b);
    expect(states.take(a)).toBe('store-1');
    expect(states.take(a)).toBeUndefined();
    now = 1000;
    expect(states.take(b)).toBeUndefined();
    expect(states.take('made-up')).toBeUndefined();
  });
});

describe('OAuth against the sandbox', () => {
  let sandbox: ElemeSandbox;
  let oauth: ElemeOAuth;
  let dir: string;
  let now = Date.now();
  beforeEach(async () => {
    now = Date.now();
    sandbox = new ElemeSandbox({ appKey: KEY, appSecret: SECRET, receiverUrl: 'http://127.0.0.1:9', duplicateRate: 0, retryDelaysMs: [], now: () => now, refreshGraceMs: 30 * 60_000 });
    await sandbox.start();
    oauth = new ElemeOAuth({ host: sandbox.baseUrl, appKey: KEY, appSecret: SECRET });
    dir = await mkdtemp(join(tmpdir(), 'eleme-oauth-'));
  });
  afterEach(async () => {
    await sandbox.stop();
    await rm(dir, { recursive: true, force: true });
  });

  /** What the merchant does in the binding window: open the page, pick shops, press a button. */
  async function merchant(url: string, decision: 'approve' | 'deny', shops: string[]): Promise<URL> {
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    const session = /name="session" value="([^"]+)"/.exec(html)?.[1] ?? '';
    for (const s of shops) expect(html).toContain(`value="${s}"`);
    const form = new URLSearchParams({ session, account: '沙箱测试商户', decision });
    for (const s of shops) form.append('shop', s);
    const res = await fetch(`${sandbox.baseUrl}/authorize`, { method: 'POST', body: form, redirect: 'manual' });
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location') ?? '');
  }

  it('round trip: authorize page → code and state back → tokens → the account and its shops', async () => {
    const back = await merchant(authorizeUrl({ host: sandbox.baseUrl, appKey: KEY, redirectUri: REDIRECT, state: 'st-42' }), 'approve', ['168830001', '168830002']);
    expect(back.origin + back.pathname).toBe('https://desk.example.com/eleme/oauth');
    expect(back.searchParams.get('from')).toBe('desk'); // the redirect's own query survives
    expect(back.searchParams.get('state')).toBe('st-42');
    const code = back.searchParams.get('code') ?? '';
    const grant = await oauth.exchangeCode(code, REDIRECT);
    expect(grant).toMatchObject({ tokenType: 'Bearer', expiresInSeconds: 86400 });
    expect(grant.refreshToken).toMatch(/^[0-9a-f]{32}$/);
    const account = await new ElemeClient({ host: sandbox.baseUrl, appKey: KEY, appSecret: SECRET }).getUser(grant.accessToken);
    expect(account).toEqual({
      accountId: '5486031036067039666',
      accountName: '沙箱测试商户',
      shops: [
        { shopId: '168830001', name: '湘北人家（饿了么）' },
        { shopId: '168830002', name: '川味小馆（饿了么）' },
      ],
    });
    // A code works once.
    const again = (await oauth.exchangeCode(code, REDIRECT).catch((e: unknown) => e)) as ElemeOAuthError;
    expect(again).toMatchObject({ error: 'invalid_grant', definitive: true });
  });

  it('a refusal on the page comes back as access_denied with the state', async () => {
    const back = await merchant(authorizeUrl({ host: sandbox.baseUrl, appKey: KEY, redirectUri: REDIRECT, state: 'st-9' }), 'deny', []);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('st-9');
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('refuses a code exchanged with another redirect_uri, and app credentials that are wrong (not as a dead grant)', async () => {
    const back = await merchant(authorizeUrl({ host: sandbox.baseUrl, appKey: KEY, redirectUri: REDIRECT, state: 's' }), 'approve', ['168830001']);
    const code = back.searchParams.get('code') ?? '';
    await expect(oauth.exchangeCode(code, 'https://desk.example.com/other')).rejects.toMatchObject({ error: 'invalid_grant' });
    const wrong = new ElemeOAuth({ host: sandbox.baseUrl, appKey: KEY, appSecret: 'wrong-secret' });
    const err = (await wrong.clientCredentials().catch((e: unknown) => e)) as ElemeOAuthError;
    expect(err).toMatchObject({ error: 'invalid_client', definitive: false });
    expect(err.message).not.toContain('wrong-secret');
    expect(describeElemeError(err)).toMatchObject({ retriable: true });
    const dead = (await oauth.refresh('no-such-refresh-token').catch((e: unknown) => e)) as ElemeOAuthError;
    expect(describeElemeError(dead)).toMatchObject({ retriable: false });
    expect(describeElemeError(dead).message).toContain('重新授权');
    expect(describeElemeError(dead).message).not.toContain('no-such-refresh-token');
    const page = await fetch(authorizeUrl({ host: sandbox.baseUrl, appKey: 'someone-else', redirectUri: REDIRECT, state: 's' }));
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('client_id 不正确');
  });

  it('refresh rotates: a new pair each time; the replaced refresh token works only for the grace period', async () => {
    const personal = await oauth.clientCredentials();
    expect(personal.refreshToken).toBeUndefined(); // the personal-app grant gives none
    const first = sandbox.auth.grantDirect(['168830001']);
    const r1 = await oauth.refresh(first.refreshToken);
    expect(r1.refreshToken).toBeDefined();
    expect(r1.refreshToken).not.toBe(first.refreshToken);
    expect(r1.accessToken).not.toBe(first.accessToken);
    // The answer was lost: the old refresh token still works within the grace period.
    const r2 = await oauth.refresh(first.refreshToken);
    expect(r2.refreshToken).not.toBe(r1.refreshToken);
    now += 31 * 60_000;
    await expect(oauth.refresh(first.refreshToken)).rejects.toMatchObject({ error: 'invalid_grant', definitive: true });
    const r3 = await oauth.refresh(r2.refreshToken!);
    const client = new ElemeClient({ host: sandbox.baseUrl, appKey: KEY, appSecret: SECRET, now: () => now });
    expect((await client.getUser(r3.accessToken)).shops.map((s) => s.shopId)).toEqual(['168830001']);
  });

  it('binds from the desk: the one-time state names the store; a one-shop authorization serves it', async () => {
    const vault = new CredentialVault(dir, fakeBox);
    await vault.open();
    const outbound = createElemeOutbound({ config: { appKey: KEY, appSecret: SECRET, apiBase: sandbox.baseUrl }, vault });
    const link = await outbound.binding.pageUrl('bind', { id: 'store-1', name: '湘北人家' }, 'https://desk.example.com/');
    const back = await merchant(link, 'approve', ['168830001']);
    expect(back.origin + back.pathname).toBe('https://desk.example.com/eleme/oauth');
    const done = await outbound.completeBinding(back.searchParams);
    expect(done).toEqual({ storeId: 'store-1', mapped: ['store-1'], shops: [{ shopId: '168830001', name: '湘北人家（饿了么）' }] });
    expect(vault.storeCredential('eleme', 'store-1')).toMatchObject({ state: 'ok', shopId: '168830001' });
    const token = await outbound.tokenFor('store-1');
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(await outbound.tokenFor('store-2')).toBeUndefined();
    // The same answer twice (a reload of the callback page) is refused: the state was used.
    await expect(outbound.completeBinding(back.searchParams)).rejects.toThrow('授权链接已失效或已使用');
    await expect(outbound.binding.pageUrl('bind', { id: 'store-1', name: '湘北人家' }, null)).rejects.toThrow('公网地址');
    await expect(outbound.binding.pageUrl('unbind', { id: 'store-1', name: '湘北人家' }, 'https://x')).rejects.toMatchObject({ name: 'StaffRefusal' });
    expect(await outbound.unbind('store-1')).toBe(true);
    expect(await outbound.tokenFor('store-1')).toBeUndefined();
  });
});
