/** A shop's store and its binding to each platform (docs/design.md, Console API). Tokens never appear here. */

import type { TakeawayPlatform } from './platforms.js';
import type { AutoAcceptRules, AutoPrepareRule } from './shop-floor.js';

export interface Binding {
  bound: boolean;
  /** ISO time of the last bind, null if never bound. */
  boundAt: string | null;
  unboundAt: string | null;
  /** The platform's own store id/name when the platform said (Meituan poiId/poiName). */
  platformStoreId: string;
  platformStoreName: string;
  /** The latest store status the platform pushed (营业 / 休息 …); absent when it never did. */
  status?: StoreStatusNote;
  /** When the platform last said its privacy (virtual) numbers are downgraded; absent when never. */
  privacyDowngradedAt?: string;
  /** Other platform notices about the store that are not about one order, newest last (the last few). */
  notices?: StoreNotice[];
}

/** A store's state as staff say it: taking orders, resting (closed for now), off the platform, or a code we do not know. */
export const STORE_STATES = ['open', 'resting', 'offline', 'unknown'] as const;
export type StoreState = (typeof STORE_STATES)[number];

export interface StoreStatusNote {
  state: StoreState;
  /** The platform's code as sent (Meituan `poiStatus`), null when it sent none. */
  code: number | null;
  /** The platform's words: status text, reason, who did it. */
  detail: string;
  /** When the desk received it (ISO). */
  at: string;
}

export interface StoreNotice {
  /** Machine word: `unbind-other-business`, or whatever the platform sent that we do not know. */
  type: string;
  detail: string;
  at: string;
}

/** Something about a store staff should see in the status bar (resting, offline, privacy numbers downgraded). */
export interface StoreWarning {
  storeId: string;
  storeName: string;
  platform: TakeawayPlatform;
  kind: 'resting' | 'offline' | 'unknown-state' | 'privacy-downgrade';
  detail: string;
  at: string;
}

export interface StoreSettings {
  autoAccept: boolean;
  /** Seconds to wait before accepting automatically (0 = at once). */
  autoAcceptDelaySeconds: number;
  /** When and how much auto-accept may take (absent: all day, no limit). */
  autoAcceptRules?: AutoAcceptRules;
  /** Automatic 出餐 (absent: off). */
  autoPrepare?: AutoPrepareRule;
}

export interface Store {
  id: string;
  name: string;
  /** One binding per takeaway platform (their stores bind one by one). */
  bindings: Record<TakeawayPlatform, Binding>;
  settings: StoreSettings;
}

export const UNBOUND: Binding = { bound: false, boundAt: null, unboundAt: null, platformStoreId: '', platformStoreName: '' };
export const DEFAULT_STORE_SETTINGS: StoreSettings = { autoAccept: false, autoAcceptDelaySeconds: 0 };
