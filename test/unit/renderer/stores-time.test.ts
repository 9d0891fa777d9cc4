import { describe, expect, it } from 'vitest';
import { parseDelay, shortDateTime, timeAgo } from '../../../renderer/src/components/stores/time.js';

describe('status bar and stores page time words', () => {
  const at = '2026-11-25T06:00:00.000Z';
  const t0 = Date.parse(at);

  it('says how long ago in the largest whole unit', () => {
    expect(timeAgo(at, t0 + 3_000)).toEqual({ unit: 'now', count: 0 });
    expect(timeAgo(at, t0 + 42_000)).toEqual({ unit: 'seconds', count: 42 });
    expect(timeAgo(at, t0 + 150_000)).toEqual({ unit: 'minutes', count: 2 });
    expect(timeAgo(at, t0 + 3 * 3600_000)).toEqual({ unit: 'hours', count: 3 });
    expect(timeAgo(at, t0 + 2 * 86400_000)).toEqual({ unit: 'days', count: 2 });
    // A callback stamped a moment "in the future" (clock skew) is just now.
    expect(timeAgo(at, t0 - 5_000)).toEqual({ unit: 'now', count: 0 });
  });

  it("writes bind times in the shop's time zone", () => {
    expect(shortDateTime(at, 'Asia/Shanghai')).toBe('2026-11-25 14:00');
    expect(shortDateTime('garbage', 'Asia/Shanghai')).toBe('');
  });

  it('accepts auto-accept delays of 0–600 whole seconds only', () => {
    expect(parseDelay('0')).toBe(0);
    expect(parseDelay(' 600 ')).toBe(600);
    expect(parseDelay('601')).toBeNull();
    expect(parseDelay('-1')).toBeNull();
    expect(parseDelay('2.5')).toBeNull();
    expect(parseDelay('')).toBeNull();
  });
});
