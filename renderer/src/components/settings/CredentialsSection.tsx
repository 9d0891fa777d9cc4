/**
 * 平台账号与门店: one section per platform, drawn from the settings form the platform describes
 * (PlatformSection), and the stores, saved through `saveAppConfig` (the main side seals the
 * secrets and restarts intake). A secret never comes back from the main side: a saved one shows
 * as 已设置 and a blank field keeps it. The fields' own rules (required, address, pattern) are
 * checked before saving. When a config file or the demo manages the settings, they are read-only.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppConfigView } from '../../../../shared/api.js';
import { useDesk } from '../../state/use-desk.js';
import type { Platform } from '../../../../shared/order.js';
import { langOf } from '../../lib/format.js';
import {
  draftFromView,
  draftProblems,
  hasProblems,
  inputFromDraft,
  newStoreRow,
  sectionsOf,
  type CredentialsDraft,
  type StoreRow,
} from './credentials-form.js';
import PlatformSection from './PlatformSection.js';
import StoresEditor from './StoresEditor.js';
import './credentials.css';

type Feedback = { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string } | null;

export default function CredentialsSection(): React.JSX.Element {
  const { t, i18n } = useTranslation('settings');
  const lang = langOf(i18n.language);
  const desk = useDesk();
  const [view, setView] = useState<AppConfigView | null>(null);
  const [draft, setDraft] = useState<CredentialsDraft | null>(null);
  const [loadError, setLoadError] = useState('');
  const [feedback, setFeedback] = useState<Feedback>(null);
  // The fields' rules are shown once a save was tried, then kept live while they are fixed.
  const [checked, setChecked] = useState(false);

  useEffect(() => {
    let alive = true;
    desk.api
      .getAppConfig()
      .then((v) => {
        if (!alive) return;
        setView(v);
        setDraft(draftFromView(v));
      })
      .catch((err: unknown) => alive && setLoadError((err as Error).message));
    return () => {
      alive = false;
    };
  }, [desk]);

  const change = (patch: Partial<CredentialsDraft>): void => {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    // An old 已保存 or error no longer describes what is on screen.
    if (feedback?.kind !== 'saving') setFeedback(null);
  };

  const setField = (platform: Platform, key: string, value: string | boolean): void => {
    setDraft((d) => (d ? { ...d, platforms: { ...d.platforms, [platform]: { ...d.platforms[platform], [key]: value } } } : d));
    if (feedback?.kind !== 'saving') setFeedback(null);
  };

  const words = {
    required: (label: string) => t('credentials.required', { label }),
    badUrl: (label: string) => t('credentials.badUrl', { label }),
  };

  const save = (): void => {
    if (!view || !draft || feedback?.kind === 'saving') return;
    setChecked(true);
    if (hasProblems(draftProblems(draft, view, lang, words))) {
      setFeedback({ kind: 'error', message: t('credentials.fixFirst') });
      return;
    }
    setFeedback({ kind: 'saving' });
    desk.api
      .saveAppConfig(inputFromDraft(draft, view))
      .then((next) => {
        setView(next);
        // Refilled from the main side's view: the typed secrets leave the screen's memory.
        setDraft(draftFromView(next));
        setChecked(false);
        setFeedback({ kind: 'saved' });
      })
      .catch((err: unknown) => setFeedback({ kind: 'error', message: t('credentials.failed', { message: (err as Error).message }) }));
  };

  const heading = (
    <>
      <h3 id="settings-credentials">{t('credentials.title')}</h3>
      {/* The promise of encryption holds only for the app's own store, not a config file. */}
      {view?.editable && <p className="muted settings-hint">{t('credentials.intro')}</p>}
    </>
  );
  if (!view || !draft) {
    return (
      <section className="settings-section credentials" data-testid="credentials" aria-labelledby="settings-credentials">
        {heading}
        {loadError ? (
          <p className="settings-error" role="alert">
            {t('credentials.loadFailed', { message: loadError })}
          </p>
        ) : (
          <p className="muted">{t('credentials.loading')}</p>
        )}
      </section>
    );
  }

  const editable = view.editable;
  const saving = feedback?.kind === 'saving';
  const sections = sectionsOf(view);
  const problems = checked ? draftProblems(draft, view, lang, words) : {};

  return (
    <section className="settings-section credentials" data-testid="credentials" aria-labelledby="settings-credentials">
      {heading}
      {!editable && (
        <p className="credentials-readonly" role="note" data-testid="credentials-readonly">
          {t(`credentials.readOnly.${view.source}`)}
        </p>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        {sections.length === 0 && (
          <p className="settings-error" role="alert">
            {t('credentials.noForms')}
          </p>
        )}
        {/* A disabled fieldset makes every field read-only at once (config file, demo, saving). */}
        {sections.map((section) => (
          <PlatformSection
            key={section.platform}
            section={section}
            values={draft.platforms[section.platform] ?? {}}
            problems={problems[section.platform] ?? {}}
            editable={editable}
            disabled={!editable || saving}
            onChange={(key, value) => setField(section.platform, key, value)}
          />
        ))}

        <fieldset className="credentials-group" disabled={!editable || saving}>
          <legend>{t('credentials.stores')}</legend>
          <StoresEditor
            rows={draft.stores}
            editable={editable}
            onChange={(stores: StoreRow[]) => change({ stores })}
            onAdd={() => change({ stores: [...draft.stores, newStoreRow(draft.stores)] })}
          />
        </fieldset>

        {editable && (
          <div className="settings-row credentials-actions">
            <button type="submit" className="btn btn-primary" data-testid="save-credentials" disabled={saving}>
              {saving ? t('credentials.saving') : t('credentials.save')}
            </button>
            {feedback?.kind === 'saved' && (
              <span className="settings-ok" role="status" data-testid="credentials-saved">
                {t('credentials.saved')}
              </span>
            )}
            {feedback?.kind === 'error' && (
              <span className="settings-error" role="alert" data-testid="credentials-error">
                {feedback.message}
              </span>
            )}
          </div>
        )}
      </form>
    </section>
  );
}
