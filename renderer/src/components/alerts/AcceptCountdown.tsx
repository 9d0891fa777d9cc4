/**
 * 「还剩 3:12 接单」 on a card that still has to be accepted: the platform cancels it at the
 * deadline (a per-platform setting, see prefs.ts). Red in the last two minutes, 「已超时」 after.
 */
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../../shared/order.js';
import { acceptDeadline } from '../../../../shared/owed.js';
import { URGENT_MS } from '../../sound/ring-schedule.js';
import { useSoundPrefs } from '../../sound/use-sound-prefs.js';
import { sharedClock } from '../board/use-clock.js';

/** One 1 s ticker for every countdown on the board, running only while one is shown. */
const useSecondClock = sharedClock(1000);

export function mmss(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export default function AcceptCountdown({ order }: { order: Order }): React.JSX.Element | null {
  const prefs = useSoundPrefs();
  const deadline = acceptDeadline(order, prefs.acceptMinutes);
  return deadline === null ? null : <Countdown deadline={deadline} />;
}

function Countdown({ deadline }: { deadline: number }): React.JSX.Element {
  const { t } = useTranslation('alerts');
  const at = useSecondClock();
  const left = deadline - at;
  const state = left <= 0 ? 'over' : left <= URGENT_MS ? 'urgent' : 'ok';
  return (
    <span
      className={`pill accept-countdown accept-countdown-${state}`}
      data-testid="accept-countdown"
      data-state={state}
    >
      {left > 0 ? t('countdown.left', { time: mmss(left) }) : t('countdown.over', { time: mmss(left) })}
    </span>
  );
}
