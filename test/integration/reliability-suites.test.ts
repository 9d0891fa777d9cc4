/**
 * Short runs of the reliability suites (`npm run fuzz`, `npm run crash` run the long ones):
 * generated bad requests change nothing and are answered in dialect; SIGKILLs under mixed
 * bursts, one during a fold, lose and double nothing that was acknowledged.
 */
import { describe, expect, it } from 'vitest';
import { runCrash } from '../reliability/crash.js';
import { runFuzz } from '../reliability/fuzz.js';

describe('reliability suites, short runs', () => {
  it('fuzz: 1,000 bad requests across every route — all answered in dialect, nothing stored, memory bounded', async () => {
    const s = await runFuzz({ count: 1000, seed: 20261202 });
    expect(s.violations).toEqual([]);
    expect(s.requests).toBe(1000);
    expect(Object.keys(s.byKind).length).toBeGreaterThanOrEqual(12);
    expect(s.ordersAfter).toBe(s.ordersBefore);
  }, 120_000);

  it('crash: 3 SIGKILL rounds (mid-burst, during a fold, after a burst) — nothing acknowledged lost or doubled, every file parses', async () => {
    const s = await runCrash({ rounds: 3, seed: 9, bigDay: 500, burst: 100 });
    expect(s.violations).toEqual([]);
    expect(s.rounds.map((r) => r.kill).sort()).toEqual(['after-burst', 'during-fold', 'mid-burst']);
    expect(s.acknowledged).toBeGreaterThan(100);
  }, 240_000);
});
