/**
 * 平台账号与门店: the Meituan developer ID and signKey, the Union callback secret and the stores,
 * saved through `saveAppConfig` (the main side seals the secrets and restarts intake). A secret
 * never comes back from the main side: a saved one shows as 「已保存（留空则不修改）」 and a blank
 * field keeps it. When a config file or the demo manages the settings, they are read-only.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppConfigView } from '../../../../shared/api.js';
import { useDesk } from '../../state/use-desk.js';
import {
  draftFromView,
  inputFromDraft,
  newStoreRow,
  type CredentialsDraft,
  type StoreRow,
} from './credentials-form.js';
import StoresEditor from './StoresEditor.js';
import './credentials.css';

type Feedback = { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string } | null;

export default function CredentialsSection(): React.JSX.Element {
  const { t } = useTranslation('settings');
  const desk = useDesk();
  const [view, setView] = useState<AppConfigView | null>(null);
  const [draft, setDraft] = useState<CredentialsDraft | null>(null);
  const [loadError, setLoadError] = useState('');
  const [feedback, setFeedback] = useState<Feedback>(null);

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

  const save = (): void => {
    if (!view || !draft || feedback?.kind === 'saving') return;
    setFeedback({ kind: 'saving' });
    desk.api
      .saveAppConfig(inputFromDraft(draft, view))
      .then((next) => {
        setView(next);
        // Refilled from the main side's view: the typed secrets leave the screen's memory.
        setDraft(draftFromView(next));
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
  const secretPlaceholder = (set: boolean | undefined, empty: string): string =>
    editable ? (set ? t('credentials.signKeySet') : empty) : set ? t('credentials.signKeyReadOnlySet') : t('credentials.notSet');

  return (
    <section className="settings-section credentials" data-testid="credentials" aria-labelledby="settings-credentials">
      {heading}
      {!editable && (
        <p className="credentials-readonly" role="note" data-testid="credentials-readonly">
          {t(`credentials.readOnly.${view.source}`)}
        </p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        {/* A disabled fieldset makes every field read-only at once (config file, demo, saving). */}
        <fieldset className="credentials-group" disabled={!editable || saving}>
          <legend>{t('credentials.meituan')}</legend>
          <div className="credentials-grid">
            <label htmlFor="cred-developer-id">{t('credentials.developerId')}</label>
            <input
              id="cred-developer-id"
              className="credentials-input"
              inputMode="numeric"
              autoComplete="off"
              data-testid="meituan-developer-id"
              placeholder={t('credentials.developerIdHint')}
              value={draft.developerId}
              onChange={(e) => change({ developerId: e.target.value })}
            />
            <label htmlFor="cred-sign-key">{t('credentials.signKey')}</label>
            <input
              id="cred-sign-key"
              className="credentials-input"
              type="password"
              // Keeps the browser from offering to remember the key as a site password.
              autoComplete="new-password"
              data-testid="meituan-sign-key"
              placeholder={secretPlaceholder(view.meituan?.signKeySet, t('credentials.signKeyEmpty'))}
              value={draft.signKey}
              onChange={(e) => change({ signKey: e.target.value })}
            />
          </div>
          <details className="credentials-advanced">
            <summary>{t('credentials.advanced')}</summary>
            <p className="muted settings-hint">{t('credentials.advancedHint')}</p>
            <div className="credentials-grid">
              <label htmlFor="cred-api-base">{t('credentials.apiBase')}</label>
              <input
                id="cred-api-base"
                className="credentials-input"
                type="url"
                data-testid="meituan-api-base"
                value={draft.apiBase}
                onChange={(e) => change({ apiBase: e.target.value })}
              />
              <label htmlFor="cred-auth-base">{t('credentials.authBase')}</label>
              <input
                id="cred-auth-base"
                className="credentials-input"
                type="url"
                data-testid="meituan-auth-base"
                value={draft.authBase}
                onChange={(e) => change({ authBase: e.target.value })}
              />
            </div>
          </details>
        </fieldset>

        <fieldset className="credentials-group" disabled={!editable || saving}>
          <legend>{t('credentials.union')}</legend>
          <div className="credentials-grid">
            <label htmlFor="cred-union-secret">{t('credentials.callbackSecret')}</label>
            <input
              id="cred-union-secret"
              className="credentials-input"
              type="password"
              autoComplete="new-password"
              data-testid="union-callback-secret"
              placeholder={secretPlaceholder(view.union?.callbackSecretSet, t('credentials.notSet'))}
              value={draft.callbackSecret}
              onChange={(e) => change({ callbackSecret: e.target.value })}
            />
          </div>
        </fieldset>

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
