// @vitest-environment happy-dom
/**
 * A customer's 催单 is news for the counter: the Ringer rings its own sound once (not again and
 * again like an owed order) and says 「顾客催单了，N号」 when spoken alerts are on.
 */
import { act, cleanup, render } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { DeskApi } from '../../../shared/api.js';
import type { Order } from '../../../shared/order.js';
import type { DeskClient, DeskListener } from '../../../renderer/src/api/desk-client.js';
import Ringer from '../../../renderer/src/components/alerts/Ringer.js';
import '../../../renderer/src/i18n/index.js';
import { unmute } from '../../../renderer/src/sound/mute.js';
import { resetSoundPrefsCache } from '../../../renderer/src/sound/use-sound-prefs.js';
import { DeskContext } from '../../../renderer/src/state/use-desk.js';
import { fakeOrder } from './fake-order.js';

const elapse = (ms: number): Promise<void> => act(async () => void (await vi.advanceTimersByTimeAsync(ms)));

let play: MockInstance<HTMLMediaElement['play']>;
const spoken: string[] = [];

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(Date.parse('2026-11-25T04:03:10.000Z'));
  unmute();
  localStorage.clear();
  resetSoundPrefsCache();
  spoken.length = 0;
  play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => undefined);
  class Utterance {
    lang = '';
    rate = 1;
    voice: unknown = null;
    constructor(readonly text: string) {}
  }
  vi.stubGlobal('SpeechSynthesisUtterance', Utterance);
  vi.stubGlobal('speechSynthesis', { speak: (u: Utterance) => spoken.push(u.text), getVoices: () => [], cancel: () => undefined });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('a 催单 at the Ringer', () => {
  it('rings its own sound once and speaks 顾客催单了 with the pickup number', async () => {
    const listeners = new Set<DeskListener>();
    const accepted = fakeOrder({ platform: 'eleme', orderId: '301', key: 'eleme:301', status: 'accepted', daySeq: 12, attention: null });
    const api = { listOrderCards: vi.fn(async () => [accepted]), acknowledge: vi.fn() } as unknown as DeskApi;
    const desk: DeskClient = {
      api,
      subscribe: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      resolveLink: (p) => p,
      openLink: () => Promise.resolve(true),
      onConnection: () => () => undefined,
    };
    render(createElement(DeskContext.Provider, { value: desk }, createElement(Ringer, { today: '2026-11-25' })));
    await elapse(0);
    await elapse(0);
    expect(play).not.toHaveBeenCalled();

    const hurried: Order = {
      ...accepted,
      flags: ['reminder'],
      reminder: { id: 'r1', at: '2026-11-25T04:03:00.000Z', replied: false },
      attention: { reason: 'reminder', since: '2026-11-25T04:03:00.000Z' },
      updatedAt: '2026-11-25T04:03:00.000Z',
    };
    act(() => listeners.forEach((l) => l('order-changed', { order: hurried, created: false, previousStatus: 'accepted' })));
    await elapse(2000);
    expect(play).toHaveBeenCalledTimes(1);
    expect((play.mock.contexts[0] as HTMLAudioElement).src).toContain('sounds/reminder.wav');
    expect(spoken).toEqual(['顾客催单了，12号']);
    // News rings once: a minute on, still one ring.
    await elapse(60_000);
    expect(play).toHaveBeenCalledTimes(1);
    expect(spoken).toHaveLength(1);
  });
});
