/**
 * Mute that cannot surprise: always for a time (15 min, 30 min, to the end of the rush), kept
 * in memory only — a restart or reload rings again — and over when the business day turns.
 * While it is on the header shows it; owed cards still flash.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { dateFormat } from '../lib/format.js';

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

/** Wall-clock parts of `ms` in `timeZone` (the shop's zone, not this PC's). */
function wallClock(ms: number, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const parts = dateFormat(
    'en-US',
    {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    },
    'wall-clock',
  ).formatToParts(ms);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { y: get('year'), mo: get('month'), d: get('day'), h: get('hour') % 24, mi: get('minute'), s: get('second') };
}

/** Offset of `timeZone` from UTC at `ms`, in ms (Asia/Shanghai: +8 h). */
function zoneOffset(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - (ms - (ms % 1000 + 1000) % 1000);
}

/** Epoch ms of wall-clock time h:m on the shop's calendar day of `ms` (plus `addDays`), in `timeZone`. */
export function zonedTime(ms: number, timeZone: string, h: number, m: number, addDays = 0): number {
  const w = wallClock(ms, timeZone);
  const guess = Date.UTC(w.y, w.mo - 1, w.d + addDays, h, m);
  const first = guess - zoneOffset(guess, timeZone);
  // Across a daylight-saving change the offset at the answer may differ from the guess's.
  return guess - zoneOffset(first, timeZone);
}

/** "HH:MM" of `ms` on the shop's clock. */
export function shopClock(ms: number, timeZone: string): string {
  const w = wallClock(ms, timeZone);
  return `${String(w.h).padStart(2, '0')}:${String(w.mi).padStart(2, '0')}`;
}

/**
 * End of the rush a mute may run to: 14:00 at lunch, 20:30 at dinner, on the shop's clock
 * (`timeZone`, the desk's configured zone, not this PC's), else none.
 */
export function rushEnd(now: number, timeZone: string): number | null {
  for (const [h, m] of [
    [14, 0],
    [20, 30],
  ] as const) {
    const end = zonedTime(now, timeZone, h, m);
    if (end > now) return end;
  }
  return null;
}

/** When the shop's next business day starts (its midnight): no mute outlives it. */
export function nextDayStart(now: number, timeZone: string): number {
  return zonedTime(now, timeZone, 0, 0, 1);
}

/** A mute until `until`, cut at the start of the shop's next business day. */
export function muteUntil(until: number, now: number, timeZone: string): number {
  return Math.min(until, nextDayStart(now, timeZone));
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
