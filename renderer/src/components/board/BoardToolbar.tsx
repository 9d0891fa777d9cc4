import { useTranslation } from 'react-i18next';

/** Search across the day's orders and the day picker (never a day after today). */
export default function BoardToolbar(props: {
  query: string;
  onQuery: (q: string) => void;
  day: string;
  today: string;
  onDayChange: (day: string) => void;
}): React.JSX.Element {
  const { t } = useTranslation('board');
  const { day, today } = props;
  return (
    <div className="board-toolbar">
      <div className="board-search">
        <input
          type="search"
          data-testid="search"
          aria-label={t('search.label')}
          placeholder={t('search.placeholder')}
          value={props.query}
          onChange={(e) => props.onQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') props.onQuery('');
          }}
        />
        {props.query && (
          <button type="button" className="btn btn-small" onClick={() => props.onQuery('')}>
            {t('search.clear')}
          </button>
        )}
      </div>
      <label className="board-day">
        <span className="board-day-label">{t('day.label')}</span>
        <input
          type="date"
          data-testid="day-picker"
          value={day}
          max={today}
          onChange={(e) => {
            const v = e.target.value;
            // Cleared or typed past today: ignore rather than load an impossible day.
            if (/^\d{4}-\d{2}-\d{2}$/.test(v) && v <= today) props.onDayChange(v);
          }}
        />
        <button
          type="button"
          className="btn btn-small"
          disabled={day === today}
          onClick={() => props.onDayChange(today)}
        >
          {t('day.today')}
        </button>
      </label>
    </div>
  );
}
