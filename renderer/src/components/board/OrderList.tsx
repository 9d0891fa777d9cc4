import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../../shared/order.js';
import { isFinishedOrder, type TabId } from '../../lib/board.js';
import { langOf, pickupLabel } from '../../lib/format.js';
import OrderCard from './OrderCard.js';
import OrderLine from './OrderLine.js';
import { useSteadyList, type EntryForm, type ListEntry } from './use-steady-list.js';

/** The narrowest a card gets before the grid drops a column. */
const CARD_MIN_WIDTH = 290;
const GAP = 10;
const PAD = 12;
/**
 * About how much of the window is above the list (header, tabs, toolbar). Only a first guess of
 * the list's height: with none, the first render would show just the top row or two, then
 * render and lay out the cards again once the list has been measured.
 */
const ABOVE_LIST = 190;
/** How long the first screen of cards has the page to itself before the row below is added. */
const FIRST_SCREEN_MS = 300;

/** Finished orders fold to one line; one that still asks for attention stays a card. */
const formOf = (order: Order): EntryForm => (isFinishedOrder(order) && !order.attention ? 'line' : 'card');

type Row =
  { key: string; kind: 'cards'; entries: ListEntry[] } | { key: string; kind: 'line'; entry: ListEntry };

/**
 * The cards as a grid, virtualized by rows: only the rows on screen (plus a few) are in the DOM,
 * so a day of 2,000 orders scrolls smoothly. As many columns as fit; card heights vary and each
 * row is measured, not guessed. Finished orders are one line each, opened in place.
 */
