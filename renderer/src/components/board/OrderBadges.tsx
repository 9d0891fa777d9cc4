/**
 * What on an order changes what the counter does, at a glance on the card: a pre-order's day and
 * time (large), an invoice to write, cash to collect, cutlery, the discount and who pays it.
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../../shared/order.js';
import { formatMoney, type Lang, langOf } from '../../lib/format.js';
import { cutleryText, whenText } from '../../lib/order-facts.js';
import { useNow } from './use-clock.js';
import './facts.css';

export default function OrderBadges({ order }: { order: Order }): React.JSX.Element | null {
  const { t, i18n } = useTranslation('facts');
  return <Badges order={order} t={t} lang={langOf(i18n.language)} />;
}

/** The same with the caller's `t` (namespace `facts`): the card translates once for all its parts. */
export function Badges(props: { order: Order; t: TFunction<'facts'>; lang: Lang }): React.JSX.Element | null {
  const { order, t, lang } = props;
  const now = useNow();
  const f = order.facts;
  const when = order.preOrder && order.deliveryTime ? whenText(order.deliveryTime, now, lang) : '';
  const cutlery = f ? cutleryText(f.cutlery, lang) : '';
  const discountCents = f?.discounts.reduce((sum, d) => sum + d.reduceCents, 0) ?? 0;
  const platformCents = f?.discounts.reduce((sum, d) => sum + d.platformCents, 0) ?? 0;
  const shopCents = f?.discounts.reduce((sum, d) => sum + d.shopCents, 0) ?? 0;
  if (!when && !f?.invoice && !f?.cashOnDelivery && !cutlery && discountCents === 0) return null;
  return (
    <div className="oc-facts" data-testid="order-badges">
      {when && (
        <div className="oc-preorder-when" data-testid="preorder-when">
          {t(order.pickup ? 'badges.pickupAt' : 'badges.preOrderAt', { when })}
        </div>
      )}
      <div className="oc-fact-row">
        {f?.cashOnDelivery && (
          <span className="fact fact-cash" data-fact="cash">
            {t('badges.cash', { amount: formatMoney(order.totalCents) })}
          </span>
        )}
        {f?.invoice && (
          <span className="fact fact-invoice" data-fact="invoice" title={[f.invoice.title, f.invoice.taxpayerId].join(' ')}>
            {f.invoice.title ? t('badges.invoiceWithTitle', { title: f.invoice.title }) : t('badges.invoice')}
          </span>
        )}
        {cutlery && (
          <span className={f?.cutlery === 0 ? 'fact fact-cutlery fact-none' : 'fact fact-cutlery'} data-fact="cutlery">
            {cutlery}
          </span>
        )}
        {discountCents !== 0 && (
          <span className="fact fact-discount" data-fact="discount">
            {t('badges.discount', { amount: formatMoney(discountCents) })}
            <span className="fact-sub">
              {' '}
              {t('badges.discountWho', { platform: formatMoney(platformCents), shop: formatMoney(shopCents) })}
            </span>
          </span>
        )}
      </div>
    </div>
  );
}
