import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Order } from '../../../../shared/order.js';
import { owedReason } from '../../../../shared/owed.js';
import AcceptCountdown from '../alerts/AcceptCountdown.js';
import { prepUrgencyOf, urgencyOf } from '../../lib/board.js';
import {
  clockTime,
  daySeqText,
  formatMoney,
  type Lang,
  langOf,
  minutesSince,
  phoneDisplay,
  platformName,
  PLATFORM_SHORT,
  relativeTime,
} from '../../lib/format.js';
import CardPrintMark from '../printing/CardPrintMark.js';
import RiderLine, { hasRiderLine } from '../floor/RiderLine.js';
import { AcceptDecisionLine, showsDecision } from '../floor/AcceptDecision.js';
import { Actions } from './OrderActions.js';
import { Badges } from './OrderBadges.js';
import OrderFlags, { hasFlagLine } from './OrderFlags.js';
import { ItemLines } from './OrderItems.js';
import { useNow } from './use-clock.js';
import './board.css';

/** Clicks on these never open the detail view: they do their own thing. */
const INTERACTIVE = 'button, a, input, select, textarea, label';

/**
 * One order on the board: what the counter needs at a glance, and the one or two buttons to act.
 * The card translates once for all its parts (they take its `t`): a busy day's first screen is
 * a dozen cards, and a translation hook per part was a good share of its cost.
 */
function OrderCard(props: { order: Order; onOpenDetail: (key: string) => void }): React.JSX.Element {
  const { t, i18n } = useTranslation('board');
  const lang = langOf(i18n.language);
  const tFacts = useMemo(() => i18n.getFixedT(i18n.language, 'facts'), [i18n, i18n.language]);
  const now = useNow();
  const { order, onOpenDetail } = props;
  const urgency = urgencyOf(order, now) ?? prepUrgencyOf(order, now)?.urgency ?? null;
  const attention = order.attention?.reason;
  const open = (): void => onOpenDetail(order.key);

  const onClick = (e: React.MouseEvent<HTMLElement>): void => {
    const target = e.target as HTMLElement;
    // React bubbles clicks from portalled dialogs through here; only the card's own body counts.
    if (!e.currentTarget.contains(target) || target.closest(INTERACTIVE)) return;
    if (window.getSelection()?.toString()) return; // selecting a phone number is not a click
    open();
  };

  const classes = [
    'order-card',
    urgency ? `urgency-${urgency}` : '',
    attention ? `attn attn-${attention}` : '',
    `status-${order.status}`,
  ];
  return (
    <article
      className={classes.join(' ')}
      data-testid="order-card"
      data-order-key={order.key}
      data-status={order.status}
      data-attention={attention}
      data-owed={owedReason(order) ?? undefined}
      aria-label={`${platformName(order.platform, lang)} ${daySeqText(order.daySeq)}`}
      onClick={onClick}
    >
      <header className="oc-head">
        <PickupNumber order={order} lang={lang} />
        <div className="oc-pills">
          {attention && (
            <span className={`pill pill-attn pill-attn-${attention}`}>
              {attention === 'new-order' && order.status !== 'new'
                ? t('attention.acceptedNew')
                : t(`attention.${attention}`)}
            </span>
          )}
          <AcceptCountdown order={order} />
          <TimePill order={order} now={now} attention={attention} t={t} />
          {/* An open request has its own box below with the reason and amount: no pill too. */}
          {order.refund && order.refund.state !== 'requested' && (
            <span className={`pill pill-refund-${order.refund.state}`}>
              {t(`refundState.${order.refund.state}`)}
            </span>
          )}
          {order.preOrder && <span className="pill pill-preorder">{t('card.preOrder')}</span>}
          {order.pickup && <span className="pill pill-pickup">{t('card.pickup')}</span>}
          {/* Slot: the platform-deadline countdown goes here (a small pill of its own). */}
        </div>
        <div className="oc-times">
          <span className="oc-ago">{relativeTime(order.createdAt, now, lang)}</span>
          <span className="oc-clock">{t('card.placedAt', { time: clockTime(order.createdAt, lang) })}</span>
          <span className={order.deliveryTime ? 'oc-deliver' : 'oc-deliver oc-asap'}>
            {order.deliveryTime
              ? t(order.pickup ? 'card.pickupBy' : 'card.deliverBy', { time: clockTime(order.deliveryTime, lang) })
              : t(order.pickup ? 'card.pickupAsap' : 'card.asap')}
          </span>
          {/* Up here, not among the actions: a narrow card keeps its buttons on one row. */}
          <button type="button" className="btn btn-small oc-detail" data-testid="open-detail" onClick={open}>
            {t('actions.detail')}
          </button>
        </div>
      </header>
      {hasFlagLine(order) && <OrderFlags order={order} />}
      {showsDecision(order) && <AcceptDecisionLine order={order} t={t} lang={lang} />}
      <Badges order={order} t={tFacts} lang={lang} />
      {order.refund?.state === 'requested' && (
        <div className="refund-box">
          <strong>{order.refund.partial ? t('card.partialRefund') : t('refundState.requested')}</strong>
          {order.refund.reason && <span>{t('card.refundReason', { reason: order.refund.reason })}</span>}
          {order.refund.amountCents !== null && (
            <span>{t('card.refundAmount', { amount: formatMoney(order.refund.amountCents) })}</span>
          )}
          {order.refund.items.length > 0 && (
            <span data-testid="refund-items">
              {t('card.refundItems', { items: order.refund.items.map((i) => `${i.name} ×${i.quantity}`).join('、') })}
            </span>
          )}
        </div>
      )}
      <div className="oc-body">
        <ItemLines items={order.items} limit={5} t={t} />
      </div>
      {order.note && (
        <div className="oc-note">
          <span className="oc-note-label">{t('card.note')}</span>
          <span className="oc-note-text">{order.note}</span>
        </div>
      )}
      <CustomerLine order={order} t={t} lang={lang} />
      {/* A partial record has no amounts yet: ¥0.00 would be a wrong fact, so say nothing. */}
      {!(order.flags.includes('partial') && order.totalCents === 0) && (
        <div className="oc-money">
          <span className="oc-paid">
            <span className="oc-money-label">{t('card.paid')}</span>
            <span className="oc-money-value">{formatMoney(order.totalCents)}</span>
          </span>
          {order.receivableCents !== null && (
            <span className="oc-receivable">
              {t('card.receivable')} {formatMoney(order.receivableCents)}
            </span>
          )}
        </div>
      )}
      {/* Slot: 未打印 with 重打 when the order's tickets did not come out (printing/). */}
      <CardPrintMark order={order} />
      <Actions order={order} t={t} />
    </article>
  );
}

