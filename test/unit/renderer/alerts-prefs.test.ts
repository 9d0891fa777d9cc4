import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFS, parsePrefs } from '../../../renderer/src/sound/prefs.js';

describe('sound prefs read back from storage', () => {
  it('keeps valid values', () => {
    expect(
      parsePrefs(
        JSON.stringify({
          volume: 35,
          intervalSeconds: 10,
          seenIntervalSeconds: 30,
          acceptMinutes: { meituan: 8, eleme: 6 },
          voice: false,
        }),
      ),
    ).toEqual({
      volume: 35,
      intervalSeconds: 10,
      seenIntervalSeconds: 30,
      acceptMinutes: { meituan: 8, eleme: 6 },
      voice: false,
    });
  });

  it('falls back to the loud defaults for nothing or garbage', () => {
    expect(parsePrefs(null)).toEqual(DEFAULT_PREFS);
    expect(parsePrefs('{not json')).toEqual(DEFAULT_PREFS);
    expect(parsePrefs('"a string"')).toEqual(DEFAULT_PREFS);
    expect(parsePrefs('null')).toEqual(DEFAULT_PREFS);
  });

  it('never reads a mute back: a restart rings (an old stored `muted: true` is dropped)', () => {
    expect(parsePrefs(JSON.stringify({ muted: true }))).toEqual(DEFAULT_PREFS);
  });

  it('keeps the seen repeat and the accept limits in range', () => {
    expect(
      parsePrefs(JSON.stringify({ seenIntervalSeconds: 999, acceptMinutes: { meituan: 0, eleme: 'x' } })),
    ).toMatchObject({
      seenIntervalSeconds: 60,
      acceptMinutes: { meituan: 1, eleme: DEFAULT_PREFS.acceptMinutes.eleme },
    });
  });

  it('clamps numbers into range and ignores wrong types field by field', () => {
    expect(parsePrefs(JSON.stringify({ volume: 250, intervalSeconds: 1 }))).toMatchObject({
      volume: 100,
      intervalSeconds: 3,
    });
    expect(parsePrefs(JSON.stringify({ volume: -5, intervalSeconds: 999 }))).toMatchObject({
      volume: 0,
      intervalSeconds: 30,
    });
    expect(
      parsePrefs(JSON.stringify({ muted: 'yes', volume: '50', voice: 1, intervalSeconds: 7.6 })),
    ).toEqual({
      ...DEFAULT_PREFS,
      intervalSeconds: 8,
    });
  });
});
