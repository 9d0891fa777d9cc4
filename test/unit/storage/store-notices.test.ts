/**
 * Store notices as the store keeps them: the latest status per store and platform, a line
 * applied twice or an older line applied after a newer one changes nothing, a platform-wide
 * notice shows on every store, and the file is what a new process reads back.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreNotices, type NoticeEffect } from '../../../electron/core/storage/store-notices.js';
import { UNBOUND, DEFAULT_STORE_SETTINGS, type Store } from '../../../shared/store.js';
import { tempDir } from '../../support/helpers.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

const store = (id: string, name: string): Store => ({
  id,
  name,
  bindings: { meituan: { ...UNBOUND, bound: true }, eleme: UNBOUND },
  settings: DEFAULT_STORE_SETTINGS,
});
const status = (storeId: string, code: number, state: 'open' | 'resting'): NoticeEffect => ({
  kind: 'notice',
  platform: 'meituan',
  storeId,
  type: 'poi-status',
  detail: `poiStatus ${code}`,
  storeState: state,
  code,
});
const at = (s: number): string => `2026-11-25T04:00:${String(s).padStart(2, '0')}.000Z`;

async function open(): Promise<{ dir: string; notices: StoreNotices; problems: string[] }> {
  const t = await tempDir();
  cleanup = t.cleanup;
  const problems: string[] = [];
  return { dir: t.dir, notices: new StoreNotices(t.dir, (p) => problems.push(p)), problems };
}

describe('StoreNotices', () => {
  it('keeps the latest status; the same line again or an older line later changes nothing', async () => {
    const { dir, notices } = await open();
    expect(await notices.apply(status('store-1', 121, 'open'), { seq: 5, at: at(5), fingerprint: 'b' })).toBe(true);
    expect(await notices.apply(status('store-1', 121, 'open'), { seq: 5, at: at(5), fingerprint: 'b' })).toBe(false);
    expect(await notices.apply(status('store-1', 120, 'resting'), { seq: 3, at: at(3), fingerprint: 'a' })).toBe(false);
    // The platform sending the same push again (a re-push) is not news either.
    expect(await notices.apply(status('store-1', 121, 'open'), { seq: 6, at: at(6), fingerprint: 'b' })).toBe(false);
    expect(notices.view(store('store-1', '湘北人家')).bindings.meituan.status).toEqual({
      state: 'open',
      code: 121,
      detail: 'poiStatus 121',
      at: at(5),
    });
    expect(await notices.apply(status('store-1', 120, 'resting'), { seq: 7, at: at(7), fingerprint: 'c' })).toBe(true);
    const again = new StoreNotices(dir, () => undefined);
    await again.ready();
    const s1 = again.view(store('store-1', '湘北人家'));
    expect(s1.bindings.meituan.status).toMatchObject({ state: 'resting', code: 120 });
    expect(s1.bindings.meituan.bound).toBe(true);
    expect(again.view(store('store-2', '川味小馆')).bindings.meituan.status).toBeUndefined();
    expect(again.warnings([store('store-1', '湘北人家'), store('store-2', '川味小馆')], at(0))).toEqual([
      { storeId: 'store-1', storeName: '湘北人家', platform: 'meituan', kind: 'resting', detail: 'poiStatus 120', at: at(7) },
    ]);
    // A store the shop has not configured is still warned about, by its id.
    await again.apply(status('store-x', 120, 'resting'), { seq: 8, at: at(8), fingerprint: 'd' });
    expect(again.warnings([store('store-1', '湘北人家')], at(0)).map((w) => `${w.storeId}|${w.storeName}|${w.kind}`)).toEqual([
      'store-1|湘北人家|resting',
      'store-x||resting',
    ]);
  });

  it('shows a downgrade that names no store on every store, in the status bar only while recent', async () => {
    const { notices } = await open();
    const downgrade: NoticeEffect = { kind: 'notice', platform: 'meituan', storeId: '', type: 'privacy-downgrade', detail: '' };
    await notices.apply(downgrade, { seq: 1, at: at(1), fingerprint: 'p' });
    const stores = [store('store-1', '湘北人家'), store('store-2', '川味小馆')];
    for (const s of stores) expect(notices.view(s).bindings.meituan.privacyDowngradedAt).toBe(at(1));
    expect(notices.warnings(stores, at(0)).map((w) => `${w.storeId}:${w.kind}`)).toEqual([
      'store-1:privacy-downgrade',
      'store-2:privacy-downgrade',
    ]);
    expect(notices.warnings(stores, at(2))).toEqual([]);
  });

  it('keeps the last few other notices per store, each once', async () => {
    const { notices } = await open();
    const other = (n: number): NoticeEffect => ({ kind: 'notice', platform: 'meituan', storeId: 'store-1', type: 'something-new', detail: `#${n}` });
    for (let n = 1; n <= 12; n++) await notices.apply(other(n), { seq: n, at: at(n), fingerprint: `f${n}` });
    await notices.apply(other(12), { seq: 13, at: at(13), fingerprint: 'f12' });
    const kept = notices.view(store('store-1', '湘北人家')).bindings.meituan.notices ?? [];
    expect(kept.map((n) => n.detail)).toEqual(['#3', '#4', '#5', '#6', '#7', '#8', '#9', '#10', '#11', '#12']);
  });

  it('reports a damaged file and starts empty instead of failing the start', async () => {
    const { dir, notices, problems } = await open();
    await writeFile(join(dir, 'store-notices.json'), '\0\0\0\0');
    await notices.ready();
    expect(problems).toEqual([expect.stringContaining('store-notices.json unreadable')]);
    expect(notices.view(store('store-1', '湘北人家')).bindings.meituan.status).toBeUndefined();
    expect(await notices.apply(status('store-1', 120, 'resting'), { seq: 1, at: at(1), fingerprint: 'x' })).toBe(true);
  });
});