/** `美#12`: the platform's short mark in its colour, then the number the rider asks for. */
export function PickupNumber({ order, lang }: { order: Order; lang: Lang }): React.JSX.Element {
  return (
    <span className="oc-seq" data-testid="day-seq" title={platformName(order.platform, lang)}>
      <span className={`oc-seq-mark platform-${order.platform}`}>{PLATFORM_SHORT[order.platform][lang]}</span>
      {daySeqText(order.daySeq)}
    </span>
  );
}

/**
 * How long the order has waited at the step it is on: a new order since it came in, an
 * accepted one since it was accepted — same colours, so a red pill means the same everywhere.
 */
function TimePill(props: {
  order: Order;
  now: number;
  attention: string | undefined;
  t: TFunction<'board'>;
}): React.JSX.Element | null {
  const { order, now, attention, t } = props;
  const urgency = urgencyOf(order, now);
  if (urgency) {
    return (
      <span className={`pill pill-urgency-${urgency}`} data-testid="wait-time" data-urgency={urgency}>
        {t('card.waiting', { minutes: minutesSince(order.createdAt, now) })}
      </span>
    );
  }
  const prep = prepUrgencyOf(order, now);
  if (prep) {
    return (
      <span className={`pill pill-urgency-${prep.urgency}`} data-testid="prep-time" data-urgency={prep.urgency}>
        {t('rush.prepTime', { minutes: prep.minutes })}
      </span>
    );
  }
  // The 订单已取消 alert pill already says it: no second pill with the same words.
  if (attention === 'cancelled' && order.status === 'cancelled') return null;
  return <span className={`pill pill-status pill-status-${order.status}`}>{t(`status.${order.status}`)}</span>;
}

function CustomerLine({ order, t, lang }: { order: Order; t: TFunction<'board'>; lang: Lang }): React.JSX.Element | null {
  const c = order.customer;
  const d = order.delivery;
  // A step the platform told: the rider's own line says it (with the name and phone).
  const rider =
    d && !hasRiderLine(d) && (d.riderName || d.riderPhone)
      ? `${t('card.rider')} ${d.riderName} ${phoneDisplay(d.riderPhone, lang)}`.trim()
      : '';
  const delivery = [d?.name, hasRiderLine(d) ? '' : d?.statusText, rider].filter(Boolean).join(' · ');
  if (!c.name && !c.phone && !c.address && !delivery && !order.storeName && !hasRiderLine(d)) return null;
  return (
    <div className="oc-customer">
      {(c.name || c.phone || c.address) && (
        <div>
          {c.name && <span className="oc-cname">{c.name}</span>}
          {c.phone && <span className="oc-phone">{phoneDisplay(c.phone, lang)}</span>}
          {c.address && <span className="oc-address">{c.address}</span>}
        </div>
      )}
      <RiderLine delivery={d} />
      {(delivery || order.storeName) && (
        <div className="muted">
          {delivery && <span className="oc-delivery">{delivery}</span>}
          {order.storeName && (
            <span className="oc-store">
              {t('card.store')} {order.storeName}
            </span>
          )}
        </div>
      )}
    </div>
  );
}

export default memo(OrderCard);
