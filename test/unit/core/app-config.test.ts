/**
 * The app's own configuration store: secrets sealed on disk and never in the view, a blank
 * secret keeping the saved one, bad input refused with words a merchant understands (and the
 * file untouched), a damaged file moved aside and reported, and no plain-text fallback when
 * this machine cannot protect secrets. Keys here are made up.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppConfigInput } from '../../../shared/api.js';
import { AppConfigError, openAppConfig } from '../../../electron/core/app-config.js';
import type { SecretBox } from '../../../electron/core/storage/bindings.js';
import { fakeBox } from '../../support/fake-box.js';
import { tempDir } from '../../support/helpers.js';

const SIGN_KEY = 'madeUpSignKey42';
const UNION_SECRET = 'madeUpUnionSecret7';

const input = (over: Partial<AppConfigInput> = {}): AppConfigInput => ({
  meituan: { developerId: '100234', signKey: SIGN_KEY },
  union: { callbackSecret: UNION_SECRET },
  stores: [
    { id: 'store-1', name: '湘北人家', autoAccept: true, autoAcceptDelaySeconds: 5 },
    { id: 'store-2', name: '川味小馆' },
  ],
  ...over,
});

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

const fileText = (): Promise<string> => readFile(join(dir, 'config.json'), 'utf8');

describe('app config store', () => {
  it('starts empty, then round-trips: sealed on disk, opened for the Desk, absent from the view', async () => {
    const first = await openAppConfig(dir, fakeBox);
    expect(first.config).toBeNull();
    expect(first.view()).toMatchObject({ meituan: null, union: null, stores: [], editable: true, source: 'app' });

    const saved = await first.save(input());
    expect(saved.meituan).toMatchObject({ developerId: '100234', signKey: SIGN_KEY, apiBase: 'https://api-open-cater.meituan.com' });

    const text = await fileText();
    expect(text).not.toContain(SIGN_KEY);
    expect(text).not.toContain(UNION_SECRET);
    expect(text).toContain('sealed:');
    expect((await stat(join(dir, 'config.json'))).mode & 0o077).toBe(0);

    const again = await openAppConfig(dir, fakeBox);
    expect(again.problems).toEqual([]);
    expect(again.config).toEqual(saved);
    expect(again.config?.union?.callbackSecret).toBe(UNION_SECRET);
    const view = JSON.stringify(again.view());
    expect(view).not.toContain(SIGN_KEY);
    expect(view).not.toContain(UNION_SECRET);
    expect(view).not.toContain('sealed:');
    const { platforms, ...flat } = again.view();
    // The form as data: every platform's fields, and what is saved (a secret only as set / not set).
    const meituan = platforms.find((p) => p.platform === 'meituan')!;
    expect(meituan.form.fields.map((f) => [f.key, f.kind])).toEqual([
      ['developerId', 'text'],
      ['signKey', 'secret'],
      ['apiBase', 'url'],
      ['authBase', 'url'],
    ]);
    expect(meituan.values).toEqual({ developerId: '100234', apiBase: 'https://api-open-cater.meituan.com', authBase: 'https://open-erp.meituan.com' });
    expect(meituan.secretsSet).toEqual({ signKey: true });
    expect(platforms.find((p) => p.platform === 'union')).toMatchObject({ values: {}, secretsSet: { callbackSecret: true } });
    expect(flat).toEqual({
      meituan: { developerId: '100234', apiBase: 'https://api-open-cater.meituan.com', authBase: 'https://open-erp.meituan.com', signKeySet: true },
      // Registered but not configured: an empty section, never a secret.
      eleme: null,
      union: { callbackSecretSet: true },
      stores: [
        { id: 'store-1', name: '湘北人家', autoAccept: true, autoAcceptDelaySeconds: 5 },
        { id: 'store-2', name: '川味小馆' },
      ],
      editable: true,
      source: 'app',
    });
  });

  it('keeps the saved secret when the new one is empty or omitted, and replaces it when given', async () => {
    const store = await openAppConfig(dir, fakeBox);
    await store.save(input());
    const kept = await store.save(input({ meituan: { developerId: '100235', signKey: '' }, union: {}, stores: [{ id: 'store-1', name: '新名字' }] }));
    expect(kept.meituan).toMatchObject({ developerId: '100235', signKey: SIGN_KEY });
    expect(kept.union?.callbackSecret).toBe(UNION_SECRET);
    expect(kept.stores).toEqual([{ id: 'store-1', name: '新名字' }]);
    expect((await openAppConfig(dir, fakeBox)).config).toEqual(kept);

    const replaced = await store.save(input({ meituan: { developerId: '100235', signKey: '  otherMadeUpKey  ' }, union: null }));
    expect(replaced.meituan?.signKey).toBe('otherMadeUpKey');
    expect(replaced.union).toBeUndefined();
    expect(await fileText()).not.toContain('otherMadeUpKey');
  });

  it.each([
    ['a repeated store id', input({ stores: [{ id: 'store-1', name: 'A' }, { id: 'store-1', name: 'B' }] }), '第 2 个门店：门店编号重复：store-1'],
    ['a developer id with letters', input({ meituan: { developerId: '10a01', signKey: SIGN_KEY } }), '美团开发者 ID 只能是数字'],
    ['a store id over 100 characters', input({ stores: [{ id: 'x'.repeat(101), name: 'A' }] }), '第 1 个门店：门店编号最多 100 个字符'],
    ['an empty store name', input({ stores: [{ id: 's', name: '  ' }] }), '第 1 个门店：门店名称不能为空'],
    ['a non-http apiBase', input({ meituan: { developerId: '1', signKey: SIGN_KEY, apiBase: 'ftp://x' } }), 'apiBase 不是有效的 http(s) 网址'],
    ['no signKey and none saved', input({ meituan: { developerId: '100234' } }), '请填写美团 signKey'],
  ])('refuses %s with a clear message and leaves the file as it was', async (_what, bad, message) => {
    const store = await openAppConfig(dir, fakeBox);
    if (!message.includes('signKey')) await store.save(input());
    const before = await fileText().catch(() => null);
    await expect(store.save(bad)).rejects.toThrow(new AppConfigError(message));
    expect(await fileText().catch(() => null)).toBe(before);
  });

  it('keeps, untouched, a section of a platform this build does not know', async () => {
    await (await openAppConfig(dir, fakeBox)).save(input());
    const saved = JSON.parse(await fileText()) as Record<string, unknown>;
    const later = { appKey: 'k1', appSecretSealed: 'sealed:made-up', sandbox: false };
    await writeFile(join(dir, 'config.json'), JSON.stringify({ ...saved, laterplatform: later }));
    const store = await openAppConfig(dir, fakeBox);
    expect(store.problems).toEqual([]);
    await store.save(input({ stores: [{ id: 'store-1', name: '改名' }] }));
    expect(JSON.parse(await fileText())).toMatchObject({ laterplatform: later, stores: [{ id: 'store-1', name: '改名' }] });
  });

  it('moves a damaged file aside and reports it instead of starting from nothing silently', async () => {
    await writeFile(join(dir, 'config.json'), '{"v":1,"sealedWith":"fake-box","stores":[');
    const store = await openAppConfig(dir, fakeBox);
    expect(store.config).toBeNull();
    expect(store.problems).toHaveLength(1);
    expect(store.problems[0]).toMatch(/平台账号设置文件损坏，已移到 .*config\.json\.corrupt-/);
    const names = await readdir(dir);
    expect(names.some((n) => n.startsWith('config.json.corrupt-'))).toBe(true);
    expect(names).not.toContain('config.json');
  });

  it('reports secrets sealed by another box instead of opening them into a wrong key', async () => {
    await (await openAppConfig(dir, fakeBox)).save(input());
    const other: SecretBox = { kind: 'owner-only-file', seal: (s) => s, open: (s) => s };
    const store = await openAppConfig(dir, other);
    expect(store.config?.meituan).toBeUndefined();
    expect(store.config?.stores).toHaveLength(2);
    expect(store.view().meituan).toMatchObject({ developerId: '100234', signKeySet: false });
    expect(store.problems.join('\n')).toContain('美团 signKey在此电脑上无法解密');
    await expect(store.save(input({ meituan: { developerId: '100234' }, union: null }))).rejects.toThrow('已保存的美团 signKey在此电脑上无法解密，请重新填写');
    // Entered again, it is sealed by this machine's box and the problem is gone.
    const fixed = await store.save(input({ meituan: { developerId: '100234', signKey: 'reEnteredKey1' } }));
    expect(fixed.meituan?.signKey).toBe('reEnteredKey1');
    expect(store.problems).toEqual([]);
  });

  it('refuses to save a secret when this machine cannot protect it, but still saves stores', async () => {
    const sealedBefore = await openAppConfig(dir, fakeBox);
    await sealedBefore.save(input());
    const unavailable: SecretBox = { ...fakeBox, available: false };
    const store = await openAppConfig(dir, unavailable);
    const before = await fileText();
    await expect(store.save(input())).rejects.toThrow('此电脑无法加密保存密钥，已拒绝以明文保存');
    expect(await fileText()).toBe(before);
    // Keeping the secrets already sealed is fine: nothing new is written in plain.
    const kept = await store.save(input({ meituan: { developerId: '100234' }, union: {}, stores: [{ id: 'store-9', name: '新店' }] }));
    expect(kept.meituan?.signKey).toBe(SIGN_KEY);
    expect(kept.stores).toEqual([{ id: 'store-9', name: '新店' }]);
  });
});
