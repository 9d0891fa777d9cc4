/**
 * The status bar's store warnings: a store resting or offline on a platform gets no orders,
 * and after a privacy-number downgrade the virtual numbers on the tickets may not connect.
 * One line each, in words staff act on; the stores page has the details.
 */
import { useTranslation } from 'react-i18next';
import type { StoreWarning } from '../../../../shared/store.js';
import { langOf, platformName } from '../../lib/format.js';

export default function StoreWarnings({ warnings }: { warnings: StoreWarning[] }): React.JSX.Element | null {
  const { t, i18n } = useTranslation('stores');
  const lang = langOf(i18n.language);
  if (warnings.length === 0) return null;
  // A platform-wide downgrade names every store: say it once per platform.
  const seen = new Set<string>();
  const shown = warnings.filter((w) => {
    const key = w.kind === 'privacy-downgrade' ? `${w.platform}:privacy` : `${w.platform}:${w.storeId}:${w.kind}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return (
    <>
      {shown.map((w) => (
        <span
          key={`${w.platform}-${w.storeId}-${w.kind}`}
          className="status-item status-store-warning"
          data-testid="store-warning"
          data-kind={w.kind}
          title={w.detail || w.at}
        >
          ⚠{' '}
          {t(`storeStatus.warn.${w.kind}`, {
            store: w.storeName || w.storeId,
            platform: platformName(w.platform, lang),
            detail: w.detail,
          })}
        </span>
      ))}
    </>
  );
}
