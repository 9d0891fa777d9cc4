/**
 * The board's keyboard: F2 accepts the oldest new order, F3 (or /) focuses search, F4 is
 * 我知道了 on the first card that asks for attention. Function keys work with a Chinese input
 * method switched on; nothing fires while typing in a field or while a dialog is open.
 */
import { useEffect, useRef } from 'react';

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
