import { useTranslation } from 'react-i18next';
import type { OrderEvent } from '../../../../shared/order.js';
import { eventsInOrder, eventSourceText, eventTypeText } from '../../lib/events.js';
import { dateTime, langOf } from '../../lib/format.js';

/** What happened to the order, oldest first: when, what (in words), from where, and the detail. */
export default function EventHistory(props: { events: OrderEvent[] }): React.JSX.Element {
  const { t, i18n } = useTranslation('board');
  const lang = langOf(i18n.language);
  const events = eventsInOrder(props.events);
  return (
    <section className="detail-section detail-history">
      <h3>{t('detail.history')}</h3>
      {events.length === 0 ? (
        <p className="muted">{t('detail.noHistory')}</p>
      ) : (
        <ol className="event-history" data-testid="event-history">
          {events.map((e) => (
            <li
              key={`${e.seq}-${e.fingerprint}-${e.type}`}
              className={`ev ev-${e.type.split(':')[0]}`}
              data-event-type={e.type}
            >
              <time className="ev-at" dateTime={e.at}>
                {dateTime(e.at)}
              </time>
              <span className="ev-type">{eventTypeText(e.type, lang)}</span>
              <span className="ev-source" title={e.source}>
                {eventSourceText(e.source, lang)}
              </span>
              {e.detail && <span className="ev-detail">{e.detail}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
