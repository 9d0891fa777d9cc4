import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  countTabs,
  isBoardOrder,
  normalizeQuery,
  ordersInGroup,
  oldestNewOrder,
  ordersOfTab,
  refundOpen,
  searchOrders,
  tabOf,
  tabsNeedingAttention,
  type TabId,
} from '../../lib/board.js';
import { useOrders } from '../../state/use-desk.js';
import { showGroup, useStripFilter } from '../alerts/strip-filter.js';
import StripFilterNote from '../alerts/StripFilterNote.js';
import BoardTabs from './BoardTabs.js';
import BoardToolbar from './BoardToolbar.js';
import OrderDetail from './OrderDetail.js';
import OrderList from './OrderList.js';
import PreOrderReminder, { PreOrderLead } from './PreOrderReminder.js';
import { useCarriedPreOrders } from './use-carried-preorders.js';
import { OrderDialog, OrderDialogContext, type OrderDialogKind } from './order-dialogs.js';
import { useAcknowledgeNext, useBoardKeys } from './use-board-keys.js';
import './board.css';

/**
 * The order board: the day's takeaway orders by status, live from the desk's events. Search
 * looks across every tab, because staff searching for "#7" do not know which tab it is in.
 */
export default function Board(props: {
  day: string;
  today: string;
  onDayChange: (day: string) => void;
  /** Open this order's detail (a notification was clicked); `at` makes a repeat click count. */
  focus?: { key: string; at: number } | null;
}): React.JSX.Element {
  const { t } = useTranslation('board');
  const { t: tr } = useTranslation('reminder');
  const { day, today, onDayChange } = props;
  const { orders, loading, error } = useOrders(day);
  const [tab, setTab] = useState<TabId>('new');
  const [query, setQuery] = useState('');
  const [detailKey, setDetailKey] = useState<string | null>(null);
  const panelId = useId();

  // Open pre-orders placed on earlier days belong on today's board too.
  const carried = useCarriedPreOrders(day === today ? today : null);
  const onBoard = useMemo(
    () => [...orders, ...carried.filter((c) => !orders.some((o) => o.key === c.key))].filter(isBoardOrder),
    [orders, carried],
  );
  const counts = useMemo(() => countTabs(onBoard), [onBoard]);
  const attention = useMemo(() => tabsNeedingAttention(onBoard), [onBoard]);
  const refundAlert = useMemo(() => onBoard.some(refundOpen), [onBoard]);
  const searching = normalizeQuery(query).replace(/^#/, '') !== '';
  // A click on a count of the alert strip shows exactly the cards behind it (today only).
  const stripFilter = useStripFilter();
  const filtered = stripFilter && day === today && !searching ? stripFilter : null;
  const shown = useMemo(
    () =>
      filtered
        ? ordersInGroup(onBoard, filtered.kind, filtered.reason)
        : searching
          ? searchOrders(onBoard, query)
          : ordersOfTab(onBoard, tab),
    [onBoard, searching, query, tab, filtered],
  );
  const detail = detailKey ? onBoard.find((o) => o.key === detailKey) : undefined;
  const [dialog, setDialog] = useState<{ kind: OrderDialogKind; key: string } | null>(null);
  const dialogOrder = dialog ? onBoard.find((o) => o.key === dialog.key) : undefined;
  const openDetail = useCallback((key: string) => setDetailKey(key), []);
  const focus = props.focus;
  useEffect(() => {
    if (!focus) return;
    setQuery('');
    setDetailKey(focus.key);
  }, [focus]);
  const openDialog = useCallback((kind: OrderDialogKind, key: string) => setDialog({ kind, key }), []);
  const locate = useCallback(
    (key: string) => {
      const o = onBoard.find((x) => x.key === key);
      return o ? tabOf(o) : null;
    },
    [onBoard],
  );

  // The keyboard: accept the oldest new order through its card's own button (busy state and
  // errors show where they always do), focus search, 我知道了 on the first card asking for it.
  const searchRef = useRef<HTMLInputElement>(null);
  const [keyNote, setKeyNote] = useState<string | null>(null);
  const [pressAccept, setPressAccept] = useState<{ key: string; at: number } | null>(null);
  useEffect(() => {
    if (!pressAccept) return;
    let frames = 0;
    let raf = 0;
    const tryPress = (): void => {
      const button = document.querySelector<HTMLButtonElement>(
        `[data-testid="order-card"][data-order-key="${CSS.escape(pressAccept.key)}"] [data-testid="accept"]`,
      );
      if (button) {
        if (!button.disabled) button.click();
      } else if (++frames < 30) {
        raf = requestAnimationFrame(tryPress);
      }
    };
    raf = requestAnimationFrame(tryPress);
    return () => cancelAnimationFrame(raf);
  }, [pressAccept]);
  useEffect(() => {
    if (!keyNote) return;
    const timer = setTimeout(() => setKeyNote(null), 4000);
    return () => clearTimeout(timer);
  }, [keyNote]);
  const acknowledgeNext = useAcknowledgeNext();
  useBoardKeys({
    accept: () => {
      if (day !== today) return;
      const oldest = oldestNewOrder(onBoard);
      if (!oldest) {
        setKeyNote(t('rush.keyNothing'));
        return;
      }
      // The oldest new order must be on screen to press its button: leave a strip filter too.
      showGroup(null);
      setQuery('');
      setTab('new');
      setPressAccept({ key: oldest.key, at: Date.now() });
    },
    search: () => {
      searchRef.current?.focus();
      searchRef.current?.select();
    },
    acknowledge: () => acknowledgeNext([shown, onBoard]),
  });

  const selectTab = (next: TabId): void => {
    showGroup(null);
    setTab(next);
    setQuery('');
  };
  const changeDay = (next: string): void => {
    setDetailKey(null);
    setDialog(null);
    onDayChange(next);
  };

  return (
    <OrderDialogContext.Provider value={openDialog}>
      {/* Busy until the day's list is in: the counts and cards below are the day's from then on. */}
      <section className="board" data-testid="board" aria-busy={loading}>
        <div className="board-top">
          <BoardTabs
            tab={tab}
            counts={counts}
            attention={attention}
            refundAlert={refundAlert}
            panelId={panelId}
            onSelect={selectTab}
          />
          <BoardToolbar
            query={query}
            onQuery={setQuery}
            day={day}
            today={today}
            onDayChange={changeDay}
            searchRef={searchRef}
          />
          {tab === 'preorder' && !searching && <PreOrderLead />}
          {day === today && <PreOrderReminder orders={onBoard} onOpen={openDetail} />}
        </div>
        {(searching || day !== today || error || filtered || keyNote) && (
          <div className="board-notes">
            {filtered && <StripFilterNote filter={filtered} count={shown.length} />}
            {searching && (
              <span className="board-note" role="status">
                {shown.length > 0
                  ? t('search.found', { count: shown.length })
                  : t('search.none', { query: query.trim() })}
              </span>
            )}
            {keyNote && (
              <span className="board-note" role="status">
                {keyNote}
              </span>
            )}
            {day !== today && <span className="board-note board-note-day">{t('day.viewing', { day })}</span>}
            {error && (
              <span className="board-note board-note-error" role="alert">
                {t('loadError', { message: error })}
              </span>
            )}
          </div>
        )}
        <OrderList
          orders={shown}
          resetKey={`${day}|${tab}|${searching ? query : ''}|${filtered ? `${filtered.kind}:${filtered.reason}` : ''}`}
          panelId={panelId}
          labelledBy={`board-tab-${tab}`}
          empty={
            loading
              ? t('loading')
              : searching
                ? t('search.none', { query: query.trim() })
                : tab === 'reminder'
                  ? tr('empty')
                  : t(`empty.${tab}`)
          }
          onOpenDetail={openDetail}
          locate={locate}
        />
        {detail && <OrderDetail order={detail} onClose={() => setDetailKey(null)} />}
        {dialog && dialogOrder && (
          <OrderDialog kind={dialog.kind} order={dialogOrder} onClose={() => setDialog(null)} />
        )}
      </section>
    </OrderDialogContext.Provider>
  );
}
