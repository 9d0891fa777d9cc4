/**
 * One store's auto-accept rules on the stores page, under its auto-accept switch: a pause for
 * 15/30/60 minutes with a countdown and 恢复 (saved at once: it is what the counter reaches for
 * in a rush), and, folded under a one-line summary, the time windows, the limit per period,
 * pre-orders and the platforms accepted by hand, saved with 保存规则. Every save says how it went.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { platformsOfKind, type TakeawayPlatform } from '../../../../shared/platforms.js';
import { DEFAULT_AUTO_ACCEPT_RULES, type AutoAcceptRules } from '../../../../shared/shop-floor.js';
import type { Store } from '../../../../shared/store.js';
import { clockTime, langOf, platformName, type Lang } from '../../lib/format.js';
import { useDesk } from '../../state/use-desk.js';
import { sharedClock } from '../board/use-clock.js';
import { countdown, formOf, MAX_WINDOWS, PAUSE_CHOICES, pausedAt, rulesOf, type RulesForm } from './accept-rules-form.js';
import './floor-rules.css';

const TAKEAWAY: readonly TakeawayPlatform[] = platformsOfKind('takeaway');
/** The pause countdown ticks every second. */
const useSecond = sharedClock(1000);
const SAVED_VISIBLE_MS = 3000;

type Feedback = { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string } | null;

