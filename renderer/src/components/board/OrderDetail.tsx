import { useTranslation } from 'react-i18next';
import type { Order } from '../../../../shared/order.js';
import { daySeqText, langOf, platformName } from '../../lib/format.js';
import { NOT_FOUND, useFullOrder } from '../../state/use-desk.js';
import {
  AmountsSection,
  AutoAcceptSection,
  CustomerSection,
  InfoSection,
  ItemsSection,
  RefundSection,
} from './DetailSections.js';
import Dialog from './Dialog.js';
import FactsSection from './FactsSection.js';
import OrderBadges from './OrderBadges.js';
import EventHistory from './EventHistory.js';
import OrderActions from './OrderActions.js';
import DetailPrintSection from '../printing/DetailPrintSection.js';
import { AcceptDecisionSection } from '../floor/AcceptDecision.js';
import OrderFlags from './OrderFlags.js';

/**
 * Everything known about one order and what happened to it, with the same buttons as its card.
 * Live: `order` comes from the board's hook, in card form (no history beyond what a card reads),
 * so the full order is fetched on opening and the history shows once it is here.
 */
export default function OrderDetail(props: { order: Order; onClose: () => void }): React.JSX.Element {
  const { t, i18n } = useTranslation('board');
  const lang = langOf(i18n.language);
  const { order } = props;
  const full = useFullOrder(order.key);
  const attention = order.attention?.reason;
  return (
    <Dialog
      wide
      testId="order-detail"
      onClose={props.onClose}
      title={
        <span className="detail-title">
          <span className={`platform-chip platform-${order.platform}`}>
            {platformName(order.platform, lang)}
          </span>
          <span className="detail-seq">{t('detail.title', { seq: daySeqText(order.daySeq) })}</span>
          <span className={`pill pill-status pill-status-${order.status}`}>
            {t(`status.${order.status}`)}
          </span>
          {attention && (
            <span className={`pill pill-attn pill-attn-${attention}`}>{t(`attention.${attention}`)}</span>
          )}
          {order.preOrder && <span className="pill pill-preorder">{t('card.preOrder')}</span>}
          {order.pickup && <span className="pill pill-pickup">{t('card.pickup')}</span>}
        </span>
      }
      footer={<OrderActions order={order} />}
    >
      <div className="detail" data-order-key={order.key} data-status={order.status}>
        <OrderFlags order={order} />
        <OrderBadges order={order} />
        {order.note && (
          <div className="oc-note">
            <span className="oc-note-label">{t('detail.note')}</span>
            <span className="oc-note-text">{order.note}</span>
          </div>
        )}
        <div className="detail-grid">
          <div className="detail-col">
            <InfoSection order={order} />
            <ItemsSection order={order} />
            <AmountsSection order={order} />
            <DetailPrintSection order={order} />
          </div>
          <div className="detail-col">
            <FactsSection order={order} />
            <CustomerSection order={order} />
            <RefundSection order={order} />
            {full.order ? (
              <>
                {/* The board's version for what it shows (the newer one), the full one for its history. */}
                <AcceptDecisionSection order={order} />
                <AutoAcceptSection order={{ ...order, events: full.order.events }} />
                <EventHistory events={full.order.events} />
              </>
            ) : (
              <section className="detail-section detail-history" data-testid="history-loading" aria-busy={full.loading}>
                <h3>{t('detail.history')}</h3>
                <p className={full.loading ? 'muted' : 'muted detail-history-error'} role={full.loading ? undefined : 'alert'}>
                  {full.loading
                    ? t('detail.historyLoading')
                    : full.error === NOT_FOUND
                      ? t('detail.historyNotFound')
                      : t('detail.historyError', { message: full.error })}
                </p>
              </section>
            )}
          </div>
        </div>
      </div>
    </Dialog>
  );
}
