/**
 * A place for the alert strip inside the app header, right after the page tabs. App lays its
 * children out as a fixed grid of rows, so an extra block there would take the main area's
 * row, and a floating bar would cover the board's tabs — exactly what staff need while it
 * rings. The header's free middle covers nothing. null where there is no header (tests):
 * the strip then renders in place.
 */
import { useEffect, useState } from 'react';

export function useHeaderSlot(): HTMLElement | null {
  const [slot, setSlot] = useState<HTMLElement | null>(null);
  useEffect(() => {
    const header = document.querySelector('.app-header');
    if (!header) return;
    const el = document.createElement('div');
    el.className = 'alert-slot';
    const nav = header.querySelector('.app-nav');
    header.insertBefore(el, nav ? nav.nextSibling : null);
    setSlot(el);
    return () => el.remove();
  }, []);
  return slot;
}
