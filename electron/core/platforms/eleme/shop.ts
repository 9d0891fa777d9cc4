/**
 * 营业 / 休息 on Eleme (README.md here, "Open and rest"): the shop's state asked with
 * `eleme.shop.getShop`, switched with `eleme.shop.updateShop {properties: {isOpen}}`; the
 * store-status push (type 91) that follows is read with the same words (interpret.ts).
 */
import type { StoreState } from '../../../../shared/store.js';
import type { PlatformShopControl } from '../types.js';
import { ElemeApiError, type ElemeClient } from './client.js';

/** busyLevel values that mean the shop takes no orders now (its own 休息 or a holiday). */
const RESTING_LEVELS = new Set(['busyLevelClosed', 'busyLevelHoliday']);

/**
 * The shop's state in staff's words. Our reading (single source): `isOpen` 1 open, 0 resting;
 * a `busyLevel` of closed or holiday is resting whatever `isOpen` says. Eleme names no
 * "offline" here, so a shop is never read as offline; anything else is unknown.
 */
export function elemeShopState(isOpen: number | null, busyLevel: string): StoreState {
  if (RESTING_LEVELS.has(busyLevel)) return 'resting';
  if (isOpen === 1) return 'open';
  if (isOpen === 0) return 'resting';
  return 'unknown';
}

export function elemeShopWords(state: StoreState, isOpen: number | null, busyLevel: string): string {
  if (state === 'open') return '店铺营业中';
  if (state === 'resting') return busyLevel === 'busyLevelHoliday' ? '店铺休假中' : '店铺休息中';
  return `店铺状态未知（isOpen ${isOpen ?? '无'}${busyLevel ? `，${busyLevel}` : ''}）`;
}

/** The Eleme shop a store is served by: the binding's shop id, else the vault's mapping. */
export function elemeShop(client: ElemeClient, guarded: <T>(token: string, run: () => Promise<T>) => Promise<T>, shopOf: (storeId: string) => string | undefined): PlatformShopControl {
  const shopId = (store: { storeId: string; platformStoreId: string }): string => {
    const id = store.platformStoreId || shopOf(store.storeId);
    if (!id) throw new ElemeApiError(null, 'bad_response', `门店 ${store.storeId} 没有对应的饿了么店铺`, false);
    return id;
  };
  return {
    async state(token, store) {
      const { isOpen, busyLevel } = await guarded(token, () => client.getShop(token, shopId(store)));
      const state = elemeShopState(isOpen, busyLevel);
      return { state, code: isOpen, detail: elemeShopWords(state, isOpen, busyLevel) };
    },
    setOpen: (token, store, open) => guarded(token, () => client.setShopOpen(token, shopId(store), open)),
  };
}
