import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import Board from './components/board/Board.js';
import Ringer from './components/alerts/Ringer.js';
import SettingsPage from './components/alerts/SettingsPage.js';
import StatusBar from './components/stores/StatusBar.js';
import StoresPage from './components/stores/StoresPage.js';
import UnionPage from './components/union/UnionPage.js';
import TodayPage from './components/today/TodayPage.js';
import { setShopTimeZone } from './lib/format.js';
import ClockSkewBanner from './ClockSkewBanner.js';
import SandboxBar from './SandboxBar.js';
import { useFocusRequests } from './state/focus.js';
import { useDesk, useLinkInvalid, useStatus, useToday } from './state/use-desk.js';

type Page = 'board' | 'today' | 'union' | 'stores' | 'settings';

export default function App(): React.JSX.Element {
  const { t } = useTranslation('app');
  const desk = useDesk();
  const status = useStatus();
  const [page, setPage] = useState<Page>('board');
  const [day, setDay] = useState<string | null>(null);
  const [connected, setConnected] = useState(true);
  const linkInvalid = useLinkInvalid();
  // A clicked notification: back to today's board, with that order open.
  const [focus, setFocus] = useState<{ key: string; at: number } | null>(null);
  // The order may be of an earlier day (the end-of-shift check lists them): the board turns to its day.
  const todayRef = useRef<string | null>(null);
  useFocusRequests(
    useCallback(
      (key: string) => {
        setPage('board');
        setDay(null);
        setFocus({ key, at: Date.now() });
        desk.api
          .getOrder(key)
          .then((o) => {
            if (o && todayRef.current && o.businessDay !== todayRef.current) setDay(o.businessDay);
          })
          .catch(() => undefined);
      },
      [desk],
    ),
  );
  useEffect(() => desk.onConnection(setConnected), [desk]);

  const today = useToday(status?.timeZone);
  todayRef.current = today;
  setShopTimeZone(status?.timeZone);
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-title">{t('title')}</h1>
        <nav className="app-nav" aria-label={t('title')}>
          {(['board', 'today', 'union', 'stores', 'settings'] as const).map((p) => (
            // On a narrow counter screen the label gives way to the icon (styles.css); the name
            // stays for the tooltip and for screen readers.
            <button
              key={p}
              type="button"
              className={`nav-tab nav-tab-${p}${p === page ? ' active' : ''}`}
              aria-current={p === page ? 'page' : undefined}
              aria-label={t(`nav.${p}`)}
              title={t(`nav.${p}`)}
              onClick={() => setPage(p)}
            >
              <NavIcon page={p} />
              <span className="nav-label">{t(`nav.${p}`)}</span>
            </button>
          ))}
        </nav>
        {status?.sandbox && <SandboxBar />}
      </header>
      <ClockSkewBanner skew={status?.clockSkew} />
      {linkInvalid ? (
        <div className="banner banner-error" role="alert" data-testid="link-invalid">
          {t('linkInvalid')}
        </div>
      ) : (
        !connected && (
          <div className="banner banner-error" role="alert">
            {t('disconnected')}
          </div>
        )
      )}
      <main className="app-main">
        {!today ? (
          <p className="muted">{t('loading')}</p>
        ) : page === 'board' ? (
          <Board
            day={day ?? today}
            today={today}
            onDayChange={(d) => setDay(d === today ? null : d)}
            focus={focus}
          />
        ) : page === 'today' ? (
          <TodayPage today={today} />
        ) : page === 'union' ? (
          <UnionPage today={today} />
        ) : page === 'stores' ? (
          <StoresPage />
        ) : (
          <SettingsPage />
        )}
      </main>
      {today && <Ringer today={today} timeZone={status?.timeZone} />}
      <StatusBar status={status} />
    </div>
  );
}

/** Line icons for the page tabs: a ticket, a bar chart, a price tag, a shop front, a gear. */
const NAV_ICONS: Record<Page, string> = {
  board: 'M6 2h12v20l-3-2-3 2-3-2-3 2ZM9 7h6M9 11h6M9 15h4',
  today: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  union: 'M20.6 13.4l-7.2 7.2a2 2 0 0 1-2.8 0L3 13V3h10l7.6 7.6a2 2 0 0 1 0 2.8ZM7.5 7.5h.01',
  stores: 'M3 9l2-5h14l2 5M3 9h18v2a3 3 0 0 1-6 0 3 3 0 0 1-6 0 3 3 0 0 1-6 0ZM5 13v8h14v-8M10 21v-5h4v5',
  settings:
    'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6ZM19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1Z',
};

function NavIcon({ page }: { page: Page }): React.JSX.Element {
  return (
    <svg className="nav-icon" viewBox="0 0 24 24" aria-hidden="true">
      <path d={NAV_ICONS[page]} />
    </svg>
  );
}
