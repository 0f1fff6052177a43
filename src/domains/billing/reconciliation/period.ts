/**
 * The period a reconciliation run covers, [from, to): calendar days in Riyadh time as the panel
 * picks them, yesterday for the daily run, and the limits every run's period is checked against.
 */
import { DomainError } from "../../../platform/errors.js";
import { DAY_MS, riyadhDay, riyadhDayStart } from "../../../platform/riyadh-time.js";

/** Longest period one run may cover. */
export const MAX_RECONCILIATION_DAYS = 92;

/** Clock slack allowed on "not in the future". */
const FUTURE_SLACK_MS = 5 * 60_000;

/**
 * The period for two calendar days picked in the panel (both inclusive, Riyadh time): from the
 * first day's midnight to the midnight after the last day, or now when that is still ahead.
 */
export function periodForDays(fromDay: string, toDay: string, now = new Date()): { from: Date; to: Date } {
  const from = riyadhDayStart(fromDay);
  const end = riyadhDayStart(toDay);
  const to = Number.isNaN(end.getTime()) ? end : new Date(Math.min(end.getTime() + DAY_MS, now.getTime()));
  return { from, to };
}

/** Yesterday in Riyadh: what the 03:00 daily run reconciles. */
export function yesterdayInRiyadh(now = new Date()): { from: Date; to: Date } {
  const to = riyadhDayStart(riyadhDay(now));
  return { from: new Date(to.getTime() - DAY_MS), to };
}

/** The period a run may cover: real dates, start before end, at most 92 days, not in the future (422 naming the field otherwise). */
export function checkRunPeriod(input: { from: Date; to: Date }, now: Date): { from: Date; to: Date } {
  const { from, to } = input;
  const refuse = (why: string, fields: Record<string, string>) => {
    throw new DomainError("RECONCILIATION_RANGE", why, 422, { fields, maxDays: MAX_RECONCILIATION_DAYS });
  };
  if (!(from instanceof Date) || Number.isNaN(from.getTime())) refuse("the start is not a date", { from: "NOT_A_DATE" });
  if (!(to instanceof Date) || Number.isNaN(to.getTime())) refuse("the end is not a date", { to: "NOT_A_DATE" });
  if (from.getTime() >= to.getTime()) refuse("the start must be before the end", { from: "RANGE_START_AFTER_END" });
  if (to.getTime() - from.getTime() > MAX_RECONCILIATION_DAYS * DAY_MS) refuse(`at most ${MAX_RECONCILIATION_DAYS} days`, { to: "RANGE_TOO_LONG" });
  if (to.getTime() > now.getTime() + FUTURE_SLACK_MS) refuse("the end is in the future", { to: "RANGE_IN_FUTURE" });
  return { from, to };
}
