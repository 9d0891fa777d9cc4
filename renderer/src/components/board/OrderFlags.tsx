import { useTranslation } from 'react-i18next';
import type { Order, OrderFlag } from '../../../../shared/order.js';
import { useDesk } from '../../state/use-desk.js';
import { ActionButton, ActionError } from './ActionButton.js';
import { ReminderMark } from './ReminderReply.js';
import { useOrderAction } from './use-order-action.js';

/**
 * Problems with an order, shown loudly: an order for an unknown or unbound store is kept, not
 * dropped (docs/counter-lessons.md, "How orders get lost"), and staff must see why they cannot act on it.
 */
/** Whether `OrderFlags` shows anything for `order` (a card mounts it only then). */
export function hasFlagLine(order: Order): boolean {
  return Boolean(order.reminder) || order.flags.some((f) => f !== 'reminder');
}

export default function OrderFlags(props: { order: Order }): React.JSX.Element | null {
  const { t } = useTranslation('board');
  const { api } = useDesk();
  const action = useOrderAction();
  const { order } = props;
  // The 催单 has a mark of its own (time, reply button, 已回复 afterwards), not the generic flag line.
  const flags = order.flags.filter((f) => f !== 'reminder');
  if (flags.length === 0 && !order.reminder) return null;
  return (
    <div className="oc-flags">
      <ReminderMark order={order} />
      {flags.map((flag: OrderFlag) => (
        <div key={flag} className={`oc-flag oc-flag-${flag}`} data-flag={flag}>
          <span className="oc-flag-icon" aria-hidden="true">
            !
          </span>
          <span className="oc-flag-text">
            {t(`flags.${flag}`)}
            {flag === 'auto-accept-failed' && order.autoAccept?.lastError && (
              <span className="oc-flag-detail">{order.autoAccept.lastError}</span>
            )}
            {flag === 'notice' && lastNotice(order) && <span className="oc-flag-detail">{lastNotice(order)}</span>}
          </span>
          {flag === 'auto-accept-failed' && order.status === 'new' && (
            <ActionButton
              testId="retry-auto-accept"
              className="btn-small"
              busy={action.pending !== null}
              onClick={() => void action.run('retry', () => api.retryAutoAccept(order.key))}
            >
              {t('actions.retryAutoAccept')}
            </ActionButton>
          )}
        </div>
      ))}
      <ActionError failure={action.failure} />
    </div>
  );
}

/** The newest notice the core kept without understanding it: what the flag is about. */
function lastNotice(order: Order): string {
  return order.events.filter((e) => e.type.startsWith('notice:')).at(-1)?.detail ?? '';
}
