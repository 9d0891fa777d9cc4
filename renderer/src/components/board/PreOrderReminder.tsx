/**
 * Pre-orders ring to start cooking `lead` minutes before their delivery time. The lead is a
 * setting of this PC (PreOrderLead, shown in the 预订单 tab); when it comes, this window tells
 * the desk (`remindCooking`), which records it on the order: from then on the order owes
 * 开始制作 (shared/owed.ts `preorder-due`) on every window, the tray and after a restart, and
 * rings with its own sound through the Ringer until staff press 开始制作 (`startCooking`).
 * The note here lists those orders with the button.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../../shared/order.js';
import { cookingStarted, owedReason } from '../../../../shared/owed.js';
import { daySeqLabel, langOf } from '../../lib/format.js';
import { preOrderRemindAt, whenText } from '../../lib/order-facts.js';
import { useDesk } from '../../state/use-desk.js';
import { MAX_LEAD_MINUTES, setLeadMinutes, useLeadMinutes } from './preorder-prefs.js';
import './facts.css';

/** Longest single wait (a timer far ahead is re-armed, never trusted for hours). */
const MAX_WAIT_MS = 10 * 60_000;

interface Reminder {
  order: Order;
  at: number;
}

/**
 * Accepted pre-orders whose reminder is not yet recorded on the order, and when each is due.
 * (A new one owes 接单 first; once accepted, a reminder already past is due at once.)
 */
export function remindersOf(orders: readonly Order[], leadMinutes: number): Reminder[] {
  return orders.flatMap((order): Reminder[] => {
    if (order.status !== 'accepted' || cookingStarted(order) || owedReason(order) === 'preorder-due') return [];
    const at = preOrderRemindAt(order, leadMinutes);
    return at === null ? [] : [{ order, at }];
  });
}

/**
 * Tells the desk when a pre-order's reminder time comes (once per order and delivery time; the
 * desk ignores a repeat). Mounted with the Ringer, so it runs on every page; in Electron the
 * main process's clock beat wakes it while the window is hidden.
 */
export function usePreOrderDue(orders: readonly Order[]): void {
  const desk = useDesk();
  const lead = useLeadMinutes();
  const [now, setNow] = useState(() => Date.now());
  const asked = useRef(new Set<string>());
  const reminders = useMemo(() => remindersOf(orders, lead), [orders, lead]);

  useEffect(
    () =>
      desk.subscribe((name) => {
        if (name === 'clock') setNow(Date.now());
      }),
    [desk],
  );

  const nextAt = Math.min(...reminders.filter((r) => r.at > now).map((r) => r.at));
  useEffect(() => {
    if (!Number.isFinite(nextAt)) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(Math.max(0, nextAt - Date.now()) + 50, MAX_WAIT_MS));
    return () => clearTimeout(timer);
  }, [nextAt, now]);
  // A new order or a changed lead may make one due at once.
  useEffect(() => setNow(Date.now()), [reminders]);

  useEffect(() => {
    for (const { order, at } of reminders) {
      const id = `${order.key}@${order.deliveryTime ?? ''}`;
      if (at > now || asked.current.has(id)) continue;
      asked.current.add(id);
      // A failure (connection lost) is tried again at the next change.
      desk.api.remindCooking(order.key).catch(() => asked.current.delete(id));
    }
  }, [reminders, now, desk]);
}

/** The note of pre-orders due to start cooking, each with 开始制作 (also on its card). */
export default function PreOrderReminder(props: {
  orders: readonly Order[];
  onOpen: (key: string) => void;
}): React.JSX.Element | null {
  const { t, i18n } = useTranslation('facts');
  const lang = langOf(i18n.language);
  const desk = useDesk();
  const [error, setError] = useState('');
  const due = props.orders.filter((o) => owedReason(o) === 'preorder-due');
  if (due.length === 0) return null;
  const now = Date.now();
  const start = (key: string): void => {
    setError('');
    desk.api.startCooking(key).catch((err: Error) => setError(err.message));
  };
  return (
    <div className="preorder-reminders" data-testid="preorder-reminders" role="alert">
      {due.map((order) => (
        <div key={order.key} className="preorder-reminder" data-testid="preorder-reminder" data-order-key={order.key}>
          <strong>{daySeqLabel(order.platform, order.daySeq, lang)}</strong>
          <span className="preorder-reminder-when">
            {t(order.pickup ? 'badges.startCookingPickup' : 'badges.startCooking', {
              when: whenText(order.deliveryTime ?? '', now, lang),
            })}
          </span>
          <button type="button" className="btn btn-small" onClick={() => props.onOpen(order.key)}>
            {t('reminder.open')}
          </button>
          <button
            type="button"
            className="btn btn-primary btn-small"
            data-testid="start-cooking"
            onClick={() => start(order.key)}
          >
            {t('reminder.start')}
          </button>
        </div>
      ))}
      {error && <span className="preorder-reminder-error">{error}</span>}
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
