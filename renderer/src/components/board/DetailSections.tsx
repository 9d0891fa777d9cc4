/** The parts of the detail view: plain facts from the order, laid out as labelled lists. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../../shared/order.js';
import { clockTime, dateTime, formatMoney, langOf, phoneDisplay } from '../../lib/format.js';

function Row(props: { label: string; children: ReactNode }): React.JSX.Element | null {
  if (props.children === '' || props.children === null || props.children === undefined) return null;
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

export function InfoSection({ order }: { order: Order }): React.JSX.Element {
  const { t, i18n } = useTranslation('board');
  const lang = langOf(i18n.language);
  return (
    <section className="detail-section">
      <dl className="kv">
        <Row label={t('detail.orderId')}>
          <span className="mono selectable">{order.orderId}</span>
        </Row>
        {order.orderIdView && order.orderIdView !== order.orderId && (
          <Row label={t('detail.orderIdView')}>
            <span className="mono selectable">{order.orderIdView}</span>
          </Row>
        )}
        <Row label={t('detail.store')}>{order.storeName || order.storeId}</Row>
        <Row label={t('detail.createdAt')}>{dateTime(order.createdAt)}</Row>
        <Row label={t('detail.deliveryTime')}>
          {order.deliveryTime ? clockTime(order.deliveryTime, lang) : t('card.asap')}
        </Row>
        <Row label={t('detail.updatedAt')}>{dateTime(order.updatedAt)}</Row>
      </dl>
    </section>
  );
}

export function ItemsSection({ order }: { order: Order }): React.JSX.Element {
  const { t } = useTranslation('board');
  return (
    <section className="detail-section">
      <h3>{t('detail.items')}</h3>
      <table className="items-table">
        <thead>
          <tr>
            <th>{t('detail.itemName')}</th>
            <th className="num">{t('detail.qty')}</th>
            <th className="num">{t('detail.unitPrice')}</th>
            <th className="num">{t('detail.lineTotal')}</th>
          </tr>
        </thead>
        <tbody>
          {order.items.map((item, i) => (
            <tr key={`${i}-${item.name}`}>
              <td>
                <div className="it-name">{item.name}</div>
                {(item.spec || item.attributes.length > 0) && (
                  <div className="it-spec">{[item.spec, ...item.attributes].filter(Boolean).join(' / ')}</div>
                )}
                {item.boxCount > 0 && (
                  <div className="it-box muted">
                    {t('detail.boxes', { count: item.boxCount, price: formatMoney(item.boxPriceCents) })}
                  </div>
                )}
              </td>
              <td className="num it-qty">×{item.quantity}</td>
              <td className="num">{formatMoney(item.priceCents)}</td>
              <td className="num">{formatMoney(item.priceCents * item.quantity)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function AmountsSection({ order }: { order: Order }): React.JSX.Element {
  const { t } = useTranslation('board');
  return (
    <section className="detail-section">
      <h3>{t('detail.amounts')}</h3>
      <dl className="kv kv-money">
        <Row label={t('detail.original')}>{formatMoney(order.originalCents)}</Row>
        <Row label={t('detail.shipping')}>{formatMoney(order.shippingFeeCents)}</Row>
        <Row label={t('detail.total')}>
          <strong className="money-strong">{formatMoney(order.totalCents)}</strong>
        </Row>
        <Row label={t('detail.receivable')}>
          {order.receivableCents === null ? t('detail.unknown') : formatMoney(order.receivableCents)}
        </Row>
      </dl>
    </section>
  );
}

export function CustomerSection({ order }: { order: Order }): React.JSX.Element {
  const { t } = useTranslation('board');
  const c = order.customer;
  const d = order.delivery;
  return (
    <section className="detail-section">
      <h3>{t('detail.customer')}</h3>
      <dl className="kv">
        <Row label={t('detail.name')}>{c.name}</Row>
        <Row label={t('detail.phone')}>
          {c.phone && <span className="selectable">{phoneDisplay(c.phone)}</span>}
        </Row>
        <Row label={t('detail.address')}>{c.address}</Row>
        {c.addressGeo && c.addressGeo !== c.address && (
          <Row label={t('detail.addressGeo')}>{c.addressGeo}</Row>
        )}
      </dl>
      {d && (
        <>
          <h3>{t('detail.delivery')}</h3>
          <dl className="kv">
            <Row label={t('detail.deliveryType')}>
              {d.name || (d.selfDelivery ? t('detail.selfDelivery') : d.code)}
            </Row>
            <Row label={t('detail.deliveryStatus')}>{d.statusText}</Row>
            <Row label={t('detail.rider')}>
              {[d.riderName, phoneDisplay(d.riderPhone)].filter(Boolean).join(' ')}
            </Row>
          </dl>
        </>
      )}
    </section>
  );
}

export function RefundSection({ order }: { order: Order }): React.JSX.Element | null {
  const { t } = useTranslation('board');
  const r = order.refund;
  if (!r) return null;
  return (
    <section
      className={
        r.state === 'requested' ? 'detail-section detail-refund open' : 'detail-section detail-refund'
      }
    >
      <h3>{t('detail.refund')}</h3>
      <dl className="kv">
        <Row label={t('detail.refundState')}>
          {t(`refundState.${r.state}`)}
          {r.partial ? ` · ${t('card.partialRefund')}` : ''}
        </Row>
        <Row label={t('detail.refundReason')}>{r.reason}</Row>
        <Row label={t('detail.refundAmount')}>{r.amountCents === null ? '' : formatMoney(r.amountCents)}</Row>
      </dl>
      {r.items.length > 0 && (
        <ul className="refund-items">
          {r.items.map((it, i) => (
            <li key={`${i}-${it.name}`}>
              {it.name} ×{it.quantity}
              {it.refundCents !== null && ` · ${formatMoney(it.refundCents)}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function AutoAcceptSection({ order }: { order: Order }): React.JSX.Element | null {
  const { t, i18n } = useTranslation('board');
  const a = order.autoAccept;
  if (!a) return null;
  const lang = langOf(i18n.language);
  return (
    <section className="detail-section">
      <h3>{t('detail.autoAccept')}</h3>
      <p className={a.state === 'failed' ? 'aa-state aa-failed' : 'aa-state'}>
        {t(`detail.autoAcceptState.${a.state}`)} · {t('detail.autoAcceptAttempts', { count: a.attempts })}
        {a.nextAt &&
          (a.state === 'waiting' || a.state === 'trying') &&
          ` · ${t('detail.autoAcceptNext', { time: clockTime(a.nextAt, lang) })}`}
      </p>
      {a.lastError && <p className="aa-error">{t('detail.autoAcceptError', { error: a.lastError })}</p>}
    </section>
  );
}
