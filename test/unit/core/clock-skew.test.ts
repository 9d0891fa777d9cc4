/**
 * The PC clock against the platforms' clocks: what the screen is told. A clock far off either
 * way is reported; an old event re-sent late is not mistaken for a fast clock; bad platform
 * times are ignored; fixing the clock clears the warning at the next sample.
 */
import { describe, expect, it } from 'vitest';
import { ClockSkew, fetchWithServerDate, probeRoutes } from '../../../electron/core/clock-skew.js';
import { CallbackRejected, type CallbackRoute } from '../../../electron/core/platforms/types.js';
import { meituanPlatformTime } from '../../../electron/core/platforms/meituan/clock.js';
import { unionPlatformTime } from '../../../electron/core/platforms/union/clock.js';

const REAL = Date.parse('2026-11-25T04:00:00Z');
const MIN = 60_000;
const YEAR = 365 * 24 * 60 * MIN;

/** A PC clock `offset` ms off the real time; `tick` moves real time (both clocks) forward. */
function pc(offset: number) {
  let real = REAL;
  let mono = 1000;
  const clock = { offset };
  const skew = new ClockSkew(
    () => real + clock.offset,
    () => mono,
  );
  return {
    skew,
    clock,
    tick(ms: number) {
      real += ms;
      mono += ms;
    },
    /** The platform stamps now (real time) minus `age`. */
    sample(age = 0, sent = true) {
      return skew.observe('meituan', { ms: real - age, sent });
    },
  };
}

describe('clock skew', () => {
  it('says nothing before anything was measured, or while the clock is within five minutes', () => {
    const p = pc(4 * MIN);
    expect(p.skew.warning()).toBeUndefined();
    expect(p.sample()).toBe(false);
    p.sample(0, false);
    expect(p.skew.warning()).toBeUndefined();
  });

  it('reports a PC two years slow from a single order time, in minutes behind', () => {
    const p = pc(-2 * YEAR);
    expect(p.sample(2000, false)).toBe(true);
    const w = p.skew.warning()!;
    expect(w.platform).toBe('meituan');
    expect(Math.round(w.aheadMs / MIN)).toBe(Math.round((-2 * YEAR + 2000) / MIN));
  });

  it('reports a fast PC only on a send time: an old order re-sent after an outage is not a fast clock', () => {
    const p = pc(0);
    // A push retried for an hour carries its order's hour-old time.
    expect(p.sample(60 * MIN, false)).toBe(false);
    expect(p.skew.warning()).toBeUndefined();

    const fast = pc(2 * YEAR);
    fast.sample(0, false);
    expect(fast.skew.warning()).toBeUndefined();
    expect(fast.sample(300, true)).toBe(true);
    expect(fast.skew.warning()!.aheadMs).toBe(2 * YEAR + 300);
  });

  it('takes the least delayed sample: a late one does not inflate the estimate', () => {
    const p = pc(-30 * MIN);
    p.sample(0, true);
    p.sample(10 * MIN, true);
    expect(p.skew.warning()!.aheadMs).toBe(-30 * MIN);
  });

  it('ignores platform times that cannot be a clock (year 11476, zero, NaN)', () => {
    const p = pc(0);
    expect(p.skew.observe('meituan', { ms: Date.UTC(11476, 0, 1), sent: false })).toBe(false);
    expect(p.skew.observe('meituan', { ms: 0, sent: true })).toBe(false);
    expect(p.skew.observe('meituan', { ms: Number.NaN, sent: true })).toBe(false);
    expect(p.skew.warning()).toBeUndefined();
  });

  it('clears the warning when staff set the clock right (a step of the wall clock drops old samples)', () => {
    const p = pc(-2 * YEAR);
    p.sample();
    expect(p.skew.warning()).toBeDefined();
    p.tick(10 * MIN);
    p.clock.offset = 0;
    expect(p.sample(1000, false)).toBe(true);
    expect(p.skew.warning()).toBeUndefined();
  });

  it("reads an API answer's Date header as the platform's send time", async () => {
    const p = pc(3 * 60 * MIN);
    let changed = 0;
    const date = new Date(REAL).toUTCString();
    const fetchImpl = (async () => new Response('{}', { headers: { date } })) as typeof fetch;
    await fetchWithServerDate('meituan', p.skew, () => changed++, fetchImpl)('http://example.test/');
    expect(changed).toBe(1);
    expect(Math.round(p.skew.warning()!.aheadMs / MIN)).toBe(180);
  });
});

describe('the receiver routes, probed', () => {
  const route = (platformTime: CallbackRoute['platformTime'], verify: CallbackRoute['verify'] = () => undefined): CallbackRoute => ({
    path: '/x',
    platform: 'meituan',
    methods: ['POST'],
    okBody: 'ok',
    failBody: () => 'fail',
    contentType: 'text/plain',
    parse: () => ({}),
    isCheck: () => false,
    verify,
    interpret: () => [],
    platformTime,
  });
  const ctx = { config: undefined, pendingBinding: () => false };

  it('measure only callbacks that pass verify, and a failing measurement never refuses one', () => {
    const p = pc(-2 * YEAR);
    let changed = 0;
    const refused = () => {
      throw new CallbackRejected('bad sign', 403);
    };
    const time = () => ({ ms: REAL, sent: true });
    const [bad] = probeRoutes([route(time, refused)], p.skew, () => changed++);
    expect(() => bad!.verify({}, ctx)).toThrow('bad sign');
    expect(p.skew.warning()).toBeUndefined();

    const [broken] = probeRoutes([route(() => { throw new Error('odd payload'); })], p.skew, () => changed++);
    expect(() => broken!.verify({}, ctx)).not.toThrow();

    const [good] = probeRoutes([route(time)], p.skew, () => changed++);
    good!.verify({}, ctx);
    expect(changed).toBe(1);
    expect(p.skew.warning()!.aheadMs).toBe(-2 * YEAR);
  });
});

describe("platforms' times on their callbacks", () => {
  it('Meituan: the signed timestamp as a send time, else the order utime/ctime as an event time', () => {
    expect(meituanPlatformTime({ sign: 'ab', timestamp: '1764043200' })).toEqual({ ms: 1764043200000, sent: true });
    expect(meituanPlatformTime({ sign: 'ab', timestamp: '1764043200123' })).toEqual({ ms: 1764043200123, sent: true });
    // An unsigned binding callback's timestamp is nobody's word.
    expect(meituanPlatformTime({ timestamp: '1764043200' })).toBeUndefined();
    expect(meituanPlatformTime({ sign: 'ab', order: '{"orderId":1,"ctime":1764043100,"utime":1764043150}' })).toEqual({ ms: 1764043150000, sent: false });
    expect(meituanPlatformTime({ sign: 'ab', order: '{"orderId":1,"cTime":1764043100}' })).toEqual({ ms: 1764043100000, sent: false });
    expect(meituanPlatformTime({ sign: 'ab', order: 'not json' })).toBeUndefined();
    expect(meituanPlatformTime({ sign: 'ab', orderCancel: '{"orderId":1}' })).toBeUndefined();
  });

  it('Union: modTime, else paytime or ordertime, as an event time', () => {
    expect(unionPlatformTime({ modTime: '1764043200', paytime: '1764040000' })).toEqual({ ms: 1764043200000, sent: false });
    expect(unionPlatformTime({ paytime: '1764040000' })).toEqual({ ms: 1764040000000, sent: false });
    expect(unionPlatformTime({ orderid: '1' })).toBeUndefined();
  });
});
