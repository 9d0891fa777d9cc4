/**
 * Once per new alert (not every ring): the spoken line (语音播报) and a browser notification.
 * Alerts already up when the page loads are taken as known: the ring covers them, and a
 * reload must not read out or pop up the whole backlog again.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../../shared/order.js';
import { notify } from '../../sound/notify.js';
import type { SoundPrefs } from '../../sound/prefs.js';
import { alertId, newAlerts } from '../../sound/ring-schedule.js';
import { speak } from '../../sound/speech.js';

/** Let the chime (~1.3 s) finish before the voice starts, so the two don't talk over each other. */
const VOICE_AFTER_CHIME_MS = 1400;
/** More new alerts at once than this are summed up in one line instead of read one by one. */
const MAX_LINES = 3;

export function useAnnouncements(orders: readonly Order[], loading: boolean, prefs: SoundPrefs, muted: boolean): void {
  const { t, i18n } = useTranslation('alerts');
  const seen = useRef<Set<string> | null>(null);
  const latest = useRef(orders);
  // Voice timers outlive re-renders (the order list is a new array on every render); only
  // unmounting cancels them.
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  useEffect(() => {
    latest.current = orders;
  }, [orders]);
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);

  useEffect(() => {
    if (loading) return;
    const ids = (list: readonly Order[]): string[] =>
      list.map(alertId).filter((id): id is string => id !== null);
    if (!seen.current) {
      seen.current = new Set(ids(orders));
      return;
    }
    const fresh = newAlerts(orders, seen.current);
    if (fresh.length === 0) return;
    for (const id of ids(fresh)) seen.current.add(id);

    const seqOf = (o: Order): string => (o.daySeq === null ? '' : String(o.daySeq));
    for (const o of fresh) {
      if (!o.attention) continue;
      notify(
        t('notifyTitle', { reason: t(`reason.${o.attention.reason}`) }),
        t('notifyBody', { store: o.storeName, seq: seqOf(o) || o.orderIdView }),
        o.key,
      );
    }
    if (!prefs.voice || muted) return;
    const lines =
      fresh.length > MAX_LINES
        ? [t('voice.many', { count: fresh.length })]
        : fresh.flatMap((o) =>
            o.attention
              ? [
                  t(`voice.${o.attention.reason}`, {
                    platform: t(`platform.${o.platform}`),
                    seq: o.daySeq === null ? '' : t('voice.seq', { seq: o.daySeq }),
                  }),
                ]
              : [],
          );
    const freshIds = new Set(ids(fresh));
    const lang = i18n.language;
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      // Acknowledged during the chime: say nothing.
      if (!latest.current.some((o) => freshIds.has(alertId(o) ?? ''))) return;
      for (const line of lines) speak(line, lang);
    }, VOICE_AFTER_CHIME_MS);
    timers.current.add(timer);
  }, [orders, loading, prefs.voice, muted, t, i18n]);
}
