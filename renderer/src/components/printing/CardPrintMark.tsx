/**
 * The card's print slot: nothing while the tickets came out (or are on their way); 「未打印」 with
 * 重打 (the kitchen ticket) and a small ▾ for the customer ticket when they did not. Reads only
 * this order's jobs, so other orders' printing never re-renders this card.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../../shared/order.js';
import { useNow } from '../board/use-clock.js';
import { missingTickets, orderPrint } from './print-state.js';
import { printContext, useOrderJobs, usePrintSetup } from './use-print-jobs.js';
import ReprintNote from './ReprintNote.js';
import { useReprint } from './use-reprint.js';
import PrinterIcon from './PrinterIcon.js';
import './printing.css';

export default function CardPrintMark({ order }: { order: Order }): React.JSX.Element | null {
  const { t } = useTranslation('printing');
  const jobs = useOrderJobs(order);
  const setup = usePrintSetup();
  const now = useNow();
  const { state, reprint } = useReprint(order.key);
  const [menu, setMenu] = useState(false);
  if (setup.configured.length === 0 && jobs.length === 0) return null;
  const print = orderPrint(order, jobs, printContext(setup, now));
  const missing = missingTickets(print);
  // A failed reprint stays in view (its error); a finished one leaves with the 未打印 it fixed.
  if (missing.length === 0 && state.kind !== 'busy' && state.kind !== 'error') return null;
  const reasons = [
    ...new Set(
      missing.map(
        (m) => m.error || t(`card.why.${m.state === 'failed' || m.state === 'stuck' ? m.state : 'none'}`),
      ),
    ),
  ];
  const title =
    missing.length > 0
      ? t('card.missingTitle', {
          tickets: missing.map((m) => t(`ticket.${m.ticket}`)).join('、'),
          why: reasons.join('；'),
        })
      : undefined;
  const busy = state.kind === 'busy';
  return (
    <div className="print-mark" data-testid="print-mark" data-print-state={print.state} role="group">
      {missing.length > 0 && (
        <span className="pill print-missing" data-testid="not-printed" title={title}>
          <PrinterIcon />
          {t('card.missing')}
        </span>
      )}
      <button
        type="button"
        className="btn btn-small print-reprint"
        data-testid="reprint"
        disabled={busy}
        onClick={() => reprint('kitchen')}
        title={t('card.reprintKitchen')}
      >
        {busy ? t('card.reprinting') : t('card.reprint')}
      </button>
      <span className="print-more">
        <button
          type="button"
          className="btn btn-small print-more-btn"
          data-testid="reprint-more"
          aria-expanded={menu}
          aria-label={t('card.more')}
          title={t('card.more')}
          disabled={busy}
          onClick={() => setMenu((m) => !m)}
        >
          ▾
        </button>
        {menu && (
          <span className="print-menu" role="menu">
            {(['kitchen', 'customer'] as const).map((ticket) => (
              <button
                key={ticket}
                type="button"
                role="menuitem"
                className="btn btn-small"
                data-testid={`reprint-${ticket}`}
                onClick={() => {
                  setMenu(false);
                  reprint(ticket);
                }}
              >
                {t(ticket === 'kitchen' ? 'card.reprintKitchen' : 'card.reprintCustomer')}
              </button>
            ))}
          </span>
        )}
      </span>
      <ReprintNote state={state} t={t} />
    </div>
  );
}
