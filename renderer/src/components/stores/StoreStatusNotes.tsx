/**
 * What a platform last said about one store: open or resting (a resting store gets no new
 * orders), the privacy-number downgrade, and any other notice — so staff see why orders
 * stopped coming before a customer calls.
 */
import { useTranslation } from 'react-i18next';
import type { Binding } from '../../../../shared/store.js';
import { shortDateTime } from './time.js';

export default function StoreStatusNotes({
  binding,
  timeZone,
}: {
  binding: Binding;
  timeZone: string | undefined;
}): React.JSX.Element | null {
  const { t } = useTranslation('stores');
  const { status, privacyDowngradedAt, notices } = binding;
  if (!status && !privacyDowngradedAt && !notices?.length) return null;
  return (
    <div className="store-notes">
      {status && (
        <div className="store-status" data-testid="store-status" data-state={status.state} title={t('storeStatus.label')}>
          <span className={`pill pill-store-${status.state}`}>{t(`storeStatus.state.${status.state}`)}</span>
          <span className="muted binding-detail">
            {[status.detail, status.state === 'unknown' && status.code !== null ? t('storeStatus.code', { code: status.code }) : '']
              .filter(Boolean)
              .join(' · ')}
            {' · '}
            {t('storeStatus.since', { time: shortDateTime(status.at, timeZone) })}
          </span>
        </div>
      )}
      {privacyDowngradedAt && (
        <div className="store-privacy" data-testid="store-privacy" role="note">
          {t('storeStatus.privacy', { time: shortDateTime(privacyDowngradedAt, timeZone) })}
        </div>
      )}
      {notices && notices.length > 0 && (
        <details className="store-notices" data-testid="store-notices">
          <summary>
            {t('storeStatus.notices')} ({notices.length})
          </summary>
          <ul>
            {notices.map((n, i) => (
              <li key={`${n.at}-${i}`}>
                <span className="muted">{shortDateTime(n.at, timeZone)}</span> <code>{n.type}</code> {n.detail}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
