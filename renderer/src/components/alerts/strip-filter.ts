/**
 * "Show me those": a click on a count in the alert strip asks the board to show exactly the
 * orders behind that count (the same predicate that counted them), until staff pick a tab.
 */
import { useSyncExternalStore } from 'react';
import type { GroupKind } from '../../sound/ring-schedule.js';

export interface StripFilter {
  kind: GroupKind;
  reason: string;
}

let current: StripFilter | null = null;
const listeners = new Set<() => void>();

export function showGroup(filter: StripFilter | null): void {
  current = filter;
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useStripFilter(): StripFilter | null {
  return useSyncExternalStore(subscribe, () => current);
}
