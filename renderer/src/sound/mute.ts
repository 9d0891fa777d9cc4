/**
 * Mute that cannot surprise: always for a time (15 min, 30 min, to the end of the rush), kept
 * in memory only — a restart or reload rings again — and over when the business day turns.
 * While it is on the header shows it; owed cards still flash.
 */
import { useEffect, useSyncExternalStore } from 'react';

export interface Mute {
  /** epoch ms when sound comes back */
  until: number;
  /** business day it was set on: another day unmutes */
  day: string;
}

let current: Mute | null = null;
const listeners = new Set<() => void>();
const emit = (): void => listeners.forEach((l) => l());

export function muteFor(until: number, day: string): void {
  current = { until, day };
  emit();
}

export function unmute(): void {
  if (current === null) return;
  current = null;
  emit();
}

/** Whether sound is off at `now` on business day `today`. */
export function isMuted(mute: Mute | null, now: number, today: string): boolean {
  return mute !== null && mute.day === today && now < mute.until;
}

/** End of the rush a mute may run to: 14:00 at lunch, 20:30 at dinner (local clock), else none. */
export function rushEnd(now: number): number | null {
  for (const [h, m] of [
    [14, 0],
    [20, 30],
  ] as const) {
    const end = new Date(now);
    end.setHours(h, m, 0, 0);
    if (end.getTime() > now) return end.getTime();
  }
  return null;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The live mute, cleared by itself when it runs out or the day changes. */
export function useMute(today: string): Mute | null {
  const mute = useSyncExternalStore(subscribe, () => current);
  useEffect(() => {
    if (!mute) return;
    if (mute.day !== today) return unmute();
    const timer = setTimeout(unmute, Math.max(0, mute.until - Date.now()));
    return () => clearTimeout(timer);
  }, [mute, today]);
  return mute && mute.day === today ? mute : null;
}
