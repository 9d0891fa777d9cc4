/**
 * "Show me that order": a notification was clicked. In Electron the shell sends `focus-order`
 * through the event stream; in a browser the page's own notification raises it here. One hook
 * hears both, so the board behaves the same in either home.
 */
import { useEffect } from 'react';
import { useDesk } from './use-desk.js';

const local = new Set<(key: string) => void>();

/** Raise a focus request from inside the page (browser notifications). */
export function requestFocus(key: string): void {
  local.forEach((l) => l(key));
}

export function useFocusRequests(onFocus: (key: string) => void): void {
  const desk = useDesk();
  useEffect(() => {
    local.add(onFocus);
    const unsubscribe = desk.subscribe((name, payload) => {
      if (name === 'focus-order') onFocus((payload as { key: string }).key);
    });
    return () => {
      local.delete(onFocus);
      unsubscribe();
    };
  }, [desk, onFocus]);
}
