/**
 * The shop's stores: per store its platform bindings and auto-accept, live on store-changed;
 * below, the callback URLs to register with the platforms.
 */
import { useTranslation } from 'react-i18next';
import { useStatus, useStores } from '../../state/use-desk.js';
import AutoAcceptSettings from './AutoAcceptSettings.js';
import CallbackUrls from './CallbackUrls.js';
import MeituanBinding from './MeituanBinding.js';
import StandInConfirm from './StandInConfirm.js';
import './stores.css';

export default function StoresPage(): React.JSX.Element {
  const { t } = useTranslation('stores');
  const stores = useStores();
  const status = useStatus();
  return (
    <div className="stores-page">
      <h2 className="stores-title">{t('title')}</h2>
      <p className="muted stores-hint">{t('intro')}</p>
      <section className="stores-section stores-table" aria-label={t('title')}>
        <div className="store-row store-head" aria-hidden="true">
          <span>{t('col.store')}</span>
          <span>
            <span className="platform-tag platform-meituan">{t('col.meituan')}</span>
          </span>
          <span>
            <span className="platform-tag platform-eleme">{t('col.eleme')}</span>
          </span>
          <span>{t('col.autoAccept')}</span>
        </div>
        {stores.length === 0 && <p className="muted">{t('none')}</p>}
        {stores.map((store) => (
          <div key={store.id} className="store-row" data-testid="store-row" data-store-id={store.id}>
            <div className="store-name">
              <b>{store.name}</b>
              <code className="muted">{store.id}</code>
            </div>
            <MeituanBinding store={store} timeZone={status?.timeZone} />
            <div className="eleme-soon muted">{t('eleme')}</div>
            <AutoAcceptSettings store={store} />
          </div>
        ))}
      </section>
      {status && <StandInConfirm tunnel={status.tunnel} />}
      <CallbackUrls tunnelUrl={status?.tunnel.url ?? status?.publicUrl ?? null} />
    </div>
  );
}
