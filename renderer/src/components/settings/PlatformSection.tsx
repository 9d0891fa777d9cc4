/**
 * One platform's credentials, drawn from the settings form its folder describes: a text or url
 * field is typed in, a switch is a checkbox, a secret is write-only (已设置 / 未设置, never the
 * value). Optional addresses that have a default sit under 高级, as they are rarely changed.
 */
import { useTranslation } from 'react-i18next';
import type { SettingsField, SettingsSectionView } from '../../../../shared/platforms.js';
import { langOf } from '../../lib/format.js';
import type { SectionValues } from './credentials-form.js';

interface Props {
  section: SettingsSectionView;
  values: SectionValues;
  /** Field key → what is wrong (shown only after a save was tried). */
  problems: Record<string, string>;
  editable: boolean;
  disabled: boolean;
  onChange: (key: string, value: string | boolean) => void;
}

/** Rarely changed: an optional address with a default. */
const isAdvanced = (f: SettingsField): boolean => f.kind === 'url' && !f.required && f.default !== undefined;

export default function PlatformSection({ section, values, problems, editable, disabled, onChange }: Props): React.JSX.Element {
  const { t, i18n } = useTranslation('settings');
  const lang = langOf(i18n.language);
  const { platform, form } = section;
  const id = (key: string): string => `cred-${platform}-${key}`;

  const row = (field: SettingsField): React.JSX.Element => {
    const fid = id(field.key);
    const problem = problems[field.key];
    const label = field.label[lang];
    const help = field.help?.[lang];
    const describedBy = [help && `${fid}-help`, problem && `${fid}-problem`].filter(Boolean).join(' ') || undefined;
    const value = values[field.key];
    const common = {
      id: fid,
      'data-testid': fid,
      'aria-invalid': problem ? true : undefined,
      'aria-describedby': describedBy,
    } as const;
    let control: React.JSX.Element;
    if (field.kind === 'boolean') {
      control = (
        <label className="credentials-switch">
          <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(field.key, e.target.checked)} />
          {t('credentials.on')}
        </label>
      );
    } else if (field.kind === 'secret') {
      const set = section.secretsSet[field.key] === true;
      control = (
        <span className="credentials-secret">
          {editable && (
            <input
              {...common}
              className="credentials-input"
              type="password"
              // Keeps the browser from offering to remember the key as a site password.
              autoComplete="new-password"
              placeholder={set ? t('credentials.secretKeep') : t('credentials.secretEmpty', { label })}
              value={typeof value === 'string' ? value : ''}
              onChange={(e) => onChange(field.key, e.target.value)}
            />
          )}
          <span className={set ? 'credentials-state credentials-state-set' : 'credentials-state'} data-testid={`${fid}-state`}>
            {set ? t('credentials.secretSet') : t('credentials.secretNotSet')}
          </span>
        </span>
      );
    } else {
      const fallback = typeof field.default === 'string' ? field.default : undefined;
      control = (
        <input
          {...common}
          className="credentials-input"
          type={field.kind === 'url' ? 'url' : 'text'}
          autoComplete="off"
          spellCheck={false}
          placeholder={fallback ? t('credentials.defaultValue', { value: fallback }) : undefined}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(field.key, e.target.value)}
        />
      );
    }
    return (
      <div className="credentials-field" key={field.key}>
        <label htmlFor={fid}>
          {label}
          {field.required && <span className="credentials-required" aria-hidden="true"> *</span>}
        </label>
        <div>
          {control}
          {help && (
            <div className="muted credentials-help" id={`${fid}-help`}>
              {help}
            </div>
          )}
          {problem && (
            <div className="credentials-problem" id={`${fid}-problem`} data-testid={`${fid}-problem`}>
              {problem}
            </div>
          )}
        </div>
      </div>
    );
  };

  const main = form.fields.filter((f) => !isAdvanced(f));
  const advanced = form.fields.filter(isAdvanced);
  // An advanced field with a problem must be visible to be fixed.
  const openAdvanced = advanced.some((f) => problems[f.key]);
  return (
    <fieldset className="credentials-group" disabled={disabled} data-testid={`credentials-${platform}`}>
      <legend>{form.title[lang]}</legend>
      <div className="credentials-grid">{main.map(row)}</div>
      {advanced.length > 0 && (
        <details className="credentials-advanced" open={openAdvanced || undefined}>
          <summary>{t('credentials.advanced')}</summary>
          <p className="muted settings-hint">{t('credentials.advancedHint')}</p>
          <div className="credentials-grid">{advanced.map(row)}</div>
        </details>
      )}
    </fieldset>
  );
}
