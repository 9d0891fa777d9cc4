import { useContext, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../../shared/order.js';
import { owedReason } from '../../../../shared/owed.js';
import { availableActions } from '../../lib/board.js';
import { useDesk } from '../../state/use-desk.js';
import { ActionButton, ActionError } from './ActionButton.js';
import PrepareAction from '../floor/PrepareAction.js';
import { OrderDialog, OrderDialogContext, type OrderDialogKind } from './order-dialogs.js';
import { useOrderAction } from './use-order-action.js';

/**
 * The buttons staff press on an order, the same on the card and in the detail view. The
 * core re-checks every action; these only hide what cannot apply to the order's state.
 */
export default function OrderActions(props: { order: Order; onOpenDetail?: () => void }): React.JSX.Element {
  const { t } = useTranslation('board');
  return <Actions {...props} t={t} />;
}

/** The same with the caller's `t` (namespace `board`): the card translates once for all its parts. */
export function Actions(props: { order: Order; onOpenDetail?: () => void; t: TFunction<'board'> }): React.JSX.Element {
  const { t } = props;
  const { api } = useDesk();
  const { order } = props;
  const can = availableActions(order);
  const action = useOrderAction();
  const boardDialogs = useContext(OrderDialogContext);
  // Outside a board (tests, a future pop-out window) the dialog lives here.
  const [dialog, setDialog] = useState<OrderDialogKind | null>(null);
  const openDialog = (kind: OrderDialogKind): void =>
    boardDialogs ? boardDialogs(kind, order.key) : setDialog(kind);
  const busy = action.pending !== null;
  const key = order.key;

  const accept = (): void => {
    // The core marks a staff accept as seen. No acknowledge after it: that would also swallow
    // news raised meanwhile (the customer cancelling right then), which must stay unseen.
    void action.run('accept', () => api.accept(key));
  };

  return (
    <div className="order-actions">
      <PrepareAction order={order} action={action} />
      {can.accept && (
        <ActionButton
          testId="accept"
          className="btn-primary btn-big"
          busy={action.pending === 'accept'}
          disabled={busy}
          onClick={accept}
        >
          {t('actions.accept')}
        </ActionButton>
      )}
      {owedReason(order) === 'preorder-due' && (
        <ActionButton
          testId="start-cooking"
          className="btn-primary btn-big"
          busy={action.pending === 'start-cooking'}
          disabled={busy}
          onClick={() => void action.run('start-cooking', () => api.startCooking(key))}
        >
          {t('facts:reminder.start')}
        </ActionButton>
      )}
      {can.refundDecision && (
        <>
          <ActionButton
            testId="agree-refund"
            className="btn-primary"
            busy={false}
            disabled={busy}
            onClick={() => openDialog('agree')}
          >
            {t('actions.agreeRefund')}
          </ActionButton>
          <ActionButton
            testId="reject-refund"
            busy={false}
            disabled={busy}
            onClick={() => openDialog('reject')}
          >
            {t('actions.rejectRefund')}
          </ActionButton>
        </>
      )}
      {can.markDelivering && (
        <ActionButton
          testId="mark-delivering"
          busy={action.pending === 'delivering'}
          disabled={busy}
          onClick={() => void action.run('delivering', () => api.markDelivering(key))}
        >
          {t('actions.markDelivering')}
        </ActionButton>
      )}
      {can.markDelivered && (
        <ActionButton
          testId="mark-delivered"
          busy={action.pending === 'delivered'}
          disabled={busy}
          onClick={() => void action.run('delivered', () => api.markDelivered(key))}
        >
          {t('actions.markDelivered')}
        </ActionButton>
      )}
      {can.acknowledge && (
        <ActionButton
          testId="acknowledge"
          className="btn-ack"
          busy={action.pending === 'acknowledge'}
          disabled={busy}
          onClick={() => void action.run('acknowledge', () => api.acknowledge(key))}
        >
          {t('actions.acknowledge')}
        </ActionButton>
      )}
      <span className="order-actions-spacer" />
      {can.cancel && (
        <ActionButton
          testId="cancel"
          className="btn-quiet-danger"
          busy={false}
          disabled={busy}
          onClick={() => openDialog('cancel')}
        >
          {t('actions.cancel')}
        </ActionButton>
      )}
      {props.onOpenDetail && (
        <button type="button" className="btn" data-testid="open-detail" onClick={props.onOpenDetail}>
          {t('actions.detail')}
        </button>
      )}
      <ActionError failure={action.failure} />
      {dialog && <OrderDialog kind={dialog} order={order} onClose={() => setDialog(null)} />}
    </div>
  );
}
