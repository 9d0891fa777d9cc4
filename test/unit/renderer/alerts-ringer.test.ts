// @vitest-environment happy-dom
/**
 * The Ringer against a fake desk: what a person at the counter would notice — sound starts,
 * repeats, slows (never stops) when an owed order is acknowledged, stops the moment the action
 * is done, rings news once, stays quiet while muted — read through
 * the audio element (play/pause) and `<html data-ringing>`, as the browser tests do.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { DeskApi, DeskEventName, DeskEvents } from '../../../shared/api.js';
import type { AttentionReason, Order } from '../../../shared/order.js';
import type { DeskClient, DeskListener } from '../../../renderer/src/api/desk-client.js';
import Ringer from '../../../renderer/src/components/alerts/Ringer.js';
import '../../../renderer/src/i18n/index.js';
import { muteFor, unmute } from '../../../renderer/src/sound/mute.js';
import { resetSoundPrefsCache } from '../../../renderer/src/sound/use-sound-prefs.js';
import { DeskContext } from '../../../renderer/src/state/use-desk.js';
import { fakeOrder } from './fake-order.js';

const TODAY = '2026-11-25';

function alerting(orderId: string, reason: AttentionReason = 'new-order'): Order {
  return fakeOrder({
    orderId,
    key: `meituan:${orderId}`,
    flags: reason === 'auto-accept-failed' ? ['auto-accept-failed'] : [],
    attention: { reason, since: '2026-11-25T04:00:00.000Z' },
  });
}

function fakeDesk(orders: Order[]) {
  const listeners = new Set<DeskListener>();
  const emit = <E extends DeskEventName>(name: E, payload: DeskEvents[E]): void =>
    listeners.forEach((l) => l(name, payload));
  const acknowledge = vi.fn(async (key: string): Promise<Order> => {
    const order = orders.find((o) => o.key === key);
    if (!order) throw new Error('no such order');
    return { ...order, attention: null };
  });
  const api = { listOrderCards: vi.fn(async () => orders), acknowledge } as unknown as DeskApi;
  const desk: DeskClient = {
    api,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    resolveLink: (path) => path,
    openLink: () => Promise.resolve(true),
    onConnection: () => () => undefined,
  };
  /** The main side cleared the alert (someone pressed 我知道了 somewhere). */
  const acknowledged = (order: Order): void =>
    emit('order-changed', {
      order: {
        ...order,
        attention: null,
        acknowledgedAt: '2026-11-25T04:01:00.000Z',
        updatedAt: '2026-11-25T04:01:00.000Z',
      },
      created: false,
      previousStatus: order.status,
    });
  return { desk, acknowledge, acknowledged, emit };
}

async function renderRinger(desk: DeskClient): Promise<void> {
  render(createElement(DeskContext.Provider, { value: desk }, createElement(Ringer, { today: TODAY })));
  await elapse(0); // the order list loads…
  await elapse(0); // …and the first ring, due at once, plays
}

const elapse = (ms: number): Promise<void> => act(async () => void (await vi.advanceTimersByTimeAsync(ms)));
const ringing = (): string | undefined => document.documentElement.dataset.ringing;

let play: MockInstance<HTMLMediaElement['play']>;
let pause: MockInstance<HTMLMediaElement['pause']>;

