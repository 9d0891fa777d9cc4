/** One printer's form: name, type (network: address + port / system: pick from this PC's printers), paper, tickets, copies, backup. */
import { useTranslation } from 'react-i18next';
import {
  PAPER_WIDTHS,
  PRINTER_TYPES,
  TICKET_KINDS,
  type SystemPrinter,
} from '../../../../shared/printing.js';
import {
  DEFAULT_PORT,
  renamePrinter,
  type PrinterDraft,
  type PrinterField,
  type ProblemKey,
} from './printing-form.js';

export default function PrinterEditor(props: {
  draft: PrinterDraft;
  all: readonly PrinterDraft[];
  system: readonly SystemPrinter[];
  problems: Partial<Record<PrinterField, ProblemKey>>;
  disabled: boolean;
  onChange: (next: PrinterDraft[]) => void;
}): React.JSX.Element {
  const { t } = useTranslation('printing');
  const { draft, all, system, problems, disabled, onChange } = props;
  const set = (patch: Partial<PrinterDraft>): void =>
    onChange(all.map((d) => (d.id === draft.id ? { ...d, ...patch } : d)));
  const id = (field: string): string => `printer-${draft.id}-${field}`;
  const problem = (field: PrinterField): React.JSX.Element | null => {
    const p = problems[field];
    return p ? (
      <div
        className="credentials-problem"
        id={`${id(field)}-problem`}
        data-testid={`printer-problem-${field}`}
      >
        {t(`settings.problems.${p}`)}
      </div>
    ) : null;
  };
  const invalid = (field: PrinterField): { 'aria-invalid'?: true; 'aria-describedby'?: string } =>
    problems[field] ? { 'aria-invalid': true, 'aria-describedby': `${id(field)}-problem` } : {};
  const deviceKnown = !draft.device || system.some((s) => s.name === draft.device);

  return (
    <fieldset className="printer-editor" disabled={disabled} data-testid="printer-editor">
      <div className="credentials-grid">
        <label htmlFor={id('name')}>{t('settings.name')}</label>
        <div>
          <input
            id={id('name')}
            className="credentials-input"
            data-testid="printer-name"
            maxLength={40}
            placeholder={t('settings.namePlaceholder')}
            value={draft.name}
            onChange={(e) => onChange(renamePrinter(all, draft.id, e.target.value))}
            {...invalid('name')}
          />
          {problem('name')}
        </div>

        <span id={id('type')}>{t('settings.type')}</span>
        <div className="settings-row" role="radiogroup" aria-labelledby={id('type')}>
          {PRINTER_TYPES.map((type) => (
            <label key={type} className="print-choice">
              <input
                type="radio"
                name={id('type')}
                data-testid={`printer-type-${type}`}
                checked={draft.type === type}
                onChange={() => set({ type })}
              />
              {t(`settings.types.${type}`)}
            </label>
          ))}
        </div>

        {draft.type === 'network' ? (
          <>
            <label htmlFor={id('host')}>{t('settings.host')}</label>
            <div className="printer-address">
              <input
                id={id('host')}
                className="credentials-input"
                data-testid="printer-host"
                autoComplete="off"
                spellCheck={false}
                placeholder={t('settings.hostPlaceholder')}
                value={draft.host}
                onChange={(e) => set({ host: e.target.value })}
                {...invalid('host')}
              />
              <label htmlFor={id('port')}>{t('settings.port')}</label>
              <input
                id={id('port')}
                className="credentials-input printer-port"
                data-testid="printer-port"
                inputMode="numeric"
                placeholder={String(DEFAULT_PORT)}
                value={draft.port}
                onChange={(e) => set({ port: e.target.value })}
                {...invalid('port')}
              />
              {problem('host')}
              {problem('port')}
            </div>
          </>
        ) : (
          <>
            <label htmlFor={id('device')}>{t('settings.device')}</label>
            <div>
              <select
                id={id('device')}
                className="settings-select"
                data-testid="printer-device"
                value={draft.device}
                onChange={(e) => set({ device: e.target.value })}
                {...invalid('device')}
              >
                <option value="">{t('settings.devicePick')}</option>
                {system.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.name}
                    {s.isDefault ? t('settings.deviceDefault') : ''}
                  </option>
                ))}
                {!deviceKnown && (
                  <option value={draft.device}>
                    {draft.device}
                    {t('settings.deviceMissing')}
                  </option>
                )}
              </select>
              {system.length === 0 && (
                <div className="muted credentials-help">{t('settings.deviceNone')}</div>
              )}
              {problem('device')}
            </div>
          </>
        )}

        <span id={id('width')}>{t('settings.width')}</span>
        <div className="settings-row" role="radiogroup" aria-labelledby={id('width')}>
          {PAPER_WIDTHS.map((w) => (
            <label key={w} className="print-choice">
              <input
                type="radio"
                name={id('width')}
                data-testid={`printer-width-${w}`}
                checked={draft.width === w}
                onChange={() => set({ width: w })}
              />
              {t('settings.widthValue', { mm: w })}
            </label>
          ))}
        </div>

        <span id={id('tickets')}>{t('settings.tickets')}</span>
        <div>
          <div className="settings-row" role="group" aria-labelledby={id('tickets')}>
            {TICKET_KINDS.map((k) => (
              <label key={k} className="print-choice">
                <input
                  type="checkbox"
                  data-testid={`printer-ticket-${k}`}
                  checked={draft.tickets.includes(k)}
                  onChange={(e) =>
                    set({
                      tickets: e.target.checked
                        ? [...draft.tickets, k]
                        : draft.tickets.filter((x) => x !== k),
                    })
                  }
                />
                {t(`ticket.${k}`)}
              </label>
            ))}
          </div>
          {problem('tickets')}
        </div>

        <label htmlFor={id('copies')}>{t('settings.copies')}</label>
        <div>
          <input
            id={id('copies')}
            className="settings-number"
            type="number"
            min={1}
            max={5}
            data-testid="printer-copies"
            value={draft.copies}
            onChange={(e) => set({ copies: e.target.value })}
            {...invalid('copies')}
          />
          {problem('copies')}
        </div>

        <label htmlFor={id('backup')}>{t('settings.backup')}</label>
        <div>
          <select
            id={id('backup')}
            className="settings-select"
            data-testid="printer-backup"
            value={draft.backup}
            onChange={(e) => set({ backup: e.target.value })}
            {...invalid('backup')}
          >
            <option value="">{t('settings.backupNone')}</option>
            {all
              .filter((d) => d.id !== draft.id && d.name.trim())
              .map((d) => (
                <option key={d.id} value={d.name.trim()}>
                  {d.name}
                </option>
              ))}
          </select>
          <div className="muted credentials-help">{t('settings.backupHint')}</div>
          {problem('backup')}
        </div>
      </div>
    </fieldset>
  );
}
