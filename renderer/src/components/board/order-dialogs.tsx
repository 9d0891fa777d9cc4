import { createContext } from 'react';
import type { Order } from '../../../../shared/order.js';
import CancelDialog from './CancelDialog.js';
import RefundDialog from './RefundDialog.js';
import { ReminderDialog } from './ReminderReply.js';

export type OrderDialogKind = 'cancel' | 'agree' | 'reject' | 'reminder';

/**
 * The board opens action dialogs at its own level, not inside the card: an order can leave
 * its tab while staff are typing a reason (auto-accept, a platform push), and the dialog
 * must stay open on the live order rather than vanish with the card.
 */
export const OrderDialogContext = createContext<((kind: OrderDialogKind, key: string) => void) | null>(null);

export function OrderDialog(props: {
  kind: OrderDialogKind;
  order: Order;
  onClose: () => void;
}): React.JSX.Element {
  const { kind, order, onClose } = props;
  if (kind === 'reminder') return <ReminderDialog order={order} onClose={onClose} />;
  return kind === 'cancel' ? (
    <CancelDialog order={order} onClose={onClose} />
  ) : (
    <RefundDialog order={order} mode={kind} onClose={onClose} />
  );
}
