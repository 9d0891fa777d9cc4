/** The 忙碌 choices: how long, and whether every store rests on the platforms too. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import Dialog from '../board/Dialog.js';
import { useDesk } from '../../state/use-desk.js';

const DURATIONS = [15, 30, 60, null] as const;

export default function BusyDialog({ onClose }: { onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation('busy');
  const desk = useDesk();
  const [minutes, setMinutes] = useState<number | null>(30);
  const [restStores, setRestStores] = useState(false);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState('');
  const start = (): void => {
    setStarting(true);
    setError('');
    desk.api
      .setBusy({ minutes, restStores })
      .then(() => onClose())
      .catch((err: unknown) => setError(t('dialog.failed', { message: (err as Error).message })))
      .finally(() => setStarting(false));
  };
  return (
    <Dialog
      title={t('dialog.title')}
      onClose={onClose}
      testId="busy-dialog"
      initialFocus='[data-testid="busy-start"]'
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('dialog.cancel')}
          </button>
          <button type="button" className="btn btn-primary" data-testid="busy-start" disabled={starting} onClick={start}>
            {starting ? t('dialog.starting') : t('dialog.start')}
          </button>
        </>
      }
    >
      <p className="busy-intro">{t('dialog.intro')}</p>
      <fieldset className="busy-durations">
        <legend className="field-label">{t('dialog.howLong')}</legend>
        {DURATIONS.map((m) => (
          <button
            key={m ?? 'off'}
            type="button"
            className={`btn busy-duration${minutes === m ? ' selected' : ''}`}
            data-testid={`busy-minutes-${m ?? 'off'}`}
            aria-pressed={minutes === m}
            onClick={() => setMinutes(m)}
          >
            {m === null ? t('dialog.untilOff') : t('dialog.minutes', { count: m })}
          </button>
        ))}
      </fieldset>
      <label className="busy-rest">
        <input type="checkbox" data-testid="busy-rest" checked={restStores} onChange={(e) => setRestStores(e.target.checked)} />
        <span>
          <b>{t('dialog.rest')}</b>
          <span className="muted busy-rest-hint">{t('dialog.restHint')}</span>
        </span>
      </label>
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
    </Dialog>
  );
}
