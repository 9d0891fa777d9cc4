/**
 * The counter's sound preferences, kept in localStorage (they belong to this screen, not to
 * the shop's data). Pure: parse and clamp only, so a hand-edited or stale value can never
 * silence the ringer by accident — anything unreadable falls back to the loud defaults.
 */

export interface SoundPrefs {
  muted: boolean;
  /** 0–100. */
  volume: number;
  /** Seconds between repeats while something needs attention, 3–30. */
  intervalSeconds: number;
  /** Speak a line (语音播报) once per new alert. */
  voice: boolean;
}

export const MIN_INTERVAL_SECONDS = 3;
export const MAX_INTERVAL_SECONDS = 30;

export const DEFAULT_PREFS: SoundPrefs = { muted: false, volume: 80, intervalSeconds: 4, voice: true };

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
  return {
    muted: typeof raw.muted === 'boolean' ? raw.muted : DEFAULT_PREFS.muted,
    volume: clampInt(raw.volume, 0, 100, DEFAULT_PREFS.volume),
    intervalSeconds: clampInt(
      raw.intervalSeconds,
      MIN_INTERVAL_SECONDS,
      MAX_INTERVAL_SECONDS,
      DEFAULT_PREFS.intervalSeconds,
    ),
    voice: typeof raw.voice === 'boolean' ? raw.voice : DEFAULT_PREFS.voice,
  };
}