beforeEach(() => {
  vi.useFakeTimers();
  // Ten seconds after the fake orders came in: well inside the platform's accept window.
  vi.setSystemTime(Date.parse('2026-11-25T04:00:10.000Z'));
  unmute();
  localStorage.clear();
  resetSoundPrefsCache();
  play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  pause = vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => undefined);
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('Ringer', () => {
  it('rings for an order that needs attention, and keeps ringing every interval', async () => {
    const { desk } = fakeDesk([
      alerting('1'),
      fakeOrder({ orderId: 'quiet', key: 'meituan:quiet', status: 'completed' }),
    ]);
    await renderRinger(desk);
    expect(play).toHaveBeenCalledTimes(1);
    expect((play.mock.contexts[0] as HTMLAudioElement).src).toContain('sounds/new-order.wav');
    expect(ringing()).toBe('new-order');
    expect(screen.getByTestId('alert-strip').textContent).toContain('待接单');
    expect(document.title).toBe('(1) 外卖接单台');

    await elapse(4000); // default interval
    expect(play).toHaveBeenCalledTimes(2);
  });

  it('keeps time by the main process clock when the window timers are throttled (hidden in the tray)', async () => {
    const { desk, emit } = fakeDesk([alerting('1')]);
    await renderRinger(desk);
    expect(play).toHaveBeenCalledTimes(1);
    // A hidden window: time passes but its timers do not fire…
    vi.setSystemTime(Date.now() + 4500);
    expect(play).toHaveBeenCalledTimes(1);
    // …while the shell's beat still arrives over IPC: the ring is due, so it plays now.
    await act(async () => emit('clock', { at: new Date().toISOString() }));
    expect(play).toHaveBeenCalledTimes(2);
    // A beat before the next ring is due plays nothing.
    await act(async () => emit('clock', { at: new Date().toISOString() }));
    expect(play).toHaveBeenCalledTimes(2);
  });

  it('rings the most urgent reason when several wait', async () => {
    const { desk } = fakeDesk([
      alerting('1', 'new-order'),
      alerting('2', 'auto-accept-failed'),
      alerting('3', 'cancelled'),
    ]);
    await renderRinger(desk);
    expect(ringing()).toBe('auto-accept-failed');
    expect((play.mock.contexts[0] as HTMLAudioElement).src).toContain('sounds/auto-accept-failed.wav');
  });

  it('我知道了 slows an owed new order to the seen interval, never silences it', async () => {
    const first = alerting('1');
    const { desk, acknowledged } = fakeDesk([first]);
    await renderRinger(desk);
    expect(play).toHaveBeenCalledTimes(1);
    act(() => acknowledged(first));
    expect(ringing()).toBe('new-order');
    await elapse(19_000);
    expect(play).toHaveBeenCalledTimes(1);
    await elapse(1_000); // default seen interval: 20 s
    expect(play).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId('alert-strip').textContent).toContain('待接单');
  });

  it('stops at once when the last owed order is accepted, with no ring after', async () => {
    const first = alerting('1');
    const { desk, emit } = fakeDesk([first]);
    await renderRinger(desk);
    act(() =>
      emit('order-changed', {
        order: { ...first, status: 'accepted', attention: null },
        created: false,
        previousStatus: 'new',
      }),
    );
    expect(pause).toHaveBeenCalled();
    expect(ringing()).toBeUndefined();
    expect(screen.queryByTestId('alert-strip')).toBeNull();
    expect(document.title).toBe('外卖接单台');
    await elapse(60_000);
    expect(play).toHaveBeenCalledTimes(1);
  });

  it('「全部知道了」 acknowledges information only; what is owed keeps ringing', async () => {
    const { desk, acknowledge } = fakeDesk([
      alerting('1'),
      fakeOrder({
        orderId: '2',
        key: 'meituan:2',
        status: 'accepted',
        attention: { reason: 'new-order', since: '2026-11-25T04:00:00.000Z' },
      }),
      fakeOrder({ orderId: 'quiet', key: 'meituan:quiet', status: 'completed' }),
    ]);
    await renderRinger(desk);
    fireEvent.click(screen.getByRole('button', { name: '全部知道了' }));
    expect(acknowledge.mock.calls.map(([key]) => key)).toEqual(['meituan:2']);
    expect(ringing()).toBe('new-order');
    await elapse(4000);
    expect(play).toHaveBeenCalledTimes(2);
  });

  it('stays quiet while muted, but still shows what waits, and rings again when the mute ends', async () => {
    const { desk } = fakeDesk([alerting('1')]);
    muteFor(Date.now() + 15 * 60_000, TODAY);
    await renderRinger(desk);
    await elapse(10_000);
    expect(play).not.toHaveBeenCalled();
    expect(ringing()).toBeUndefined();
    expect(screen.getByTestId('alert-strip').textContent).toContain('待接单');
    expect(screen.getByTestId('mute-pill').textContent).toContain('静音中');
    await elapse(15 * 60_000);
    expect(screen.queryByTestId('mute-pill')).toBeNull();
    expect(play).toHaveBeenCalled();
  });

  it('a mute set on another business day is over', async () => {
    muteFor(Date.now() + 60 * 60_000, '2026-11-24');
    const { desk } = fakeDesk([alerting('1')]);
    await renderRinger(desk);
    expect(screen.queryByTestId('mute-pill')).toBeNull();
    expect(play).toHaveBeenCalledTimes(1);
  });

  it('asks for a click when the browser blocks autoplay, and rings on that click', async () => {
    play.mockRejectedValueOnce(
      Object.assign(new Error('play() failed because the user did not interact'), {
        name: 'NotAllowedError',
      }),
    );
    const { desk } = fakeDesk([alerting('1')]);
    await renderRinger(desk);
    expect(screen.getByRole('alert').textContent).toBe('点击任意处开启提示音');

    fireEvent.pointerDown(document.body);
    await elapse(0);
    await elapse(0);
    expect(play).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('speaks each new alert once (not at every ring), and not the backlog found at load', async () => {
    const spoken: string[] = [];
    class Utterance {
      lang = '';
      rate = 1;
      voice: unknown = null;
      constructor(readonly text: string) {}
    }
    vi.stubGlobal('SpeechSynthesisUtterance', Utterance);
    vi.stubGlobal('speechSynthesis', {
      speak: (u: Utterance) => spoken.push(u.text),
      getVoices: () => [],
      cancel: () => undefined,
    });
    try {
      const waiting = alerting('1');
      const { desk, emit } = fakeDesk([waiting]);
      await renderRinger(desk);
      await elapse(5000);
      expect(spoken).toEqual([]);

      const fresh = fakeOrder({
        orderId: '2',
        key: 'meituan:2',
        daySeq: 8,
        attention: { reason: 'new-order', since: '2026-11-25T04:02:00.000Z' },
      });
      act(() => emit('order-changed', { order: fresh, created: true, previousStatus: null }));
      await elapse(2000);
      expect(spoken).toEqual(['美团外卖新订单，8号']);
      await elapse(30_000);
      expect(spoken).toHaveLength(1);
      expect(play.mock.calls.length).toBeGreaterThan(3); // the chime kept repeating meanwhile
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
