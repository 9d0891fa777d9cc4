import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../../shared/order.js';
import { clockTime, daySeqText, formatMoney, langOf, platformName } from '../../lib/format.js';
import OrderCard, { PickupNumber } from './OrderCard.js';

/**
 * A finished order (completed, cancelled, refunded) as one line: number, status, time, dishes,
 * amount. Clicking the line opens the full card in place; the card's own buttons stay in it.
 * Collapsed, the line is the card form (it carries the card's test ids); opened, the full card
 * does, and the line above it is only the way to fold it again.
 */
function OrderLine(props: {
  order: Order;
  expanded: boolean;
  onToggle: (key: string) => void;
  onOpenDetail: (key: string) => void;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('board');
  const lang = langOf(i18n.language);
  const { order, expanded, onToggle } = props;
  const attention = order.attention?.reason;
  const dishes = order.items.map((i) => `${i.name}×${i.quantity}`).join('、');
  const summary = (
    <>
      <PickupNumber order={order} lang={lang} />
      <span className={`pill pill-status pill-status-${order.status}`}>{t(`status.${order.status}`)}</span>
      {order.refund && (
        <span className={`pill pill-refund-${order.refund.state}`}>
          {t(`refundState.${order.refund.state}`)}
        </span>
      )}
      <span className="ol-time">{clockTime(order.createdAt, lang)}</span>
      <span className="ol-dishes">{dishes}</span>
      {order.customer.name && <span className="ol-name">{order.customer.name}</span>}
      <span className="ol-money">{formatMoney(order.totalCents)}</span>
      <span className="ol-toggle" aria-hidden="true">
        {expanded ? '▾' : '▸'}
      </span>
    </>
  );
  if (expanded) {
    return (
      <div className="order-line-open">
        <button
          type="button"
          className="order-line order-line-head"
          aria-expanded="true"
          aria-label={`${t('rush.collapse')} ${platformName(order.platform, lang)} ${daySeqText(order.daySeq)}`}
          onClick={() => onToggle(order.key)}
        >
          {summary}
        </button>
        <OrderCard order={order} onOpenDetail={props.onOpenDetail} />
      </div>
    );
  }
  return (
    <article
      className={`order-line status-${order.status}${attention ? ` attn attn-${attention}` : ''}`}
      data-testid="order-card"
      data-order-key={order.key}
      data-status={order.status}
      data-attention={attention}
      data-compact="true"
      role="button"
      tabIndex={0}
      aria-expanded="false"
      aria-label={`${t('rush.expand')} ${platformName(order.platform, lang)} ${daySeqText(order.daySeq)}`}
      onClick={() => onToggle(order.key)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onToggle(order.key);
        }
      }}
    >
      {summary}
    </article>
  );
}

export default memo(OrderLine);
