/**
 * The shop's stores: per store one binding block per takeaway platform (in the way the platform
 * binds, PlatformBinding) and auto-accept, live on store-changed; under the table, each OAuth
 * platform's authorized shops and which store each serves; below, the callback URLs to
 * register with the platforms. The platforms come from the identity data, not from this page.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Platform } from '../../../../shared/order.js';
import { PLATFORM_IDENTITIES, platformsOfKind } from '../../../../shared/platforms.js';
import { langOf, platformName } from '../../lib/format.js';
import { useDesk, useStatus, useStores } from '../../state/use-desk.js';
import { useAuthorizations } from './authorizations.js';
import AuthorizedShops from './AuthorizedShops.js';
import AutoAcceptSettings from './AutoAcceptSettings.js';
import AutoPrepareSettings from '../floor/AutoPrepareSettings.js';
import AcceptRulesEditor from '../floor/AcceptRulesEditor.js';
import { RefreshStoreStates } from '../floor/StoreOpenControl.js';
import CallbackUrls from './CallbackUrls.js';
import PlatformBinding from './PlatformBinding.js';
import StandInConfirm from './StandInConfirm.js';
import './stores.css';

/** Takeaway platforms that stores bind to, in registry order. */
const BINDING_PLATFORMS: readonly Platform[] = platformsOfKind('takeaway').filter((p) => PLATFORM_IDENTITIES[p].binding !== null);
const OAUTH_PLATFORMS: readonly Platform[] = BINDING_PLATFORMS.filter((p) => PLATFORM_IDENTITIES[p].binding === 'oauth');

export default function StoresPage(): React.JSX.Element {
  const { t, i18n } = useTranslation('stores');
  const lang = langOf(i18n.language);
  const desk = useDesk();
  const stores = useStores();
  const status = useStatus();
  const timeZone = status?.timeZone;
  // One list of authorizations per OAuth platform, shared by its blocks and its shops section.
  const auths = useAuthorizations(desk, OAUTH_PLATFORMS);
  const unconfigured = useUnconfigured();
  const columns = `minmax(150px, 1fr) repeat(${BINDING_PLATFORMS.length}, minmax(220px, 1.6fr)) minmax(260px, 1.5fr)`;
  return (
    <div className="stores-page">
      <h2 className="stores-title">{t('title')}</h2>
      <p className="muted stores-hint">{t('intro')}</p>
      <RefreshStoreStates />
      <section className="stores-section stores-table" aria-label={t('title')}>
        <div className="store-row store-head" aria-hidden="true" style={{ gridTemplateColumns: columns }}>
          <span>{t('col.store')}</span>
          {BINDING_PLATFORMS.map((p) => (
            <span key={p}>
              <span className={`platform-tag platform-${p}`}>{platformName(p, lang)}</span>
            </span>
          ))}
          <span>{t('col.autoAccept')}</span>
        </div>
        {stores.length === 0 && <p className="muted">{t('none')}</p>}
        {stores.map((store) => (
          <div key={store.id} className="store-row" data-testid="store-row" data-store-id={store.id} style={{ gridTemplateColumns: columns }}>
            <div className="store-name">
              <b>{store.name}</b>
              <code className="muted">{store.id}</code>
            </div>
            {BINDING_PLATFORMS.map((p) => (
              <PlatformBinding
                key={p}
                store={store}
                platform={p}
                timeZone={timeZone}
                authorizations={auths.get(p)}
                unconfigured={unconfigured.has(p)}
              />
            ))}
            <AutoAcceptSettings store={store} />
            <AcceptRulesEditor store={store} />
            <AutoPrepareSettings store={store} />
          </div>
        ))}
      </section>
      {[...auths].map(([p, a]) => (
        <AuthorizedShops key={p} platform={p} stores={stores} authorizations={a} timeZone={timeZone} />
      ))}
      {status && <StandInConfirm tunnel={status.tunnel} />}
      <CallbackUrls tunnelUrl={status?.tunnel.url ?? status?.publicUrl ?? null} />
    </div>
  );
}

/**
 * Platforms whose account is not set up in the settings (nothing to bind with yet), read once
 * with the page. Unknown (the settings could not be read) counts as set up: binding then says
 * what is wrong itself.
 */
function useUnconfigured(): ReadonlySet<Platform> {
  const desk = useDesk();
  const [unconfigured, setUnconfigured] = useState<ReadonlySet<Platform>>(new Set());
  useEffect(() => {
    let alive = true;
    Promise.resolve()
      .then(() => desk.api.getAppConfig())
      .then((view) => alive && setUnconfigured(new Set((view.platforms ?? []).filter((s) => s.values === null).map((s) => s.platform))))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [desk]);
  return unconfigured;
}
