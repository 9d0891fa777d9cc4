/**
 * Union's clock as a verified order callback shows it (README.md here, "Clock"): the time of
 * the change it reports (`modTime`, else `modtime`, `paytime`, `ordertime`, seconds). It may be
 * long before the callback was sent, so it can show a PC clock running slow, never one fast.
 */
import type { PlatformTime } from '../types.js';
import { isoFromEpoch } from '../common/epoch.js';
import type { UnionFields } from './sign.js';

export function unionPlatformTime(fields: UnionFields): PlatformTime | undefined {
  for (const name of ['modTime', 'modtime', 'paytime', 'ordertime']) {
    const iso = Object.hasOwn(fields, name) ? isoFromEpoch(fields[name]) : null;
    if (iso) return { ms: Date.parse(iso), sent: false };
  }
  return undefined;
}
