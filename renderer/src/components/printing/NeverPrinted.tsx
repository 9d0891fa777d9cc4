/** Today's orders whose tickets never came out: the end-of-day check, under the 打印 settings. */
import { useTranslation } from 'react-i18next';
import { daySeqText, langOf, platformName, clockTime } from '../../lib/format.js';
import { isBoardOrder } from '../../lib/board.js';
import { dayInZone, useOrders } from '../../state/use-desk.js';
import { useNow } from '../board/use-clock.js';
import { neverPrinted } from './print-state.js';
import { printContext, usePrintJobs, usePrintSetup } from './use-print-jobs.js';
import { jobsByOrder } from './print-state.js';
import { useMemo } from 'react';

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
          <li key={order.key} data-testid="never-printed-order" data-order-key={order.key}>
            <b>
              {platformName(order.platform, lang)} {daySeqText(order.daySeq)}
            </b>{' '}
            <span className="muted">{clockTime(order.createdAt, lang)}</span>{' '}
            {missing
              .map((m) =>
                t('settings.missedWhy', {
                  tickets: t(`ticket.${m.ticket}`),
                  why:
                    m.error ||
                    t(`card.why.${m.state === 'failed' || m.state === 'stuck' ? m.state : 'none'}`),
                }),
              )
              .join('；')}
          </li>
        ))}
      </ul>
    </div>
  );
}
