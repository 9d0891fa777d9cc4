/**
 * 设置 → 打印: the printers (state, 测试打印, add / edit / remove), what each ticket shows with a
 * live preview of the unsaved form, when pre-orders print, and today's orders that never printed.
 * Saved with `savePrintingConfig`; printing follows at once. Read-only when the demo or a config
 * file manages printing (`editable` false).
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintingConfigView } from '../../../../shared/api.js';
import {
  PAPER_WIDTHS,
  TICKET_FIELDS,
  TICKET_FONT_SIZES,
  TICKET_KINDS,
  type PaperWidth,
  type PrinterStatusView,
  type PrintingSettings,
  type SystemPrinter,
  type TicketKind,
} from '../../../../shared/printing.js';
import { useDesk, useStatus } from '../../state/use-desk.js';
import NeverPrinted from './NeverPrinted.js';
import PrinterEditor from './PrinterEditor.js';
import {
  configFromDraft,
  draftFromConfig,
  newPrinterDraft,
  printerProblems,
  removePrinter,
  type PrinterDraft,
} from './printing-form.js';
import TestPrintButton from './TestPrintButton.js';
import TicketImage, { useTicketPreview } from './TicketImage.js';
import { reloadPrintSetup, usePrintSetup } from './use-print-jobs.js';
import './printing.css';

type Feedback = { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string } | null;

/** The preview waits this long after the last change before asking the desk to draw. */
const PREVIEW_DEBOUNCE_MS = 300;

