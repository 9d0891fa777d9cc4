import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreFs } from '../../../electron/core/storage/disk.js';
import {
  CredentialError,
  CredentialVault,
  type CredentialVaultOptions,
  type Refresher,
  type TokenGrant,
} from '../../../electron/core/storage/credentials.js';
import { fakeBox } from '../../support/fake-box.js';

const ACCESS = 'ACCESS-aaaa-1111-secret';
const REFRESH = 'REFRESH-rrrr-1111-secret';
const HOUR = 3600_000;

let dir: string;
let now = 1_800_000_000_000;
const clock = () => now;
const logs: string[] = [];
const logger = {
  info: (f: Record<string, unknown>, m: string) => void logs.push(JSON.stringify(f) + m),
  warn: (f: Record<string, unknown>, m: string) => void logs.push(JSON.stringify(f) + m),
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vault-'));
  now = 1_800_000_000_000;
  logs.length = 0;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function openVault(opts: CredentialVaultOptions = {}): Promise<CredentialVault> {
  const v = new CredentialVault(dir, fakeBox, { now: clock, logger, ...opts });
  await v.open();
  return v;
}

/** A refresher that rotates: each call answers a new numbered pair, 2 hours long. */
function rotating(): { refresher: Refresher; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    refresher: async (refreshToken) => {
      calls.push(refreshToken);
      const n = calls.length;
      return { accessToken: `ACCESS-new-${n}-secret`, refreshToken: `REFRESH-new-${n}-secret`, expiresInSeconds: 7200 };
    },
  };
}

const twoShops = [
  { shopId: '168830001', name: '湘北人家' },
  { shopId: '168830002', name: '川味小馆' },
];
const grant: TokenGrant = { accessToken: ACCESS, refreshToken: REFRESH, expiresInSeconds: 7200 };

async function elemeAccount(v: CredentialVault): Promise<void> {
  await v.saveAuthorization('eleme', { accountId: '5486031036067039666', accountName: '测试商户' }, grant, twoShops, (s) =>
    s.shopId === '168830001' ? 'store-1' : s.shopId === '168830002' ? 'store-2' : null,
  );
}

