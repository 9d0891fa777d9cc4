/**
 * Browser notifications (web mode): one per new alert, so an order is seen even when the tab
 * is behind another window. Permission is asked only from the settings button — browsers
 * ignore (and users resent) a prompt on load.
 */

import { requestFocus } from '../state/focus.js';

export type NotifyPermission = NotificationPermission | 'unsupported';

export function notifyPermission(): NotifyPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export async function askNotifyPermission(): Promise<NotifyPermission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

/** `tag` is the order's key: it also says which order to show when the notification is clicked. */
export function notify(title: string, body: string, tag: string): void {
  if (notifyPermission() !== 'granted') return;
  // `tag` replaces an older notification for the same order instead of stacking copies.
  const n = new Notification(title, { body, tag });
  n.onclick = () => {
    window.focus();
    requestFocus(tag);
    n.close();
  };
}
