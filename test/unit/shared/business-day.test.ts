/**
 * The shop's business day, shared by the core and the renderer: the day of an instant is the
 * shop's calendar day (not UTC's, not this PC's), and day arithmetic crosses months and leap days.
 */
import { describe, expect, it } from 'vitest';
import { addDays, dayFormatter, dayIn } from '../../../shared/business-day.js';

describe('business day', () => {
  it('is the calendar day in the shop time zone', () => {
    // 16:30 UTC is already half past midnight the next day in Shanghai.
    expect(dayIn('Asia/Shanghai', '2026-12-01T16:30:00Z')).toBe('2026-12-02');
    expect(dayIn('Asia/Shanghai', Date.parse('2026-12-01T15:59:59Z'))).toBe('2026-12-01');
    expect(dayIn('UTC', new Date('2026-12-01T16:30:00Z'))).toBe('2026-12-01');
    expect(dayIn('America/Los_Angeles', '2026-12-01T07:00:00Z')).toBe('2026-11-30');
  });

  it('refuses an unknown time zone when the formatter is made', () => {
    expect(() => dayFormatter('Mars/Olympus_Mons')).toThrow(RangeError);
  });

  it('adds and subtracts calendar days across months, years and leap days', () => {
    expect(addDays('2026-12-01', -1)).toBe('2026-11-30');
    expect(addDays('2026-03-01', -2)).toBe('2026-02-27');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-12-02', 0)).toBe('2026-12-02');
  });
});
