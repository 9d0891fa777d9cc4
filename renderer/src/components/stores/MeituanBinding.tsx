/**
 * One store's Meituan binding: state, and bind / unbind through Meituan's own signed page,
 * opened in a new window. The row flips by itself when Meituan's bound/unbound callback
 * reaches the receiver (store-changed); until then it says it is waiting.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Store } from '../../../../shared/store.js';
import { useDesk } from '../../state/use-desk.js';
import StoreStatusNotes from './StoreStatusNotes.js';
import { shortDateTime } from './time.js';

type Action = 'bind' | 'unbind';

export default function MeituanBinding({
  store,
  timeZone,
}: {
  store: Store;
  timeZone: string | undefined;
}): React.JSX.Element {
  const { t } = useTranslation('stores');
  const desk = useDesk();
  const binding = store.bindings.meituan;
  const [waiting, setWaiting] = useState<Action | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  // When the browser blocks the new window, offer the link to click instead.
  const [blockedLink, setBlockedLink] = useState<string | null>(null);

  useEffect(() => {
    // The callback arrived: the wait is over.
    setWaiting((w) => ((w === 'bind' && binding.bound) || (w === 'unbind' && !binding.bound) ? null : w));
    setBlockedLink(null);
  }, [binding.bound]);

  const open = async (action: Action): Promise<void> => {
    setBusy(true);
    setError('');
    setConfirming(false);
    try {
      const path =
        action === 'bind'
          ? await desk.api.bindUrl('meituan', store.id)
          : await desk.api.unbindUrl('meituan', store.id);
      const opened = await desk.openLink(path);
      setBlockedLink(opened ? null : desk.resolveLink(path));
      setWaiting(action);
    } catch (err) {
      setError(t('binding.failed', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="binding" data-testid="binding-meituan" data-bound={String(binding.bound)}>
      <div className="binding-state">
        <span className={binding.bound ? 'pill pill-ok' : 'pill pill-off'}>
          {binding.bound ? t('binding.bound') : t('binding.unbound')}
        </span>
        {binding.bound && binding.boundAt && (
          <span className="muted binding-since">
            {t('binding.boundSince', { time: shortDateTime(binding.boundAt, timeZone) })}
          </span>
        )}
      </div>
      {binding.bound && binding.platformStoreName && (
        <div className="muted binding-detail">
          {t('binding.platformStore', { name: binding.platformStoreName })}
        </div>
      )}
      <StoreStatusNotes binding={binding} timeZone={timeZone} />

      {waiting ? (
        <div className="binding-waiting" role="status">
          <span className="spinner" aria-hidden="true" />
          <div>
            <b>{waiting === 'bind' ? t('binding.waitingBind') : t('binding.waitingUnbind')}</b>
            <div className="muted binding-detail">
              {blockedLink ? (
                <>
                  {t('binding.popupBlocked')}
                  <a href={blockedLink} target="_blank" rel="noopener noreferrer">
                    {t('binding.openPage')}
                  </a>
                </>
              ) : (
                t('binding.waitingHint')
              )}
            </div>
          </div>
          <button type="button" className="btn btn-small" onClick={() => setWaiting(null)}>
            {t('binding.stopWaiting')}
          </button>
        </div>
      ) : confirming ? (
        <div className="binding-confirm" role="dialog" aria-label={t('binding.unbind')}>
          <span>{t('binding.confirmUnbind')}</span>
          <button
            type="button"
            className="btn btn-small btn-danger"
            data-testid="dialog-confirm"
            disabled={busy}
            onClick={() => void open('unbind')}
          >
            {t('binding.confirm')}
          </button>
          <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>
            {t('binding.cancel')}
          </button>
        </div>
      ) : (
        <div className="binding-actions">
          {binding.bound ? (
            <button
              type="button"
              className="btn btn-small"
              data-testid="unbind-meituan"
              disabled={busy}
              onClick={() => setConfirming(true)}
            >
              {t('binding.unbind')}
            </button>
          ) : (
            <button
              type="button"
              className="btn btn-small btn-primary"
              data-testid="bind-meituan"
              disabled={busy}
              onClick={() => void open('bind')}
            >
              {t('binding.bind')}
            </button>
          )}
        </div>
      )}
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
