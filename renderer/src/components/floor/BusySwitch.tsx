/**
 * The 忙碌 switch in the status bar, one click from the board. Off: a 忙碌 button that opens the
 * choices (15 / 30 / 60 分钟 / 直到关闭, and 「同时让所有门店在平台上休息」). On: a pill with
 * the time left, how many stores rest (and how many could not), and 结束忙碌, which asks nothing.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskStatus } from '../../../../shared/api.js';
import { useDesk } from '../../state/use-desk.js';
import BusyDialog from './BusyDialog.js';
import { busyLeft, busyStores } from './busy-view.js';
import './busy.css';

export default function BusySwitch({ status }: { status: DeskStatus }): React.JSX.Element {
  const { t } = useTranslation('busy');
  const desk = useDesk();
  const [choosing, setChoosing] = useState(false);
  const [ending, setEnding] = useState(false);
  const [error, setError] = useState('');
  const busy = status.busy ?? null;
  const now = useSecondClock(busy?.until != null);

  if (!busy) {
    return (
      <span className="status-item">
        <button type="button" className="busy-button" data-testid="busy-switch" data-on="false" title={t('switch.title')} onClick={() => setChoosing(true)}>
          {t('switch.button')}
        </button>
        {error && <span className="status-reason">{error}</span>}
        {choosing && <BusyDialog onClose={() => setChoosing(false)} />}
      </span>
    );
  }
  const left = busyLeft(busy.until, now);
  const stores = busyStores(busy);
  const end = (): void => {
    setEnding(true);
    setError('');
    desk.api
      .setBusy(null)
      .catch((err: unknown) => setError(t('switch.endFailed', { message: (err as Error).message })))
      .finally(() => setEnding(false));
  };
  return (
    <span className="status-item busy-pill" data-testid="busy-pill" data-on="true" role="status" title={[t('switch.detail'), ...stores.errors].join('\n')}>
      <b>{t('switch.on')}</b>
      <span data-testid="busy-left">{left === null ? t('switch.untilOff') : t('switch.left', { time: left })}</span>
      {stores.resting > 0 && <span data-testid="busy-resting">{t('switch.resting', { count: stores.resting })}</span>}
      {stores.failed > 0 && (
        <span className="busy-failed" data-testid="busy-failed">
          ⚠ {t('switch.failed', { count: stores.failed })}
        </span>
      )}
      <button type="button" className="busy-end" data-testid="busy-end" disabled={ending} onClick={end}>
        {ending ? t('switch.ending') : t('switch.end')}
      </button>
      {error && <span className="status-reason">{error}</span>}
    </span>
  );
}

/** Now, re-read every second while a countdown shows. */
function useSecondClock(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}