export default function PrintingSection(): React.JSX.Element {
  const { t } = useTranslation('printing');
  const desk = useDesk();
  const status = useStatus();
  const setup = usePrintSetup();
  const [view, setView] = useState<PrintingConfigView | null>(null);
  const [printers, setPrinters] = useState<PrinterDraft[]>([]);
  const [printing, setPrinting] = useState<PrintingSettings | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [system, setSystem] = useState<SystemPrinter[]>([]);
  const [loadError, setLoadError] = useState('');
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [checked, setChecked] = useState(false);
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    let alive = true;
    desk.api
      .getPrintingConfig()
      .then((v) => {
        if (!alive) return;
        setView(v);
        setPrinters(v.printers.map(draftFromConfig));
        setPrinting(v.printing);
      })
      .catch((err: unknown) => alive && setLoadError((err as Error).message));
    desk.api
      .systemPrinters()
      .then((list) => alive && setSystem(list))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [desk]);

  const touched = (): void => {
    setDirty(true);
    if (feedback?.kind !== 'saving') setFeedback(null);
  };
  const changePrinters = (next: PrinterDraft[]): void => {
    setPrinters(next);
    touched();
  };
  const changePrinting = (patch: Partial<PrintingSettings>): void => {
    setPrinting((p) => (p ? { ...p, ...patch } : p));
    touched();
  };

  const problems = useMemo(() => printerProblems(printers), [printers]);
  const save = (): void => {
    if (!view || !printing || feedback?.kind === 'saving') return;
    setChecked(true);
    if (problems.size > 0) {
      setEditing((e) => e ?? [...problems.keys()][0] ?? null);
      setFeedback({ kind: 'error', message: t('settings.fixFirst') });
      return;
    }
    setFeedback({ kind: 'saving' });
    desk.api
      .savePrintingConfig({ printers: printers.map(configFromDraft), printing })
      .then((next) => {
        setView(next);
        setPrinters(next.printers.map(draftFromConfig));
        setPrinting(next.printing);
        setEditing(null);
        setChecked(false);
        setDirty(false);
        setFeedback({ kind: 'saved' });
        reloadPrintSetup(desk);
      })
      .catch((err: unknown) =>
        setFeedback({ kind: 'error', message: t('settings.failed', { message: (err as Error).message }) }),
      );
  };

  const heading = (
    <>
      <h3 id="settings-printing">{t('settings.title')}</h3>
      <p className="muted settings-hint">{t('settings.intro')}</p>
    </>
  );
  if (!view || !printing) {
    return (
      <section
        className="settings-section printing"
        data-testid="printing-settings"
        aria-labelledby="settings-printing"
      >
        {heading}
        {loadError ? (
          <p className="settings-error" role="alert">
            {t('settings.loadFailed', { message: loadError })}
          </p>
        ) : (
          <p className="muted">{t('settings.loading')}</p>
        )}
      </section>
    );
  }

  const editable = view.editable;
  const saving = feedback?.kind === 'saving';
  const disabled = !editable || saving;
  const savedNames = new Set(view.printers.map((p) => p.name));
  const stateOf = (name: string): PrinterStatusView | undefined =>
    setup.printers.find((p) => p.name === name);
  const readOnlyReason = status?.sandbox ? 'sandbox' : 'config-file';

  return (
    <section
      className="settings-section printing"
      data-testid="printing-settings"
      aria-labelledby="settings-printing"
      data-editable={editable}
    >
      {heading}
      {!editable && (
        <p className="credentials-readonly" role="note" data-testid="printing-readonly">
          {t(`settings.readOnly.${readOnlyReason}`)}
        </p>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <fieldset className="credentials-group" disabled={saving}>
          <legend>{t('settings.printers')}</legend>
          {printers.length === 0 && <p className="muted">{t('settings.noPrinters')}</p>}
          <ul className="printer-list">
            {printers.map((draft) => {
              const live = stateOf(draft.name);
              const mine = problems.get(draft.id);
              const open = editing === draft.id;
              return (
                <li
                  key={draft.id}
                  className="printer-row"
                  data-testid="printer-row"
                  data-printer={draft.name}
                  data-state={live?.state ?? 'unknown'}
                >
                  <div className="printer-summary">
                    <strong className="printer-name">{draft.name || '—'}</strong>
                    <span className="muted printer-where">
                      {t(`settings.types.${draft.type}`)} ·{' '}
                      {draft.type === 'network' ? `${draft.host}:${draft.port || 9100}` : draft.device}
                    </span>
                    <span className="muted">{t('settings.widthValue', { mm: draft.width })}</span>
                    <span className="muted">
                      {draft.tickets.map((k) => t(`ticketShort.${k}`)).join(' · ')}
                      {Number(draft.copies) > 1 && ` ×${draft.copies}`}
                    </span>
                    <span
                      className="printer-state"
                      data-testid="printer-state"
                      data-state={live?.state ?? 'unknown'}
                      title={live?.detail || undefined}
                    >
                      <span className={`pill printer-state-pill printer-state-${live?.state ?? 'unknown'}`}>
                        {t(`printerState.${live?.state ?? 'unknown'}`)}
                      </span>
                      {live && live.queued > 0 && (
                        <span className="muted"> {t('settings.queued', { count: live.queued })}</span>
                      )}
                      {live?.coveredBy && (
                        <span className="muted"> {t('settings.covered', { backup: live.coveredBy })}</span>
                      )}
                    </span>
                    <span className="printer-buttons">
                      <TestPrintButton printer={draft.name} saved={savedNames.has(draft.name) && !dirty} />
                      {editable && (
                        <>
                          <button
                            type="button"
                            className="btn btn-small"
                            data-testid="edit-printer"
                            aria-expanded={open}
                            onClick={() => setEditing(open ? null : draft.id)}
                          >
                            {open ? t('settings.done') : t('settings.edit')}
                          </button>
                          <button
                            type="button"
                            className="btn btn-small btn-danger-text"
                            data-testid="remove-printer"
                            onClick={() => {
                              if (!window.confirm(t('settings.removeConfirm', { name: draft.name }))) return;
                              changePrinters(removePrinter(printers, draft.id));
                            }}
                          >
                            {t('settings.remove')}
                          </button>
                        </>
                      )}
                    </span>
                  </div>
                  {(open || (checked && mine)) && editable && (
                    <PrinterEditor
                      draft={draft}
                      all={printers}
                      system={system}
                      problems={checked ? (mine ?? {}) : {}}
                      disabled={disabled}
                      onChange={changePrinters}
                    />
                  )}
                </li>
              );
            })}
          </ul>
          {editable && (
            <button
              type="button"
              className="btn"
              data-testid="add-printer"
              onClick={() => {
                const draft = newPrinterDraft(printers, t('settings.newName'));
                changePrinters([...printers, draft]);
                setEditing(draft.id);
              }}
            >
              + {t('settings.add')}
            </button>
          )}
        </fieldset>

        <TicketSettings
          printing={printing}
          printers={printers}
          disabled={disabled}
          onChange={changePrinting}
        />

        <fieldset className="credentials-group" disabled={disabled}>
          <legend>{t('settings.preOrders')}</legend>
          <div className="settings-row" role="radiogroup">
            {(['on-accept', 'at-reminder'] as const).map((when) => (
              <label key={when} className="print-choice">
                <input
                  type="radio"
                  name="print-preorders"
                  data-testid={`print-preorders-${when}`}
                  checked={printing.preOrders === when}
                  onChange={() => changePrinting({ preOrders: when })}
                />
                {t(`settings.preOrderWhen.${when}`)}
              </label>
            ))}
          </div>
        </fieldset>

        {editable && (
          <div className="settings-row credentials-actions">
            <button type="submit" className="btn btn-primary" data-testid="save-printing" disabled={saving}>
              {saving ? t('settings.saving') : t('settings.save')}
            </button>
            {dirty && feedback === null && <span className="muted">{t('settings.unsaved')}</span>}
            {feedback?.kind === 'saved' && (
              <span className="settings-ok" role="status" data-testid="printing-saved">
                {t('settings.saved')}
              </span>
            )}
            {feedback?.kind === 'error' && (
              <span className="settings-error" role="alert" data-testid="printing-error">
                {feedback.message}
              </span>
            )}
          </div>
        )}
      </form>
      {status?.timeZone && <NeverPrinted timeZone={status.timeZone} />}
    </section>
  );
}

/** Per ticket: font size, fields, footer; beside them the live preview of exactly what is on screen. */
function TicketSettings(props: {
  printing: PrintingSettings;
  printers: readonly PrinterDraft[];
  disabled: boolean;
  onChange: (patch: Partial<PrintingSettings>) => void;
}): React.JSX.Element {
  const { t } = useTranslation('printing');
  const { printing, printers, disabled, onChange } = props;
  const [ticket, setTicket] = useState<TicketKind>('kitchen');
  const defaultWidth = printers.find((p) => p.tickets.includes(ticket))?.width ?? printers[0]?.width ?? 80;
  const [chosenWidth, setWidth] = useState<PaperWidth | null>(null);
  const width = chosenWidth ?? defaultWidth;
  const template = printing[ticket];
  const preview = useTicketPreview({ ticket, width, settings: printing }, PREVIEW_DEBOUNCE_MS);
  const setTemplate = (patch: Partial<PrintingSettings[TicketKind]>): void =>
    onChange({ [ticket]: { ...template, ...patch } });
  const id = (s: string): string => `print-${ticket}-${s}`;

  return (
    <fieldset className="credentials-group print-templates" data-testid="print-templates">
      <legend>{t('settings.templates')}</legend>
      <div className="print-tabs" role="tablist" aria-label={t('settings.templateFor')}>
        {TICKET_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={k === ticket}
            className={k === ticket ? 'print-tab active' : 'print-tab'}
            data-testid={`print-template-${k}`}
            onClick={() => setTicket(k)}
          >
            {t(`ticket.${k}`)}
          </button>
        ))}
      </div>
      <div className="print-template">
        <fieldset className="print-template-form" disabled={disabled}>
          <div className="credentials-grid">
            <label htmlFor={id('font')}>{t('settings.fontSize')}</label>
            <select
              id={id('font')}
              className="settings-select"
              data-testid="print-font-size"
              value={template.fontSize}
              onChange={(e) =>
                setTemplate({ fontSize: e.target.value as PrintingSettings['kitchen']['fontSize'] })
              }
            >
              {TICKET_FONT_SIZES.map((s) => (
                <option key={s} value={s}>
                  {t(`settings.fontSizes.${s}`)}
                </option>
              ))}
            </select>
            <span id={id('fields')}>{t('settings.fields')}</span>
            <div className="print-fields" role="group" aria-labelledby={id('fields')}>
              {TICKET_FIELDS.map((f) => (
                <label key={f} className="print-choice">
                  <input
                    type="checkbox"
                    data-testid={`print-field-${f}`}
                    checked={!template.hidden.includes(f)}
                    onChange={(e) =>
                      setTemplate({
                        hidden: e.target.checked
                          ? template.hidden.filter((h) => h !== f)
                          : [...template.hidden, f],
                      })
                    }
                  />
                  {t(`field.${f}`)}
                </label>
              ))}
            </div>
            <label htmlFor={id('footer')}>{t('settings.footer')}</label>
            <input
              id={id('footer')}
              className="credentials-input"
              data-testid="print-footer"
              maxLength={120}
              placeholder={t('settings.footerPlaceholder')}
              value={template.footer}
              onChange={(e) => setTemplate({ footer: e.target.value })}
            />
          </div>
        </fieldset>
        <div className="print-preview">
          <div className="print-preview-head">
            <b>{t('settings.preview')}</b>
            <span className="print-widths" role="radiogroup" aria-label={t('settings.previewWidth')}>
              {PAPER_WIDTHS.map((w) => (
                <label key={w} className="print-choice">
                  <input
                    type="radio"
                    name="print-preview-width"
                    data-testid={`print-preview-width-${w}`}
                    checked={width === w}
                    onChange={() => setWidth(w)}
                  />
                  {t('settings.widthValue', { mm: w })}
                </label>
              ))}
            </span>
          </div>
          <TicketImage
            preview={preview}
            testId="print-preview"
            width={width === 58 ? 232 : 320}
            alt={t('settings.previewAlt', { ticket: t(`ticket.${ticket}`) })}
            loadingText={t('settings.previewLoading')}
            errorText={(message) => t('settings.previewFailed', { message })}
          />
        </div>
      </div>
    </fieldset>
  );
}
