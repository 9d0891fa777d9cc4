import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  countTabs,
  isBoardOrder,
  normalizeQuery,
  ordersOfTab,
  refundOpen,
  searchOrders,
  tabsNeedingAttention,
  type TabId,
} from '../../lib/board.js';
import { useOrders } from '../../state/use-desk.js';
import BoardTabs from './BoardTabs.js';
import BoardToolbar from './BoardToolbar.js';
import OrderDetail from './OrderDetail.js';
import OrderList from './OrderList.js';
import PreOrderReminder, { PreOrderLead } from './PreOrderReminder.js';
import { useCarriedPreOrders } from './use-carried-preorders.js';
import { OrderDialog, OrderDialogContext, type OrderDialogKind } from './order-dialogs.js';
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
  const shown = useMemo(
    () => (searching ? searchOrders(onBoard, query) : ordersOfTab(onBoard, tab)),
    [onBoard, searching, query, tab],
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

  const selectTab = (next: TabId): void => {
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
      <section className="board" data-testid="board">
        <div className="board-top">
          <BoardTabs
            tab={tab}
            counts={counts}
            attention={attention}
            refundAlert={refundAlert}
            panelId={panelId}
            onSelect={selectTab}
          />
          <BoardToolbar query={query} onQuery={setQuery} day={day} today={today} onDayChange={changeDay} />
          {tab === 'preorder' && !searching && <PreOrderLead />}
          {day === today && <PreOrderReminder orders={onBoard} onOpen={openDetail} />}
        </div>
        {(searching || day !== today || error) && (
          <div className="board-notes">
            {searching && (
              <span className="board-note" role="status">
                {shown.length > 0
                  ? t('search.found', { count: shown.length })
                  : t('search.none', { query: query.trim() })}
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
          resetKey={`${day}|${tab}|${searching ? query : ''}`}
          panelId={panelId}
          labelledBy={`board-tab-${tab}`}
          empty={
            loading ? t('loading') : searching ? t('search.none', { query: query.trim() }) : t(`empty.${tab}`)
          }
          onOpenDetail={openDetail}
        />
        {detail && <OrderDetail order={detail} onClose={() => setDetailKey(null)} />}
        {dialog && dialogOrder && (
          <OrderDialog kind={dialog.kind} order={dialogOrder} onClose={() => setDialog(null)} />
        )}
      </section>
    </OrderDialogContext.Provider>
  );
}
