/**
 * Settings for this counter screen: sound (volume with 试听, repeats, accept limits, voice), browser
 * notifications, language, the shop-wide 暂停自动接单 switch, and the platform accounts and
 * stores (CredentialsSection); those last two live on the main side. Sound prefs are this
 * screen's own and persist in localStorage (prefs.ts).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTENTION_REASONS } from '../../../../shared/order.js';
import { LANGUAGES, setLanguage, type Language } from '../../i18n/index.js';
import { askNotifyPermission, notifyPermission, type NotifyPermission } from '../../sound/notify.js';
import { SoundPlayer } from '../../sound/player.js';
import { MAX_INTERVAL_SECONDS, MIN_INTERVAL_SECONDS } from '../../sound/prefs.js';
import { setSoundPrefs, useSoundPrefs } from '../../sound/use-sound-prefs.js';
import { useDesk, useStatus } from '../../state/use-desk.js';
import CredentialsSection from '../settings/CredentialsSection.js';
import PrintingSection from '../printing/PrintingSection.js';
import SoundTiming from './SoundTiming.js';
import './settings.css';

export default function SettingsPage(): React.JSX.Element {
  const { t, i18n } = useTranslation('alerts');
  const prefs = useSoundPrefs();
  const [preview] = useState(() => new SoundPlayer());
  const [previewBlocked, setPreviewBlocked] = useState(false);
  const [interval, setIntervalDraft] = useState(String(prefs.intervalSeconds));
  const [permission, setPermission] = useState<NotifyPermission>(notifyPermission);
  useEffect(() => () => preview.stop(), [preview]);

  const commitInterval = (): void => {
    const n = Number(interval);
    if (interval.trim() !== '' && Number.isFinite(n)) setSoundPrefs({ intervalSeconds: n });
    // Show what was actually kept (clamped to 3–30, or the old value for garbage).
    setIntervalDraft(
      String(
        Number.isFinite(n)
          ? Math.min(MAX_INTERVAL_SECONDS, Math.max(MIN_INTERVAL_SECONDS, Math.round(n)))
          : prefs.intervalSeconds,
      ),
    );
  };

  return (
    <div className="settings" data-testid="settings">
      <h2 className="settings-title">{t('settings.title')}</h2>

      <section className="settings-section" aria-labelledby="settings-sound">
        <h3 id="settings-sound">{t('settings.sound')}</h3>
        <p className="muted settings-hint">{t('settings.soundHint')}</p>
        <div className="settings-row">
          <label htmlFor="settings-volume">{t('settings.volume')}</label>
          <input
            id="settings-volume"
            type="range"
            min={0}
            max={100}
            step={5}
            data-testid="volume"
            value={prefs.volume}
            onChange={(e) => setSoundPrefs({ volume: Number(e.target.value) })}
          />
          <output htmlFor="settings-volume" className="settings-value">
            {prefs.volume}
          </output>
        </div>
        <div className="settings-row settings-previews" role="group" aria-labelledby="settings-preview">
          <span id="settings-preview">{t('settings.preview')}</span>
          {ATTENTION_REASONS.map((reason) => (
            <button
              key={reason}
              type="button"
              className="btn btn-small"
              data-testid={`preview-${reason}`}
              onClick={() =>
                void preview.play(reason, prefs.volume).then((r) => setPreviewBlocked(r === 'blocked'))
              }
            >
              ▶ {t(`settings.previewName.${reason}`)}
            </button>
          ))}
          {previewBlocked && <span className="settings-error">{t('settings.previewBlocked')}</span>}
        </div>
        <div className="settings-row">
          <label htmlFor="settings-interval">{t('settings.interval')}</label>
          <input
            id="settings-interval"
            className="settings-number"
            type="number"
            min={MIN_INTERVAL_SECONDS}
            max={MAX_INTERVAL_SECONDS}
            data-testid="ring-interval"
            value={interval}
            onChange={(e) => setIntervalDraft(e.target.value)}
            onBlur={commitInterval}
            onKeyDown={(e) => e.key === 'Enter' && commitInterval()}
          />
          <span className="muted">
            {t('settings.intervalUnit', { min: MIN_INTERVAL_SECONDS, max: MAX_INTERVAL_SECONDS })}
          </span>
        </div>
        <SoundTiming />
        <label className="settings-row">
          <input
            type="checkbox"
            data-testid="voice"
            checked={prefs.voice}
            onChange={(e) => setSoundPrefs({ voice: e.target.checked })}
          />
          {t('settings.voice')}
          <span className="muted settings-inline-hint">{t('settings.voiceHint')}</span>
        </label>
      </section>

      <section className="settings-section" aria-labelledby="settings-notify">
        <h3 id="settings-notify">{t('settings.notifications')}</h3>
        <div className="settings-row">
          <button
            type="button"
            className="btn"
            data-testid="notifications"
            disabled={permission !== 'default'}
            onClick={() => void askNotifyPermission().then(setPermission)}
          >
            {t('settings.notifyAsk')}
          </button>
          <span
            className={permission === 'granted' ? 'settings-ok' : 'muted'}
            data-testid="notifications-state"
          >
            {t(`settings.notifyState.${permission}`)}
          </span>
        </div>
      </section>

      <section className="settings-section" aria-labelledby="settings-language">
        <h3 id="settings-language">{t('settings.language')}</h3>
        <select
          className="settings-select"
          aria-labelledby="settings-language"
          data-testid="language"
          value={i18n.language}
          onChange={(e) => setLanguage(e.target.value as Language)}
        >
          {LANGUAGES.map((l) => (
            <option key={l.code} value={l.code}>
              {l.label}
            </option>
          ))}
        </select>
      </section>

      <PauseAutoAccept />

      <PrintingSection />

      <CredentialsSection />
    </div>
  );
}

/**
 * The shop-wide pause: the main side's state (status-changed), shown as requested while the
 * call is on its way so the box answers the click at once; back to the truth if it fails.
 */
function PauseAutoAccept(): React.JSX.Element {
  const { t } = useTranslation('alerts');
  const desk = useDesk();
  const status = useStatus();
  const [requested, setRequested] = useState<boolean | null>(null);
  const [error, setError] = useState('');
  const paused = status?.autoAcceptPaused;
  useEffect(() => {
    if (requested !== null && paused === requested) setRequested(null);
  }, [paused, requested]);
  const toggle = (value: boolean): void => {
    setRequested(value);
    setError('');
    desk.api.setAutoAcceptPaused(value).catch((err: unknown) => {
      setRequested(null);
      setError(t('settings.pauseFailed', { message: (err as Error).message }));
    });
  };
  return (
    <section className="settings-section" aria-labelledby="settings-orders">
      <h3 id="settings-orders">{t('settings.orders')}</h3>
      <label className="settings-row">
        <input
          type="checkbox"
          data-testid="pause-auto-accept"
          checked={requested ?? paused ?? false}
          disabled={!status}
          onChange={(e) => toggle(e.target.checked)}
        />
        {t('settings.pauseAutoAccept')}
      </label>
      <p className="muted settings-hint">{t('settings.pauseHint')}</p>
      {error && (
        <p className="settings-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
