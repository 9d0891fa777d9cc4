import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DayReport, DayTotals } from '../../../../shared/shop-floor.js';
import { formatMoney, langOf, platformName, type Lang } from '../../lib/format.js';
import { useDesk, useStatus } from '../../state/use-desk.js';
import HourChart from './HourChart.js';
import { quickOf, quickPeriod, QUICKS } from './period.js';
import { useDayReport } from './use-day-report.js';
import './today.css';
import { downloadCsv } from '../../lib/download.js';

/**
 * Today's numbers (今日): valid orders, revenue, expected income (the estimated part said so),
 * refunds, cancellations and the average ticket; by platform, store, hour and day; any earlier
 * day or period; CSV export; the shift ticket when a printer is set up. Live for the period.
 */
export default function DayNumbers({ today }: { today: string }): React.JSX.Element {
  const { t, i18n } = useTranslation('today');
  const lang = langOf(i18n.language);
  const desk = useDesk();
  const status = useStatus();
  const [period, setPeriod] = useState(() => quickPeriod('today', today));
  const { report, loading, error, reload } = useDayReport(period.from, period.to);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState('');
  const [printing, setPrinting] = useState(false);
  const [printResult, setPrintResult] = useState<{ ok: boolean; text: string } | null>(null);
  const pressed = quickOf(period.from, period.to, today);
  const hasPrinter = (status?.printers?.length ?? 0) > 0;

  const exportCsv = (): void => {
    setExporting(true);
    setExportError('');
    desk.api
      .dayReportCsv(period.from, period.to)
      .then((csv) => downloadCsv(csv, `今日数据_${period.from}_${period.to}.csv`))
      .catch((err: unknown) => setExportError(t('exportFailed', { message: (err as Error).message })))
      .finally(() => setExporting(false));
  };

  const print = (again: boolean): void => {
    setPrinting(true);
    setPrintResult(null);
    desk.api
      .printDayReport(period.from, period.to, again)
      .then((jobs) => setPrintResult({ ok: true, text: t('printed', { printers: [...new Set(jobs.map((j) => j.printer))].join('、') }) }))
      .catch((err: unknown) => setPrintResult({ ok: false, text: t('printFailed', { message: (err as Error).message }) }))
      .finally(() => setPrinting(false));
  };

  const choose = (from: string, to: string): void => {
    setPeriod({ from, to });
    setPrintResult(null);
  };

  return (
    <div className="day-numbers" data-testid="day-numbers">
      <p className="muted today-hint">{t('intro')}</p>
      <div className="today-toolbar">
        {QUICKS.map((q) => (
          <button
            key={q}
            type="button"
            className={q === pressed ? 'chip active' : 'chip'}
            aria-pressed={q === pressed}
            data-testid={`today-quick-${q}`}
            onClick={() => {
              const p = quickPeriod(q, today);
              choose(p.from, p.to);
            }}
          >
            {t(`quick.${q}`)}
          </button>
        ))}
        <label>
          {t('from')}{' '}
          <input type="date" data-testid="today-from" value={period.from} max={period.to} onChange={(e) => e.target.value && choose(e.target.value, period.to)} />
        </label>
        <label>
          {t('to')}{' '}
          <input type="date" data-testid="today-to" value={period.to} min={period.from} max={today} onChange={(e) => e.target.value && choose(period.from, e.target.value)} />
        </label>
        <span className="today-actions">
          <button type="button" className="btn" data-testid="today-export" disabled={exporting} onClick={exportCsv}>
            {exporting ? t('exporting') : t('export')}
          </button>
          {hasPrinter && (
            <button type="button" className="btn" data-testid="today-print" disabled={printing} onClick={() => print(false)}>
              {printing ? t('printing') : t('print')}
            </button>
          )}
        </span>
      </div>
      {error && (
        <div className="banner banner-error" role="alert" data-testid="today-error">
          {t('failed', { message: error })}{' '}
          <button type="button" className="btn" onClick={reload}>
            {t('retry')}
          </button>
        </div>
      )}
      {exportError && (
        <div className="banner banner-error" role="alert">
          {exportError}
        </div>
      )}
      {printResult && (
        <div className={`banner ${printResult.ok ? 'today-banner-ok' : 'today-banner-warn'}`} role={printResult.ok ? 'status' : 'alert'} data-testid="today-print-result">
          {printResult.text}
          {!printResult.ok && hasPrinter && (
            <>
              {' '}
              <button type="button" className="btn" data-testid="today-print-again" disabled={printing} onClick={() => print(true)}>
                {t('printAgain')}
              </button>
            </>
          )}
        </div>
      )}
      {!report ? (
        <p className="muted" data-testid="today-loading">
          {loading ? t('loading') : ''}
        </p>
      ) : (
        <Numbers report={report} lang={lang} />
      )}
    </div>
  );
}

