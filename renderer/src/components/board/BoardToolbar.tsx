import { useTranslation } from 'react-i18next';
import { BOARD_KEYS } from './use-board-keys.js';

/** Search across the day's orders and the day picker (never a day after today). */
export default function BoardToolbar(props: {
  query: string;
  onQuery: (q: string) => void;
  day: string;
  today: string;
  onDayChange: (day: string) => void;
  searchRef?: React.Ref<HTMLInputElement>;
}): React.JSX.Element {
  const { t } = useTranslation('board');
  const { day, today } = props;
  return (
    <div className="board-toolbar">
      <div className="board-search">
        <input
          ref={props.searchRef}
          type="search"
          data-testid="search"
          aria-label={t('search.label')}
          placeholder={t('search.placeholder')}
          value={props.query}
          onChange={(e) => props.onQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              props.onQuery('');
              e.currentTarget.blur();
            }
          }}
        />
        {props.query && (
          <button type="button" className="btn btn-small" onClick={() => props.onQuery('')}>
            {t('search.clear')}
          </button>
        )}
      </div>
      <KeyHints />
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

/** The keyboard, said where staff look: 「F2 接最早的新单 · F3 搜索 · F4 我知道了」. */
function KeyHints(): React.JSX.Element {
  const { t } = useTranslation('board');
  const hints = [
    [BOARD_KEYS.accept, t('rush.keyAccept')],
    [BOARD_KEYS.search, t('rush.keySearch')],
    [BOARD_KEYS.acknowledge, t('rush.keyAck')],
  ] as const;
  return (
    <div className="board-keys" data-testid="key-hints" aria-label={t('rush.keysLabel')}>
      {hints.map(([key, what]) => (
        <span key={key} className="board-key">
          <kbd>{key}</kbd>
          {what}
        </span>
      ))}
    </div>
  );
}
