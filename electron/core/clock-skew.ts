/**
 * How far this PC's clock is from the platforms' clocks. A clock years off files every order
 * under the wrong business day and the board of "today" stays empty without a word; this
 * measures the gap from what the platforms tell us and says so when it is more than a few
 * minutes, so the status can put it on screen.
 *
 * A sample is the local time an answer or callback arrived minus the platform's time on it.
 * Delays only ever make a sample larger (the platform stamped it before we saw it), so the
 * smallest recent sample is the best estimate of the offset (the same idea as NTP's
 * minimum-delay filter):
 * - a platform time later than ours by more than the limit can only be our clock running
 *   slow: any sample says so;
 * - a platform time earlier than ours may be our clock running fast, or just an old event (a
 *   push re-sent after an outage carries its order's old time). Only a send time (a signed
 *   timestamp, an HTTP `Date`) proves a fast clock, so "fast" needs one.
 * When our own clock is stepped (staff fix it), the samples taken before no longer apply and
 * are dropped: a step shows as a change of wall-clock minus monotonic time.
 */
import type { ClockSkewWarning } from '../../shared/api.js';
import type { Platform } from '../../shared/order.js';
import type { CallbackRoute, PlatformTime } from './platforms/types.js';

/** Beyond this gap the screen says the PC's time is wrong. */
export const CLOCK_SKEW_LIMIT_MS = 5 * 60_000;
/** Samples kept (newest win). */
const KEEP = 16;
/** A wall-clock jump this big (against the monotonic clock) means the PC's time was changed. */
const STEP_MS = 60_000;
/** Platform times outside these years are bad data, not a clock to compare with. */
const PLAUSIBLE_FROM = Date.UTC(2015, 0, 1);
const PLAUSIBLE_TO = Date.UTC(2100, 0, 1);

interface Sample {
  platform: Platform;
  /** Local minus platform, ms. */
  offsetMs: number;
  sent: boolean;
  at: number;
}

export class ClockSkew {
  private samples: Sample[] = [];
  private base: number | null = null;

  constructor(
    private readonly now: () => number,
    private readonly monotonic: () => number = () => performance.now(),
    private readonly limitMs = CLOCK_SKEW_LIMIT_MS,
  ) {}

  /**
   * One platform time, taken as it arrived. Returns true when what the screen should say
   * changed (a warning came, went, changed direction or moved by a minute or more).
   */
  observe(platform: Platform, time: PlatformTime): boolean {
    if (!Number.isFinite(time.ms) || time.ms < PLAUSIBLE_FROM || time.ms > PLAUSIBLE_TO) return false;
    const before = describe(this.warning());
    const local = this.now();
    const base = local - this.monotonic();
    if (this.base !== null && Math.abs(base - this.base) > STEP_MS) this.samples = [];
    this.base = base;
    this.samples.push({ platform, offsetMs: local - time.ms, sent: time.sent, at: local });
    if (this.samples.length > KEEP) this.samples.shift();
    return describe(this.warning()) !== before;
  }

  /** What to show: undefined while the clock looks right (or nothing has been measured). */
  warning(): ClockSkewWarning | undefined {
    const least = minBy(this.samples);
    if (!least) return undefined;
    if (least.offsetMs < -this.limitMs) return view(least);
    const sent = minBy(this.samples.filter((s) => s.sent));
    if (sent && least.offsetMs > this.limitMs) return view(sent);
    return undefined;
  }
}

function minBy(samples: Sample[]): Sample | undefined {
  return samples.reduce<Sample | undefined>((m, s) => (m === undefined || s.offsetMs < m.offsetMs ? s : m), undefined);
}

function view(s: Sample): ClockSkewWarning {
  return { platform: s.platform, aheadMs: s.offsetMs, measuredAt: new Date(s.at).toISOString() };
}

function describe(w: ClockSkewWarning | undefined): string {
  return w ? `${w.platform}:${Math.round(w.aheadMs / 60_000)}` : '';
}

/**
 * The receiver's routes, each telling `skew` the platform's time of every callback whose
 * signature (or pending binding) checked out. Only after `verify` passes: an unverified
 * request tells us nothing about anybody's clock.
 */
export function probeRoutes(routes: readonly CallbackRoute[], skew: { observe: ClockSkew['observe'] }, onChange: () => void): CallbackRoute[] {
  return routes.map((route) => {
    const timeOf = route.platformTime;
    if (!timeOf) return route;
    return {
      ...route,
      verify(...args: Parameters<CallbackRoute['verify']>) {
        route.verify(...args);
        // Measuring is a side matter: whatever goes wrong here must never refuse a callback.
        try {
          const time = timeOf(args[0]);
          if (time && skew.observe(route.platform, time)) onChange();
        } catch {
          // no sample
        }
      },
    };
  });
}

/** A fetch that reports the `Date` of every answer (the server's clock when it answered). */
export function fetchWithServerDate(
  platform: Platform,
  skew: { observe: ClockSkew['observe'] },
  onChange: () => void,
  fetchImpl?: typeof globalThis.fetch,
): typeof globalThis.fetch {
  return async (input, init) => {
    const res = await (fetchImpl ?? globalThis.fetch)(input, init);
    const date = Date.parse(res.headers.get('date') ?? '');
    if (!Number.isNaN(date) && skew.observe(platform, { ms: date, sent: true })) onChange();
    return res;
  };
}
