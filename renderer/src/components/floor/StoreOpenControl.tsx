/**
 * 营业 / 休息 for one store on one platform (stores page), behind a confirmation: the button
 * that changes the state the platform last gave (both when it is not known), none for a store
 * the platform took offline. The state itself is shown beside it (StoreStatusNotes).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Platform } from '../../../../shared/order.js';
import type { Binding, Store } from '../../../../shared/store.js';
import { langOf, platformName } from '../../lib/format.js';
import { useDesk } from '../../state/use-desk.js';
import Dialog from '../board/Dialog.js';
import './busy.css';

export default function StoreOpenControl({ store, platform, binding }: { store: Store; platform: Platform; binding: Binding }): React.JSX.Element | null {
  const { t, i18n } = useTranslation('busy');
  const desk = useDesk();
  const [asking, setAsking] = useState<boolean | null>(null);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState('');
  if (!binding.bound) return null;
  const name = platformName(platform, langOf(i18n.language));
  const state = binding.status?.state;
  if (state === 'offline') {
    return (
      <div className="muted binding-detail" data-testid={`store-offline-${platform}`}>
        {t('store.offlineHint', { platform: name })}
      </div>
    );
  }
  const choices = state === 'open' ? [false] : state === 'resting' ? [true] : [true, false];
  const run = (open: boolean): void => {
    setWorking(true);
    setError('');
    desk.api
      .setStoreOpen(platform, store.id, open)
      .then(() => setAsking(null))
      .catch((err: unknown) => setError(t('store.failed', { message: (err as Error).message })))
      .finally(() => setWorking(false));
  };
  return (
    <div className="store-open-control">
      <div className="binding-actions">
        {choices.map((open) => (
          <button
            key={String(open)}
            type="button"
            className={`btn btn-small ${open ? 'btn-store-open' : 'btn-store-rest'}`}
            data-testid={`store-${open ? 'open' : 'rest'}-${platform}`}
            disabled={working}
            onClick={() => {
              setError('');
              setAsking(open);
            }}
          >
            {open ? t('store.open') : t('store.rest')}
          </button>
        ))}
      </div>
      {error && asking === null && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
      {asking !== null && (
        <Dialog
          title={t(asking ? 'store.confirmOpenTitle' : 'store.confirmRestTitle', { store: store.name, platform: name })}
          onClose={() => setAsking(null)}
          testId="store-open-dialog"
          footer={
            <>
              <button type="button" className="btn" onClick={() => setAsking(null)}>
                {t('store.back')}
              </button>
              <button
                type="button"
                className={asking ? 'btn btn-primary' : 'btn btn-danger'}
                data-testid="store-open-confirm"
                disabled={working}
                onClick={() => run(asking)}
              >
                {working ? t('store.working') : asking ? t('store.doOpen') : t('store.doRest')}
              </button>
            </>
          }
        >
          <p>{t(asking ? 'store.confirmOpen' : 'store.confirmRest', { platform: name })}</p>
          {error && (
            <div className="field-error" role="alert">
              {error}
            </div>
          )}
        </Dialog>
      )}
    </div>
  );
}

/** 刷新营业状态: ask every platform now for every bound store (it is also asked every few minutes). */
export function RefreshStoreStates(): React.JSX.Element {
  const { t } = useTranslation('busy');
  const desk = useDesk();
  const [working, setWorking] = useState(false);
  const [error, setError] = useState('');
  const run = (): void => {
    setWorking(true);
    setError('');
    desk.api
      .refreshStoreStates()
      .catch((err: unknown) => setError(t('store.refreshFailed', { message: (err as Error).message })))
      .finally(() => setWorking(false));
  };
  return (
    <span className="store-refresh">
      <button type="button" className="btn btn-small" data-testid="store-states-refresh" disabled={working} onClick={run}>
        {working ? t('store.refreshing') : t('store.refresh')}
      </button>
      {error && <span className="field-error">{error}</span>}
    </span>
  );
}
