/**
 * The bottom line of the window. First, one line that answers 「现在能收到订单吗？」 in staff
 * words (status-line.ts); a click on it (or 详情) opens the technical detail. Beside it what
 * staff act on: a stand-in tunnel address to confirm, stores the platform closed, the demo
 * stopped, 补单 with its result, the shop's time zone and start-up problems in red.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskStatus } from '../../../../shared/api.js';
import BusySwitch from '../floor/BusySwitch.js';
import { warningsBesideBusy } from '../floor/busy-view.js';
import PrinterTrouble from '../printing/PrinterTrouble.js';
import RecoverButton from './RecoverButton.js';
import { useLinkInvalid } from '../../state/use-desk.js';
import StandInConfirm from './StandInConfirm.js';
import StatusDetail from './StatusDetail.js';
import { statusLine } from './status-line.js';
import StoreWarnings from './StoreWarnings.js';
import './stores.css';

export default function StatusBar({ status }: { status: DeskStatus | null }): React.JSX.Element {
  const { t } = useTranslation('stores');
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const linkInvalid = useLinkInvalid();
  useRerenderEvery(30_000);
  if (!status) {
    return (
      <footer className="status-bar" data-testid="status-bar">
        {linkInvalid ? (
          <span className="status-line status-line-bad" data-testid="status-line" data-tone="bad" data-reason="link-invalid">
            {t('status.linkInvalid')}
          </span>
        ) : (
          <span className="muted">{t('status.loading')}</span>
        )}
      </footer>
    );
  }
  const line = statusLine(status, Date.now());
  const last = line.last
    ? t(line.last.order ? 'status.lastOrder' : 'status.lastPush', { ago: t(`status.ago.${line.last.unit}`, { count: line.last.count }) })
    : t('status.noPushYet');
  const refused = status.lastCallback?.refusedToday ?? 0;
  return (
    <footer className="status-bar" data-testid="status-bar" aria-label={t('status.label')}>
      <button
        type="button"
        className={`status-line status-line-${line.tone}`}
        data-testid="status-line"
        data-tone={line.tone}
        data-reason={line.reason}
        aria-expanded={open}
        title={t('status.detailsTitle')}
        onClick={() => setOpen((o) => !o)}
      >
        {t(`status.line.${line.reason}`, { store: line.store ?? '', count: line.count ?? 0 })}
        {line.tone !== 'bad' && <span className="status-line-last"> · {last}</span>}
      </button>
      <StandInConfirm tunnel={status.tunnel} />
      <BusySwitch status={status} />
      <StoreWarnings warnings={warningsBesideBusy(status.storeWarnings ?? [], status.busy)} />
      <PrinterTrouble status={status} />
      {status.demo?.state === 'stopped' && status.demo.reason === 'no-bound-store' && (
        <span className="status-item status-store-warning" data-testid="demo-stopped">
          ⚠ {t('status.demoState.no-bound-store')}
        </span>
      )}
      <RecoverButton />
      {refused > 0 && (
        <span className="status-item muted" data-testid="refused-today" title={t('status.refusedTitle')}>
          {t('status.refusedToday', { count: refused })}
        </span>
      )}
      <span className="status-spacer" />
      <span className="status-item muted" data-testid="time-zone" title={t('status.timeZoneTitle')}>
        {t('status.timeZone')} {status.timeZone}
      </span>
      {status.sandbox && <span className="status-badge status-demo">{t('status.demo')}</span>}
      {status.problems.length > 0 && (
        <button type="button" className="status-problems" data-testid="problems" aria-expanded={open} onClick={() => setOpen(true)}>
          ⚠ {t('status.problems', { count: status.problems.length })}
        </button>
      )}
      <button type="button" className="status-details" data-testid="status-details" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {t('status.details')} {open ? '▾' : '▴'}
      </button>
      {open && <StatusDetail status={status} onClose={close} />}
    </footer>
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
