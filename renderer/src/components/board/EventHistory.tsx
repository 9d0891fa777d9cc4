import { useTranslation } from 'react-i18next';
import type { OrderEvent } from '../../../../shared/order.js';
import { eventsInOrder, eventSourceText, eventTypeText } from '../../lib/events.js';
import { dateTime, langOf } from '../../lib/format.js';
import { PlatformError } from './DetailSections.js';

/**
 * What an event was, honestly: an auto-accept that found the order already handled did not
 * accept it (staff or the platform did), and staff accepting by hand says so.
 */
function typeWords(e: OrderEvent, events: readonly OrderEvent[], t: (k: string) => string, lang: 'zh' | 'en'): string {
  if (e.type === 'auto-accept:done') {
    const autoConfirmed = events.some((x) => x.type === 'api:confirm' && x.source === 'auto-accept');
    if (!autoConfirmed) return t('facts:events.autoAcceptSkipped');
  }
  if (e.type === 'api:confirm' && e.source === 'staff') return t('facts:events.acceptedByStaff');
  return eventTypeText(e.type, lang);
}

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
              <span className="ev-type">{typeWords(e, events, t, lang)}</span>
              <span className="ev-source" title={e.source}>
                {eventSourceText(e.source, lang)}
              </span>
              {e.detail && <PlatformError className="ev-detail" message={e.detail} />}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