export default function OrderList(props: {
  orders: Order[];
  /** Changes when the list means something else (tab, search, day): scroll back to the top. */
  resetKey: string;
  panelId: string;
  labelledBy: string;
  empty: React.ReactNode;
  onOpenDetail: (key: string) => void;
  /** Where an order went when it left this list (for its placeholder). */
  locate: (key: string) => TabId | null;
}): React.JSX.Element {
  const scrollRef = useRef<HTMLDivElement>(null);
  const width = useWidth(scrollRef);
  const cols = Math.max(1, Math.floor((width - 2 * PAD + GAP) / (CARD_MIN_WIDTH + GAP)));
  const steady = useSteadyList(props.orders, props.resetKey, formOf);
  const rows = useMemo(() => toRows(steady.entries, cols), [steady.entries, cols]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback(
    (key: string) =>
      setExpanded((s) => {
        const next = new Set(s);
        if (!next.delete(key)) next.add(key);
        return next;
      }),
    [],
  );

  // The first cards on screen come first: the row below them is added a moment later, once the
  // page is idle, not in the moments the counter is first looked at (scrolling meanwhile still
  // renders whatever comes into view).
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (painted || steady.entries.length === 0) return;
    let cancelIdle = (): void => undefined;
    const timer = setTimeout(() => (cancelIdle = whenIdle(() => setPainted(true))), FIRST_SCREEN_MS);
    return () => {
      clearTimeout(timer);
      cancelIdle();
    };
  }, [painted, steady.entries.length]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    // A little over a typical card: an under-guess mounts rows that are then measured off screen.
    estimateSize: (i) => (rows[i]?.kind === 'line' ? 44 : 380),
    overscan: painted ? 1 : 0,
    gap: GAP,
    paddingStart: PAD,
    paddingEnd: 24,
    getItemKey: (index) => rows[index]?.key ?? index,
    initialRect: initialRect(),
    // Off while the list shows only its empty or loading line: that line's height is no guide
    // to the list's, and the first cards would be placed by it (then rendered again).
    enabled: steady.entries.length > 0,
  });

  // Another column count regroups the cards into rows of other heights: measure them afresh,
  // or rows keep the old heights (and positions) until something else re-renders the list.
  // Not on mount: nothing has been measured yet, and it would only render the list twice.
  const measuredCols = useRef(cols);
  useLayoutEffect(() => {
    if (measuredCols.current === cols) return;
    measuredCols.current = cols;
    virtualizer.measure();
  }, [cols, virtualizer]);

  useEffect(() => {
    virtualizer.scrollToOffset(0);
    setExpanded(new Set());
  }, [props.resetKey, virtualizer]);

  return (
    <div
      ref={scrollRef}
      className="order-list"
      id={props.panelId}
      role="tabpanel"
      aria-labelledby={props.labelledBy}
      data-columns={cols}
      onPointerEnter={steady.onPointerEnter}
      onPointerLeave={steady.onPointerLeave}
      onPointerMove={steady.onPointerMove}
    >
      {steady.entries.length === 0 ? (
        <div className="order-list-empty">{props.empty}</div>
      ) : (
        <div className="order-list-inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((vrow) => {
            const row = rows[vrow.index];
            if (!row) return null;
            return (
              <div
                key={vrow.key}
                ref={virtualizer.measureElement}
                data-index={vrow.index}
                className={row.kind === 'cards' ? 'order-row order-row-cards' : 'order-row'}
                style={{
                  transform: `translateY(${vrow.start}px)`,
                  gridTemplateColumns: row.kind === 'cards' ? `repeat(${cols}, minmax(0, 1fr))` : undefined,
                }}
              >
                {row.kind === 'cards' ? (
                  row.entries.map((e) =>
                    e.gone ? (
                      <Placeholder key={e.order.key} order={e.order} to={props.locate(e.order.key)} />
                    ) : (
                      <OrderCard key={e.order.key} order={e.order} onOpenDetail={props.onOpenDetail} />
                    ),
                  )
                ) : row.entry.gone ? (
                  <Placeholder order={row.entry.order} to={props.locate(row.entry.order.key)} line />
                ) : (
                  <OrderLine
                    order={row.entry.order}
                    expanded={expanded.has(row.entry.order.key)}
                    onToggle={toggle}
                    onOpenDetail={props.onOpenDetail}
                  />
                )}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}

function toRows(entries: readonly ListEntry[], cols: number): Row[] {
  const rows: Row[] = [];
  let pending: ListEntry[] = [];
  const flush = (): void => {
    if (pending.length > 0) rows.push({ key: `c:${pending[0]!.order.key}`, kind: 'cards', entries: pending });
    pending = [];
  };
  for (const e of entries) {
    if (e.form === 'line') {
      flush();
      rows.push({ key: `l:${e.order.key}`, kind: 'line', entry: e });
    } else {
      pending.push(e);
      if (pending.length === cols) flush();
    }
  }
  flush();
  return rows;
}

/** Where a card was, until the list settles: says where the order went. */
function Placeholder(props: { order: Order; to: TabId | null; line?: boolean }): React.JSX.Element {
  const { t, i18n } = useTranslation('board');
  const seq = pickupLabel(props.order.platform, props.order.daySeq, langOf(i18n.language));
  return (
    <div
      className={props.line ? 'order-gone order-gone-line' : 'order-gone'}
      data-testid="order-gone"
      data-gone-key={props.order.key}
    >
      {props.to ? t('rush.gone', { seq, tab: t(`tabs.${props.to}`) }) : t('rush.goneElsewhere', { seq })}
    </div>
  );
}

/** Run `fn` when the page is next idle (within `timeout` ms); returns the cancel function. */
function whenIdle(fn: () => void, timeout = 500): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(fn, { timeout });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(fn, 50);
  return () => clearTimeout(id);
}

/** The list's size before it is on screen: the window less what is above the list. */
function initialRect(): { width: number; height: number } {
  if (typeof window === 'undefined') return { width: 1024, height: 600 };
  return { width: window.innerWidth, height: Math.max(200, window.innerHeight - ABOVE_LIST) };
}

/** The list's inner width, followed as the window is resized. */
function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(() => (typeof window === 'undefined' ? 1024 : window.innerWidth));
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = (): void => setWidth(el.clientWidth);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
