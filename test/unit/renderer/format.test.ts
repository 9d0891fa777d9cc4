import { describe, expect, it } from 'vitest';
import { eventSourceText, eventTypeText, eventsInOrder } from '../../../renderer/src/lib/events.js';
import {
  clockTime,
  dateTime,
  daySeqLabel,
  formatMoney,
  langOf,
  phoneDisplay,
  pickupLabel,
  relativeTime,
} from '../../../renderer/src/lib/format.js';

describe('money', () => {
  it('shows yuan from integer cents', () => {
    expect(formatMoney(2550)).toBe('¥25.50');
    expect(formatMoney(5)).toBe('¥0.05');
    expect(formatMoney(0)).toBe('¥0.00');
    expect(formatMoney(123456)).toBe('¥1,234.56');
    expect(formatMoney(-300)).toBe('-¥3.00');
  });
});

describe('times', () => {
  const base = Date.parse('2026-11-25T04:00:00.000Z');
  it('says how long ago, in both languages', () => {
    expect(relativeTime('2026-11-25T04:00:00.000Z', base + 20_000, 'zh')).toBe('刚刚');
    expect(relativeTime('2026-11-25T04:00:00.000Z', base + 3 * 60_000, 'zh')).toBe('3分钟前');
    expect(relativeTime('2026-11-25T04:00:00.000Z', base + 3 * 60_000, 'en')).toBe('3 minutes ago');
    expect(relativeTime('2026-11-25T04:00:00.000Z', base + 125 * 60_000, 'zh')).toBe('2小时前');
  });

  it('shows clock times in the shop time zone, 24-hour', () => {
    expect(clockTime('2026-11-25T04:05:00.000Z', 'zh', 'Asia/Shanghai')).toBe('12:05');
    expect(clockTime('2026-11-25T13:05:00.000Z', 'en', 'Asia/Shanghai')).toBe('21:05');
    expect(dateTime('2026-11-25T16:05:09.000Z', 'Asia/Shanghai')).toBe('11-26 00:05:09');
  });

  it('maps i18next language codes', () => {
    expect(langOf('zh-CN')).toBe('zh');
    expect(langOf('en')).toBe('en');
    expect(langOf(undefined)).toBe('zh');
  });
});

describe('labels', () => {
  it('prefixes the pickup number with the platform so numbers never collide', () => {
    expect(daySeqLabel('meituan', 7, 'zh')).toBe('美团外卖 #7');
    expect(daySeqLabel('eleme', 7, 'zh')).toBe('饿了么 #7');
    expect(daySeqLabel('eleme', 7, 'en')).toBe('Eleme #7');
    expect(daySeqLabel('meituan', null, 'zh')).toBe('美团外卖 #—');
  });

  it('writes privacy numbers as the customer dials them (转 extension), nothing masked', () => {
    expect(phoneDisplay('13800000000_1234')).toBe('13800000000 转 1234');
    expect(phoneDisplay('13800000000_1234', 'en')).toBe('13800000000 ext. 1234');
    expect(phoneDisplay('13800000000,5678')).toBe('13800000000 转 5678');
    expect(phoneDisplay('13912345678')).toBe('13912345678');
  });
});

describe('event history words', () => {
  it('names known event types and keeps unknown ones raw', () => {
    expect(eventTypeText('pushed:new', 'zh')).toBe('新订单推送');
    expect(eventTypeText('api:confirm', 'zh')).toBe('已接单');
    expect(eventTypeText('auto-accept:failed', 'zh')).toBe('自动接单失败');
    expect(eventTypeText('refund:requested', 'en')).toBe('Refund requested');
    expect(eventTypeText('shipping:20', 'zh')).toBe('骑手已取餐');
    expect(eventTypeText('shipping:55', 'zh')).toBe('配送状态 55');
    expect(eventTypeText('something:new', 'zh')).toBe('something:new');
  });

  it('says where an event came from', () => {
    expect(eventSourceText('staff', 'zh')).toBe('店员');
    expect(eventSourceText('auto-accept', 'zh')).toBe('自动接单');
    expect(eventSourceText('/meituan/order/new', 'zh')).toBe('美团外卖推送');
    expect(eventSourceText('/eleme/push', 'en')).toBe('Eleme push');
    expect(eventSourceText('elsewhere', 'zh')).toBe('elsewhere');
  });

  it('lists events oldest first', () => {
    const e = (at: string, seq: number) => ({ at, seq });
    expect(
      eventsInOrder([
        e('2026-11-25T04:02:00Z', 3),
        e('2026-11-25T04:01:00Z', 2),
        e('2026-11-25T04:01:00Z', 1),
      ]).map((x) => x.seq),
    ).toEqual([1, 2, 3]);
  });
});

describe('pickup numbers', () => {
  it('carry the platform\'s short mark, so a second platform\'s #12 is told apart', () => {
    expect(pickupLabel('meituan', 12, 'zh')).toBe('美#12');
    expect(pickupLabel('eleme', 12, 'zh')).toBe('饿#12');
    expect(pickupLabel('meituan', 12, 'en')).toBe('MT#12');
    expect(pickupLabel('eleme', null, 'zh')).toBe('饿#—');
  });
});
