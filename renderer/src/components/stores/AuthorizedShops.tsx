/**
 * An OAuth platform's authorizations and their shops, each shop with a select of our stores
 * (its orders go there; 「不接单」 maps it to none), and 解除授权 per account after a
 * confirmation. A core that cannot list authorizations gets the block disabled, with why.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Platform } from '../../../../shared/order.js';
import type { Store } from '../../../../shared/store.js';
import { langOf, platformName } from '../../lib/format.js';
import { useDesk } from '../../state/use-desk.js';
import type { Authorizations, AuthorizationView } from './authorizations.js';
import { shortDateTime } from './time.js';

interface Props {
  platform: Platform;
  stores: readonly Store[];
  authorizations: Authorizations;
  timeZone: string | undefined;
}

export default function AuthorizedShops({ platform, stores, authorizations, timeZone }: Props): React.JSX.Element {
  const { t, i18n } = useTranslation('binding');
  const name = platformName(platform, langOf(i18n.language));
  const { view } = authorizations;
  return (
    <section className="stores-section shops-section" data-testid={`shops-${platform}`} data-state={view.state} aria-labelledby={`shops-${platform}-title`}>
      <h3 id={`shops-${platform}-title`}>{t('shops.title', { platform: name })}</h3>
      {view.state === 'unavailable' ? (
        <p className="muted" role="note" data-testid={`shops-${platform}-unavailable`}>
          {t('shops.unavailable', { platform: name })}
        </p>
      ) : view.state === 'loading' ? (
        <p className="muted">{t('shops.loading')}</p>
      ) : view.state === 'failed' ? (
        <p className="field-error" role="alert">
          {t('shops.loadFailed', { platform: name, message: view.message })}
        </p>
      ) : view.list.length === 0 ? (
        <p className="muted">{t('shops.none', { platform: name })}</p>
      ) : (
        <>
          <p className="muted stores-hint">{t('shops.hint', { platform: name })}</p>
          {view.list.map((auth) => (
            <Account key={auth.accountId} auth={auth} platform={platform} name={name} stores={stores} authorizations={authorizations} timeZone={timeZone} />
          ))}
        </>
      )}
    </section>
  );
}

function Account(props: {
  auth: AuthorizationView;
  platform: Platform;
  name: string;
  stores: readonly Store[];
  authorizations: Authorizations;
  timeZone: string | undefined;
}): React.JSX.Element {
  const { auth, platform, name, stores, authorizations, timeZone } = props;
  const { t } = useTranslation('binding');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const api = authorizations.api;
  const desk = useDesk();

  // The authorization page is opened for a store: one this account serves, else the first.
  const reauthorize = (): void => {
    const storeId = auth.shops.find((sh) => sh.storeId !== null)?.storeId ?? stores[0]?.id;
    if (!storeId) return;
    setError('');
    desk.api
      .bindUrl(platform, storeId)
      .then(async (path) => {
        if (!(await desk.openLink(path))) setError(t('shops.popupBlocked', { url: desk.resolveLink(path) }));
      })
      .catch((err: unknown) => setError(t('failed', { platform: name, message: (err as Error).message })));
  };

  const run = (call: () => Promise<AuthorizationView[]>, failed: (message: string) => string, shopId: string | null): void => {
    setBusy(true);
    setError('');
    setSaved(null);
    call()
      .then((list) => {
        authorizations.replace(list);
        setSaved(shopId);
      })
      .catch((err: unknown) => setError(failed((err as Error).message)))
      .finally(() => setBusy(false));
  };

  return (
    <div className="shops-account" data-testid="authorization" data-account={auth.accountId} data-state={auth.state}>
      <div className="shops-account-head">
        <b>{t('shops.account', { platform: name, name: auth.accountName || auth.accountId })}</b>
        <span className={auth.state === 'ok' ? 'pill pill-ok' : 'pill pill-reauth'}>{auth.state === 'ok' ? t('shops.authorized') : t('needsReauth')}</span>
        <span className="muted binding-since">
          {t('shops.since', { time: shortDateTime(auth.obtainedAt, timeZone) })}
          {auth.expiresAt && ` · ${t('shops.expires', { time: shortDateTime(auth.expiresAt, timeZone) })}`}
        </span>
        {!confirming && (
          <div className="binding-actions">
            {auth.state === 'needs-reauth' && (
              <button type="button" className="btn btn-small btn-primary" data-testid="reauthorize-account" disabled={stores.length === 0} onClick={reauthorize}>
                {t('oauth.reauthorize')}
              </button>
            )}
            <button type="button" className="btn btn-small" data-testid="remove-authorization" disabled={busy || !api} onClick={() => setConfirming(true)}>
              {t('shops.remove')}
            </button>
          </div>
        )}
      </div>
      {auth.state === 'needs-reauth' && (
        <div className="binding-reauth" role="note">
          {t('shops.needsReauthHint', { platform: name, problem: auth.problem || t('oauth.needsReauthDefault') })}
        </div>
      )}
      {confirming && (
        <div className="binding-confirm" role="dialog" aria-label={t('shops.remove')}>
          <span>{t('shops.confirmRemove', { platform: name })}</span>
          <button
            type="button"
            className="btn btn-small btn-danger"
            data-testid="dialog-confirm"
            disabled={busy}
            onClick={() => {
              setConfirming(false);
              if (api) run(() => api.removeAuthorization(platform, auth.accountId), (message) => t('shops.removeFailed', { message }), null);
            }}
          >
            {t('shops.confirm')}
          </button>
          <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>
            {t('cancel')}
          </button>
        </div>
      )}
      <div className="shops-table" role="table" aria-label={t('shops.title', { platform: name })}>
        <div className="shops-table-head" role="row">
          <span role="columnheader">{t('shops.shop', { platform: name })}</span>
          <span role="columnheader">{t('shops.store')}</span>
        </div>
        {auth.shops.map((shop) => (
          <div className="shop-row" role="row" key={shop.shopId} data-testid="authorized-shop" data-shop-id={shop.shopId}>
            <span role="cell">
              <b>{shop.name}</b> <code className="muted">{shop.shopId}</code>
            </span>
            <span role="cell" className="shop-store">
              <select
                aria-label={t('shops.store')}
                data-testid={`shop-store-${shop.shopId}`}
                value={shop.storeId ?? ''}
                disabled={busy || !api}
                onChange={(e) => {
                  const storeId = e.target.value || null;
                  if (api) run(() => api.mapShop(platform, shop.shopId, storeId), (message) => t('shops.mapFailed', { message }), shop.shopId);
                }}
              >
                <option value="">{t('shops.noStore')}</option>
                {stores.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} ({s.id})
                  </option>
                ))}
              </select>
              {saved === shop.shopId && (
                <span className="ok-text" role="status">
                  {t('shops.saved')}
                </span>
              )}
              {shop.storeId === null && <span className="shop-unmapped">{t('shops.unmappedWarn')}</span>}
            </span>
          </div>
        ))}
      </div>
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
