/**
 * 出餐 on an accepted order (docs/shop-floor.md, "出餐"): a big button with the time since
 * accepting, held back with a countdown in the first minute (the platforms refuse it then); for
 * a pickup order a local 「已备好」 instead. Once done, 「已出餐 12:03（自动）」. A refusal shows
 * under the buttons in the core's words; a failed automatic 出餐 shows on the card until done.
 */
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../../shared/order.js';
import { acceptedAtOf } from '../../lib/board.js';
import { clockTime, langOf } from '../../lib/format.js';
import { useDesk } from '../../state/use-desk.js';
import { ActionButton } from '../board/ActionButton.js';
import { sharedClock, useNow } from '../board/use-clock.js';
import type { OrderActionState } from '../board/use-order-action.js';
import './prepare.css';

/** The platforms' rule as the card shows it; the core checks each platform's own before calling. */
export const PREPARE_MIN_AFTER_ACCEPT_MS = 60_000;

const useSecondClock = sharedClock(1000);

/** Whether the card offers 出餐 / 已备好 for the order (accepted, not marked, not the shop's own rider). */
export function canPrepare(order: Order): boolean {
  if (order.status !== 'accepted' || order.prepared) return false;
  return order.pickup || order.delivery?.selfDelivery !== true;
}

/** The newest failed automatic 出餐, while 出餐 is still owed. */
export function autoPrepareFailure(order: Order): string | null {
  if (order.prepared || order.status !== 'accepted') return null;
  const e = [...order.events].reverse().find((x) => x.type.startsWith('api-failed:prepared'));
  return e && e.source === 'auto-prepare' ? e.detail : null;
}

export function PreparedMark({ order }: { order: Order }): React.JSX.Element | null {
  const { t, i18n } = useTranslation('prepare');
  const p = order.prepared;
  if (!p) return null;
  const time = clockTime(p.at, langOf(i18n.language));
  const key = order.pickup ? 'mark.ready' : p.by === 'auto' ? 'mark.auto' : 'mark.staff';
  return (
    <span className="prepared-mark" data-testid="prepared-mark" data-by={p.by}>
      {t(key, { time })}
    </span>
  );
}

export default function PrepareAction({ order, action }: { order: Order; action: OrderActionState }): React.JSX.Element | null {
  const failed = autoPrepareFailure(order);
  if (order.prepared) return <PreparedMark order={order} />;
  if (!canPrepare(order)) return null;
  return (
    <>
      {failed && <AutoFailed detail={failed} />}
      <PrepareButton order={order} action={action} />
    </>
  );
}

function AutoFailed({ detail }: { detail: string }): React.JSX.Element {
  const { t } = useTranslation('prepare');
  return (
    <p className="prepare-auto-failed" role="alert" data-testid="prepare-auto-failed">
      {t('autoFailed', { detail })}
    </p>
  );
}

function PrepareButton({ order, action }: { order: Order; action: OrderActionState }): React.JSX.Element {
  const now = useNow();
  const accepted = acceptedAtOf(order);
  const openAt = accepted === null ? 0 : Date.parse(accepted) + PREPARE_MIN_AFTER_ACCEPT_MS;
  // The coarse clock says whether a countdown may still be running; only then a 1 s ticker.
  if (!order.pickup && now < openAt + 20_000) return <CountingButton order={order} action={action} openAt={openAt} />;
  return <Button order={order} action={action} openAt={openAt} now={now} />;
}

function CountingButton(props: { order: Order; action: OrderActionState; openAt: number }): React.JSX.Element {
  const now = useSecondClock();
  return <Button {...props} now={now} />;
}

function Button(props: { order: Order; action: OrderActionState; openAt: number; now: number }): React.JSX.Element {
  const { t } = useTranslation('prepare');
  const { api } = useDesk();
  const { order, action, openAt, now } = props;
  const accepted = acceptedAtOf(order);
  const waitMs = order.pickup ? 0 : openAt - now;
  const minutes = accepted === null ? null : Math.max(0, Math.floor((now - Date.parse(accepted)) / 60_000));
  return (
    <ActionButton
      testId="prepare"
      className="btn-primary btn-big btn-prepare"
      busy={action.pending === 'prepare'}
      disabled={action.pending !== null || waitMs > 0}
      onClick={() => void action.run('prepare', () => api.markPrepared(order.key))}
    >
      <span className="prepare-label">{t(order.pickup ? 'button.ready' : 'button.prepare')}</span>
      {waitMs > 0 ? (
        <span className="prepare-sub" data-testid="prepare-wait">
          {t('button.wait', { seconds: Math.ceil(waitMs / 1000) })}
        </span>
      ) : (
        minutes !== null && <span className="prepare-sub">{t('button.since', { minutes })}</span>
      )}
    </ActionButton>
  );
}
