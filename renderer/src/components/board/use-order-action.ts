/**
 * Running one staff action (accept, cancel …): progress while the platform answers, and its
 * words when it refuses — so a button never looks dead and a failure is never silent.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface ActionFailure {
  /** Which action failed (to label the error and re-run it). */
  name: string;
  message: string;
  retriable: boolean;
  retry: () => void;
}

export interface OrderActionState {
  /** The action in flight, or null. */
  pending: string | null;
  failure: ActionFailure | null;
  run: (name: string, call: () => Promise<unknown>) => Promise<boolean>;
  clear: () => void;
}

/** DeskCallError carries `retriable`; anything else (a bug, a dropped connection) is worth a retry. */
function retriableOf(err: unknown): boolean {
  if (typeof err === 'object' && err !== null && 'retriable' in err)
    return (err as { retriable: unknown }).retriable === true;
  return true;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function useOrderAction(): OrderActionState {
  const [pending, setPending] = useState<string | null>(null);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const run = useCallback(async (name: string, call: () => Promise<unknown>): Promise<boolean> => {
    setPending(name);
    setFailure(null);
    try {
      await call();
      if (alive.current) setPending(null);
      return true;
    } catch (err) {
      if (alive.current) {
        setPending(null);
        setFailure({
          name,
          message: messageOf(err),
          retriable: retriableOf(err),
          retry: () => void run(name, call),
        });
      }
      return false;
    }
  }, []);

  const clear = useCallback(() => setFailure(null), []);
  return { pending, failure, run, clear };
}
