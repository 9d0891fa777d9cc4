/** The parts of the detail view: plain facts from the order, laid out as labelled lists. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../../shared/order.js';
import { clockTime, dateTime, formatMoney, langOf, phoneDisplay } from '../../lib/format.js';
import { splitTechnical, statusWordsInText, whenText } from '../../lib/order-facts.js';
import { useNow } from './use-clock.js';
import RiderLine, { hasRiderLine } from '../floor/RiderLine.js';

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
  const now = useNow();
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
        <Row label={order.pickup ? t('facts:section.pickupWhen') : t('detail.deliveryTime')}>
          {order.deliveryTime ? (
            <span className={order.preOrder ? 'detail-when-big' : undefined} data-testid="detail-when">
              {whenText(order.deliveryTime, now, lang)}
            </span>
          ) : (
            t('card.asap')
          )}
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
  const { t, i18n } = useTranslation('board');
  const lang = langOf(i18n.language);
  const c = order.customer;
  const d = order.delivery;
  const backups = order.facts?.backupPhones ?? [];
  return (
    <section className="detail-section">
      <h3>{t('detail.customer')}</h3>
      <dl className="kv">
        <Row label={t('detail.name')}>{c.name}</Row>
        <Row label={t('detail.phone')}>
          {c.phone && <span className="selectable">{phoneDisplay(c.phone, lang)}</span>}
        </Row>
        <Row label={t('facts:section.backupPhones')}>
          {backups.length > 0 && (
            <span className="selectable" data-testid="backup-phones">
              {backups.map((p) => phoneDisplay(p, lang)).join('，')}
            </span>
          )}
        </Row>
        <Row label={t('detail.address')}>{c.address}</Row>
        {c.addressGeo && c.addressGeo !== c.address && (
          <Row label={t('detail.addressGeo')}>{c.addressGeo}</Row>
        )}
      </dl>
      {(order.pickup || d?.selfDelivery) && (
        <p className="delivery-wording" data-testid="delivery-wording">
          {order.pickup ? t('facts:badges.pickup') : t('facts:badges.selfDelivery')}
        </p>
      )}
      {d && !order.pickup && (
        <>
          <h3>{t('detail.delivery')}</h3>
          <dl className="kv">
            <Row label={t('detail.deliveryType')}>
              {d.name || (d.selfDelivery ? t('detail.selfDelivery') : d.code)}
            </Row>
            <Row label={t('detail.deliveryStatus')}>{d.statusText}</Row>
            {hasRiderLine(d) && (
              <Row label={t('prepare:rider.label')}>
                <RiderLine delivery={d} />
              </Row>
            )}
            <Row label={t('detail.rider')}>
              {[d.riderName, phoneDisplay(d.riderPhone, lang)].filter(Boolean).join(' ')}
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
      {(r.photos ?? []).length > 0 && (
        <div className="refund-photos" data-testid="refund-photos">
          <span>{t('facts:section.refundPhotos')}</span>
          {(r.photos ?? []).map((url, i) => (
            <a key={url} href={url} target="_blank" rel="noreferrer noopener">
              {t('facts:section.photo', { n: i + 1 })}
            </a>
          ))}
        </div>
      )}
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

/** The platform's words for staff; the code and path behind a 「技术细节」 disclosure. */
export function PlatformError(props: { message: string; className?: string }): React.JSX.Element {
  const { t, i18n } = useTranslation('facts');
  const { words, technical } = splitTechnical(statusWordsInText(props.message, langOf(i18n.language)));
  return (
    <span className={props.className}>
      {words}
      {technical && (
        <details className="tech-detail">
          <summary>{t('section.technical')}</summary>
          <code>{technical}</code>
        </details>
      )}
    </span>
  );
}

/** Auto-accept said done, but it never accepted: staff (or the platform) had already. */
export function autoAcceptSkipped(order: Order): boolean {
  return (
    order.autoAccept?.state === 'done' &&
    !order.events.some((e) => e.type === 'api:confirm' && e.source === 'auto-accept')
  );
}

export function AutoAcceptSection({ order }: { order: Order }): React.JSX.Element | null {
  const { t, i18n } = useTranslation('board');
  const a = order.autoAccept;
  if (!a) return null;
  const lang = langOf(i18n.language);
  if (autoAcceptSkipped(order)) {
    return (
      <section className="detail-section">
        <h3>{t('detail.autoAccept')}</h3>
        <p className="aa-state">{t('facts:section.autoAcceptSkipped')}</p>
      </section>
    );
  }
  return (
    <section className="detail-section">
      <h3>{t('detail.autoAccept')}</h3>
      <p className={a.state === 'failed' ? 'aa-state aa-failed' : 'aa-state'}>
        {t(`detail.autoAcceptState.${a.state}`)} · {t('detail.autoAcceptAttempts', { count: a.attempts })}
        {a.nextAt &&
          (a.state === 'waiting' || a.state === 'trying') &&
          ` · ${t('detail.autoAcceptNext', { time: clockTime(a.nextAt, lang) })}`}
      </p>
      {a.lastError && (
        <p className="aa-error">
          {t('detail.autoAcceptError', { error: '' })}
          <PlatformError message={a.lastError} />
        </p>
      )}
    </section>
  );
}
