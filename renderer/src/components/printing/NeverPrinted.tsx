/** Today's orders whose tickets never came out: the end-of-day check, under the 打印 settings. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../../shared/order.js';
import { clockTime, daySeqText, type Lang, langOf, platformName } from '../../lib/format.js';
import { isBoardOrder } from '../../lib/board.js';
import { dayInZone, useOrders } from '../../state/use-desk.js';
import { useNow } from '../board/use-clock.js';
import { jobsByOrder, neverPrinted, type TicketPrint } from './print-state.js';
import { printContext, usePrintJobs, usePrintSetup } from './use-print-jobs.js';
import { useReprint } from './use-reprint.js';

export default function NeverPrinted({ timeZone }: { timeZone: string }): React.JSX.Element | null {
  const { t, i18n } = useTranslation('printing');
  const lang = langOf(i18n.language);
  const today = dayInZone(timeZone);
  const { orders } = useOrders(today);
  const { jobs, loading } = usePrintJobs(today);
  const setup = usePrintSetup();
  const now = useNow();
  const byOrder = useMemo(() => jobsByOrder(jobs), [jobs]);
  const list = useMemo(
    () => neverPrinted(orders.filter(isBoardOrder), byOrder, printContext(setup, now)),
    [orders, byOrder, setup, now],
  );
  if (setup.configured.length === 0 && jobs.length === 0) return null;
  return (
    <div className="never-printed" data-testid="never-printed">
      <h4>{t('settings.missed')}</h4>
      <p className="muted settings-hint">{t('settings.missedHint')}</p>
      {!loading && list.length === 0 && <p className="settings-ok">{t('settings.missedNone')}</p>}
      <ul>
        {list.map(({ order, missing }) => (
          <MissedRow key={order.key} order={order} missing={missing} lang={lang} />
        ))}
      </ul>
    </div>
  );
}

function MissedRow(props: { order: Order; missing: TicketPrint[]; lang: Lang }): React.JSX.Element {
  const { t } = useTranslation('printing');
  const { order, missing, lang } = props;
  const { state, reprint } = useReprint(order.key);
  return (
    <li data-testid="never-printed-order" data-order-key={order.key}>
      <b>
        {platformName(order.platform, lang)} {daySeqText(order.daySeq)}
      </b>{' '}
      <span className="muted">{clockTime(order.createdAt, lang)}</span>{' '}
      {missing
        .map((m) =>
          t('settings.missedWhy', {
            tickets: t(`ticket.${m.ticket}`),
            why: m.error || t(`card.why.${m.state === 'failed' || m.state === 'stuck' ? m.state : 'none'}`),
          }),
        )
        .join('；')}{' '}
      {missing.map((m) => (
        <button
          key={m.ticket}
          type="button"
          className="btn btn-small"
          data-testid={`never-printed-reprint-${m.ticket}`}
          disabled={state.kind === 'busy'}
          onClick={() => reprint(m.ticket)}
        >
          {m.ticket === 'kitchen'
            ? t('card.reprintKitchen')
            : m.ticket === 'customer'
              ? t('card.reprintCustomer')
              : t('card.reprint')}
        </button>
      ))}
      {state.kind === 'error' && (
        <span className="print-note print-error" role="alert">
          {' '}
          {t('card.reprintFailed', { message: state.message })}
        </span>
      )}
    </li>
  );
}
