/**
 * Eleme's waybill pushes (51–76) as where the rider is, in staff's words (README.md here,
 * "Rider status"). The platform's own words for each type stay in push-codes.ts.
 */
import type { RiderStage } from '../../../../shared/shop-floor.js';

/** null: not a rider step (the shop delivers it itself: 71). */
export function elemeRiderStage(type: number): RiderStage | null {
  if (type === 51 || type === 52) return 'sent';
  if (type === 53) return 'assigned';
  if (type === 54) return 'arrived';
  if (type === 55) return 'picked-up';
  if (type === 56) return 'delivered';
  // Cancelled by the shop, the customer or the logistics system; the platform stopped delivering it (72).
  if ((type >= 57 && type <= 59) || type === 72) return 'cancelled';
  // Failed (60–70) or refused by the logistics side (73–76): someone must act.
  if ((type >= 60 && type <= 70) || (type >= 73 && type <= 76)) return 'exception';
  return null;
}
