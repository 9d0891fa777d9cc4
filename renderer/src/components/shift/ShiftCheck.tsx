/**
 * The end-of-shift check (交班/日结): press 开始检查 and the desk lists what is still owed on the
 * day, and checks each platform's orders of the day against its own, pulling in any it never
 * got. Each owed order opens on the board when clicked; a clear line says when all is done.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Platform } from '../../../../shared/order.js';
import type { ShiftCheckReport, ShiftOwed, ShiftReconcile } from '../../../../shared/shop-floor.js';
import { clockTime, langOf, platformName, type Lang } from '../../lib/format.js';
import { requestFocus } from '../../state/focus.js';
import { useDesk, useOrders } from '../../state/use-desk.js';
import { orderName, owedGroups, summaryOf } from './shift-view.js';
import './shift.css';

/** The last result per day survives switching to the numbers and back. */
const lastReports = new Map<string, ShiftCheckReport>();

export default function ShiftCheck({ today }: { today: string }): React.JSX.Element {
  const { t, i18n } = useTranslation('shift');
  const lang = langOf(i18n.language);
  const desk = useDesk();
  const [day, setDay] = useState(today);
  const [report, setReport] = useState<ShiftCheckReport | null>(() => lastReports.get(today) ?? null);
  const [running, setRunning] = useState<{ since: number } | null>(null);
  const [error, setError] = useState('');
  const seconds = useElapsed(running?.since ?? null);
  // Names (美#12) of pulled-in orders: the day's list follows them as they arrive.
  const { orders } = useOrders(day);
  const seqOf = useMemo(() => new Map(orders.map((o) => [o.key, o.daySeq])), [orders]);

  const pickDay = (d: string): void => {
    if (!d) return;
    setDay(d);
    setReport(lastReports.get(d) ?? null);
    setError('');
  };

  const start = (): void => {
    setRunning({ since: Date.now() });
    setError('');
    desk.api
      .shiftCheck(day)
      .then((r) => {
        lastReports.set(r.day, r);
        setReport(r);
      })
      .catch((err: unknown) => setError(t('failed', { message: (err as Error).message })))
      .finally(() => setRunning(null));
  };

  const summary = report ? summaryOf(report) : null;
  return (
    <div className="shift-check" data-testid="shift-check">
      <h2 className="shift-title">{t('title')}</h2>
      <p className="muted shift-hint">{t('intro')}</p>
      <div className="shift-toolbar">
        <label>
          {t('day')}{' '}
          <input type="date" data-testid="shift-day" value={day} max={today} disabled={running !== null} onChange={(e) => pickDay(e.target.value)} />
        </label>
        {day !== today && (
          <button type="button" className="btn btn-small" disabled={running !== null} onClick={() => pickDay(today)}>
            {t('today')}
          </button>
        )}
        <button type="button" className="btn btn-primary shift-start" data-testid="shift-start" disabled={running !== null} onClick={start}>
          {report ? t('again') : t('start')}
        </button>
      </div>
      {running && (
        <div className="shift-progress" role="status" data-testid="shift-progress">
          <span className="shift-bar" aria-hidden="true" />
          <b>{t('running', { seconds })}</b>
          <span className="muted">{t('runningHint')}</span>
        </div>
      )}
      {error && (
        <div className="banner banner-error" role="alert" data-testid="shift-error">
          {error}
        </div>
      )}
      {report && summary && !running && (
        <div data-testid="shift-result">
          <p className="muted shift-at">{t('checkedAt', { day: report.day, time: clockTime(report.at, lang) })}</p>
          {summary.clear ? (
            <p className="shift-clear" data-testid="shift-all-clear">
              <span aria-hidden="true">✓</span> {t('allClear')}
              {summary.pulled > 0 && <> {t('summaryPulled', { count: summary.pulled })}</>}
            </p>
          ) : (
            <p className="shift-summary" data-testid="shift-summary">
              {[summary.owed > 0 && t('summary', { owed: summary.owed }), summary.pulled > 0 && t('summaryPulled', { count: summary.pulled }), summary.errors > 0 && t('summaryErrors', { count: summary.errors })]
                .filter(Boolean)
                .join(lang === 'zh' ? '；' : '; ')}
            </p>
          )}
          <section className="shift-section" data-testid="shift-owed">
            <h3>{t('owedTitle')}</h3>
            {report.owed.length === 0 ? <p className="muted">{t('owedNone')}</p> : <OwedList owed={report.owed} lang={lang} />}
          </section>
          <section className="shift-section" data-testid="shift-reconcile">
            <h3>{t('reconcileTitle')}</h3>
            <p className="muted shift-hint">{t('reconcileHint')}</p>
            {report.platforms.length === 0 ? <p className="muted">{t('reconcileNone')}</p> : <ReconcileTable rows={report.platforms} lang={lang} seqOf={seqOf} />}
          </section>
        </div>
      )}
    </div>
  );
}

