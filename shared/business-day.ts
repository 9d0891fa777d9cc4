/**
 * Business days: the shop's calendar day (`YYYY-MM-DD`) of an instant in the shop's time zone,
 * and calendar arithmetic on such days. Used by the core (which day's file an order goes to,
 * the journal's day) and the renderer (today / tomorrow words) alike, so both agree on the day.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(key, f);
  }
  return f;
}

/**
 * `YYYY-MM-DD` of instants in an IANA time zone (this machine's zone when undefined). Throws
 * RangeError for an unknown zone at once, not at the first day asked for.
 */
export function dayFormatter(timeZone: string | undefined): (at: Date | string | number) => string {
  const format = formatterFor(timeZone);
  return (at) => {
    const parts = format.formatToParts(at instanceof Date ? at : new Date(at));
    const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
    return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
  };
}

/** `YYYY-MM-DD` of an instant in a time zone (this machine's zone when undefined). */
export function dayIn(timeZone: string | undefined, at: Date | string | number): string {
  return dayFormatter(timeZone)(at);
}

/** `day` plus `n` calendar days (negative: earlier). Pure date arithmetic, no time zone involved. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + n)).toISOString().slice(0, 10);
}
