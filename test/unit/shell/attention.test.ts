/** The tray's count and blink follow what is owed: acknowledging a new order does not stop the blink; accepting does. */
import { describe, expect, it } from 'vitest';
import { AttentionTracker } from '../../../electron/main/attention.js';
import { alerting, TODAY } from './alerts.js';

describe('tray attention', () => {
  it('keeps blinking for a new order after 我知道了, stops once it is accepted', () => {
    const tracker = new AttentionTracker(() => TODAY);
    tracker.onOrder(alerting('meituan:1', 'new-order'));
    expect(tracker.unacknowledgedNew).toBe(true);
    expect(tracker.count).toBe(1);
    tracker.onOrder(alerting('meituan:1', null));
    expect(tracker.unacknowledgedNew).toBe(true);
    expect(tracker.count).toBe(1);
    tracker.onOrder(alerting('meituan:1', null, undefined, { status: 'accepted' }));
    expect(tracker.unacknowledgedNew).toBe(false);
    expect(tracker.count).toBe(0);
  });

  it('counts unseen news once and owed orders once each', () => {
    const tracker = new AttentionTracker(() => TODAY);
    tracker.seed([
      alerting('meituan:1', 'new-order', undefined, { status: 'accepted' }),
      alerting('meituan:2', 'new-order'),
      alerting('meituan:3', null, undefined, { status: 'completed' }),
    ]);
    expect(tracker.count).toBe(2);
    expect(tracker.unacknowledgedNew).toBe(true);
  });
});
