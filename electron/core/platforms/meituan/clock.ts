/**
 * Meituan's clock as a verified push shows it (README.md here, "Clock"): the signed `timestamp`
 * when the push carries one (the time Meituan sent it), else the order's `utime` (or `ctime`),
 * the time of the change it reports. The core compares it with the PC's clock.
 */
import type { PlatformTime } from '../types.js';
import { field, type Fields } from './interpret.js';
import { parseJsonObject } from './normalize.js';
import { isoFromEpoch } from '../common/epoch.js';
import { propAnyCase } from '../common/exact-json.js';

export function meituanPlatformTime(fields: Fields): PlatformTime | undefined {
  // Only a signed timestamp is Meituan's word: the unsigned binding callback's is anybody's.
  const sent = field(fields, 'sign') !== '' ? isoFromEpoch(field(fields, 'timestamp')) : null;
  if (sent) return { ms: Date.parse(sent), sent: true };
  const json = field(fields, 'order');
  if (json === '') return undefined;
  try {
    const order = parseJsonObject(json, 'order');
    const at = isoFromEpoch(propAnyCase(order, 'utime')) ?? isoFromEpoch(propAnyCase(order, 'ctime'));
    return at ? { ms: Date.parse(at), sent: false } : undefined;
  } catch {
    return undefined;
  }
}
