/**
 * 补单: ask the platforms for orders whose push never arrived. The desk also does this on its
 * own (start-up, tunnel back, every 5 minutes); the button is for "I think we missed one", so
 * it says what it is doing (「正在补单…」) and what came of it (「补回 2 单」 / 「没有漏单」 / why not).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecoveryReport } from '../../../../shared/api.js';
import { useDesk } from '../../state/use-desk.js';

/** How long a result stays next to the button: long enough to read, not there hours later. */
const RESULT_SHOWN_MS = 30_000;

type Outcome = { kind: 'none' | 'recovered' | 'partial' | 'noStores'; count: number; found: number } | { kind: 'failed'; message: string };

/** What one pass came to, in the words staff read. Pure, for the unit tests. */
export function recoveryOutcome(r: RecoveryReport): Outcome {
  if (r.errors.length > 0 && r.recovered === 0) return { kind: 'failed', message: r.errors.join('；') };
  if (r.checkedStores === 0 && r.found === 0) return { kind: 'noStores', count: 0, found: 0 };
  if (r.found > r.recovered) return { kind: 'partial', count: r.recovered, found: r.found };
  return { kind: r.recovered > 0 ? 'recovered' : 'none', count: r.recovered, found: r.found };
}

export default function RecoverButton(): React.JSX.Element {
  const { t } = useTranslation('stores');
  const desk = useDesk();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  useEffect(() => {
    if (!outcome) return;
    const timer = setTimeout(() => setOutcome(null), RESULT_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [outcome]);
  const run = (): void => {
    setBusy(true);
    setOutcome(null);
    desk.api
      .recoverMissed()
      .then((report) => setOutcome(recoveryOutcome(report)))
      .catch((err: unknown) => setOutcome({ kind: 'failed', message: (err as Error).message }))
      .finally(() => setBusy(false));
  };
  const text = busy
    ? t('status.recovering')
    : outcome?.kind === 'failed'
      ? t('status.recoverResult.failed', { message: outcome.message })
      : outcome
        ? t(`status.recoverResult.${outcome.kind}`, { count: outcome.count, found: outcome.found })
        : '';
  const state = busy ? 'running' : (outcome?.kind ?? 'idle');
  return (
    <span className="status-item" data-testid="recovery">
      <button type="button" className="status-recover" onClick={run} disabled={busy} title={t('status.recoverTitle')}>
        {t('status.recover')}
      </button>
      {text && (
        <span className={outcome?.kind === 'failed' ? 'status-reason' : 'muted'} data-testid="recovery-result" data-state={state} role="status">
          {text}
        </span>
      )}
    </span>
  );
}
