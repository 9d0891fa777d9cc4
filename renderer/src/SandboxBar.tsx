import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SIMULATE_KINDS, type SimulateKind } from '../../shared/api.js';
import { useDesk } from './state/use-desk.js';

/** Demo mode only: act as a customer on the sandbox platform (new order, refund request, cancel). */
export default function SandboxBar(): React.JSX.Element {
  const { t } = useTranslation('app');
  const desk = useDesk();
  const [busy, setBusy] = useState<SimulateKind | null>(null);
  const [error, setError] = useState('');
  const run = (kind: SimulateKind): void => {
    setBusy(kind);
    setError('');
    desk.api
      .simulate(kind)
      .catch((err: unknown) => setError((err as Error).message))
      .finally(() => setBusy(null));
  };
  return (
    <div className="sandbox-bar" role="group" aria-label={t('sandbox')}>
      {/* A menu, not a row of buttons: the header stays one row on a 1024 px counter screen. */}
      <details className="sandbox-menu">
        <summary className="sandbox-badge" title={t('sandbox')}>
          {t('sandboxShort')}
        </summary>
        <div className="sandbox-actions">
          {SIMULATE_KINDS.map((kind) => (
            <button key={kind} type="button" className="btn btn-small" disabled={busy !== null} onClick={() => run(kind)}>
              {busy === kind ? '…' : t(`simulate.${kind}`)}
            </button>
          ))}
        </div>
      </details>
      {error && (
        <span className="sandbox-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
