/**
 * The technical side of the status line, one click away: the receiver's and the tunnel's
 * addresses and states, the shop's own address, the last callback, the tunnel's counters,
 * the time zone, the demo, the last 补单 and every problem. Closes with Esc or 关闭.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallbackSeen, DeskStatus } from '../../../../shared/api.js';
import { shortDateTime, timeAgo } from './time.js';

export default function StatusDetail({ status, onClose }: { status: DeskStatus; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation('stores');
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  const { receiver, tunnel, problems, timeZone } = status;
  const when = (iso: string): string => shortDateTime(iso, timeZone);
  return (
    <div className="status-detail" data-testid="status-detail" role="dialog" aria-label={t('status.detailsTitle')}>
      <div className="status-detail-head">
        <b>{t('status.detailsTitle')}</b>
        <button type="button" className="btn btn-small" onClick={onClose}>
          {t('status.close')}
        </button>
      </div>
      <dl>
        <dt>{t('status.receiver')}</dt>
        <dd data-testid="receiver-state" data-up={String(receiver.up)}>
          <span className={receiver.up ? 'dot dot-ok' : 'dot dot-bad'} aria-hidden="true" /> {receiver.up ? t('status.receiverUp') : t('status.receiverDown')}{' '}
          {receiver.url && <code className="status-url">{receiver.url}</code>}
        </dd>
        <dt>{t('status.tunnel')}</dt>
        <dd data-testid="tunnel-state" data-state={tunnel.state}>
          <span className={`dot dot-tunnel-${tunnel.state}`} aria-hidden="true" /> {t(`status.tunnelState.${tunnel.state}`)}{' '}
          {tunnel.url && <code className="status-url">{tunnel.url}</code>}
          {tunnel.lastOkAt && <span className="muted"> · {t('status.tunnelLastOk', { time: when(tunnel.lastOkAt) })}</span>}
          {tunnel.lastError && <div className="status-reason">{tunnel.lastError}</div>}
          {tunnel.counts && <div className="muted">{t('status.tunnelCounts', { ...tunnel.counts })}</div>}
        </dd>
        {status.publicUrl && (
          <>
            <dt>{t('status.publicUrl')}</dt>
            <dd data-testid="public-url">
              <code className="status-url">{status.publicUrl}</code>
            </dd>
          </>
        )}
        <dt>{t('status.lastCallback')}</dt>
        <dd>
          <LastCallback seen={status.lastCallback} timeZone={timeZone} />
        </dd>
        <dt>{t('status.timeZone')}</dt>
        <dd data-testid="detail-time-zone">
          {timeZone} <span className="muted">· {t('status.timeZoneTitle')}</span>
        </dd>
        {status.demo && (
          <>
            <dt>{t('status.demo')}</dt>
            <dd data-testid="demo-state" data-state={status.demo.state}>
              {t(`status.demoState.${status.demo.state === 'running' ? 'running' : (status.demo.reason ?? 'off')}`, { seconds: status.demo.intervalSeconds })}
            </dd>
          </>
        )}
        {status.recovery && (
          <>
            <dt>{t('status.recover')}</dt>
            <dd>
              {t('status.lastRecovery', { time: when(status.recovery.at) })} ·{' '}
              {status.recovery.error
                ? t('status.recoverResult.failed', { message: status.recovery.error })
                : status.recovery.recovered > 0
                  ? t('status.recoverResult.recovered', { count: status.recovery.recovered })
                  : t('status.recoverResult.none')}
            </dd>
          </>
        )}
        <dt>{t('status.secrets')}</dt>
        <dd data-testid="secrets-state">{t(`status.secretsKind.${status.secrets}`, { defaultValue: status.secrets })}</dd>
        <dt>{t('status.problemsTitle')}</dt>
        <dd data-testid="problems-list">
          {problems.length === 0 ? (
            <span className="muted">{t('status.noProblems')}</span>
          ) : (
            <ul>
              {problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
    </div>
  );
}

function LastCallback({ seen, timeZone }: { seen: CallbackSeen | null; timeZone: string }): React.JSX.Element {
  const { t } = useTranslation('stores');
  if (!seen) return <span className="muted" data-testid="last-callback">{t('status.noCallback')}</span>;
  const ago = timeAgo(seen.at, Date.now());
  const rejected = seen.verdict === 'rejected';
  return (
    <span className={rejected ? 'status-rejected' : undefined} data-testid="last-callback" data-verdict={seen.verdict} title={shortDateTime(seen.at, timeZone)}>
      {t('status.received', { ago: t(`status.ago.${ago.unit}`, { count: ago.count }), route: seen.route })} <b>{t(`status.verdict.${seen.verdict}`)}</b>
      {rejected && seen.reason && <span className="status-reason">（{seen.reason}）</span>}
    </span>
  );
}
