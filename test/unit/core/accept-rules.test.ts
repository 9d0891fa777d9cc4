/**
 * The auto-accept rules' decision for one new order: 忙碌 first, then the store's pause, the
 * platforms and pre-orders kept for people, the time windows on the shop's clock (across
 * midnight too) and the limit per rolling period; each refusal says why in staff's words.
 */
import { describe, expect, it } from 'vitest';
import { decideAutoAccept, inWindow, minutesOf, readAutoAcceptRules, type AcceptRulesInput } from '../../../electron/core/floor/accept-rules.js';
import { DEFAULT_AUTO_ACCEPT_RULES, type AutoAcceptRules } from '../../../shared/shop-floor.js';

const SHANGHAI = 'Asia/Shanghai';
/** An instant given as the shop's clock in Shanghai (UTC+8) on 2026-12-02. */
const at = (hhmm: string): number => Date.parse(`2026-12-02T${hhmm}:00+08:00`);
const rules = (over: Partial<AutoAcceptRules> = {}): AutoAcceptRules => ({ ...DEFAULT_AUTO_ACCEPT_RULES, ...over });
const decide = (over: Partial<AcceptRulesInput> = {}) =>
  decideAutoAccept({
    rules: rules(),
    order: { platform: 'meituan', preOrder: false },
    now: at('12:00'),
    timeZone: SHANGHAI,
    busy: false,
    recentAccepts: [],
    ...over,
  });

describe('no rules', () => {
  it('accepts every order all day when the store has no rules', () => {
    expect(decide({ rules: undefined })).toMatchObject({ accept: true });
    expect(decide({ rules: undefined, now: at('03:10') })).toMatchObject({ accept: true });
    expect(decide().at).toBe(new Date(at('12:00')).toISOString());
  });
});

describe('time windows', () => {
  const lunch = rules({ windows: [{ from: '11:00', to: '14:00' }] });
  it('accepts inside a window, from included and to not', () => {
    expect(decide({ rules: lunch, now: at('11:00') }).accept).toBe(true);
    expect(decide({ rules: lunch, now: at('13:59') }).accept).toBe(true);
    expect(decide({ rules: lunch, now: at('14:00') })).toMatchObject({
      accept: false,
      reason: '自动接单：不在自动接单时段（11:00–14:00），请手动接单',
    });
    expect(decide({ rules: lunch, now: at('10:59') }).accept).toBe(false);
  });

  it('reads the window on the shop clock, not UTC or the machine clock', () => {
    // 12:00 in Shanghai is 04:00 UTC: outside 11–14 on a UTC clock, inside on the shop clock.
    expect(decide({ rules: lunch, now: at('12:00') }).accept).toBe(true);
    // The same instant is 05:00 in Berlin (UTC+1 in December): outside.
    expect(decide({ rules: lunch, now: at('12:00'), timeZone: 'Europe/Berlin' }).accept).toBe(false);
    // 19:00 in Shanghai is 12:00 in Berlin: inside there.
    expect(decide({ rules: lunch, now: at('19:00'), timeZone: 'Europe/Berlin' }).accept).toBe(true);
  });

  it('runs across midnight when to is before from', () => {
    const night = rules({ windows: [{ from: '22:00', to: '02:00' }] });
    expect(decide({ rules: night, now: at('23:30') }).accept).toBe(true);
    expect(decide({ rules: night, now: at('00:30') }).accept).toBe(true);
    expect(decide({ rules: night, now: at('01:59') }).accept).toBe(true);
    expect(decide({ rules: night, now: at('02:00') }).accept).toBe(false);
    expect(decide({ rules: night, now: at('21:59') }).accept).toBe(false);
  });

  it('accepts inside any of several windows and names them all when outside', () => {
    const two = rules({ windows: [{ from: '11:00', to: '14:00' }, { from: '17:00', to: '20:30' }] });
    expect(decide({ rules: two, now: at('18:00') }).accept).toBe(true);
    expect(decide({ rules: two, now: at('15:00') }).reason).toBe('自动接单：不在自动接单时段（11:00–14:00、17:00–20:30），请手动接单');
  });

  it('window arithmetic', () => {
    expect(minutesOf('00:00')).toBe(0);
    expect(minutesOf('23:59')).toBe(1439);
    expect(minutesOf('24:00')).toBeNaN();
    expect(inWindow({ from: '08:00', to: '08:00' }, 3)).toBe(true);
  });
});

