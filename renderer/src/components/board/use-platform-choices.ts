import { useEffect, useState } from 'react';
import type { CancelReason } from '../../../../shared/api.js';

/** A platform's list of choices (cancel reasons, 催单 replies) as a dialog loads it. */
export type Choices = { state: 'loading' } | { state: 'ready'; list: CancelReason[] } | { state: 'failed'; message: string };

/**
 * Loads a platform's choices when the dialog opens (a user action) and again on `retry` (重试),
 * never polled; keeps the picked code while it is still offered, else picks `fallback`'s.
 */
export function usePlatformChoices(
  load: () => Promise<CancelReason[]>,
  key: readonly unknown[],
  fallback: (list: readonly CancelReason[]) => CancelReason | undefined,
): { choices: Choices; code: string | null; setCode: (code: string | null) => void; retry: () => void } {
  const [choices, setChoices] = useState<Choices>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [code, setCode] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    setChoices({ state: 'loading' });
    load()
      .then((list) => {
        if (!alive) return;
        setChoices({ state: 'ready', list });
        setCode((c) => (c !== null && list.some((r) => r.code === c) ? c : (fallback(list)?.code ?? null)));
      })
      .catch((err: unknown) => alive && setChoices({ state: 'failed', message: (err as Error).message }));
    return () => {
      alive = false;
    };
    // `load` and `fallback` are new functions each render; what they ask for is in `key`.
  }, [...key, attempt]);

  return { choices, code, setCode, retry: () => setAttempt((n) => n + 1) };
}
