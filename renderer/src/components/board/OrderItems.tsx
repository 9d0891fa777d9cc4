import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { OrderItem } from '../../../../shared/order.js';

/** Item lines as the kitchen reads them: quantity first and large, then name, spec and attributes. */
export default function OrderItems(props: { items: OrderItem[]; limit?: number }): React.JSX.Element {
  const { t } = useTranslation('board');
  return <ItemLines {...props} t={t} />;
}

/** The same with the caller's `t` (namespace `board`): the card translates once for all its parts. */
export function ItemLines(props: { items: OrderItem[]; limit?: number; t: TFunction<'board'> }): React.JSX.Element {
  const { t } = props;
  const limit = props.limit ?? props.items.length;
  const shown = props.items.slice(0, limit);
  const more = props.items.length - shown.length;
  return (
    <ul className="oc-items">
      {shown.map((item, i) => (
        <li key={`${i}-${item.name}`} className="oc-item">
          <span className="oc-qty">×{item.quantity}</span>
          <span className="oc-item-name">{item.name}</span>
          {item.spec && <span className="oc-spec">{item.spec}</span>}
          {item.attributes.map((a) => (
            <span key={a} className="oc-attr">
              {a}
            </span>
          ))}
        </li>
      ))}
      {more > 0 && <li className="oc-more muted">{t('card.moreItems', { count: more })}</li>}
    </ul>
  );
}
