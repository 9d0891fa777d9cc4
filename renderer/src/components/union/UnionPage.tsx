/**
 * 推广订单: Meituan Union promotion orders for a period — totals, per promoter (named in place),
 * per day, the orders themselves, and a CSV for the accountant. Live through `order-changed`.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../lib/format.js';
import { useDesk } from '../../state/use-desk.js';
import PromoterTable from './PromoterTable.js';
import { filterOrders, quickOf, quickPeriod, STATUS_FILTERS, totalsOf, type StatusFilter } from './period.js';
import { DayTable, OrderTable } from './UnionTables.js';
import { useUnionReport } from './use-union-report.js';
import './union.css';
import { downloadCsv } from '../../lib/download.js';

export default function UnionPage({ today }: { today: string }): React.JSX.Element {
  const { t } = useTranslation('union');
  const desk = useDesk();
  const [period, setPeriod] = useState(() => quickPeriod('today', today));
  const [status, setStatus] = useState<StatusFilter>('all');
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState('');
  const { report, loading, error, reload } = useUnionReport(period.from, period.to);

  const totals = report ? totalsOf(report) : null;
  const names = useMemo(() => new Map(report?.byPromoter.map((p) => [p.sid, p.name]) ?? []), [report]);
  const listed = useMemo(() => (report ? filterOrders(report.orders, status) : []), [report, status]);
  const pressed = quickOf(period.from, period.to, today);

  const exportCsv = (): void => {
    setExporting(true);
    setExportError('');
    desk.api
      .unionCsv(period.from, period.to)
      .then((csv) => downloadCsv(csv, `推广订单_${period.from}_${period.to}.csv`))
      .catch((err: unknown) => setExportError(t('exportFailed', { message: (err as Error).message })))
      .finally(() => setExporting(false));
  };

  return (
    <div className="union-page" data-testid="union-page">
      <h2 className="union-title">{t('title')}</h2>
      <p className="muted union-hint">{t('intro')}</p>
      <div className="union-toolbar">
        <label>
          {t('from')}{' '}
          <input type="date" data-testid="union-from" value={period.from} max={period.to} onChange={(e) => e.target.value && setPeriod((p) => ({ ...p, from: e.target.value }))} />
        </label>
        <label>
          {t('to')}{' '}
          <input type="date" data-testid="union-to" value={period.to} min={period.from} onChange={(e) => e.target.value && setPeriod((p) => ({ ...p, to: e.target.value }))} />
        </label>
        {(['today', 'week', 'month'] as const).map((q) => (
          <button key={q} type="button" className={q === pressed ? 'chip active' : 'chip'} aria-pressed={q === pressed} onClick={() => setPeriod(quickPeriod(q, today))}>
            {t(`quick.${q}`)}
          </button>
        ))}
        <label>
          {t('status.label')}{' '}
          <select data-testid="union-status-filter" value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
            {STATUS_FILTERS.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn union-export" data-testid="union-export" disabled={exporting} onClick={exportCsv}>
          {exporting ? t('exporting') : t('export')}
        </button>
      </div>
      {error && <div className="banner banner-error" role="alert">{t('failed', { message: error })}</div>}
      {exportError && <div className="banner banner-error" role="alert">{exportError}</div>}
      {!report ? (
        <p className="muted">{loading ? t('loading') : ''}</p>
      ) : (
        <>
          <div className="union-totals">
            <Card label={t('totals.orders')} testId="union-total-orders" value={String(totals?.orders ?? 0)} />
            <Card label={t('totals.paid')} testId="union-total-paid" value={formatMoney(totals?.paidCents ?? 0)} />
            <Card label={t('totals.refunded')} testId="union-total-refunded" value={formatMoney(totals?.refundedCents ?? 0)} />
            <Card label={t('totals.commission')} testId="union-total-commission" value={formatMoney(totals?.commissionCents ?? 0)} />
          </div>
          {report.orders.length === 0 ? (
            <p className="muted">{t('none')}</p>
          ) : (
            <>
              <section className="union-section">
                <h3>{t('byPromoter')}</h3>
                <PromoterTable rows={report.byPromoter} onRenamed={reload} />
              </section>
              <section className="union-section">
                <h3>{t('byDay')}</h3>
                <DayTable rows={report.byDay} />
              </section>
              <section className="union-section">
                <h3>{t('list')}</h3>
                {listed.length === 0 ? <p className="muted">{t('noneFiltered')}</p> : <OrderTable orders={listed} names={names} />}
              </section>
            </>
          )}
        </>
      )}
    </div>
  );
}

function Card({ label, value, testId }: { label: string; value: string; testId: string }): React.JSX.Element {
  return (
    <div className="union-card">
      <span className="muted">{label}</span>
      <b data-testid={testId}>{value}</b>
    </div>
  );
}
