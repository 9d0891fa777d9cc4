/**
 * 营业 / 休息 on Meituan (README.md here, "Open and rest"): the store's state asked with
 * `queryPoiInfo`, switched with `poi/open` and `poi/close`. The store-status push that follows a
 * switch is read by the poi-status route like any other.
 */
import type { StoreState } from '../../../../shared/store.js';
import type { PlatformShopControl } from '../types.js';
import { MeituanApiError, type MeituanClient } from './client.js';

/** `queryPoiInfo`'s `isOpen`: 1 open, 3 resting, 0 offline; anything else is shown as unknown. */
export function isOpenState(code: number | null): StoreState {
  if (code === 1) return 'open';
  if (code === 3) return 'resting';
  if (code === 0) return 'offline';
  return 'unknown';
}

const WORDS: Record<StoreState, string> = { open: '门店营业中', resting: '门店休息中', offline: '门店已下线', unknown: '门店状态未知' };

export function meituanShop(client: MeituanClient): PlatformShopControl {
  return {
    async state(token, store) {
      const list = await client.queryPoiInfo(token, [store.storeId]);
      // One token answers for its own store: its entry, or the only one when the id is left out.
      const mine = list.find((p) => p.ePoiId === store.storeId) ?? (list.length === 1 && list[0]!.ePoiId === '' ? list[0] : undefined);
      if (!mine) throw new MeituanApiError(null, 'bad_response', `queryPoiInfo: no state for store ${store.storeId}`, false);
      const state = isOpenState(mine.isOpen);
      return { state, code: mine.isOpen, detail: state === 'unknown' ? `${WORDS.unknown}（isOpen ${mine.isOpen ?? '无'}）` : WORDS[state] };
    },
    setOpen: (token, _store, open) => client.setPoiOpen(token, open),
  };
}
