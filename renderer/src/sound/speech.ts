/**
 * 语音播报: a spoken line per new alert, the norm at Chinese counters (docs/counter-lessons.md).
 * Best effort: a machine without a speech engine simply stays with the chime.
 */

function available(): boolean {
  return (
    typeof window !== 'undefined' &&
    'speechSynthesis' in window &&
    typeof SpeechSynthesisUtterance !== 'undefined'
  );
}

export function speak(text: string, lang: string): void {
  if (!available()) return;
  const u = new SpeechSynthesisUtterance(text);
  const want = lang.startsWith('zh') ? 'zh-CN' : 'en';
  u.lang = want === 'zh-CN' ? 'zh-CN' : 'en-US';
  // Prefer a voice for the language; without one the engine falls back to `lang` itself.
  const voices = speechSynthesis.getVoices();
  const voice =
    voices.find((v) => v.lang.replace('_', '-') === u.lang) ??
    voices.find((v) => v.lang.toLowerCase().startsWith(want.slice(0, 2)));
  if (voice) u.voice = voice;
  u.rate = 1;
  speechSynthesis.speak(u);
}

/** Stop speaking now (the alert was acknowledged while a line was queued). */
export function stopSpeaking(): void {
  if (available()) speechSynthesis.cancel();
}
