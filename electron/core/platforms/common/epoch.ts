/** Platform timestamps (Unix seconds or milliseconds, as JSON numbers or text) to ISO text. */
import { numberOf } from './exact-json.js';

/**
 * Unix seconds to ISO. Values above 1e11 are taken as milliseconds (1e11 s is the year 5138,
 * 1e11 ms is 1973): binding callbacks use ms, order pushes seconds. null when absent, 0 or invalid.
 */
export function isoFromEpoch(value: unknown): string | null {
  const n = numberOf(value);
  if (n === null || n <= 0) return null;
  const ms = n > 1e11 ? n : n * 1000;
  const d = new Date(Math.round(ms));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
