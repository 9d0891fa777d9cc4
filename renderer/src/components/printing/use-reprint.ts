/** 重打: ask the desk to print a ticket of an order again; the result shows beside the button until the next try. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TicketKind } from '../../../../shared/printing.js';
import { useDesk } from '../../state/use-desk.js';

export type ReprintState =
  | { kind: 'idle' }
  | { kind: 'busy'; ticket: TicketKind }
  | { kind: 'done'; ticket: TicketKind }
  | { kind: 'error'; ticket: TicketKind; message: string };

export function useReprint(orderKey: string): { state: ReprintState; reprint: (ticket: TicketKind) => void } {
  const desk = useDesk();
  const [state, setState] = useState<ReprintState>({ kind: 'idle' });
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  const reprint = useCallback(
    (ticket: TicketKind) => {
      setState({ kind: 'busy', ticket });
      desk.api
        .reprint(orderKey, ticket)
        .then(() => alive.current && setState({ kind: 'done', ticket }))
        .catch(
          (err: unknown) =>
            alive.current && setState({ kind: 'error', ticket, message: (err as Error).message }),
        );
    },
    [desk, orderKey],
  );
  return { state, reprint };
}
