/**
 * The ring clock: a beat to the counter window every 2 s. Chromium throttles timers in a
 * hidden or minimised window — on Windows even with `backgroundThrottling: false` once it is
 * hidden (docs/counter-lessons.md, "Background throttling") — but it delivers IPC messages at once. The
 * window lives in the tray most of the day, so the ringer keeps time by this beat
 * (renderer/src/sound/use-ringer.ts); the main process's own timers are not throttled.
 */
export const RING_CLOCK_MS = 2_000;

export function setupRingClock(o: { send(name: 'clock', payload: { at: string }): void; intervalMs?: number }): () => void {
  const timer = setInterval(() => o.send('clock', { at: new Date().toISOString() }), o.intervalMs ?? RING_CLOCK_MS);
  return () => clearInterval(timer);
}
