/**
 * One shared clock for every card's "3 分钟前" and waiting colour: a single interval, started
 * by the first subscriber and stopped by the last, instead of a timer per card (2,000 cards).
 */
import { useSyncExternalStore } from 'react';

const TICK_MS = 20_000;

const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      listeners.forEach((l) => l());
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const snapshot = (): number => now;

/** Milliseconds since the epoch, refreshed every 20 s for all subscribers at once. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
