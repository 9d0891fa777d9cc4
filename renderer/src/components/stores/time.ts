/** Small time words for the stores page and status bar. Pure, so they are unit-tested. */

export type AgoUnit = 'now' | 'seconds' | 'minutes' | 'hours' | 'days';

/** How long ago `iso` was at `now`, in the largest whole unit (under 10 s is "now"). */
export function timeAgo(iso: string, now: number): { unit: AgoUnit; count: number } {
  const s = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  if (!Number.isFinite(s) || s < 10) return { unit: 'now', count: 0 };
  if (s < 60) return { unit: 'seconds', count: s };
  if (s < 3600) return { unit: 'minutes', count: Math.floor(s / 60) };
  if (s < 86400) return { unit: 'hours', count: Math.floor(s / 3600) };
  return { unit: 'days', count: Math.floor(s / 86400) };
}

/** `2025-11-25 14:03` in the shop's time zone (what the rest of the shop's papers say). */
export function shortDateTime(iso: string, timeZone: string | undefined): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** Delay seconds as typed → a whole number 0–600, or null when it is not one. */
export function parseDelay(text: string): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const n = Number(text);
  return n >= 0 && n <= 600 ? n : null;
}