describe('limit per rolling period', () => {
  const limit = rules({ limit: { orders: 3, minutes: 15 } });
  const now = at('12:00');
  const minutesAgo = (...m: number[]) => m.map((x) => now - x * 60_000);

  it('lets the Nth order through and refuses the N+1th within the period', () => {
    expect(decide({ rules: limit, now, recentAccepts: minutesAgo(10, 5) })).toMatchObject({ accept: true });
    expect(decide({ rules: limit, now, recentAccepts: minutesAgo(10, 5, 1) })).toMatchObject({
      accept: false,
      reason: '自动接单：超出每 15 分钟 3 单的上限，请手动接单',
    });
  });

  it('is a rolling window: an order exactly the period ago no longer counts', () => {
    expect(decide({ rules: limit, now, recentAccepts: minutesAgo(15, 5, 1) }).accept).toBe(true);
    expect(decide({ rules: limit, now, recentAccepts: minutesAgo(14.9, 5, 1) }).accept).toBe(false);
  });

  it('says the staff words of the issue for 20 per 15 minutes', () => {
    const twenty = rules({ limit: { orders: 20, minutes: 15 } });
    const recent = Array.from({ length: 20 }, (_, i) => now - i * 30_000);
    expect(decide({ rules: twenty, now, recentAccepts: recent }).reason).toBe('自动接单：超出每 15 分钟 20 单的上限，请手动接单');
  });
});

describe('pre-orders and platforms kept for people', () => {
  it('sends pre-orders to a person when the store says so, and accepts them otherwise', () => {
    expect(decide({ rules: rules({ preOrders: 'manual' }), order: { platform: 'meituan', preOrder: true } })).toMatchObject({
      accept: false,
      reason: '预订单需手动接单',
    });
    expect(decide({ rules: rules({ preOrders: 'manual' }), order: { platform: 'meituan', preOrder: false } }).accept).toBe(true);
    expect(decide({ rules: rules({ preOrders: 'auto' }), order: { platform: 'meituan', preOrder: true } }).accept).toBe(true);
  });

  it('sends a manual platform to a person and leaves the other platform automatic', () => {
    const elemeByHand = rules({ manualPlatforms: ['eleme'] });
    expect(decide({ rules: elemeByHand, order: { platform: 'eleme', preOrder: false } })).toMatchObject({
      accept: false,
      reason: '本店饿了么订单需手动接单',
    });
    expect(decide({ rules: elemeByHand, order: { platform: 'meituan', preOrder: false } }).accept).toBe(true);
  });
});

describe('pauses', () => {
  it('the store pause holds until its time and ends by itself', () => {
    const paused = rules({ pausedUntil: new Date(at('14:30')).toISOString() });
    expect(decide({ rules: paused, now: at('14:00') })).toMatchObject({ accept: false, reason: '自动接单已暂停至 14:30' });
    expect(decide({ rules: paused, now: at('14:29') }).accept).toBe(false);
    expect(decide({ rules: paused, now: at('14:30') }).accept).toBe(true);
    expect(decide({ rules: paused, now: at('15:00') }).accept).toBe(true);
  });

  it('忙碌 pauses every store, whatever its rules', () => {
    expect(decide({ busy: true })).toMatchObject({ accept: false, reason: '忙碌中，自动接单已暂停' });
    expect(decide({ busy: true, rules: undefined }).accept).toBe(false);
  });
});

describe('reading the rules from a settings file', () => {
  it('a file from before the rules has none; a damaged entry keeps what is well formed', () => {
    expect(readAutoAcceptRules(undefined)).toBeUndefined();
    expect(
      readAutoAcceptRules({ windows: [{ from: '11:00', to: '14:00' }, { from: 'x', to: '1' }], limit: { orders: 0, minutes: 15 }, manualPlatforms: ['eleme', 'union', 'toString'], preOrders: 'manual' }),
    ).toEqual({ windows: [{ from: '11:00', to: '14:00' }], limit: null, preOrders: 'manual', manualPlatforms: ['eleme'], pausedUntil: null });
  });
});