export default function AcceptRulesEditor({ store }: { store: Store }): React.JSX.Element {
  const { t, i18n } = useTranslation('rules');
  const lang = langOf(i18n.language);
  const desk = useDesk();
  const stored = store.settings.autoAcceptRules ?? DEFAULT_AUTO_ACCEPT_RULES;
  const storedKey = JSON.stringify({ ...stored, pausedUntil: null });
  const [form, setForm] = useState<RulesForm>(() => formOf(stored));
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [showErrors, setShowErrors] = useState(false);
  // The saved rules changed (here or in another window): show them.
  useEffect(() => setForm(formOf(stored)), [storedKey]);
  useEffect(() => {
    if (feedback?.kind !== 'saved') return;
    const timer = setTimeout(() => setFeedback(null), SAVED_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [feedback]);

  const save = (rules: AutoAcceptRules): void => {
    setFeedback({ kind: 'saving' });
    desk.api
      .updateStoreSettings(store.id, { autoAcceptRules: rules })
      .then(() => setFeedback({ kind: 'saved' }))
      .catch((err: unknown) => setFeedback({ kind: 'error', message: t('editor.failed', { message: (err as Error).message }) }));
  };

  const result = rulesOf(form, stored.pausedUntil);
  const dirty = result.rules === null || JSON.stringify({ ...result.rules, pausedUntil: null }) !== storedKey;
  const submit = (): void => {
    setShowErrors(true);
    if (result.rules) save(result.rules);
  };
  const edit = (patch: Partial<RulesForm>): void => setForm((f) => ({ ...f, ...patch }));
  const setWindow = (i: number, side: 'from' | 'to', value: string): void =>
    edit({ windows: form.windows.map((w, j) => (j === i ? { ...w, [side]: value } : w)) });

  return (
    <div className="accept-rules" data-testid="accept-rules">
      <PauseControl rules={stored} lang={lang} t={t} busy={feedback?.kind === 'saving'} onSave={save} />
      <details className="ar-details">
        <summary data-testid="accept-rules-summary">
          <b>{t('editor.title')}</b> <span className="muted">{summaryOf(stored, t, lang)}</span>
        </summary>
        {!store.settings.autoAccept && <p className="muted ar-note">{t('editor.offNote')}</p>}
        <fieldset className="ar-group">
          <legend>{t('editor.windows')}</legend>
          {form.windows.map((w, i) => (
            <div className="ar-window" key={i} data-testid="accept-window">
              <label>
                <input
                  className="ar-time"
                  aria-label={t('editor.from')}
                  data-testid="accept-window-from"
                  value={w.from}
                  placeholder="11:00"
                  maxLength={5}
                  inputMode="numeric"
                  onChange={(e) => setWindow(i, 'from', e.target.value)}
                />
              </label>
              <span aria-hidden="true">–</span>
              <label>
                <input
                  className="ar-time"
                  aria-label={t('editor.to')}
                  data-testid="accept-window-to"
                  value={w.to}
                  placeholder="14:00"
                  maxLength={5}
                  inputMode="numeric"
                  onChange={(e) => setWindow(i, 'to', e.target.value)}
                />
              </label>
              <button
                type="button"
                className="btn btn-small"
                data-testid="accept-window-remove"
                onClick={() => edit({ windows: form.windows.filter((_, j) => j !== i) })}
              >
                {t('editor.removeWindow')}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="btn btn-small"
            data-testid="accept-window-add"
            disabled={form.windows.length >= MAX_WINDOWS}
            onClick={() => edit({ windows: [...form.windows, { from: '11:00', to: '14:00' }] })}
          >
            {t('editor.addWindow')}
          </button>
          <p className="muted ar-hint">{t('editor.windowsHint')}</p>
        </fieldset>
        <fieldset className="ar-group">
          <legend>{t('editor.limit')}</legend>
          <label className="ar-check">
            <input type="checkbox" data-testid="accept-limit-on" checked={form.limitOn} onChange={(e) => edit({ limitOn: e.target.checked })} />
            {t('editor.limitOn')}
          </label>
          {form.limitOn && (
            <div className="ar-limit">
              <span>{t('editor.limitEvery')}</span>
              <input
                className="ar-number"
                data-testid="accept-limit-minutes"
                aria-label={t('editor.limitMinutesLabel')}
                inputMode="numeric"
                value={form.limitMinutes}
                onChange={(e) => edit({ limitMinutes: e.target.value })}
              />
              <span>{t('editor.limitMinutes')}</span>
              <input
                className="ar-number"
                data-testid="accept-limit-orders"
                aria-label={t('editor.limitOrdersLabel')}
                inputMode="numeric"
                value={form.limitOrders}
                onChange={(e) => edit({ limitOrders: e.target.value })}
              />
              <span>{t('editor.limitOrders')}</span>
            </div>
          )}
          <p className="muted ar-hint">{t('editor.limitHint')}</p>
        </fieldset>
        <fieldset className="ar-group">
          <legend>{t('editor.preOrders')}</legend>
          {(['auto', 'manual'] as const).map((v) => (
            <label className="ar-check" key={v}>
              <input
                type="radio"
                name={`pre-${store.id}`}
                data-testid={`accept-pre-${v}`}
                checked={form.preOrders === v}
                onChange={() => edit({ preOrders: v })}
              />
              {t(v === 'auto' ? 'editor.preAuto' : 'editor.preManual')}
            </label>
          ))}
        </fieldset>
        <fieldset className="ar-group">
          <legend>{t('editor.manualPlatforms')}</legend>
          {TAKEAWAY.map((p) => (
            <label className="ar-check" key={p}>
              <input
                type="checkbox"
                data-testid={`accept-manual-${p}`}
                checked={form.manualPlatforms.includes(p)}
                onChange={(e) =>
                  edit({ manualPlatforms: e.target.checked ? [...form.manualPlatforms, p] : form.manualPlatforms.filter((x) => x !== p) })
                }
              />
              {platformName(p, lang)}
            </label>
          ))}
        </fieldset>
        {showErrors && result.errors.length > 0 && (
          <ul className="ar-errors" role="alert" data-testid="accept-rules-errors">
            {result.errors.map((e, i) => (
              <li key={i} className="field-error">
                {t(`invalid.${e.key}`, e.values ?? {})}
              </li>
            ))}
          </ul>
        )}
        <div className="ar-actions">
          <button
            type="button"
            className="btn btn-primary btn-small"
            data-testid="accept-rules-save"
            disabled={!dirty || feedback?.kind === 'saving'}
            onClick={submit}
          >
            {t('editor.save')}
          </button>
          {dirty && (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                setShowErrors(false);
                setForm(formOf(stored));
              }}
            >
              {t('editor.reset')}
            </button>
          )}
          <SaveFeedback feedback={feedback} t={t} />
        </div>
      </details>
    </div>
  );
}

function SaveFeedback({ feedback, t }: { feedback: Feedback; t: TFunction<'rules'> }): React.JSX.Element {
  return (
    <span className="ar-feedback" aria-live="polite" data-testid="accept-rules-feedback">
      {feedback?.kind === 'saving' && <span className="muted">{t('editor.saving')}</span>}
      {feedback?.kind === 'saved' && <span className="ok-text">{t('editor.saved')}</span>}
      {feedback?.kind === 'error' && (
        <span className="field-error" role="alert">
          {feedback.message}
        </span>
      )}
    </span>
  );
}

/** 暂停 15/30/60 分钟, or while paused: until when, the time left, and 恢复. */
function PauseControl(props: {
  rules: AutoAcceptRules;
  lang: Lang;
  t: TFunction<'rules'>;
  busy: boolean;
  onSave: (rules: AutoAcceptRules) => void;
}): React.JSX.Element {
  const { rules, lang, t, busy, onSave } = props;
  const now = useSecond();
  if (pausedAt(rules, now) && rules.pausedUntil) {
    return (
      <div className="ar-pause ar-paused" data-testid="accept-paused">
        <span className="ar-pause-text">
          <b>{t('pause.pausedUntil', { time: clockTime(rules.pausedUntil, lang) })}</b>
          <span className="ar-countdown" data-testid="accept-pause-countdown">
            {t('pause.left', { left: countdown(rules.pausedUntil, now) })}
          </span>
        </span>
        <button type="button" className="btn btn-small btn-primary" data-testid="accept-resume" disabled={busy} onClick={() => onSave({ ...rules, pausedUntil: null })}>
          {t('pause.resume')}
        </button>
      </div>
    );
  }
  return (
    <div className="ar-pause">
      <span className="muted ar-pause-label">{t('pause.label')}</span>
      {PAUSE_CHOICES.map((m) => (
        <button
          key={m}
          type="button"
          className="btn btn-small"
          data-testid={`accept-pause-${m}`}
          disabled={busy}
          onClick={() => onSave({ ...rules, pausedUntil: new Date(Date.now() + m * 60_000).toISOString() })}
        >
          {t('pause.minutes', { count: m })}
        </button>
      ))}
    </div>
  );
}

/** 「全天 · 不限量」, 「11:00–14:00 · 每 15 分钟最多 20 单 · 预订单手动」… */
export function summaryOf(rules: AutoAcceptRules, t: TFunction<'rules'>, lang: Lang): string {
  const parts = [
    rules.windows.length === 0 ? t('editor.summaryAllDay') : rules.windows.map((w) => `${w.from}–${w.to}`).join(lang === 'zh' ? '、' : ', '),
    rules.limit ? t('editor.summaryLimit', { orders: rules.limit.orders, minutes: rules.limit.minutes }) : t('editor.summaryNoLimit'),
  ];
  if (rules.preOrders === 'manual') parts.push(t('editor.summaryPreManual'));
  if (rules.manualPlatforms.length > 0) {
    parts.push(t('editor.summaryManual', { platforms: rules.manualPlatforms.map((p) => platformName(p, lang)).join(lang === 'zh' ? '、' : ', ') }));
  }
  return parts.join(' · ');
}

