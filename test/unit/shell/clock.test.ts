/** The ring clock beats while the app runs and stops when disposed. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RING_CLOCK_MS, setupRingClock } from '../../../electron/main/clock.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('ring clock', () => {
  it('sends a clock beat to the window every couple of seconds, and nothing after dispose', () => {
    vi.useFakeTimers();
    const beats: string[] = [];
    const dispose = setupRingClock({ send: (name, payload) => beats.push(`${name}@${payload.at}`) });
    vi.advanceTimersByTime(RING_CLOCK_MS * 3);
    expect(beats).toHaveLength(3);
    expect(beats.every((b) => b.startsWith('clock@'))).toBe(true);
    dispose();
    vi.advanceTimersByTime(RING_CLOCK_MS * 3);
    expect(beats).toHaveLength(3);
  });
});
