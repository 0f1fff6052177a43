/** Date arithmetic for back-dated demo timelines. */

/** Milliseconds per minute. */
export const MINUTE = 60_000;
/** Milliseconds per hour. */
export const HOUR = 60 * MINUTE;
/** Milliseconds per day. */
export const DAY = 24 * HOUR;
/** Asia/Riyadh is UTC+3 all year (no daylight saving). */
export const RIYADH_OFFSET_HOURS = 3;

/** `d` plus `h` hours (fractions allowed). */
export function addHours(d: Date, h: number): Date {
  return new Date(d.getTime() + h * HOUR);
}

/** `d` plus `n` days (fractions allowed). */
export function addDays(d: Date, n: number): Date {
  return new Date(d.getTime() + n * DAY);
}

/** `n` days before `now`, optionally moved to a local (Asia/Riyadh, UTC+3) hour of that day. */
export function daysAgo(now: Date, n: number, riyadhHour?: number): Date {
  const d = addDays(now, -n);
  if (riyadhHour === undefined) return d;
  const local = addHours(d, RIYADH_OFFSET_HOURS); // wall clock in Riyadh, read with the UTC getters
  const out = addHours(new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate())), riyadhHour - RIYADH_OFFSET_HOURS);
  return n >= 0 && out.getTime() > now.getTime() ? addDays(out, -1) : out;
}

/** The later of two dates. */
export function maxDate(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

/** The earlier of two dates. */
export function minDate(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}
