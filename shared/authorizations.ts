/**
 * A platform authorization as the window may see it (stores page: which account, which shops,
 * mapped to which store, whether it needs renewing by the shop). Never a token.
 */

export type CredentialState = 'ok' | 'needs-reauth';

export interface AuthorizationView {
  platform: string;
  accountId: string;
  accountName: string;
  /** ISO time the current access token was obtained. */
  obtainedAt: string;
  /** ISO time the access token expires; null when it does not. */
  expiresAt: string | null;
  state: CredentialState;
  /** Words for staff when `state` is not ok. */
  problem: string | null;
  shops: { shopId: string; name: string; storeId: string | null }[];
}

/** One store's standing on one platform, in staff's words. */
export interface StoreCredential {
  state: 'unbound' | CredentialState;
  /** 已授权 / 需要重新授权 / 未绑定, with the reason when there is one. */
  words: string;
  accountId: string | null;
  shopId: string | null;
  shopName: string | null;
  expiresAt: string | null;
}
