/**
 * The bottom line of the window: is the receiver up, can the platforms reach it (tunnel),
 * when did the last callback come and was it taken, and anything that went wrong at
 * start-up (a damaged file moved aside) — in red until someone has read it.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallbackSeen, DeskStatus } from '../../../../shared/api.js';
import { useDesk } from '../../state/use-desk.js';
import StandInConfirm from './StandInConfirm.js';
import StoreWarnings from './StoreWarnings.js';
import { timeAgo } from './time.js';
import './stores.css';

export default function StatusBar({ status }: { status: DeskStatus | null }): React.JSX.Element {
  const { t } = useTranslation('stores');
  const [open, setOpen] = useState(false);
  if (!status) {
    return (
      <footer className="status-bar" data-testid="status-bar">
        <span className="muted">{t('status.loading')}</span>
      </footer>
    );
  }
  const { receiver, tunnel, problems } = status;
  return (
    <footer className="status-bar" data-testid="status-bar" aria-label={t('status.label')}>
      <span className="status-item" data-testid="receiver-state" data-up={String(receiver.up)}>
        <span className={receiver.up ? 'dot dot-ok' : 'dot dot-bad'} aria-hidden="true" />
        {t('status.receiver')} {receiver.up ? t('status.receiverUp') : t('status.receiverDown')}
        {receiver.url && <code className="status-url">{receiver.url}</code>}
      </span>
      <span
        className="status-item"
        data-testid="tunnel-state"
        data-state={tunnel.state}
        title={tunnel.lastError || undefined}
      >
        <span className={`dot dot-tunnel-${tunnel.state}`} aria-hidden="true" />
        {t('status.tunnel')} {t(`status.tunnelState.${tunnel.state}`)}
        {tunnel.url && <code className="status-url">{tunnel.url}</code>}
      </span>
      <StandInConfirm tunnel={tunnel} />
      {status.publicUrl && !(tunnel.url && (tunnel.state === 'up' || tunnel.state === 'degraded')) && (
        <span className="status-item" data-testid="public-url">
          {t('status.publicUrl')} <code className="status-url">{status.publicUrl}</code>
        </span>
      )}
      <LastCallback seen={status.lastCallback} />
      <RecoverButton last={status.recovery} />
      <StoreWarnings warnings={status.storeWarnings ?? []} />
      <span className="status-spacer" />
      {status.sandbox && <span className="status-badge status-demo">{t('status.demo')}</span>}
      <span className="status-item muted" data-testid="secrets-state">
        {t('status.secrets')}: {t(`status.secretsKind.${status.secrets}`, { defaultValue: status.secrets })}
      </span>
      {problems.length > 0 && (
        <span className="status-problems-wrap">
          <button
            type="button"
            className="status-problems"
            data-testid="problems"
            aria-expanded={open}
            onClick={() => setOpen((o) => !o)}
          >
            ⚠ {t('status.problems', { count: problems.length })}
          </button>
          {open && (
            <div className="status-problems-list" role="region" aria-label={t('status.problemsTitle')}>
              <b>{t('status.problemsTitle')}</b>
              <ul>
                {problems.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            </div>
          )}
        </span>
      )}
    </footer>
  );
}

/**
 * 补单: ask the platforms for orders whose push never arrived. The desk also does this on its
 * own (start-up, tunnel back, every 5 minutes); the button is for "I think we missed one".
 */
function RecoverButton({ last }: { last: DeskStatus['recovery'] }): React.JSX.Element {
  const { t } = useTranslation('stores');
  const desk = useDesk();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState('');
  const run = (): void => {
    setBusy(true);
    setFailed('');
    desk.api
      .recoverMissed()
      .catch((err: unknown) => setFailed((err as Error).message))
      .finally(() => setBusy(false));
  };
  const error = failed || last?.error || '';
  return (
    <span className="status-item" data-testid="recovery" title={error ? t('status.recoverFailed', { message: error }) : last?.at}>
      <button type="button" className="status-recover" onClick={run} disabled={busy} title={t('status.recoverTitle')}>
        {busy ? t('status.recovering') : t('status.recover')}
      </button>
      {last && last.recovered > 0 && <span className="muted">{t('status.recovered', { count: last.recovered })}</span>}
    </span>
  );
}

/** Re-render every so often so 「2 分钟前」 stays true; a local clock, nothing is fetched. */
function useRerenderEvery(periodMs: number): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), periodMs);
    return () => clearInterval(timer);
  }, [periodMs]);
}

function LastCallback({ seen }: { seen: CallbackSeen | null }): React.JSX.Element {
  const { t } = useTranslation('stores');
  useRerenderEvery(30_000);
  if (!seen) {
    return (
      <span className="status-item muted" data-testid="last-callback">
        {t('status.lastCallback')}: {t('status.noCallback')}
      </span>
    );
  }
  const ago = timeAgo(seen.at, Date.now());
  const rejected = seen.verdict === 'rejected';
  return (
    <span
      className={rejected ? 'status-item status-rejected' : 'status-item'}
      data-testid="last-callback"
      data-verdict={seen.verdict}
      title={seen.at}
    >
      {t('status.received', { ago: t(`status.ago.${ago.unit}`, { count: ago.count }), route: seen.route })}{' '}
      <b>{t(`status.verdict.${seen.verdict}`)}</b>
      {rejected && seen.reason && <span className="status-reason">（{seen.reason}）</span>}
      {seen.refusedToday !== undefined && seen.refusedToday > 0 && (
        <span className="status-refused muted" data-testid="refused-today" title={t('status.refusedTitle')}>
          {' · '}
          {t('status.refusedToday', { count: seen.refusedToday })}
        </span>
      )}
    </span>
  );
}
