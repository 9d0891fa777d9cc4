/**
 * Pre-orders ring to start cooking `lead` minutes before their delivery time, with their own
 * sound, once per order; the note stays on screen until staff say they have seen it. The lead
 * is a setting of this PC (PreOrderLead, shown in the 预订单 tab).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../../shared/order.js';
import { daySeqLabel, langOf } from '../../lib/format.js';
import { preOrderRemindAt, whenText } from '../../lib/order-facts.js';
import { useMute } from '../../sound/mute.js';
import { useSoundPrefs } from '../../sound/use-sound-prefs.js';
import {
  loadMemory,
  MAX_LEAD_MINUTES,
  reminderId,
  saveMemory,
  setLeadMinutes,
  useLeadMinutes,
  type ReminderMemory,
} from './preorder-prefs.js';
import './facts.css';

export const PREORDER_SOUND_URL = './sounds/preorder-reminder.wav';
/** Longest single wait (a timer far ahead is re-armed, never trusted for hours). */
const MAX_WAIT_MS = 10 * 60_000;

interface Reminder {
  order: Order;
  id: string;
  at: number;
}

/** Pre-orders still to cook (new or accepted) and when each should ring. */
export function remindersOf(orders: readonly Order[], leadMinutes: number): Reminder[] {
  return orders.flatMap((order): Reminder[] => {
    if (order.status !== 'new' && order.status !== 'accepted') return [];
    const at = preOrderRemindAt(order, leadMinutes);
    return at === null || !order.deliveryTime ? [] : [{ order, id: reminderId(order.key, order.deliveryTime), at }];
  });
}

export default function PreOrderReminder(props: {
  orders: readonly Order[];
  /** The business day, for the timed mute (it ends with the day). */
  today: string;
  onOpen: (key: string) => void;
}): React.JSX.Element | null {
  const { t, i18n } = useTranslation('facts');
  const lang = langOf(i18n.language);
  const lead = useLeadMinutes();
  const prefs = useSoundPrefs();
  const muted = useMute(props.today) !== null;
  const [now, setNow] = useState(() => Date.now());
  const [memory, setMemory] = useState<ReminderMemory>(loadMemory);
  const audio = useRef<HTMLAudioElement | null>(null);

  const reminders = useMemo(() => remindersOf(props.orders, lead), [props.orders, lead]);
  const due = reminders.filter((r) => r.at <= now && !memory.seen.includes(r.id));
  const nextAt = Math.min(...reminders.filter((r) => r.at > now).map((r) => r.at));

  // Wake at the next reminder time (re-armed at most every ten minutes).
  useEffect(() => {
    if (!Number.isFinite(nextAt)) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(Math.max(0, nextAt - Date.now()) + 50, MAX_WAIT_MS));
    return () => clearTimeout(timer);
  }, [nextAt, now]);

  // A new order or a changed lead may make one due at once.
  useEffect(() => setNow(Date.now()), [reminders]);

  const dueIds = due.map((r) => r.id).join('|');
  useEffect(() => {
    const fresh = due.filter((r) => !memory.rung.includes(r.id));
    if (fresh.length === 0) return;
    if (!muted) {
      audio.current ??= new Audio(PREORDER_SOUND_URL);
      audio.current.volume = Math.min(1, Math.max(0, prefs.volume / 100));
      audio.current.currentTime = 0;
      void audio.current.play().catch(() => undefined);
    }
    const next = { ...memory, rung: [...memory.rung, ...fresh.map((r) => r.id)] };
    setMemory(next);
    saveMemory(next, Date.now());
    // Rings when the set of due reminders changes, not on every render.
  }, [dueIds]);

  if (due.length === 0) return null;
  const seen = (id: string): void => {
    const next = { ...memory, seen: [...memory.seen, id] };
    setMemory(next);
    saveMemory(next, Date.now());
  };
  return (
    <div className="preorder-reminders" data-testid="preorder-reminders" role="alert">
      {due.map(({ order, id }) => (
        <div key={id} className="preorder-reminder" data-testid="preorder-reminder" data-order-key={order.key}>
          <strong>{daySeqLabel(order.platform, order.daySeq, lang)}</strong>
          <span className="preorder-reminder-when">
            {t(order.pickup ? 'badges.startCookingPickup' : 'badges.startCooking', {
              when: whenText(order.deliveryTime ?? '', now, lang),
            })}
          </span>
          <button type="button" className="btn btn-small" onClick={() => props.onOpen(order.key)}>
            {t('reminder.open')}
          </button>
          <button type="button" className="btn btn-primary btn-small" data-testid="preorder-seen" onClick={() => seen(id)}>
            {t('reminder.seen')}
          </button>
        </div>
      ))}
    </div>
  );
}

/** 「提前 30 分钟提醒」: the lead, set where the pre-orders are. */
export function PreOrderLead(): React.JSX.Element {
  const { t } = useTranslation('facts');
  const lead = useLeadMinutes();
  const [text, setText] = useState(String(lead));
  useEffect(() => setText(String(lead)), [lead]);
  const commit = (): void => {
    const n = Number(text);
    if (Number.isInteger(n) && n >= 0 && n <= MAX_LEAD_MINUTES) setLeadMinutes(n);
    else setText(String(lead));
  };
  return (
    <label className="preorder-lead" title={t('settings.remindHint')}>
      {t('settings.remindLabel')}
      <input
        type="number"
        min={0}
        max={MAX_LEAD_MINUTES}
        step={5}
        value={text}
        data-testid="preorder-lead"
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </label>
  );
}
