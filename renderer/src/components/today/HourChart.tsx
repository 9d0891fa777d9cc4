import { useTranslation } from 'react-i18next';
import type { DayReport } from '../../../../shared/shop-floor.js';
import { formatMoney } from '../../lib/format.js';

/**
 * Orders by hour of the shop's clock as 24 bars (plain CSS, no chart library): height = valid
 * orders against the busiest hour, the count above each bar that has any.
 */
export default function HourChart({ hours }: { hours: DayReport['byHour'] }): React.JSX.Element {
  const { t } = useTranslation('today');
  const max = Math.max(1, ...hours.map((h) => h.validOrders));
  return (
    <div className="hour-chart" role="img" aria-label={t('byHour')}>
      {hours.map((h) => {
        const title = t('hourTitle', { hour: h.hour, count: h.validOrders, money: formatMoney(h.revenueCents) });
        return (
          <div key={h.hour} className="hour-col" data-hour={h.hour} data-orders={h.validOrders} title={title}>
            <span className="hour-count">{h.validOrders > 0 ? h.validOrders : ''}</span>
            <div className="hour-track">
              <div className="hour-bar" style={{ height: `${(h.validOrders / max) * 100}%` }} />
            </div>
            <span className="hour-label">{h.hour}</span>
          </div>
        );
      })}
    </div>
  );
}
