/**
 * The counter's sound preferences, kept in localStorage (they belong to this screen, not to
 * the shop's data). Pure: parse and clamp only, so a hand-edited or stale value can never
 * silence the ringer by accident — anything unreadable falls back to the loud defaults.
 * Mute is not a pref: it is timed and lives only in memory (mute.ts), so a restart rings.
 */
import { DEFAULT_ACCEPT_MINUTES } from '../../../shared/owed.js';

export interface SoundPrefs {
  /** 0–100. */
  volume: number;
  /** Seconds between repeats while something owed has not been seen, 3–30. */
  intervalSeconds: number;
  /** Seconds between repeats once staff pressed 我知道了 on everything owed, 3–60 (never silent). */
  seenIntervalSeconds: number;
  /** Minutes each platform gives to accept a new order (the card's countdown), 1–30. */
  acceptMinutes: { meituan: number; eleme: number };
  /** Speak a line (语音播报) once per new alert. */
  voice: boolean;
}

export const MIN_INTERVAL_SECONDS = 3;
export const MAX_INTERVAL_SECONDS = 30;
export const MAX_SEEN_INTERVAL_SECONDS = 60;
export const MIN_ACCEPT_MINUTES = 1;
export const MAX_ACCEPT_MINUTES = 30;

export const DEFAULT_PREFS: SoundPrefs = {
  volume: 80,
  intervalSeconds: 4,
  seenIntervalSeconds: 20,
  acceptMinutes: { ...DEFAULT_ACCEPT_MINUTES },
  voice: true,
};

export const PREFS_STORAGE_KEY = 'waimai-desk-sound';

function clampInt(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}

/** Whatever was stored (a JSON string, garbage or null) → valid prefs; unknown fields dropped. */
export function parsePrefs(stored: string | null): SoundPrefs {
  let raw: unknown;
  try {
    raw = stored === null ? null : JSON.parse(stored);
  } catch {
    raw = null;
  }
  return normalizePrefs(typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {});
}

/** Clamp a (possibly partial, possibly wrong) object into valid prefs. */
export function normalizePrefs(raw: Partial<Record<keyof SoundPrefs, unknown>>): SoundPrefs {
  const accept = (
    typeof raw.acceptMinutes === 'object' && raw.acceptMinutes !== null ? raw.acceptMinutes : {}
  ) as Record<string, unknown>;
  const minutes = (p: 'meituan' | 'eleme'): number =>
    clampInt(accept[p], MIN_ACCEPT_MINUTES, MAX_ACCEPT_MINUTES, DEFAULT_PREFS.acceptMinutes[p]);
  return {
    volume: clampInt(raw.volume, 0, 100, DEFAULT_PREFS.volume),
    intervalSeconds: clampInt(
      raw.intervalSeconds,
      MIN_INTERVAL_SECONDS,
      MAX_INTERVAL_SECONDS,
      DEFAULT_PREFS.intervalSeconds,
    ),
    seenIntervalSeconds: clampInt(
      raw.seenIntervalSeconds,
      MIN_INTERVAL_SECONDS,
      MAX_SEEN_INTERVAL_SECONDS,
      DEFAULT_PREFS.seenIntervalSeconds,
    ),
    acceptMinutes: { meituan: minutes('meituan'), eleme: minutes('eleme') },
    voice: typeof raw.voice === 'boolean' ? raw.voice : DEFAULT_PREFS.voice,
  };
}
