/**
 * Where the rider is, as the platform tells it (docs/shop-floor.md, "Rider status"): the step
 * in words, the rider's name and phone as the customer would dial it; a delivery exception loudly.
 */
import { useTranslation } from 'react-i18next';
import type { OrderDelivery } from '../../../../shared/order.js';
import { langOf, phoneDisplay } from '../../lib/format.js';
import './prepare.css';

/** Shown when the platform said a step (not for the shop's own rider). */
export function hasRiderLine(d: OrderDelivery | null): d is OrderDelivery & { stage: NonNullable<OrderDelivery['stage']> } {
  return d !== null && !d.selfDelivery && d.stage != null;
}

export default function RiderLine({ delivery }: { delivery: OrderDelivery | null }): React.JSX.Element | null {
  const { t, i18n } = useTranslation('prepare');
  if (!hasRiderLine(delivery)) return null;
  const lang = langOf(i18n.language);
  const stage = delivery.stage;
  const phone = phoneDisplay(delivery.riderPhone, lang);
  const bad = stage === 'exception';
  return (
    <div className={`rider-line rider-${stage}`} data-testid="rider-line" data-stage={stage} role={bad ? 'alert' : undefined}>
      <span className="rider-stage">{t(`rider.${stage}`)}</span>
      {bad && delivery.statusText && <span className="rider-detail">{delivery.statusText}</span>}
      {delivery.riderName && <span className="rider-name">{delivery.riderName}</span>}
      {phone && (
        <span className="rider-phone selectable" title={t('rider.call')} data-testid="rider-phone">
          {phone}
        </span>
      )}
    </div>
  );
}
