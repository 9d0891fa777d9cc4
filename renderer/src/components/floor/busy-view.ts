/** What the status bar says about 忙碌, worked out from the status. Pure, so it is unit-tested. */
import type { BusyView } from '../../../../shared/shop-floor.js';
import type { StoreWarning } from '../../../../shared/store.js';

/** The time left until `until` as `m:ss` (or `h:mm:ss`), never below 0:00; null when it has no end. */
export function busyLeft(until: string | null, now: number): string | null {
  if (until === null) return null;
  const s = Math.max(0, Math.ceil((Date.parse(until) - now) / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** How many of 忙碌's stores rest now, and how many could not be rested (with what went wrong). */
export function busyStores(busy: BusyView): { resting: number; failed: number; errors: string[] } {
  const errors = busy.stores.filter((s) => s.error !== '').map((s) => `${s.storeName}：${s.error}`);
  return { resting: busy.stores.filter((s) => s.state === 'resting').length, failed: errors.length, errors };
}

/**
 * The store warnings to show beside the 忙碌 pill: a store resting because of 忙碌 is said once by
 * the pill (「2 个门店休息中」), not once more per store and platform.
 */
export function warningsBesideBusy(warnings: readonly StoreWarning[], busy: BusyView | null | undefined): StoreWarning[] {
  if (!busy) return [...warnings];
  const rested = new Set(busy.stores.filter((s) => s.state === 'resting').map((s) => `${s.platform}:${s.storeId}`));
  return warnings.filter((w) => !(w.kind === 'resting' && rested.has(`${w.platform}:${w.storeId}`)));
}
