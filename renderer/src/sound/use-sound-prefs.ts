/**
 * One live copy of the sound prefs for the whole page: the Ringer and the settings page read
 * the same value, so moving the volume slider changes the next ring at once. Other windows
 * of the app (a second browser tab) follow through the `storage` event.
 */
import { useSyncExternalStore } from 'react';
import { normalizePrefs, parsePrefs, PREFS_STORAGE_KEY, type SoundPrefs } from './prefs.js';

const listeners = new Set<() => void>();
let current: SoundPrefs | null = null;

function read(): SoundPrefs {
  current ??= parsePrefs(localStorage.getItem(PREFS_STORAGE_KEY));
  return current;
}

function subscribe(listener: () => void): () => void {
  const onStorage = (e: StorageEvent): void => {
    if (e.key !== PREFS_STORAGE_KEY) return;
    current = parsePrefs(e.newValue);
    listener();
  };
  listeners.add(listener);
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function setSoundPrefs(patch: Partial<SoundPrefs>): void {
  current = normalizePrefs({ ...read(), ...patch });
  localStorage.setItem(PREFS_STORAGE_KEY, JSON.stringify(current));
  listeners.forEach((l) => l());
}

/** Forget the cached copy (tests start each case from localStorage). */
export function resetSoundPrefsCache(): void {
  current = null;
}

export function useSoundPrefs(): SoundPrefs {
  return useSyncExternalStore(subscribe, read);
}
