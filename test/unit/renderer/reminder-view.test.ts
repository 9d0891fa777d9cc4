/**
 * The board's 催单 view: every order whose 催单 waits for a reply, seen or not, until it is
 * answered or the order ends. The alert strip's 顾客催单 is the unseen part of it (news), and its
 * click shows exactly those cards.
 */
import { describe, expect, it } from 'vitest';
import type { Order } from '../../../shared/order.js';
import { countTabs, ordersInGroup, ordersOfTab, tabsNeedingAttention } from '../../../renderer/src/lib/board.js';
import { alertGroups } from '../../../renderer/src/sound/ring-schedule.js';
import { fakeOrder } from './fake-order.js';

const hurried = (orderId: string, at: string, extra: Partial<Order> = {}): Order =>
  fakeOrder({
    orderId,
    key: `eleme:${orderId}`,
    platform: 'eleme',
    status: 'accepted',
    flags: ['reminder'],
    reminder: { id: `r-${orderId}`, at, replied: false },
    attention: { reason: 'reminder', since: at },
    ...extra,
  });

describe('the 催单 view', () => {
  const seen = hurried('2', '2026-12-02T10:01:00.000Z', { attention: null });
  const unseen = hurried('1', '2026-12-02T10:05:00.000Z');
  const delivering = hurried('3', '2026-12-02T10:00:00.000Z', { status: 'delivering', attention: null });
  const replied = hurried('4', '2026-12-02T10:02:00.000Z', { reminder: { id: 'r-4', at: '2026-12-02T10:02:00.000Z', replied: true }, flags: [], attention: null });
  const ended = hurried('5', '2026-12-02T10:03:00.000Z', { status: 'cancelled', attention: null });
  const plain = fakeOrder({ orderId: '6', status: 'accepted' });
  const day = [seen, unseen, delivering, replied, ended, plain];

  it('shows every unanswered 催单 of an order under way, the longest waiting first', () => {
    expect(ordersOfTab(day, 'reminder').map((o) => o.orderId)).toEqual(['3', '2', '1']);
    expect(countTabs(day).reminder).toBe(3);
    // They stay in their status tab too.
    expect(ordersOfTab(day, 'preparing').map((o) => o.orderId)).toContain('1');
  });

  it('the strip counts the unseen ones, and a click shows exactly them, all in the view', () => {
    const group = alertGroups(day).find((g) => g.kind === 'info' && g.reason === 'reminder');
    expect(group?.count).toBe(1);
    const shown = ordersInGroup(day, 'info', 'reminder').map((o) => o.key);
    expect(shown).toEqual(['eleme:1']);
    expect(ordersOfTab(day, 'reminder').map((o) => o.key)).toEqual(expect.arrayContaining(shown));
  });

  it('an answered 催单 leaves the view and the strip', () => {
    const after = day.map((o) => (o.reminder && !o.reminder.replied ? { ...o, reminder: { ...o.reminder, replied: true }, flags: [], attention: null } : o));
    expect(ordersOfTab(after, 'reminder')).toEqual([]);
    expect(countTabs(after).reminder).toBe(0);
    expect(alertGroups(after).some((g) => g.reason === 'reminder')).toBe(false);
  });

  it('marks the tab while a 催单 in it is unseen', () => {
    expect(tabsNeedingAttention(day).has('reminder')).toBe(true);
    expect(tabsNeedingAttention([seen, delivering]).has('reminder')).toBe(false);
  });
});
