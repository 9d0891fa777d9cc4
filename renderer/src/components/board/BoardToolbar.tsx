import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { BOARD_KEYS } from './use-board-keys.js';

/**
 * Width from which the keyboard hints fit beside the tabs and the search box. Narrower (a
 * 1024 px counter screen) they move into the 「更多」 menu, with the day picker.
 */
const KEYS_INLINE = '(min-width: 1280px)';

/**
 * Search across the day's orders, the keyboard hints and the day picker (never a day after
 * today), on the same row as the tabs at every counter screen size: the day picker, rarely
 * needed in a rush, sits in a small menu whose button shows which day is on screen.
 */
export default function BoardToolbar(props: {
  query: string;
  onQuery: (q: string) => void;
  day: string;
  today: string;
  onDayChange: (day: string) => void;
  searchRef?: React.Ref<HTMLInputElement>;
}): React.JSX.Element {
  const { t } = useTranslation('board');
  const keysInline = useMediaQuery(KEYS_INLINE);
  return (
    <div className="board-toolbar">
      <div className="board-search">
        <input
          ref={props.searchRef}
          type="search"
          data-testid="search"
          aria-label={t('search.label')}
          placeholder={t('search.placeholder')}
          title={t('search.title')}
          value={props.query}
          onChange={(e) => props.onQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              props.onQuery('');
              e.currentTarget.blur();
            }
          }}
        />
        {/* Inside the box's right end: showing it moves nothing beside the box. */}
        {props.query && (
          <button
            type="button"
            className="board-search-clear"
            aria-label={t('search.clear')}
            title={t('search.clear')}
            onClick={() => props.onQuery('')}
          >
            ×
          </button>
        )}
      </div>
      {keysInline && <KeyHints />}
      <MoreMenu day={props.day} today={props.today} onDayChange={props.onDayChange} withKeys={!keysInline} />
    </div>
  );
}

/** The day picker (and, on a narrow screen, the keys) behind one button that names the day shown. */
function MoreMenu(props: {
  day: string;
  today: string;
  onDayChange: (day: string) => void;
  withKeys: boolean;
}): React.JSX.Element {
  const { t } = useTranslation('board');
  const { day, today } = props;
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const outside = (e: MouseEvent): void => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const esc = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('mousedown', outside);
      document.removeEventListener('keydown', esc);
    };
  }, [open]);
  const past = day !== today;
  const label = past ? day.slice(5) : props.withKeys ? t('more.label') : t('day.today');
  return (
    <div className="board-more" ref={box}>
      <button
        type="button"
        className={past ? 'btn board-more-btn board-more-past' : 'btn board-more-btn'}
        data-testid="board-more"
        aria-expanded={open}
        aria-haspopup="true"
        title={props.withKeys ? t('more.title') : t('day.title')}
        onClick={() => setOpen((o) => !o)}
      >
        <svg className="board-more-icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M4 6h16v14H4zM4 10h16M8 3v5M16 3v5" />
        </svg>
        {label}
        <span aria-hidden="true"> ▾</span>
      </button>
      {open && (
        <div className="board-more-menu" role="group" aria-label={t('more.title')}>
          {props.withKeys && <KeyHints />}
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
          </label>
          <button
            type="button"
            className="btn btn-small"
            disabled={!past}
            onClick={() => {
              props.onDayChange(today);
              setOpen(false);
            }}
          >
            {t('day.backToToday')}
          </button>
        </div>
      )}
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

/** Whether a CSS media query matches now, kept up to date (true where the page cannot tell). */
function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (notify) => {
      if (typeof window.matchMedia !== 'function') return () => undefined;
      const list = window.matchMedia(query);
      list.addEventListener('change', notify);
      return () => list.removeEventListener('change', notify);
    },
    () => (typeof window.matchMedia === 'function' ? window.matchMedia(query).matches : true),
  );
}
