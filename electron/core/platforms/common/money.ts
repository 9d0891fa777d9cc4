/**
 * Money on the wire: platforms send yuan as decimal JSON numbers or text (25.5, "0.3"); the app
 * keeps integer cents. The conversion is string and BigInt arithmetic, never a float
 * (README.md here, "Money").
 */
import { text } from './exact-json.js';

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Decimal text scaled by 10^places to an integer, rounding half away from zero, using string and
 * BigInt arithmetic only: '25.5' → 2550 and '0.30000000000000004' → 30 with places = 2.
 * null when the text is not a decimal number or the result is not a safe integer.
 */
export function scaleDecimal(raw: string, places: number): number | null {
  const m = DECIMAL.exec(raw.trim());
  if (!m) return null;
  const sign = m[1] ?? '';
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? '';
  if (intPart === '' && fracPart === '') return null;
  const digits = intPart + fracPart;
  const point = intPart.length + places + Number(m[4] ?? '0');
  // Amounts are small; a huge exponent is garbage, not money.
  if (point - digits.length > 20) return null;
  const whole = point <= 0 ? '0' : digits.slice(0, point).padEnd(point, '0');
  const rest = point <= 0 ? '0'.repeat(-point) + digits : digits.slice(point);
  let n = BigInt(whole);
  if (rest !== '' && rest.charCodeAt(0) >= 53 /* '5' */) n += 1n;
  if (sign === '-') n = -n;
  const result = Number(n);
  return Number.isSafeInteger(result) ? result : null;
}

/** A yuan amount (JSON number like 25.5, or its text) to integer cents; null when absent/invalid. */
export function centsFromYuan(value: unknown): number | null {
  const t = text(value);
  return t.trim() === '' || typeof value === 'boolean' ? null : scaleDecimal(t, 2);
}
