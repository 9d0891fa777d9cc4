/**
 * One store's auto-accept: on/off saves at once; the delay is typed, then saved with 保存 or
 * Enter. Every save says how it went (已保存 / the error), because staff must know whether
 * orders will be accepted for them.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Store, StoreSettings } from '../../../../shared/store.js';
import { useDesk } from '../../state/use-desk.js';
import { parseDelay } from './time.js';

type Feedback = { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string } | null;

/** How long 已保存 stays up: long enough to be read, short enough not to go stale. */
const SAVED_VISIBLE_MS = 3000;

export default function AutoAcceptSettings({ store }: { store: Store }): React.JSX.Element {
  const { t } = useTranslation('stores');
  const desk = useDesk();
  const { autoAccept, autoAcceptDelaySeconds } = store.settings;
  const [delay, setDelay] = useState(String(autoAcceptDelaySeconds));
  const [feedback, setFeedback] = useState<Feedback>(null);
  // The box shows the requested state while saving (store-changed brings the truth after).
  const [requested, setRequested] = useState<boolean | null>(null);
  useEffect(() => {
    if (requested !== null && autoAccept === requested) setRequested(null);
  }, [autoAccept, requested]);

  // The saved value changed (here or in another window): show it.
  useEffect(() => setDelay(String(autoAcceptDelaySeconds)), [autoAcceptDelaySeconds]);
  useEffect(() => {
    if (feedback?.kind !== 'saved') return;
    const timer = setTimeout(() => setFeedback(null), SAVED_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [feedback]);

  const save = (patch: Partial<StoreSettings>): void => {
    setFeedback({ kind: 'saving' });
    if (patch.autoAccept !== undefined) setRequested(patch.autoAccept);
    desk.api
      .updateStoreSettings(store.id, patch)
      .then(() => setFeedback({ kind: 'saved' }))
      .catch((err: unknown) => {
        setRequested(null);
        setFeedback({ kind: 'error', message: t('autoAccept.failed', { message: (err as Error).message }) });
      });
  };
  const parsed = parseDelay(delay);
  const dirty = parsed !== autoAcceptDelaySeconds;
  const saveDelay = (): void => {
    if (parsed === null) setFeedback({ kind: 'error', message: t('autoAccept.invalid') });
    else if (dirty) save({ autoAcceptDelaySeconds: parsed });
  };

  const delayId = `delay-${store.id}`;
  return (
    <div className="auto-accept">
      <label className="auto-accept-toggle">
        <input
          type="checkbox"
          data-testid="auto-accept"
          checked={requested ?? autoAccept}
          onChange={(e) => save({ autoAccept: e.target.checked })}
        />
        {t('autoAccept.on')}
      </label>
      <label htmlFor={delayId} className="muted">
        {t('autoAccept.delay')}
      </label>
      <input
        id={delayId}
        className="auto-accept-delay"
        type="number"
        min={0}
        max={600}
        inputMode="numeric"
        data-testid="auto-accept-delay"
        value={delay}
        aria-invalid={parsed === null}
        onChange={(e) => setDelay(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && saveDelay()}
      />
      <span className="muted">{t('autoAccept.seconds')}</span>
      <button
        type="button"
        className="btn btn-small"
        data-testid="save-auto-accept"
        disabled={!dirty || feedback?.kind === 'saving'}
        onClick={saveDelay}
      >
        {t('autoAccept.save')}
      </button>
      <span className="auto-accept-feedback" aria-live="polite">
        {feedback?.kind === 'saving' && <span className="muted">{t('autoAccept.saving')}</span>}
        {feedback?.kind === 'saved' && <span className="ok-text">{t('autoAccept.saved')}</span>}
        {feedback?.kind === 'error' && (
          <span className="field-error" role="alert">
            {feedback.message}
          </span>
        )}
      </span>
    </div>
  );
}
