/**
 * Rings until staff have seen every alert of today's orders, and shows what is ringing in a
 * strip at the top of the window with one big 「全部知道了」 — the way a busy cook stops the
 * noise without finding the order first. Sound and strip come from the same orders in the
 * same render, so they never disagree (CoopCycle #1874, FIELD-NOTES.md).
 */
import { useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../../shared/order.js';
import { alertGroups, alertId } from '../../sound/ring-schedule.js';
import { useRinger } from '../../sound/use-ringer.js';
import { useSoundPrefs } from '../../sound/use-sound-prefs.js';
import { useDesk, useOrders } from '../../state/use-desk.js';
import { useAnnouncements } from './use-announcements.js';
import { useHeaderSlot } from './use-header-slot.js';
import './alerts.css';

export default function Ringer({ today }: { today: string }): React.JSX.Element | null {
  const { t } = useTranslation('alerts');
  const desk = useDesk();
  const { orders, loading } = useOrders(today);
  const prefs = useSoundPrefs();
  // Alerts whose acknowledge is on its way: silent at once, before the event confirms it.
  const [acking, setAcking] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState('');
  const slot = useHeaderSlot();

  const ringable = useMemo(() => orders.filter((o) => !acking.has(alertId(o) ?? '')), [orders, acking]);
  const { ringing, blocked } = useRinger(ringable, prefs);
  useAnnouncements(orders, loading, prefs);

  const alerting = orders.filter((o) => o.attention);
  const groups = alertGroups(alerting);
  const busy = alerting.length > 0 && alerting.every((o) => acking.has(alertId(o) ?? ''));

  const acknowledgeAll = (): void => {
    const targets: Order[] = alerting.filter((o) => !acking.has(alertId(o) ?? ''));
    const ids = targets.map((o) => alertId(o) ?? '');
    setError('');
    setAcking((prev) => new Set([...prev, ...ids]));
    void Promise.allSettled(targets.map((o) => desk.api.acknowledge(o.key))).then((results) => {
      const failed = results.flatMap((r, i) =>
        r.status === 'rejected' ? [{ id: ids[i] ?? '', reason: r.reason as Error }] : [],
      );
      if (failed.length === 0) return; // the order-changed events finish the job
      // Those that failed ring again: better a repeat than a silently missed order.
      setAcking((prev) => new Set([...prev].filter((id) => !failed.some((f) => f.id === id))));
      setError(t('strip.ackFailed', { message: failed[0]?.reason.message ?? '' }));
    });
  };

  if (groups.length === 0 && !error) return null;
  const strip = (
    <section
      className={`alert-strip alert-strip-${groups[0]?.reason ?? 'error'}`}
      aria-label={t('strip.label')}
      data-testid="alert-strip"
      data-ringing={ringing ?? undefined}
    >
      <svg className={ringing ? 'alert-bell ringing' : 'alert-bell'} viewBox="0 0 24 24" aria-hidden="true">
        <path d="M12 2a1.5 1.5 0 0 0-1.5 1.5v.7A6 6 0 0 0 6 10v4.5L4 17v1h16v-1l-2-2.5V10a6 6 0 0 0-4.5-5.8v-.7A1.5 1.5 0 0 0 12 2Zm-2 17a2 2 0 0 0 4 0Z" />
      </svg>
      <ul className="alert-groups">
        {groups.map((g) => (
          <li key={g.reason} className={`alert-group alert-group-${g.reason}`} data-reason={g.reason}>
            {t(`reason.${g.reason}`)} <b>{t('strip.count', { count: g.count })}</b>
          </li>
        ))}
      </ul>
      {prefs.muted && <span className="alert-note">{t('strip.muted')}</span>}
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
      {groups.length > 0 && (
        <button
          type="button"
          className="btn alert-ack-all"
          data-testid="acknowledge-all"
          disabled={busy}
          onClick={acknowledgeAll}
        >
          {busy ? t('strip.acking') : t('strip.ackAll')}
        </button>
      )}
    </section>
  );
  return slot ? createPortal(strip, slot) : strip;
}