function Numbers({ report, lang }: { report: DayReport; lang: Lang }): React.JSX.Element {
  const { t } = useTranslation('today');
  const tt = report.totals;
  const empty = tt.validOrders + tt.cancelledOrders + tt.refundedOrders === 0;
  return (
    <>
      <div className="today-totals" data-testid="today-totals">
        <Card label={t('totals.validOrders')} testId="today-total-valid" value={String(tt.validOrders)} />
        <Card label={t('totals.revenue')} testId="today-total-revenue" value={formatMoney(tt.revenueCents)} />
        <Card
          label={t('totals.expectedIncome')}
          testId="today-total-income"
          value={formatMoney(tt.expectedIncomeCents)}
          title={t('incomeHint')}
          note={tt.incomeEstimatedOrders > 0 ? t('estimated', { money: formatMoney(tt.incomeEstimatedCents) }) : ''}
        />
        <Card
          label={t('totals.refund')}
          testId="today-total-refund"
          value={formatMoney(tt.refundCents)}
          note={tt.refundedOrders > 0 ? t('refundDetail', { count: tt.refundedOrders, part: tt.partRefundOrders }) : ''}
        />
        <Card label={t('totals.cancelled')} testId="today-total-cancelled" value={String(tt.cancelledOrders)} />
        <Card label={t('totals.average')} testId="today-total-average" value={formatMoney(tt.averageCents)} />
      </div>
      {tt.incomeEstimatedOrders > 0 && (
        <p className="today-estimate muted" data-testid="today-estimate-note">
          <span className="today-est-mark">{t('estimatedMark')}</span>{' '}
          {t('estimateNote', {
            count: tt.incomeEstimatedOrders,
            how: report.incomeRates
              .map((r) => (r.rate === null ? t('estimateAtPaid', { platform: platformName(r.platform, lang) }) : t('estimateRate', { platform: platformName(r.platform, lang), percent: (r.rate * 100).toFixed(1) })))
              .join(lang === 'zh' ? '；' : '; '),
          })}
        </p>
      )}
      {empty ? (
        <p className="muted" data-testid="today-none">
          {t('none')}
        </p>
      ) : (
        <>
          <div className="today-split">
            <section className="today-section" data-testid="today-by-platform">
              <h3>{t('byPlatform')}</h3>
              <TotalsTable first={t('col.platform')} rows={report.byPlatform.map((p) => ({ key: p.platform, name: platformName(p.platform, lang), totals: p }))} />
            </section>
            <section className="today-section" data-testid="today-by-store">
              <h3>{t('byStore')}</h3>
              <TotalsTable first={t('col.store')} rows={report.byStore.map((s) => ({ key: s.storeId, name: s.storeName, totals: s }))} />
            </section>
          </div>
          <section className="today-section" data-testid="today-by-hour">
            <h3>
              {t('byHour')} <small className="muted">{t('hourLegend')}</small>
            </h3>
            <HourChart hours={report.byHour} />
          </section>
          {report.from !== report.to && (
            <section className="today-section" data-testid="today-by-day">
              <h3>{t('byDay')}</h3>
              <TotalsTable first={t('col.day')} rows={report.byDay.map((d) => ({ key: d.day, name: d.day, totals: d }))} />
            </section>
          )}
        </>
      )}
    </>
  );
}

function TotalsTable({ first, rows }: { first: string; rows: { key: string; name: string; totals: DayTotals }[] }): React.JSX.Element {
  const { t } = useTranslation('today');
  return (
    <table className="today-table">
      <thead>
        <tr>
          <th>{first}</th>
          <th className="num">{t('col.validOrders')}</th>
          <th className="num">{t('col.revenue')}</th>
          <th className="num">{t('col.expectedIncome')}</th>
          <th className="num">{t('col.refund')}</th>
          <th className="num">{t('col.cancelled')}</th>
          <th className="num">{t('col.average')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ key, name, totals: r }) => (
          <tr key={key} data-row={key}>
            <td className="today-name">{name}</td>
            <td className="num">{r.validOrders}</td>
            <td className="num">{formatMoney(r.revenueCents)}</td>
            <td className="num">
              {formatMoney(r.expectedIncomeCents)}
              {r.incomeEstimatedOrders > 0 && (
                <span className="today-est-mark" title={t('estimatedMarkTitle')}>
                  {t('estimatedMark')}
                </span>
              )}
            </td>
            <td className="num">{r.refundedOrders > 0 ? formatMoney(r.refundCents) : '—'}</td>
            <td className="num">{r.cancelledOrders}</td>
            <td className="num">{formatMoney(r.averageCents)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Card({ label, value, testId, note = '', title }: { label: string; value: string; testId: string; note?: string; title?: string }): React.JSX.Element {
  return (
    <div className="today-card" title={title}>
      <span className="muted">{label}</span>
      <b data-testid={testId}>{value}</b>
      {note && <small className="muted">{note}</small>}
    </div>
  );
}
