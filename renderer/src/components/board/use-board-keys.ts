/**
 * The board's keyboard: F2 accepts the oldest new order, F3 (or /) focuses search, F4 is
 * 我知道了 on the first card that asks for attention. Function keys work with a Chinese input
 * method switched on; nothing fires while typing in a field or while a dialog is open.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { Order } from '../../../../shared/order.js';
import { useDesk } from '../../state/use-desk.js';

export const BOARD_KEYS = { accept: 'F2', search: 'F3', acknowledge: 'F4' } as const;

export interface BoardKeyActions {
  accept: () => void;
  search: () => void;
  acknowledge: () => void;
}

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable || target.closest('input, textarea, select, [contenteditable="true"]') !== null
  );
}

export function useBoardKeys(actions: BoardKeyActions): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.repeat || e.ctrlKey || e.altKey || e.metaKey) return;
      if (document.querySelector('[role="dialog"]')) return;
      const key = e.key;
      if (key === BOARD_KEYS.search || (key === '/' && !typing(e.target))) {
        e.preventDefault();
        latest.current.search();
        return;
      }
      if (typing(e.target)) return;
      if (key === BOARD_KEYS.accept) {
        e.preventDefault();
        latest.current.accept();
      } else if (key === BOARD_KEYS.acknowledge) {
        e.preventDefault();
        latest.current.acknowledge();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/**
 * 我知道了 from the keyboard: on the first order asking for attention in `lists` (first list
 * first) that is not already on its way — a quick second F4 takes the next order, not the same
 * one again before its change has come back from the desk.
 */
export function useAcknowledgeNext(): (lists: readonly (readonly Order[])[]) => void {
  const { api } = useDesk();
  const pending = useRef(new Set<string>());
  return useCallback(
    (lists) => {
      const asking = lists.flat().filter((o) => o.attention !== null);
      const idOf = (o: Order): string => `${o.key}@${o.attention?.reason ?? ''}@${o.attention?.since ?? ''}`;
      // Forget what has come back acknowledged (or failed and was asked again later).
      const live = new Set(asking.map(idOf));
      for (const id of pending.current) if (!live.has(id)) pending.current.delete(id);
      const next = asking.find((o) => !pending.current.has(idOf(o)));
      if (!next) return;
      const id = idOf(next);
      pending.current.add(id);
      api.acknowledge(next.key).catch(() => pending.current.delete(id));
    },
    [api],
  );
}
