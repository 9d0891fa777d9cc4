/**
 * Drives the sound from the pure schedule (ring-schedule.ts): one timer at a time, re-planned
 * whenever the orders, prefs or mute change, so the action that settles the last owed order
 * stops the sound in the same render — never one more ring after it.
 */
import { useEffect, useRef, useState } from 'react';
import type { Order } from '../../../shared/order.js';
import { SoundPlayer } from './player.js';
import type { SoundPrefs } from './prefs.js';
import { nextRing, rang, type LastRing, type Sound } from './ring-schedule.js';
import { stopSpeaking } from './speech.js';
import { useDesk } from '../state/use-desk.js';

export interface RingerState {
  /** The sound being repeated for something owed, null when nothing is owed or muted. */
  ringing: Sound | null;
  /** The browser refused to play (autoplay policy): a click or key press will retry. */
  blocked: boolean;
}

export function useRinger(orders: readonly Order[], prefs: SoundPrefs, muted: boolean): RingerState {
  const [player] = useState(() => new SoundPlayer());
  const last = useRef<LastRing | null>(null);
  // Bumped after each ring (and on a click after autoplay was blocked) to plan the next one.
  const [tick, setTick] = useState(0);
  const [blocked, setBlocked] = useState(false);
  const [ringing, setRinging] = useState<Sound | null>(null);
  const desk = useDesk();

  // In Electron the main process beats every couple of seconds: re-plan on each beat, so a
  // hidden window (whose own timers are throttled) still rings on time.
  useEffect(
    () =>
      desk.subscribe((name) => {
        if (name === 'clock') setTick((t) => t + 1);
      }),
    [desk],
  );

  useEffect(() => {
    const plan = nextRing(orders, { prefs, muted, now: Date.now() }, last.current);
    setRinging(plan?.owed ? plan.sound : null);
    if (!plan) {
      // What was repeating is done (or muted): silence now. A one-off chime plays out.
      if (last.current?.owed || muted) {
        stopSpeaking();
        player.stop();
        if (last.current) last.current = { ...last.current, owed: false };
      }
      delete document.documentElement.dataset.ringing;
      return;
    }
    document.documentElement.dataset.ringing = plan.sound;
    const ring = (): void => {
      last.current = rang(orders, plan, Date.now());
      void player.play(plan.sound, plan.volume).then((result) => setBlocked(result === 'blocked'));
      setTick((t) => t + 1);
    };
    // Due already (a beat arrived late, or a new alert): ring now, not after a timer.
    if (plan.at <= Date.now()) {
      ring();
      return;
    }
    const timer = setTimeout(ring, plan.at - Date.now());
    // Any change re-plans from scratch: the old timer must never fire after it.
    return () => clearTimeout(timer);
  }, [orders, prefs, muted, player, tick]);

  useEffect(() => {
    if (!blocked) return;
    // Browsers allow sound after the first user gesture: ring again right then.
    const retry = (): void => {
      last.current = null;
      setBlocked(false);
      setTick((t) => t + 1);
    };
    document.addEventListener('pointerdown', retry, { capture: true, once: true });
    document.addEventListener('keydown', retry, { capture: true, once: true });
    return () => {
      document.removeEventListener('pointerdown', retry, { capture: true });
      document.removeEventListener('keydown', retry, { capture: true });
    };
  }, [blocked]);

  useEffect(
    () => () => {
      player.stop();
      stopSpeaking();
      delete document.documentElement.dataset.ringing;
    },
    [player],
  );

  return { ringing, blocked };
}
