/** Shared test plumbing: temp folders, a silent logger, waiting for events (never for time). */
import type { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';

export const quietLogger = pino({ level: 'silent' });

export async function tempDir(prefix = 'waimai-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  // Callers close whatever writes here first; the retries cover a folder an antivirus or an
  // indexer still holds for a moment, and a file a late writer adds between list and remove.
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }) };
}

/**
 * Resolve with the first emitted payload that satisfies `match`; reject after `timeoutMs`
 * (a safety net against a hung test, not a pacing device).
 */
export function waitForEvent<T = unknown>(
  emitter: EventEmitter,
  event: string,
  match: (payload: T) => boolean = () => true,
  timeoutMs = 15_000,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`timed out waiting for "${event}"`));
    }, timeoutMs);
    const listener = (payload: T): void => {
      if (!match(payload)) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(payload);
    };
    emitter.on(event, listener);
  });
}
