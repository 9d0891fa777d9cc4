/**
 * The sounds, one `HTMLAudioElement` per reason (`./sounds/<reason>.wav`, made by
 * build/sounds/generate.mjs). Relative URL: the same bundle runs from file:// in Electron
 * and from the console server in a browser.
 */
import type { AttentionReason } from '../../../shared/order.js';

export type PlayResult = 'played' | 'blocked';

/** Files named after their reason, except the pre-order reminder's (its file predates the reason). */
export function soundUrl(reason: AttentionReason): string {
  return `./sounds/${reason === 'preorder-due' ? 'preorder-reminder' : reason}.wav`;
}

export class SoundPlayer {
  private readonly elements = new Map<AttentionReason, HTMLAudioElement>();

  private element(reason: AttentionReason): HTMLAudioElement {
    let el = this.elements.get(reason);
    if (!el) {
      el = new Audio(soundUrl(reason));
      el.preload = 'auto';
      this.elements.set(reason, el);
    }
    return el;
  }

  /**
   * Play `reason` from the start at `volume` (0–100), stopping any other sound first.
   * 'blocked' when the browser refuses (autoplay policy before the first click).
   */
  async play(reason: AttentionReason, volume: number): Promise<PlayResult> {
    for (const [r, el] of this.elements) if (r !== reason) rewind(el);
    const el = this.element(reason);
    el.volume = Math.min(1, Math.max(0, volume / 100));
    el.currentTime = 0;
    try {
      await el.play();
      return 'played';
    } catch (err) {
      // NotAllowedError is the autoplay policy; anything else (file missing, decode error) is
      // reported the same way so the banner at least tells staff sound is not working.
      if ((err as Error).name !== 'AbortError') return 'blocked';
      return 'played'; // AbortError: a stop() interrupted this play — that was on purpose.
    }
  }

  /** Silence at once: every element paused and rewound. */
  stop(): void {
    for (const el of this.elements.values()) rewind(el);
  }
}

function rewind(el: HTMLAudioElement): void {
  el.pause();
  el.currentTime = 0;
}
