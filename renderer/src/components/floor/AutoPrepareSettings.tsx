/**
 * One store's automatic 出餐 on the stores page, under its auto-accept: on/off saves at once;
 * the time windows (e.g. 11:00–13:30 after 12 minutes) and the minutes for other times are
 * edited, then saved with 保存. Every save says how it went.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_AUTO_PREPARE, type AutoPrepareRule } from '../../../../shared/shop-floor.js';
import type { Store } from '../../../../shared/store.js';
import { useDesk } from '../../state/use-desk.js';
import './prepare.css';

type Feedback = { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string } | null;

interface Draft {
  windows: { from: string; to: string; afterMinutes: string }[];
  afterMinutes: string;
}

const SAVED_VISIBLE_MS = 3000;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

function draftOf(rule: AutoPrepareRule): Draft {
  return { windows: rule.windows.map((w) => ({ ...w, afterMinutes: String(w.afterMinutes) })), afterMinutes: String(rule.afterMinutes) };
}

function minutes(text: string): number | null {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= 1 && n <= 120 ? n : null;
}

/** The draft as a rule, or null when a field is not valid. */
export function ruleOf(draft: Draft, enabled: boolean): AutoPrepareRule | null {
  const after = minutes(draft.afterMinutes);
  const windows = draft.windows.map((w) => ({ from: w.from, to: w.to, afterMinutes: minutes(w.afterMinutes) }));
  if (after === null || windows.some((w) => w.afterMinutes === null || !HHMM.test(w.from) || !HHMM.test(w.to))) return null;
  return { enabled, windows: windows.map((w) => ({ ...w, afterMinutes: w.afterMinutes! })), afterMinutes: after };
}

