import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { Order } from '../../../../shared/order.js';
import OrderCard from './OrderCard.js';

/**
 * The cards, virtualized: only what is on screen (plus a few) is in the DOM, so a day of 2,000
 * orders scrolls smoothly. Card heights vary (items, notes, flags) and are measured, not guessed.
 */
export default function OrderList(props: {
  orders: Order[];
  /** Changes when the list means something else (tab, search, day): scroll back to the top. */
  resetKey: string;
  panelId: string;
  labelledBy: string;
  empty: React.ReactNode;
  onOpenDetail: (key: string) => void;
}): React.JSX.Element {
  const { orders } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: orders.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 260,
    overscan: 4,
    gap: 12,
    paddingStart: 12,
    paddingEnd: 24,
    getItemKey: (index) => orders[index]?.key ?? index,
  });

  useEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [props.resetKey, virtualizer]);

  return (
    <div
      ref={scrollRef}
      className="order-list"
      id={props.panelId}
      role="tabpanel"
      aria-labelledby={props.labelledBy}
    >
      {orders.length === 0 ? (
        <div className="order-list-empty">{props.empty}</div>
      ) : (
        <div className="order-list-inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((row) => {
            const order = orders[row.index];
            if (!order) return null;
            return (
              <div
                key={row.key}
                ref={virtualizer.measureElement}
                data-index={row.index}
                className="order-row"
                style={{ transform: `translateY(${row.start}px)` }}
              >
                <OrderCard order={order} onOpenDetail={props.onOpenDetail} />
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
