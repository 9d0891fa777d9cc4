import { useTranslation } from 'react-i18next';
import type { ClockSkewWarning } from '../../shared/api.js';

const MIN = 60_000;

/** The gap in the unit a person would say it in: minutes, hours, days, then years. */
export function skewAmount(ms: number): { unit: 'minutes' | 'hours' | 'days' | 'years'; n: number } {
  const minutes = Math.round(Math.abs(ms) / MIN);
  if (minutes < 120) return { unit: 'minutes', n: minutes };
  const hours = Math.round(minutes / 60);
  if (hours < 48) return { unit: 'hours', n: hours };
  const days = Math.round(hours / 24);
  if (days < 730) return { unit: 'days', n: days };
  return { unit: 'years', n: Math.round(days / 365) };
}

/**
 * Red, above everything, while this PC's clock is far from a platform's: the orders would be
 * filed under the wrong day and the board of "today" would look empty for no visible reason.
 */
export default function ClockSkewBanner({ skew }: { skew: ClockSkewWarning | undefined }): React.JSX.Element | null {
  const { t } = useTranslation('app');
  if (!skew) return null;
  const { unit, n } = skewAmount(skew.aheadMs);
  return (
    <div className="banner banner-error" role="alert" data-testid="clock-skew-banner">
      {t('clockSkew.text', {
        platform: t(`alerts:platform.${skew.platform}`),
        direction: t(skew.aheadMs > 0 ? 'clockSkew.fast' : 'clockSkew.slow'),
        amount: t(`clockSkew.${unit}`, { n }),
      })}
    </div>
  );
}
