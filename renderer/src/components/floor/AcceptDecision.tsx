/**
 * What the store's auto-accept rules decided for an order: on the card a small line while the
 * order waits for a person because of them (「自动接单：超出每 15 分钟 20 单的上限，请手动接单」),
 * in the detail the decision either way. The reason is the core's, in staff's (Chinese) words;
 * the English page shows it in English where it is one of the core's sentences.
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../../shared/order.js';
import { clockTime, langOf } from '../../lib/format.js';
import { reasonInEnglish } from './accept-rules-form.js';
import './floor-rules.css';

/** Whether the card shows the rule's line: the rules turned the order over and it is still new. */
export function showsDecision(order: Pick<Order, 'status' | 'autoAcceptDecision'>): boolean {
  return order.status === 'new' && order.autoAcceptDecision?.accept === false;
}

/** The card's line; the card mounts it only when `showsDecision` (its `t` comes from the card). */
export function AcceptDecisionLine(props: { order: Order; t: TFunction; lang: 'zh' | 'en' }): React.JSX.Element | null {
  const d = props.order.autoAcceptDecision;
  if (!d || d.accept) return null;
  return (
    <div className="oc-rule" data-testid="accept-decision">
      {props.lang === 'en' && <span className="oc-rule-label">{props.t('rules:card.label')}</span>}
      <span className="oc-rule-text">{props.lang === 'en' ? reasonInEnglish(d.reason) : d.reason}</span>
    </div>
  );
}

export function AcceptDecisionSection({ order }: { order: Order }): React.JSX.Element | null {
  const { t, i18n } = useTranslation('rules');
  const d = order.autoAcceptDecision;
  if (!d) return null;
  const lang = langOf(i18n.language);
  return (
    <section className="detail-section" data-testid="accept-decision-detail">
      <h3>{t('detail.title')}</h3>
      <p className="aa-state">
        {t(d.accept ? 'detail.accepted' : 'detail.refused')} · {t('detail.at', { time: clockTime(d.at, lang) })}
      </p>
      <p className={d.accept ? 'aa-state' : 'aa-state oc-rule'}>{lang === 'en' ? reasonInEnglish(d.reason) : d.reason}</p>
    </section>
  );
}