function OwedList({ owed, lang }: { owed: readonly ShiftOwed[]; lang: Lang }): React.JSX.Element {
  const { t } = useTranslation('shift');
  return (
    <>
      <p className="muted shift-hint">{t('openHint')}</p>
      {owedGroups(owed).map(({ kind, lines }) => (
        <div key={kind} className="shift-group" data-testid={`shift-owed-${kind}`}>
          <h4>
            {t(`kind.${kind}`)} <span className="shift-count">{lines.length}</span>
          </h4>
          <ul>
            {lines.map((o) => (
              <li key={`${o.kind}|${o.key}`}>
                <OrderLink platform={o.platform} orderKey={o.key} daySeq={o.daySeq} lang={lang} testId="shift-owed-order" />
                <span className="shift-store">{o.storeName}</span>
                <span className="muted">{t('since', { time: clockTime(o.since, lang) })}</span>
                {lang === 'zh' && <span className="shift-detail">{o.detail}</span>}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}

function ReconcileTable(props: { rows: readonly ShiftReconcile[]; lang: Lang; seqOf: ReadonlyMap<string, number | null> }): React.JSX.Element {
  const { t } = useTranslation('shift');
  const { rows, lang, seqOf } = props;
  return (
    <table className="shift-table">
      <thead>
        <tr>
          <th>{t('col.platform')}</th>
          <th>{t('col.store')}</th>
          <th className="num">{t('col.platformCount')}</th>
          <th className="num">{t('col.deskCount')}</th>
          <th className="num">{t('col.pulled')}</th>
          <th>{t('col.result')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const notPulled = r.missing.length - r.pulled.length;
          return (
            <tr key={`${r.platform}|${r.storeId}`} data-testid="shift-reconcile-row" data-platform={r.platform} data-store={r.storeId} className={r.error ? 'shift-row-error' : ''}>
              <td>
                <span className={`shift-platform platform-${r.platform}`}>{platformName(r.platform, lang)}</span>
              </td>
              <td>{r.storeName}</td>
              <td className="num" data-testid="shift-platform-count">
                {r.platformCount === null ? t('notAsked') : t('orders', { count: r.platformCount })}
              </td>
              <td className="num" data-testid="shift-desk-count">
                {t('orders', { count: r.deskCount })}
              </td>
              <td className="num" data-testid="shift-pulled-count">
                {t('orders', { count: r.pulled.length })}
              </td>
              <td className="shift-result-cell">
                {r.error === '' && r.missing.length === 0 && r.platformCount !== null && <span className="shift-match">{t('match')}</span>}
                {r.pulled.length > 0 && (
                  <span className="shift-pulled">
                    {t('pulledOrders')}
                    {r.pulled.map((id) => {
                      const key = `${r.platform}:${id}`;
                      return <OrderLink key={id} platform={r.platform} orderKey={key} daySeq={seqOf.get(key)} orderId={id} lang={lang} testId="shift-pulled-order" />;
                    })}
                  </span>
                )}
                {notPulled > 0 && r.error === '' && <span className="shift-error">{t('missingNotPulled', { count: notPulled })}</span>}
                {r.error && (
                  <span className="shift-error" role="alert" data-testid="shift-reconcile-error">
                    {r.error}
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function OrderLink(props: { platform: Platform; orderKey: string; daySeq: number | null | undefined; orderId?: string; lang: Lang; testId: string }): React.JSX.Element {
  const { platform, orderKey, daySeq, lang, testId } = props;
  const orderId = props.orderId ?? orderKey.slice(orderKey.indexOf(':') + 1);
  return (
    <button type="button" className={`shift-order platform-${platform}`} data-testid={testId} data-order-key={orderKey} onClick={() => requestFocus(orderKey)}>
      {orderName(platform, daySeq, orderId, lang)}
    </button>
  );
}

/** Whole seconds since `since` (ms), ticking while it is set. */
function useElapsed(since: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return since === null ? 0 : Math.max(0, Math.floor((now - since) / 1000));
}
