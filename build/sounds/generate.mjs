// Synthesizes the ringing sounds (one per attention reason) into renderer/public/sounds/.
// Made here, not downloaded: no licence to track, nothing fetched at build time, and the
// sounds can be tuned in code. 16-bit PCM mono WAV at 22.05 kHz, which every Chromium plays.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Buffer } from 'node:buffer';
import { fileURLToPath } from 'node:url';

const RATE = 22050;
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'renderer', 'public', 'sounds');

/** Equal-tempered frequency of a note `semitones` above A4 (440 Hz). */
const note = (semitones) => 440 * 2 ** (semitones / 12);
const C6 = note(15);
const E6 = note(19);
const G5 = note(10);
const E5 = note(7);
const C5 = note(3);
const A4 = note(0);
const B5 = note(14);

/**
 * One tone: a sum of partials, shaped by an envelope. Every tone starts and ends at zero
 * amplitude (attack/release ramps), so no segment ever clicks.
 */
function tone(
  freq,
  seconds,
  { partials = [1], attack = 0.008, release = 0.05, decay = 0, square = false } = {},
) {
  const n = Math.round(seconds * RATE);
  const out = new Float32Array(n);
  const a = Math.max(1, Math.round(attack * RATE));
  const r = Math.max(1, Math.round(release * RATE));
  for (let i = 0; i < n; i++) {
    const t = i / RATE;
    let v = 0;
    partials.forEach((amp, k) => {
      const s = Math.sin(2 * Math.PI * freq * (k + 1) * t);
      // A soft-clipped sine: buzzy like an alarm without the aliasing of a true square wave.
      v += amp * (square ? Math.tanh(3 * s) : s);
    });
    const env = Math.min(1, i / a, (n - 1 - i) / r) * Math.exp(-decay * t);
    out[i] = v * env;
  }
  return out;
}

const silence = (seconds) => new Float32Array(Math.round(seconds * RATE));

function concat(parts) {
  const out = new Float32Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Scale to `peak`, then a final 10 ms fade at both ends as a belt-and-braces guard against clicks. */
function finish(samples, peak = 0.8) {
  const max = samples.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
  const fade = Math.round(0.01 * RATE);
  return samples.map((v, i) => (v / max) * peak * Math.min(1, i / fade, (samples.length - 1 - i) / fade));
}

function wav(samples) {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((v, i) => data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, v)) * 32767), i * 2));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

const bell = { partials: [1, 0.35, 0.12], decay: 4, release: 0.08 };

const SOUNDS = {
  // Bright, friendly, unmistakable: a high two-tone chime (E6 → C6), played twice.
  'new-order': () => {
    const chime = concat([tone(E6, 0.22, bell), tone(C6, 0.36, bell)]);
    return concat([chime, silence(0.1), chime, silence(0.05)]);
  },
  // Something was taken away: a falling A-minor arpeggio (E5 → C5 → A4), slower and lower.
  cancelled: () =>
    concat([tone(E5, 0.3, bell), tone(C5, 0.3, bell), tone(A4, 0.55, { ...bell, decay: 2.5 })]),
  // A question that needs an answer: three quick mid beeps, repeated after a short gap.
  'refund-requested': () => {
    const beep = () => concat([tone(B5, 0.11, { partials: [1, 0.2], release: 0.02 }), silence(0.07)]);
    return concat([beep(), beep(), beep(), silence(0.25), beep(), beep(), beep()]);
  },
  // Needs a human now: a low, buzzy pulsing alarm alternating two pitches.
  'auto-accept-failed': () => {
    const pulse = (f) =>
      concat([
        tone(f, 0.16, { partials: [1, 0.3], square: true, attack: 0.01, release: 0.03 }),
        silence(0.06),
      ]);
    return concat([pulse(G5 / 2), pulse(E5 / 2), pulse(G5 / 2), pulse(E5 / 2), pulse(G5 / 2), pulse(E5 / 2)]);
  },
  // The customer asked the shop to hurry (催单): news, not an alarm — two quick high knocks, once.
  reminder: () => concat([tone(G5 * 2, 0.12, bell), silence(0.08), tone(G5 * 2, 0.2, bell), silence(0.05)]),
  // Time to start a pre-order: calm and distinct from every alarm — a rising major arpeggio
  // (C5 → E5 → G5 → C6) with a soft bell, played once.
  'preorder-reminder': () =>
    concat([
      tone(C5, 0.18, bell),
      tone(E5, 0.18, bell),
      tone(G5, 0.18, bell),
      tone(C6, 0.5, { ...bell, decay: 2.5 }),
      silence(0.05),
    ]),
};

mkdirSync(OUT, { recursive: true });
for (const [name, make] of Object.entries(SOUNDS)) {
  writeFileSync(join(OUT, `${name}.wav`), wav(finish(make())));
}
