// @vitest-environment happy-dom
/**
 * The timed mute follows the shop's clock, not this PC's: a counter PC set to New York time
 * serving a shop in Shanghai still mutes "to the end of the rush" until 14:00 / 20:30 Shanghai
 * time, and no mute outlives the shop's midnight (the next business day).
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import MuteControl from '../../../renderer/src/components/alerts/MuteControl.js';
import '../../../renderer/src/i18n/index.js';
import { muteUntil, nextDayStart, rushEnd, shopClock, unmute, useMute } from '../../../renderer/src/sound/mute.js';

const SHANGHAI = 'Asia/Shanghai';
const at = (iso: string): number => Date.parse(iso);

// This PC's own zone: New York (Node applies a changed TZ at once).
beforeAll(() => void vi.stubEnv('TZ', 'America/New_York'));
afterAll(() => void vi.unstubAllEnvs());

afterEach(() => {
  cleanup();
  unmute();
  vi.useRealTimers();
});

describe('mute times on the shop clock', () => {
  it('runs on a PC whose own zone is not the shop zone', () => {
    expect(new Date(at('2026-11-25T03:00:00Z')).getHours()).toBe(22); // 22:00 the day before in New York
  });

  it('ends the lunch rush at 14:00 and the dinner rush at 20:30 shop time', () => {
    // 11:00 in Shanghai (22:00 the evening before in New York).
    expect(rushEnd(at('2026-11-25T03:00:00Z'), SHANGHAI)).toBe(at('2026-11-25T06:00:00Z'));
    // 18:00 in Shanghai.
    expect(rushEnd(at('2026-11-25T10:00:00Z'), SHANGHAI)).toBe(at('2026-11-25T12:30:00Z'));
    // 21:00 in Shanghai: no rush left today.
    expect(rushEnd(at('2026-11-25T13:00:00Z'), SHANGHAI)).toBeNull();
  });

  it('never lets a mute run past the shop midnight', () => {
    const now = at('2026-11-25T15:30:00Z'); // 23:30 in Shanghai, 10:30 in New York
    expect(nextDayStart(now, SHANGHAI)).toBe(at('2026-11-25T16:00:00Z'));
    expect(muteUntil(now + 45 * 60_000, now, SHANGHAI)).toBe(at('2026-11-25T16:00:00Z'));
    expect(muteUntil(now + 15 * 60_000, now, SHANGHAI)).toBe(now + 15 * 60_000);
  });

  it('keeps to the shop clock across a daylight-saving change', () => {
    // Berlin goes from +1 to +2 on 2026-03-29: 14:00 that day is 12:00Z.
    expect(rushEnd(at('2026-03-29T08:00:00Z'), 'Europe/Berlin')).toBe(at('2026-03-29T12:00:00Z'));
    expect(shopClock(at('2026-03-29T12:00:00Z'), 'Europe/Berlin')).toBe('14:00');
  });

  it('offers and shows the rush end in shop time in the header', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at('2026-11-25T03:00:00Z'));
    function Harness(): React.JSX.Element {
      const mute = useMute('2026-11-25');
      return createElement(MuteControl, { mute, today: '2026-11-25', timeZone: SHANGHAI });
    }
    render(createElement(Harness));
    fireEvent.click(screen.getByTestId('mute'));
    expect(screen.getByTestId('mute-rush').textContent).toContain('14:00');
    act(() => fireEvent.click(screen.getByTestId('mute-rush')));
    expect(screen.getByTestId('mute-pill').textContent).toContain('14:00');
  });

  it('a 30-minute mute set at 23:45 shop time comes back at the shop midnight', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at('2026-11-25T15:45:00Z'));
    function Harness(): React.JSX.Element {
      const mute = useMute('2026-11-25');
      return createElement(MuteControl, { mute, today: '2026-11-25', timeZone: SHANGHAI });
    }
    render(createElement(Harness));
    fireEvent.click(screen.getByTestId('mute'));
    act(() => fireEvent.click(screen.getByTestId('mute-30')));
    expect(screen.getByTestId('mute-pill').textContent).toContain('00:00');
  });
});
