import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import Board from './components/board/Board.js';
import Ringer from './components/alerts/Ringer.js';
import SettingsPage from './components/alerts/SettingsPage.js';
import StatusBar from './components/stores/StatusBar.js';
import StoresPage from './components/stores/StoresPage.js';
import UnionPage from './components/union/UnionPage.js';
import { setShopTimeZone } from './lib/format.js';
import ClockSkewBanner from './ClockSkewBanner.js';
import SandboxBar from './SandboxBar.js';
import { useFocusRequests } from './state/focus.js';
import { useDesk, useLinkInvalid, useStatus, useToday } from './state/use-desk.js';

type Page = 'board' | 'union' | 'stores' | 'settings';

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
  useFocusRequests(
    useCallback((key: string) => {
      setPage('board');
      setDay(null);
      setFocus({ key, at: Date.now() });
    }, []),
  );
  useEffect(() => desk.onConnection(setConnected), [desk]);

  const today = useToday(status?.timeZone);
  setShopTimeZone(status?.timeZone);
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-title">{t('title')}</h1>
        <nav className="app-nav" aria-label={t('title')}>
          {(['board', 'union', 'stores', 'settings'] as const).map((p) => (
            <button key={p} type="button" className={p === page ? 'nav-tab active' : 'nav-tab'} aria-current={p === page ? 'page' : undefined} onClick={() => setPage(p)}>
              {t(`nav.${p}`)}
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
          <Board day={day ?? today} today={today} onDayChange={(d) => setDay(d === today ? null : d)} focus={focus} />
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