describe('credential vault', () => {
  it('one authorization serves several shops, each mapped to a store, and survives a restart', async () => {
    const v = await openVault();
    await elemeAccount(v);
    expect(await v.tokenFor('eleme', 'store-1')).toBe(ACCESS);
    expect(await v.tokenFor('eleme', 'store-2')).toBe(ACCESS);
    expect(v.storeForShop('eleme', '168830002')).toBe('store-2');
    expect(v.shopFor('eleme', 'store-1')).toEqual({ shopId: '168830001', name: '湘北人家', accountId: '5486031036067039666' });

    const again = await openVault();
    expect(await again.tokenFor('eleme', 'store-2')).toBe(ACCESS);
    expect(again.storeCredential('eleme', 'store-1')).toMatchObject({ state: 'ok', words: '已授权', shopId: '168830001' });
    expect(again.list('eleme')[0]?.accountId).toBe('5486031036067039666');
  });

  it('a store with no authorization is unbound, in words', async () => {
    const v = await openVault();
    const err = await v.tokenFor('eleme', 'store-9').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CredentialError);
    expect((err as CredentialError).kind).toBe('unbound');
    expect((err as CredentialError).message).toContain('门店未绑定');
    expect(v.storeCredential('eleme', 'store-9')).toMatchObject({ state: 'unbound', words: '未绑定' });
  });

  it('keeps tokens only sealed: not in the file, not in views, not in logs', async () => {
    const { refresher } = rotating();
    const v = await openVault({ refreshers: { eleme: refresher } });
    await elemeAccount(v);
    now += 2 * HOUR; // due: refreshed, so the new pair passes through too
    await v.tokenFor('eleme', 'store-1');
    const file = await readFile(join(dir, 'credentials.json'), 'utf8');
    const seen = [file, JSON.stringify(v.list()), JSON.stringify(v.storeCredential('eleme', 'store-1')), logs.join('\n')];
    for (const secret of [ACCESS, REFRESH, 'ACCESS-new-1-secret', 'REFRESH-new-1-secret']) {
      for (const text of seen) expect(text).not.toContain(secret);
    }
    expect(file).toContain('sealed:'); // sealed by the box, not dropped
    expect(logs.some((l) => l.includes('token refreshed'))).toBe(true);
  });

  it('a Meituan store token fits: one shop, no refresh, no expiry, never renewed', async () => {
    const { refresher, calls } = rotating();
    const v = await openVault({ refreshers: { meituan: refresher } });
    await v.saveAuthorization('meituan', { accountId: 'store-1' }, { accessToken: 'mt-app-auth-token' }, [{ shopId: '8001234', name: '湘北人家' }], () => 'store-1');
    now += 1000 * 24 * HOUR;
    expect(await v.tokenFor('meituan', 'store-1')).toBe('mt-app-auth-token');
    expect(calls).toEqual([]);
    expect(v.storeCredential('meituan', 'store-1').expiresAt).toBeNull();
  });

  it('renews ahead of expiry, not before, and saves the rotated refresh token before handing out the new access token', async () => {
    const { refresher, calls } = rotating();
    const v = await openVault({ refreshers: { eleme: refresher }, refreshAheadMs: 10 * 60_000 });
    await elemeAccount(v);
    now += 2 * HOUR - 11 * 60_000; // 11 minutes left: not yet
    expect(await v.tokenFor('eleme', 'store-1')).toBe(ACCESS);
    expect(calls).toEqual([]);
    now += 2 * 60_000; // 9 minutes left: renew
    expect(await v.tokenFor('eleme', 'store-1')).toBe('ACCESS-new-1-secret');
    expect(calls).toEqual([REFRESH]);
    // Already on disk: a vault opened now uses the rotated refresh token next time.
    const again = await openVault({ refreshers: { eleme: refresher } });
    expect(await again.tokenFor('eleme', 'store-2')).toBe('ACCESS-new-1-secret');
    now += 2 * HOUR;
    expect(await again.tokenFor('eleme', 'store-2')).toBe('ACCESS-new-2-secret');
    expect(calls).toEqual([REFRESH, 'REFRESH-new-1-secret']);
  });

  it('two callers at once share one refresh', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const calls: string[] = [];
    const refresher: Refresher = async (rt) => {
      calls.push(rt);
      await gate;
      return { accessToken: 'ACCESS-shared-secret', refreshToken: 'REFRESH-shared-secret', expiresInSeconds: 7200 };
    };
    const v = await openVault({ refreshers: { eleme: refresher } });
    await elemeAccount(v);
    now += 2 * HOUR;
    const a = v.tokenFor('eleme', 'store-1');
    const b = v.tokenFor('eleme', 'store-2');
    const c = v.tokenForAccount('eleme', '5486031036067039666');
    release();
    expect(await Promise.all([a, b, c])).toEqual(['ACCESS-shared-secret', 'ACCESS-shared-secret', 'ACCESS-shared-secret']);
    expect(calls).toEqual([REFRESH]);
  });

  it('a refused refresh leaves the stores at 需要重新授权, across a restart, until authorized again', async () => {
    const changed: string[][] = [];
    const refused: Refresher = async () => {
      throw Object.assign(new Error(`invalid_grant for ${REFRESH}`), { definitive: true });
    };
    const v = await openVault({ refreshers: { eleme: refused }, onChange: (_p, ids) => changed.push(ids) });
    await elemeAccount(v);
    now += 2 * HOUR;
    const err = (await v.tokenFor('eleme', 'store-1').catch((e: unknown) => e)) as CredentialError;
    expect(err.kind).toBe('needs-reauth');
    expect(err.message).toContain('需要重新授权');
    expect(err.retriable).toBe(false);
    expect(v.storeCredential('eleme', 'store-2').words).toContain('需要重新授权');
    expect(changed.at(-1)?.sort()).toEqual(['store-1', 'store-2']);

    const again = await openVault({ refreshers: { eleme: refused } });
    expect(again.storeCredential('eleme', 'store-1').state).toBe('needs-reauth');
    await expect(again.tokenFor('eleme', 'store-1')).rejects.toMatchObject({ kind: 'needs-reauth' });
    await elemeAccount(again); // the shop authorized once more
    expect(await again.tokenFor('eleme', 'store-1')).toBe(ACCESS);
    expect(again.storeCredential('eleme', 'store-1').state).toBe('ok');
  });

  it('a passing refresh failure keeps a still-valid token, and says "try later" once it has expired', async () => {
    let fail = true;
    let attempts = 0;
    const flaky: Refresher = async () => {
      attempts++;
      if (fail) throw new Error(`ECONNRESET while sending ${REFRESH}`);
      return { accessToken: 'ACCESS-late-secret', refreshToken: 'REFRESH-late-secret', expiresInSeconds: 7200 };
    };
    const v = await openVault({ refreshers: { eleme: flaky } });
    await elemeAccount(v);
    now += 2 * HOUR - 60_000; // due, still valid
    expect(await v.tokenFor('eleme', 'store-1')).toBe(ACCESS);
    expect(await v.tokenFor('eleme', 'store-2')).toBe(ACCESS); // no second attempt straight away
    expect(attempts).toBe(1);
    now += 2 * 60_000; // expired
    const err = (await v.tokenFor('eleme', 'store-1').catch((e: unknown) => e)) as CredentialError;
    expect(err).toMatchObject({ kind: 'refresh-failed', retriable: true });
    expect(v.storeCredential('eleme', 'store-1').state).toBe('ok');
    expect(logs.join('\n')).not.toContain(REFRESH); // the server's echo of the token is cut out
    fail = false;
    expect(await v.tokenFor('eleme', 'store-1')).toBe('ACCESS-late-secret');
  });

  it('when the renewed pair cannot be saved, it is dropped and the next renewal uses the saved refresh token', async () => {
    let failWrites = false;
    const fs: StoreFs = {
      ...fsp,
      open: (async (path: string, flags?: string) => {
        if (failWrites && flags === 'wx') throw Object.assign(new Error('ENOSPC: no space left'), { code: 'ENOSPC' });
        return fsp.open(path, flags);
      }) as StoreFs['open'],
    };
    const { refresher, calls } = rotating();
    const v = await openVault({ refreshers: { eleme: refresher }, fs });
    await elemeAccount(v);
    now += 2 * HOUR;
    failWrites = true;
    await expect(v.tokenFor('eleme', 'store-1')).rejects.toMatchObject({ kind: 'refresh-failed', retriable: true });
    failWrites = false;
    expect(await v.tokenFor('eleme', 'store-1')).toBe('ACCESS-new-2-secret');
    expect(calls).toEqual([REFRESH, REFRESH]); // the unsaved rotated token was never used
  });

  it('a binding the disk refuses is not half-kept: the store stays unbound', async () => {
    let failWrites = false;
    const fs: StoreFs = {
      ...fsp,
      open: (async (path: string, flags?: string) => {
        if (failWrites && flags === 'wx') throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
        return fsp.open(path, flags);
      }) as StoreFs['open'],
    };
    const v = await openVault({ fs });
    await elemeAccount(v);
    failWrites = true;
    await expect(v.mapShop('eleme', '168830002', 'store-1')).rejects.toThrow('EIO');
    await expect(v.saveAuthorization('eleme', { accountId: '42' }, grant, [{ shopId: '7', name: '三店' }], () => 'store-3')).rejects.toThrow('EIO');
    expect(v.storeForShop('eleme', '168830001')).toBe('store-1');
    expect(v.storeCredential('eleme', 'store-3').state).toBe('unbound');
  });

  it('a token the platform refuses is renewed before the next call', async () => {
    const { refresher, calls } = rotating();
    const v = await openVault({ refreshers: { eleme: refresher } });
    await elemeAccount(v);
    await v.rejectToken('eleme', 'some-other-token');
    expect(await v.tokenFor('eleme', 'store-1')).toBe(ACCESS);
    await v.rejectToken('eleme', ACCESS);
    expect(await v.tokenFor('eleme', 'store-1')).toBe('ACCESS-new-1-secret');
    expect(calls).toEqual([REFRESH]);
  });

  it('renews only the authorizations that are due when asked to sweep', async () => {
    const { refresher, calls } = rotating();
    const v = await openVault({ refreshers: { eleme: refresher } });
    await elemeAccount(v);
    now += HOUR;
    await v.saveAuthorization('eleme', { accountId: '42' }, { accessToken: 'ACCESS-other', refreshToken: 'REFRESH-other', expiresInSeconds: 7200 }, [{ shopId: '7', name: '三店' }], () => 'store-3');
    now += HOUR - 60_000; // the first account is due, the second is not
    await v.refreshDue();
    expect(calls).toEqual([REFRESH]);
    expect(await v.tokenFor('eleme', 'store-3')).toBe('ACCESS-other');
  });

  it('a torn file is moved aside and reported; the stores show unbound instead of the app refusing to start', async () => {
    const v = await openVault();
    await elemeAccount(v);
    const path = join(dir, 'credentials.json');
    const whole = await readFile(path, 'utf8');
    await writeFile(path, whole.slice(0, Math.floor(whole.length / 2)));
    const again = await openVault();
    expect(again.problems).toHaveLength(1);
    expect(again.problems[0]).toContain('请在「门店」页重新授权');
    expect(again.storeCredential('eleme', 'store-1').state).toBe('unbound');
    expect((await readdir(dir)).some((n) => n.startsWith('credentials.json.corrupt-'))).toBe(true);
  });

  it('maps, moves and revokes shops; a store is served by one shop per platform', async () => {
    const v = await openVault();
    await elemeAccount(v);
    expect(await v.mapShop('eleme', '168830002', 'store-1')).toBe(true);
    expect(v.storeForShop('eleme', '168830001')).toBeUndefined();
    expect(v.storeForShop('eleme', '168830002')).toBe('store-1');
    expect(v.knowsShop('eleme', '168830001')).toBe(true);
    expect(await v.mapShop('eleme', '999', 'store-1')).toBe(false);

    expect(await v.revokeShop('eleme', '168830002')).toBe('store-1');
    expect(v.storeCredential('eleme', 'store-1').state).toBe('unbound');
    expect(v.list('eleme')[0]?.shops.map((s) => s.shopId)).toEqual(['168830001']);
    await v.revokeShop('eleme', '168830001');
    expect(v.list('eleme')).toEqual([]); // nothing left: the authorization goes with its tokens
    const file = await readFile(join(dir, 'credentials.json'), 'utf8');
    expect(JSON.parse(file)).toEqual({ v: 1, authorizations: [] });
  });

  it('refuses to keep a secret where this PC cannot protect it', async () => {
    const v = new CredentialVault(dir, { ...fakeBox, available: false }, { now: clock });
    await v.open();
    await expect(elemeAccount(v)).rejects.toMatchObject({ kind: 'no-keychain' });
    await expect(readFile(join(dir, 'credentials.json'), 'utf8')).rejects.toThrow();
  });
});
