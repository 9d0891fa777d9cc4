/**
 * Nothing moves under the pointer after an action. While the pointer is over the list, an order
 * that leaves it (accepted, moved to another tab) leaves a placeholder in its place, and a card
 * that would fold to one line (acknowledged, finished) stays a card. The list settles shortly
 * after the pointer leaves, or after a longer while if it never does.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Order } from '../../../../shared/order.js';

export type EntryForm = 'card' | 'line';

export interface ListEntry {
  order: Order;
  form: EntryForm;
  /** No longer in the list: a placeholder keeps its place until the list settles. */
  gone: boolean;
  /** Kept as it was (a placeholder, or a card not yet folded) until the list settles. */
  held: boolean;
}

/** How long the list stays put after the pointer leaves it. */
const SETTLE_AFTER_LEAVE_MS = 700;
/** The longest a placeholder stays while the pointer rests on the list. */
const MAX_HOLD_MS = 12_000;

export function useSteadyList(
  orders: readonly Order[],
  resetKey: string,
  formOf: (order: Order) => EntryForm,
): {
  entries: ListEntry[];
  onPointerEnter: () => void;
  onPointerLeave: () => void;
  onPointerMove: () => void;
} {
  const prev = useRef<{ entries: ListEntry[]; resetKey: string }>({ entries: [], resetKey });
  const inside = useRef(false);
  const [settled, setSettled] = useState(0);

  const entries = useMemo(() => {
    const want: ListEntry[] = orders.map((order) => ({
      order,
      form: formOf(order),
      gone: false,
      held: false,
    }));
    const last = prev.current;
    let next = want;
    if (inside.current && last.resetKey === resetKey && last.entries.length > 0) {
      const before = new Map(last.entries.map((e) => [e.order.key, e]));
      next = want.map((e) => {
        const was = before.get(e.order.key);
        return was?.form === 'card' && e.form === 'line' ? { ...e, form: 'card', held: true } : e;
      });
      const present = new Set(want.map((e) => e.order.key));
      last.entries.forEach((e, index) => {
        if (!present.has(e.order.key))
          next.splice(Math.min(index, next.length), 0, { ...e, gone: true, held: true });
      });
    }
    prev.current = { entries: next, resetKey };
    return next;
    // `settled` recomputes the list without holds once the pointer has left.
  }, [orders, resetKey, formOf, settled]);

  const holding = entries.some((e) => e.held);
  const leaveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const settle = useCallback(() => {
    inside.current = false;
    setSettled((n) => n + 1);
  }, []);

  useEffect(() => {
    if (!holding) return;
    const timer = setTimeout(settle, MAX_HOLD_MS);
    return () => clearTimeout(timer);
  }, [holding, settle]);
  useEffect(
    () => () => {
      if (leaveTimer.current) clearTimeout(leaveTimer.current);
    },
    [],
  );

  const onPointerEnter = useCallback(() => {
    if (leaveTimer.current) clearTimeout(leaveTimer.current);
    leaveTimer.current = null;
    inside.current = true;
  }, []);
  const onPointerLeave = useCallback(() => {
    if (leaveTimer.current) clearTimeout(leaveTimer.current);
    leaveTimer.current = setTimeout(() => {
      leaveTimer.current = null;
      settle();
    }, SETTLE_AFTER_LEAVE_MS);
  }, [settle]);

  // A pointer resting on the list after a long hold counts as inside again once it moves.
  const onPointerMove = onPointerEnter;
  return { entries, onPointerEnter, onPointerLeave, onPointerMove };
}
