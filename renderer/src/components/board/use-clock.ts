/**
 * Shared clocks for the cards: one interval per tick length, started by the first subscriber
 * and stopped by the last, instead of a timer per card (2,000 cards).
 */
import { useSyncExternalStore } from 'react';

/** A hook giving milliseconds since the epoch, refreshed every `tickMs` for all its users at once. */
export function sharedClock(tickMs: number): () => number {
  const listeners = new Set<() => void>();
  let now = Date.now();
  let timer: ReturnType<typeof setInterval> | null = null;
  const subscribe = (listener: () => void): (() => void) => {
    listeners.add(listener);
    if (timer === null) {
      now = Date.now();
      timer = setInterval(() => {
        now = Date.now();
        listeners.forEach((l) => l());
      }, tickMs);
    }
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && timer !== null) {
        clearInterval(timer);
        timer = null;
      }
    };
  };
  const snapshot = (): number => now;
  return () => useSyncExternalStore(subscribe, snapshot, snapshot);
}

/** For "3 分钟前" and the waiting colours: every 20 s. */
export const useNow = sharedClock(20_000);
