/**
 * The window's shared feeds (a day's print jobs, the earlier days' open pre-orders, the printer
 * setup): one per desk and key however many components read it, following the desk only while
 * somebody does.
 */
import type { DeskClient } from '../api/desk-client.js';

/** The feed for this desk and key, made on first use and kept for the desk's life. */
export function feedFor<F>(cache: WeakMap<DeskClient, Map<string, F>>, desk: DeskClient, key: string, create: () => F): F {
  let byKey = cache.get(desk);
  if (!byKey) cache.set(desk, (byKey = new Map()));
  let feed = byKey.get(key);
  if (!feed) byKey.set(key, (feed = create()));
  return feed;
}

/**
 * A `subscribe` for a feed that follows the desk only while it has readers: the first reader
 * calls `start` (which begins following and returns how to stop); when the last one leaves it
 * stops, and the next reader starts afresh.
 */
export function whileRead(listeners: Set<() => void>, start: () => () => void): (listener: () => void) => () => void {
  let stop: (() => void) | null = null;
  return (listener) => {
    listeners.add(listener);
    stop ??= start();
    return () => {
      listeners.delete(listener);
      if (listeners.size > 0 || !stop) return;
      stop();
      stop = null;
    };
  };
}
