/**
 * Rings while today's orders owe an action and once for news, and shows both in a strip at
 * the top of the window. Each count is the cards behind it (a click shows them); 全部知道了
 * clears information only — what is owed rings until it is done. Sound, strip, tab title and
 * cards come from the same orders in the same render, so they never disagree.
 */
import { useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { infoReason } from '../../../../shared/owed.js';
import { isBoardOrder } from '../../lib/board.js';
import { usePreOrderDue } from '../board/PreOrderReminder.js';
import { useCarriedPreOrders } from '../board/use-carried-preorders.js';
import { useMute } from '../../sound/mute.js';
import { alertGroups, alertId, owedCount } from '../../sound/ring-schedule.js';
import { useRinger } from '../../sound/use-ringer.js';
import { useSoundPrefs } from '../../sound/use-sound-prefs.js';
import { useDesk, useOrders } from '../../state/use-desk.js';
import MuteControl from './MuteControl.js';
import { showGroup } from './strip-filter.js';
import { useAnnouncements } from './use-announcements.js';
import { useHeaderSlot } from './use-header-slot.js';
import './alerts.css';

/**
 * `timeZone` is the shop's (DeskStatus.timeZone: the desk's `--time-zone` or config): mute
 * times follow the shop's clock. Without it, this PC's zone.
 */
export default function Ringer(props: { today: string; timeZone?: string }): React.JSX.Element | null {
  const { today } = props;
  const timeZone = props.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const { t } = useTranslation('alerts');
  const desk = useDesk();
  const { orders: all, loading } = useOrders(today);
  // Open pre-orders placed on earlier days are on today's board, so they ring and count too.
  const carried = useCarriedPreOrders(today);
  const orders = useMemo(() => {
    const keys = new Set(all.map((o) => o.key));
    return [...all, ...carried.filter((c) => !keys.has(c.key))].filter(isBoardOrder);
  }, [all, carried]);
  usePreOrderDue(orders);
  const prefs = useSoundPrefs();
  const mute = useMute(today);
  // Acknowledges on their way: seen at once, before the event confirms it.
  const [acking, setAcking] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState('');
  const slot = useHeaderSlot();

  const ringable = useMemo(
    () => orders.map((o) => (acking.has(alertId(o) ?? '') ? { ...o, attention: null } : o)),
    [orders, acking],
  );
  const { ringing, blocked } = useRinger(ringable, prefs, mute !== null);
  useAnnouncements(orders, loading, prefs, mute !== null);

  const groups = useMemo(() => alertGroups(ringable), [ringable]);
  const owed = useMemo(() => owedCount(orders), [orders]);
  const base = t('windowTitle');
  useEffect(() => {
    document.title = owed > 0 ? `(${owed}) ${base}` : base;
  }, [owed, base]);
  useEffect(() => () => void (document.title = base), [base]);

  const info = useMemo(
    () => orders.filter((o) => infoReason(o) !== null && !acking.has(alertId(o) ?? '')),
    [orders, acking],
  );
  const acknowledgeInfo = (): void => {
    const ids = info.map((o) => alertId(o) ?? '');
    setError('');
    setAcking((prev) => new Set([...prev, ...ids]));
    void Promise.allSettled(info.map((o) => desk.api.acknowledge(o.key))).then((results) => {
      const failed = results.flatMap((r, i) =>
        r.status === 'rejected' ? [{ id: ids[i] ?? '', reason: r.reason as Error }] : [],
      );
      if (failed.length === 0) return; // the order-changed events finish the job
      setAcking((prev) => new Set([...prev].filter((id) => !failed.some((f) => f.id === id))));
      setError(t('strip.ackFailed', { message: failed[0]?.reason.message ?? '' }));
    });
  };

  const muteControl = <MuteControl mute={mute} today={today} timeZone={timeZone} />;
  const top = groups[0];
  const strip =
    groups.length === 0 && !error ? null : (
      <section
        className={`alert-strip alert-strip-${top ? `${top.kind}-${top.reason}` : 'error'}`}
        aria-label={t('strip.label')}
        data-testid="alert-strip"
        data-ringing={ringing ?? undefined}
      >
        <svg className={ringing ? 'alert-bell ringing' : 'alert-bell'} viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 2a1.5 1.5 0 0 0-1.5 1.5v.7A6 6 0 0 0 6 10v4.5L4 17v1h16v-1l-2-2.5V10a6 6 0 0 0-4.5-5.8v-.7A1.5 1.5 0 0 0 12 2Zm-2 17a2 2 0 0 0 4 0Z" />
        </svg>
        <ul className="alert-groups">
          {groups.map((g) => (
            <li key={`${g.kind}-${g.reason}`} className={`alert-group alert-group-${g.kind}`}>
              <button
                type="button"
                className="alert-group-btn"
                data-testid="strip-group"
                data-kind={g.kind}
                data-reason={g.reason}
                data-count={g.count}
                title={`${t(`${g.kind}.${g.reason}`)} ${g.count}`}
                onClick={() => showGroup({ kind: g.kind, reason: g.reason })}
              >
                {g.kind === 'owed' ? (
                  <>
                    <span className="alert-group-long">{t(`owed.${g.reason}`)}</span>
                    <span className="alert-group-short">{t(`owedShort.${g.reason}`)}</span>
                  </>
                ) : (
                  t(`info.${g.reason}`)
                )}{' '}
                <b>{g.count}</b>
                <span className="alert-group-unit"> {t('strip.unit')}</span>
              </button>
            </li>
          ))}
        </ul>
        {blocked && (
          <span className="alert-note alert-autoplay" role="alert">
            {t('autoplayBlocked')}
          </span>
        )}
        {error && (
          <span className="alert-note alert-error" role="alert">
            {error}
          </span>
        )}
        {info.length > 0 && (
          <button
            type="button"
            className="btn alert-ack-all"
            data-testid="acknowledge-all"
            onClick={acknowledgeInfo}
          >
            {t('strip.ackAll')}
          </button>
        )}
      </section>
    );
  const content = (
    <>
      {strip}
      {muteControl}
    </>
  );
  return slot ? createPortal(content, slot) : content;
}