export default function AutoPrepareSettings({ store }: { store: Store }): React.JSX.Element {
  const { t } = useTranslation('prepare');
  const desk = useDesk();
  const saved = store.settings.autoPrepare ?? DEFAULT_AUTO_PREPARE;
  const savedText = JSON.stringify(saved);
  const [draft, setDraft] = useState<Draft>(() => draftOf(saved));
  const [feedback, setFeedback] = useState<Feedback>(null);
  // The box shows the requested state while saving (store-changed brings the truth after).
  const [requested, setRequested] = useState<boolean | null>(null);
  useEffect(() => {
    if (requested !== null && saved.enabled === requested) setRequested(null);
  }, [saved.enabled, requested]);
  // The saved rule changed (here or in another window): show it.
  useEffect(() => setDraft(draftOf(saved)), [savedText]);
  useEffect(() => {
    if (feedback?.kind !== 'saved') return;
    const timer = setTimeout(() => setFeedback(null), SAVED_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [feedback]);

  const save = (rule: AutoPrepareRule): void => {
    setFeedback({ kind: 'saving' });
    desk.api
      .updateStoreSettings(store.id, { autoPrepare: rule })
      .then(() => setFeedback({ kind: 'saved' }))
      .catch((err: unknown) => {
        setRequested(null);
        setFeedback({ kind: 'error', message: (err as Error).message });
      });
  };
  const rule = ruleOf(draft, saved.enabled);
  const dirty = rule === null || JSON.stringify(rule) !== savedText;
  const saveDraft = (): void => {
    if (rule === null) setFeedback({ kind: 'error', message: t('settings.invalid') });
    else save(rule);
  };
  const toggle = (enabled: boolean): void => {
    setRequested(enabled);
    save({ ...(rule ?? saved), enabled });
  };
  const setWindow = (i: number, patch: Partial<Draft['windows'][number]>): void =>
    setDraft((d) => ({ ...d, windows: d.windows.map((w, j) => (j === i ? { ...w, ...patch } : w)) }));
  const id = (part: string): string => `auto-prepare-${store.id}-${part}`;

  return (
    <div className="auto-prepare" data-testid="auto-prepare-settings" data-store-id={store.id}>
      <div className="auto-prepare-head">
        <b>{t('settings.title')}</b>
        <label className="auto-accept-toggle">
          <input type="checkbox" data-testid="auto-prepare-enabled" checked={requested ?? saved.enabled} onChange={(e) => toggle(e.target.checked)} />
          {t('settings.enabled')}
        </label>
        <span className="muted" data-testid="auto-prepare-summary">
          {saved.enabled ? summary(saved, t) : t('settings.off')}
        </span>
      </div>
      <p className="muted auto-prepare-help">{t('settings.help')}</p>
      {draft.windows.map((w, i) => (
        <div className="auto-prepare-row" key={i} data-testid="auto-prepare-window">
          <label htmlFor={id(`from-${i}`)} className="muted">
            {t('settings.from')}
          </label>
          <input id={id(`from-${i}`)} type="text" inputMode="numeric" maxLength={5} placeholder="11:00" value={w.from} aria-invalid={!HHMM.test(w.from)} onChange={(e) => setWindow(i, { from: e.target.value })} />
          <label htmlFor={id(`to-${i}`)} className="muted">
            {t('settings.to')}
          </label>
          <input id={id(`to-${i}`)} type="text" inputMode="numeric" maxLength={5} placeholder="11:00" value={w.to} aria-invalid={!HHMM.test(w.to)} onChange={(e) => setWindow(i, { to: e.target.value })} />
          <label htmlFor={id(`min-${i}`)} className="muted">
            {t('settings.after')}
          </label>
          <input
            id={id(`min-${i}`)}
            type="number"
            min={1}
            max={120}
            inputMode="numeric"
            value={w.afterMinutes}
            aria-invalid={minutes(w.afterMinutes) === null}
            onChange={(e) => setWindow(i, { afterMinutes: e.target.value })}
          />
          <span className="muted">{t('settings.minutes')}</span>
          <button type="button" className="btn btn-small" onClick={() => setDraft((d) => ({ ...d, windows: d.windows.filter((_, j) => j !== i) }))}>
            {t('settings.remove')}
          </button>
        </div>
      ))}
      <div className="auto-prepare-row">
        <button
          type="button"
          className="btn btn-small"
          data-testid="auto-prepare-add-window"
          disabled={draft.windows.length >= 12}
          onClick={() => setDraft((d) => ({ ...d, windows: [...d.windows, { from: '11:00', to: '13:30', afterMinutes: '12' }] }))}
        >
          {t('settings.addWindow')}
        </button>
        <label htmlFor={id('other')} className="muted">
          {t('settings.otherwise')}
        </label>
        <input
          id={id('other')}
          type="number"
          min={1}
          max={120}
          inputMode="numeric"
          data-testid="auto-prepare-minutes"
          value={draft.afterMinutes}
          aria-invalid={minutes(draft.afterMinutes) === null}
          onChange={(e) => setDraft((d) => ({ ...d, afterMinutes: e.target.value }))}
        />
        <span className="muted">{t('settings.minutes')}</span>
        <button type="button" className="btn btn-small" data-testid="auto-prepare-save" disabled={!dirty || feedback?.kind === 'saving'} onClick={saveDraft}>
          {t('settings.save')}
        </button>
        <span aria-live="polite">
          {feedback?.kind === 'saving' && <span className="muted">{t('settings.saving')}</span>}
          {feedback?.kind === 'saved' && <span className="ok-text">{t('settings.saved')}</span>}
          {feedback?.kind === 'error' && (
            <span className="field-error" role="alert">
              {feedback.message}
            </span>
          )}
        </span>
      </div>
    </div>
  );
}

function summary(rule: AutoPrepareRule, t: (key: string, o?: Record<string, unknown>) => string): string {
  if (rule.windows.length === 0) return t('settings.summaryNoWindow', { minutes: rule.afterMinutes });
  const windows = rule.windows.map((w) => t('settings.summaryWindow', { from: w.from, to: w.to, minutes: w.afterMinutes })).join('，');
  return t('settings.summary', { windows, minutes: rule.afterMinutes });
}
