/**
 * The detail view's 打印 section: each ticket's jobs (printer, state, time, the error), 重打后厨联 /
 * 重打顾客联, and the ticket as it prints for this order (ticketPreview with the order's key).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../../shared/order.js';
import type { PrintJobView, TicketKind } from '../../../../shared/printing.js';
import { clockTime, langOf } from '../../lib/format.js';
import { useNow } from '../board/use-clock.js';
import { orderPrint } from './print-state.js';
import TicketImage, { useTicketPreview } from './TicketImage.js';
import { printContext, useOrderJobs, usePrintSetup } from './use-print-jobs.js';
import ReprintNote from './ReprintNote.js';
import { useReprint } from './use-reprint.js';
import './printing.css';

export default function DetailPrintSection({ order }: { order: Order }): React.JSX.Element | null {
  const { t, i18n } = useTranslation('printing');
  const lang = langOf(i18n.language);
  const jobs = useOrderJobs(order);
  const setup = usePrintSetup();
  const now = useNow();
  const { state, reprint } = useReprint(order.key);
  const [shown, setShown] = useState<TicketKind>('kitchen');
  const print = orderPrint(order, jobs, printContext(setup, now));
  const width =
    setup.configured.find((p) => p.tickets.includes(shown))?.width ?? setup.configured[0]?.width ?? 80;
  const preview = useTicketPreview(
    setup.configured.length > 0 ? { ticket: shown, width, orderKey: order.key } : null,
  );
  if (!setup.loaded) return null;
  const noPrinters = setup.configured.length === 0;
  const byTicket = (['kitchen', 'customer', 'cancel'] as const)
    .map((ticket) => ({ ticket, jobs: jobs.filter((j) => j.ticket === ticket && j.reason !== 'test') }))
    .filter((g) => g.jobs.length > 0);
  const busy = state.kind === 'busy';

  return (
    <section
      className="detail-section detail-print"
      data-testid="detail-print"
      data-print-state={print.state}
    >
      <h3>{t('detail.title')}</h3>
      {noPrinters && jobs.length === 0 ? (
        <p className="muted">{t('detail.noPrinters')}</p>
      ) : (
        <>
          {byTicket.length === 0 && <p className="muted">{t('detail.noJobs')}</p>}
          {byTicket.map((g) => (
            <div key={g.ticket} className="print-jobs" data-testid="print-jobs" data-ticket={g.ticket}>
              <b>{t(`ticket.${g.ticket}`)}</b>
              <ul>
                {g.jobs.map((job) => (
                  <JobLine key={job.id} job={job} lang={lang} />
                ))}
              </ul>
            </div>
          ))}
          <div className="print-actions">
            {(['kitchen', 'customer'] as const).map((ticket) => (
              <button
                key={ticket}
                type="button"
                className="btn btn-small"
                data-testid={`detail-reprint-${ticket}`}
                disabled={busy || noPrinters}
                onClick={() => reprint(ticket)}
              >
                {busy && state.ticket === ticket
                  ? t('card.reprinting')
                  : t(ticket === 'kitchen' ? 'card.reprintKitchen' : 'card.reprintCustomer')}
              </button>
            ))}
            <ReprintNote state={state} t={t} />
          </div>
          {!noPrinters && (
            <div className="print-picture">
              <div className="print-tabs" role="tablist" aria-label={t('detail.preview')}>
                {(['kitchen', 'customer'] as const).map((ticket) => (
                  <button
                    key={ticket}
                    type="button"
                    role="tab"
                    aria-selected={shown === ticket}
                    className={shown === ticket ? 'print-tab active' : 'print-tab'}
                    data-testid={`detail-preview-${ticket}`}
                    onClick={() => setShown(ticket)}
                  >
                    {t(`ticket.${ticket}`)}
                  </button>
                ))}
              </div>
              <TicketImage
                preview={preview}
                testId="detail-ticket"
                width={width === 58 ? 240 : 320}
                alt={t('detail.previewAlt', { ticket: t(`ticket.${shown}`) })}
                loadingText={t('detail.previewLoading')}
                errorText={(message) => t('detail.previewFailed', { message })}
              />
            </div>
          )}
        </>
      )}
    </section>
  );
}

function JobLine({ job, lang }: { job: PrintJobView; lang: 'zh' | 'en' }): React.JSX.Element {
  const { t } = useTranslation('printing');
  return (
    <li className={`print-job print-job-${job.state}`} data-testid="print-job" data-state={job.state}>
      <span className="print-job-time">{clockTime(job.updatedAt, lang)}</span>
      <span>{job.printer}</span>
      {job.printedOn && job.printedOn !== job.printer && (
        <span className="muted">{t('detail.printedOn', { printer: job.printedOn })}</span>
      )}
      <span className={`pill print-state print-state-${job.state}`}>{t(`jobState.${job.state}`)}</span>
      <span className="muted">{t(`reason.${job.reason}`)}</span>
      {job.attempts > 1 && <span className="muted">{t('detail.attempts', { count: job.attempts })}</span>}
      {job.state === 'failed' && job.lastError && <span className="print-error">{job.lastError}</span>}
    </li>
  );
}
