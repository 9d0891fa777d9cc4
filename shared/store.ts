/** A shop's store and its binding to each platform (DESIGN.md, console API). Tokens never appear here. */

export interface Binding {
  bound: boolean;
  /** ISO time of the last bind, null if never bound. */
  boundAt: string | null;
  unboundAt: string | null;
  /** The platform's own store id/name when the platform said (Meituan poiId/poiName). */
  platformStoreId: string;
  platformStoreName: string;
}

export interface StoreSettings {
  autoAccept: boolean;
  /** Seconds to wait before accepting automatically (0 = at once). */
  autoAcceptDelaySeconds: number;
}

export interface Store {
  id: string;
  name: string;
  bindings: { meituan: Binding; eleme: Binding };
  settings: StoreSettings;
}

export const UNBOUND: Binding = { bound: false, boundAt: null, unboundAt: null, platformStoreId: '', platformStoreName: '' };
export const DEFAULT_STORE_SETTINGS: StoreSettings = { autoAccept: false, autoAcceptDelaySeconds: 0 };
