/**
 * The repeat after 我知道了 and each platform's accept time limit (the card's countdown).
 * Numbers are kept as typed until Enter or leaving the field, then clamped by prefs.ts.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAX_ACCEPT_MINUTES,
  MAX_SEEN_INTERVAL_SECONDS,
  MIN_ACCEPT_MINUTES,
  MIN_INTERVAL_SECONDS,
} from '../../sound/prefs.js';
import { setSoundPrefs, useSoundPrefs } from '../../sound/use-sound-prefs.js';

function NumberSetting(props: {
  id: string;
  label: string;
  unit: string;
  value: number;
  min: number;
  max: number;
  onCommit: (n: number) => void;
}): React.JSX.Element {
  const [draft, setDraft] = useState(String(props.value));
  const commit = (): void => {
    const n = Number(draft);
    const ok = draft.trim() !== '' && Number.isFinite(n);
    const kept = ok ? Math.min(props.max, Math.max(props.min, Math.round(n))) : props.value;
    if (ok) props.onCommit(kept);
    setDraft(String(kept));
  };
  return (
    <div className="settings-row">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        className="settings-number"
        type="number"
        min={props.min}
        max={props.max}
        data-testid={props.id}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      <span className="muted">{props.unit}</span>
    </div>
  );
}

export default function SoundTiming(): React.JSX.Element {
  const { t } = useTranslation('alerts');
  const prefs = useSoundPrefs();
  return (
    <>
      <NumberSetting
        id="seen-interval"
        label={t('settings.seenInterval')}
        unit={t('settings.intervalUnit', { min: MIN_INTERVAL_SECONDS, max: MAX_SEEN_INTERVAL_SECONDS })}
        value={prefs.seenIntervalSeconds}
        min={MIN_INTERVAL_SECONDS}
        max={MAX_SEEN_INTERVAL_SECONDS}
        onCommit={(n) => setSoundPrefs({ seenIntervalSeconds: n })}
      />
      {(['meituan', 'eleme'] as const).map((p) => (
        <NumberSetting
          key={p}
          id={`accept-minutes-${p}`}
          label={`${t(`platform.${p}`)} · ${t('settings.acceptMinutes')}`}
          unit={t('settings.minutesUnit')}
          value={prefs.acceptMinutes[p]}
          min={MIN_ACCEPT_MINUTES}
          max={MAX_ACCEPT_MINUTES}
          onCommit={(n) => setSoundPrefs({ acceptMinutes: { ...prefs.acceptMinutes, [p]: n } })}
        />
      ))}
      <p className="muted settings-hint">{t('settings.acceptHint')}</p>
    </>
  );
}
