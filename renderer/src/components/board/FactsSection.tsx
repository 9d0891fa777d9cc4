/**
 * The detail view's 「要办的事」: invoice (title, tax id), how the customer pays and what to
 * collect, cutlery, each discount and who pays it, and the shop's income line by line.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order, OrderIncome } from '../../../../shared/order.js';
import { formatMoney, langOf } from '../../lib/format.js';
import { cutleryText } from '../../lib/order-facts.js';
import './facts.css';

function Row(props: { label: string; children: ReactNode; testId?: string }): React.JSX.Element | null {
  if (props.children === '' || props.children === null || props.children === undefined || props.children === false)
    return null;
  return (
    <>
      <dt>{props.label}</dt>
      <dd data-testid={props.testId}>{props.children}</dd>
    </>
  );
}

export default function FactsSection({ order }: { order: Order }): React.JSX.Element | null {
  const { t, i18n } = useTranslation('facts');
  const lang = langOf(i18n.language);
  const f = order.facts;
  if (!f) return null;
  return (
    <section className="detail-section detail-facts" data-testid="detail-facts">
      <h3>{t('section.title')}</h3>
      <dl className="kv">
        <Row label={t('section.invoice')} testId="detail-invoice">
          {f.invoice &&
            (f.invoice.title || f.invoice.taxpayerId ? (
              <span className="selectable">
                {t('section.invoiceTitle')} {f.invoice.title || '—'} · {t('section.taxpayerId')}{' '}
                <span className="mono">{f.invoice.taxpayerId || '—'}</span>
              </span>
            ) : (
              t('section.invoiceNoTitle')
            ))}
        </Row>
        <Row label={t('section.payment')} testId="detail-payment">
          {f.cashOnDelivery ? (
            <strong className="fact fact-cash">{t('section.cash', { amount: formatMoney(order.totalCents) })}</strong>
          ) : (
            t('section.online')
          )}
        </Row>
        <Row label={t('section.cutlery')}>{cutleryText(f.cutlery, lang)}</Row>
        <Row label={t('section.discounts')} testId="detail-discounts">
          {f.discounts.length > 0 && (
            <ul className="facts-list">
              {f.discounts.map((d, i) => (
                <li key={`${i}-${d.remark}`}>
                  {t('section.discountLine', {
                    remark: d.remark || t('section.discounts'),
                    amount: formatMoney(d.reduceCents),
                    platform: formatMoney(d.platformCents),
                    shop: formatMoney(d.shopCents),
                  })}
                </li>
              ))}
            </ul>
          )}
        </Row>
      </dl>
      {f.income && <Income income={f.income} />}
    </section>
  );
}

function Income({ income }: { income: OrderIncome }): React.JSX.Element {
  const { t } = useTranslation('facts');
  const money = (cents: number | null, sign = ''): string => (cents === null ? '' : `${sign}${formatMoney(cents)}`);
  return (
    <>
      <h3>{t('section.income')}</h3>
      <dl className="kv kv-money" data-testid="detail-income">
        <Row label={t('section.onlinePayment')}>{money(income.onlinePaymentCents)}</Row>
        {income.platformPays.map((l, i) => (
          <Row key={`mt-${i}`} label={`${t('section.platformPays')} ${l.label}`}>
            {money(l.cents, '+')}
          </Row>
        ))}
        {income.shopPays.map((l, i) => (
          <Row key={`poi-${i}`} label={`${t('section.shopPays')} ${l.label}`}>
            {money(l.cents, '−')}
          </Row>
        ))}
        <Row label={t('section.commission')}>{income.commissionCents ? money(income.commissionCents, '−') : ''}</Row>
        <Row label={t('section.logisticsFee')}>{income.logisticsFeeCents ? money(income.logisticsFeeCents) : ''}</Row>
        <Row label={t('section.receivable')}>
          {income.receivableCents === null ? '' : <strong className="money-strong">{money(income.receivableCents)}</strong>}
        </Row>
      </dl>
    </>
  );
}
