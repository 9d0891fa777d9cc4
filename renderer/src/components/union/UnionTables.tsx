/** The per-day totals and the order list of the 推广订单 page. */
import { useTranslation } from 'react-i18next';
import type { UnionReport, UnionTotals } from '../../../../shared/api.js';
import type { Order } from '../../../../shared/order.js';
import { dateTime, formatMoney } from '../../lib/format.js';
import { orderCommissionCents, orderRefundCents } from './period.js';

/** The four totals columns every summary table ends with (headings, then one row's cells). */
export function TotalsHeads(): React.JSX.Element {
  const { t } = useTranslation('union');
  return (
    <>
      <th className="num">{t('col.orders')}</th>
      <th className="num">{t('col.paid')}</th>
      <th className="num">{t('col.refunded')}</th>
      <th className="num">{t('col.commission')}</th>
    </>
  );
}

export function TotalsCells({ totals }: { totals: UnionTotals }): React.JSX.Element {
  return (
    <>
      <td className="num">{totals.orders}</td>
      <td className="num">{formatMoney(totals.paidCents)}</td>
      <td className="num">{formatMoney(totals.refundedCents)}</td>
      <td className="num">{formatMoney(totals.commissionCents)}</td>
    </>
  );
}

export function DayTable({ rows }: { rows: UnionReport['byDay'] }): React.JSX.Element {
  const { t } = useTranslation('union');
  return (
    <table className="union-table">
      <thead>
        <tr>
          <th>{t('col.day')}</th>
          <TotalsHeads />
        </tr>
      </thead>
      <tbody>
        {rows.map((d) => (
          <tr key={d.day} data-testid="union-day-row">
            <td className="mono">{d.day}</td>
            <TotalsCells totals={d} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function OrderTable({ orders, names }: { orders: Order[]; names: ReadonlyMap<string, string> }): React.JSX.Element {
  const { t } = useTranslation('union');
  return (
    <table className="union-table">
      <thead>
        <tr>
          <th>{t('col.time')}</th>
          <th>{t('col.title')}</th>
          <th>{t('col.name')}</th>
          <th>{t('col.status')}</th>
          <th className="num">{t('col.amount')}</th>
          <th className="num">{t('col.commission')}</th>
          <th className="num">{t('col.refunded')}</th>
        </tr>
      </thead>
      <tbody>
        {orders.map((o) => {
          const sid = o.promotion?.sid ?? '';
          const commission = orderCommissionCents(o);
          const refund = orderRefundCents(o);
          return (
            <tr key={o.key} data-testid="union-order-row" data-order-key={o.key} data-status={o.status}>
              <td className="mono">{dateTime(o.createdAt)}</td>
              <td>{o.promotion?.title ?? ''}</td>
              <td>
                {names.get(sid) ? <b>{names.get(sid)}</b> : null} <span className="mono muted">{sid || t('noSid')}</span>
              </td>
              <td>
                <span className={`union-status union-status-${o.status}`}>{t(`status.${o.status}`, { defaultValue: o.status })}</span>
              </td>
              <td className="num">{formatMoney(o.totalCents)}</td>
              <td className="num">{commission === null ? '—' : formatMoney(commission)}</td>
              <td className="num">{refund ? formatMoney(refund) : '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
