/**
 * Calendar days as the business counts them: in Riyadh, which is UTC+3 all year (no daylight
 * saving). Reconciliation periods and promotion dates are whole Riyadh days.
 */
export const DAY_MS = 86_400_000;
const RIYADH_OFFSET_MS = 3 * 3_600_000;

/** 00:00 in Riyadh of a calendar day given as YYYY-MM-DD (Invalid Date when malformed). */
export function riyadhDayStart(day: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day.trim());
  if (!m) return new Date(NaN);
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(utc);
  // Date.UTC rolls 2026-02-31 over into March: refuse instead.
  if (d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return new Date(NaN);
  return new Date(utc - RIYADH_OFFSET_MS);
}

/** The Riyadh calendar day (YYYY-MM-DD) an instant falls on. */
export function riyadhDay(at: Date): string {
  return new Date(at.getTime() + RIYADH_OFFSET_MS).toISOString().slice(0, 10);
}
