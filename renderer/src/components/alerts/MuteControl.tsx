/**
 * The header's mute: a small 静音 button with timed choices while sound is on; while it is
 * off, a pill that is always in view with when sound comes back and one click to end it.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { muteFor, muteUntil, rushEnd, shopClock, unmute, type Mute } from '../../sound/mute.js';

/**
 * Times are the shop's (`timeZone`, the desk's configured zone): "until the end of the rush" and
 * "until the next business day" mean the shop's clock, whatever this PC's zone is.
 */
export default function MuteControl(props: { mute: Mute | null; today: string; timeZone: string }): React.JSX.Element {
  const { t } = useTranslation('alerts');
  const [open, setOpen] = useState(false);
  const { mute, today, timeZone } = props;
  const clock = (ms: number): string => shopClock(ms, timeZone);
  if (mute) {
    return (
      <span className="mute-pill" data-testid="mute-pill" role="status">
        {t('mute.on', { time: clock(mute.until) })}
        <button type="button" className="mute-end" data-testid="unmute" onClick={unmute}>
          {t('mute.end')}
        </button>
      </span>
    );
  }
  const now = Date.now();
  // Only while the menu is open: the ringer re-renders this on every order change, and working
  // out the shop's clock is not free.
  const rush = open ? rushEnd(now, timeZone) : null;
  const choose = (until: number): void => {
    setOpen(false);
    muteFor(muteUntil(until, now, timeZone), today);
  };
  return (
    <span className="mute-control">
      <button
        type="button"
        className="btn btn-small mute-open"
        data-testid="mute"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        {t('mute.button')}
      </button>
      {open && (
        <span className="mute-menu" role="menu">
          {[15, 30].map((m) => (
            <button
              key={m}
              type="button"
              role="menuitem"
              data-testid={`mute-${m}`}
              onClick={() => choose(now + m * 60_000)}
            >
              {t('mute.minutes', { count: m })}
            </button>
          ))}
          {rush !== null && (
            <button type="button" role="menuitem" data-testid="mute-rush" onClick={() => choose(rush)}>
              {t('mute.rush', { time: clock(rush) })}
            </button>
          )}
        </span>
      )}
    </span>
  );
}
