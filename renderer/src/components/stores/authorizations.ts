/**
 * OAuth platforms on the stores page: the authorizations the shop gave (an account on the
 * platform, covering one or more of its shops) and which of our stores each shop serves. The
 * calls are the three below on the desk API; a core without them gets a disabled block, not a
 * broken page. A store-changed event (a bind, a mapping, a revocation) loads the list again.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DeskApi } from '../../../../shared/api.js';
import type { Platform } from '../../../../shared/order.js';
import type { Binding, Store } from '../../../../shared/store.js';
import { UNBOUND } from '../../../../shared/store.js';
import type { DeskClient } from '../../api/desk-client.js';

/** An authorization as the main side shows it: never a token. */
export interface AuthorizationView {
  platform: string;
  accountId: string;
  accountName: string;
  /** ISO time the current access token was obtained. */
  obtainedAt: string;
  /** ISO time the access token expires; null when it does not. */
  expiresAt: string | null;
  /** `needs-reauth`: the token expired or could not be renewed; the shop must authorize again. */
  state: 'ok' | 'needs-reauth';
  /** Words for staff when `state` is not ok. */
  problem: string | null;
  shops: AuthorizedShop[];
}

export interface AuthorizedShop {
  shopId: string;
  name: string;
  /** Our store this shop's orders go to; null: not mapped (its orders are kept and flagged). */
  storeId: string | null;
}

/** The desk calls for OAuth platforms (proposed; see the method names). */
export interface AuthorizationApi {
  /** Every authorization of the platform, with its shops. */
  authorizations(platform: Platform): Promise<AuthorizationView[]>;
  /** Send a shop's orders to one of our stores (null: to none). A store is served by one shop per platform. */
  mapShop(platform: Platform, shopId: string, storeId: string | null): Promise<AuthorizationView[]>;
  /** Forget an authorization: its shops show unbound and their orders stop. */
  removeAuthorization(platform: Platform, accountId: string): Promise<AuthorizationView[]>;
}

/** The calls, when this core has them (the Electron bridge lists only the methods it knows). */
function authorizationApi(api: DeskApi): AuthorizationApi | null {
  const a = api as DeskApi & Partial<AuthorizationApi>;
  return typeof a.authorizations === 'function' && typeof a.mapShop === 'function' && typeof a.removeAuthorization === 'function'
    ? (a as AuthorizationApi)
    : null;
}

/** The console's answer to a call it does not have. */
const NO_SUCH_CALL = /^no such call/;

export type AuthorizationsState =
  | { state: 'loading' }
  | { state: 'unavailable' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; list: AuthorizationView[] };

export interface Authorizations {
  view: AuthorizationsState;
  /** The calls; null when this core lacks them. */
  api: AuthorizationApi | null;
  /** After a call that answers with the new list. */
  replace(list: AuthorizationView[]): void;
}

/**
 * The authorizations of each OAuth platform given, loaded once and again on store-changed.
 * `platforms` must stay the same list for the component's life (it is the registry's).
 */
export function useAuthorizations(desk: DeskClient, platforms: readonly Platform[]): ReadonlyMap<Platform, Authorizations> {
  const api = useMemo(() => authorizationApi(desk.api), [desk]);
  const [views, setViews] = useState<Partial<Record<Platform, AuthorizationsState>>>({});
  const [version, setVersion] = useState(0);
  const wanted = platforms.length > 0;

  useEffect(() => (wanted && api ? desk.subscribe((name) => name === 'store-changed' && setVersion((v) => v + 1)) : undefined), [desk, api, wanted]);

  useEffect(() => {
    if (!api) return;
    let alive = true;
    for (const platform of platforms) {
      api
        .authorizations(platform)
        .then((list) => alive && setViews((v) => ({ ...v, [platform]: { state: 'ready', list } })))
        .catch((err: unknown) => {
          if (!alive) return;
          const message = (err as Error).message;
          setViews((v) => ({ ...v, [platform]: NO_SUCH_CALL.test(message) ? { state: 'unavailable' } : { state: 'failed', message } }));
        });
    }
    return () => {
      alive = false;
    };
  }, [api, platforms, version]);

  const replace = useCallback(
    (platform: Platform) => (list: AuthorizationView[]) => setViews((v) => ({ ...v, [platform]: { state: 'ready', list } })),
    [],
  );
  return useMemo(() => {
    const out = new Map<Platform, Authorizations>();
    for (const platform of platforms) {
      const view: AuthorizationsState = !api ? { state: 'unavailable' } : (views[platform] ?? { state: 'loading' });
      out.set(platform, { view, api: view.state === 'unavailable' ? null : api, replace: replace(platform) });
    }
    return out;
  }, [platforms, api, views, replace]);
}

/** The store's binding to a platform as the store list carries it; unbound when it says nothing. */
export function bindingOf(store: Store, platform: Platform): Binding {
  return (store.bindings as Partial<Record<Platform, Binding>>)[platform] ?? UNBOUND;
}

/** A store's standing on an OAuth platform: the shop serving it and its authorization, if any. */
export type OAuthStanding =
  | { state: 'bound'; shop: AuthorizedShop; auth: AuthorizationView }
  | { state: 'needs-reauth'; shop: AuthorizedShop; auth: AuthorizationView }
  | { state: 'unbound' };

export function standingOf(list: readonly AuthorizationView[], storeId: string): OAuthStanding {
  for (const auth of list) {
    const shop = auth.shops.find((s) => s.storeId === storeId);
    if (shop) return { state: auth.state === 'needs-reauth' ? 'needs-reauth' : 'bound', shop, auth };
  }
  return { state: 'unbound' };
}
