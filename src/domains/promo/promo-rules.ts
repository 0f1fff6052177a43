/**
 * The rules of each placement, as data staff edit (settings promo_placement_rules,
 * promo_daily_prices, promo_max_days): which image types and sizes it takes, the pixel size the
 * app shows it at, its price per day, and how many home banners one city shows at once. The
 * checks here are pure, so the API, the panel and the tests all ask the same thing.
 */
import type { PromoPlacementRule } from "../backoffice/settings.js";
import { readSetting } from "../backoffice/settings.js";
import { DomainError } from "../../platform/errors.js";
import { DAY_MS, riyadhDay, riyadhDayStart } from "../../platform/riyadh-time.js";
import type { Deps } from "../../platform/deps.js";
import type { Tx } from "../../platform/database/transaction.js";
import type { Placement } from "./promo.status.js";

type Db = Deps["db"] | Tx;

/** The rule of one placement (the registry's default until staff store their own). */
export async function placementRule(db: Db, placement: Placement): Promise<PromoPlacementRule> {
  const rules = await readSetting(db, "promo_placement_rules");
  return rules![placement];
}

/** Every placement's rule, price per day and the longest booking (what the app shows before a provider books). */
export async function placementCatalog(db: Db) {
  const [rules, prices, maxDays] = await Promise.all([readSetting(db, "promo_placement_rules"), readSetting(db, "promo_daily_prices"), readSetting(db, "promo_max_days")]);
  return { rules: rules!, prices: prices!, maxDays: maxDays! };
}

/** A size in bytes as people read it ("2 MB", "500 KB"). */
export function readableSize(bytes: number): string {
  return bytes >= 1_000_000 ? `${Math.round(bytes / 100_000) / 10} MB` : `${Math.round(bytes / 1000)} KB`;
}

/**
 * Checks an image against its placement's rule, in the order a provider fixes things: type
 * (415), size (413), then pixel size (422). `dims` is null when the header could not be read.
 */
export function checkAsset(rule: PromoPlacementRule, file: { mime: string; size: number }, dims: { width: number; height: number } | null): void {
  const field = (text: string) => ({ fields: { file: text } });
  if (!(rule.types as readonly string[]).includes(file.mime)) {
    const allowed = rule.types.map((t) => t.replace("image/", "").toUpperCase()).join(", ");
    throw new DomainError("PROMO_ASSET_TYPE_NOT_ALLOWED", `${file.mime || "unknown"} not taken here`, 415, { allowed, ...field(`must be one of ${rule.types.join(", ")}`) });
  }
  if (file.size > rule.maxBytes) {
    throw new DomainError("PROMO_ASSET_TOO_LARGE", `${file.size} > ${rule.maxBytes} bytes`, 413, { maxSize: readableSize(rule.maxBytes), maxBytes: rule.maxBytes, ...field(`is larger than ${rule.maxBytes} bytes`) });
  }
  if (!dims) throw new DomainError("PROMO_ASSET_UNREADABLE", "image header unreadable", 422, field("is not a readable image"));
  const sizes = { width: rule.width, height: rule.height, actualWidth: dims.width, actualHeight: dims.height };
  if (rule.fit === "exact" && (dims.width !== rule.width || dims.height !== rule.height)) {
    throw new DomainError("PROMO_ASSET_DIMENSIONS", "wrong pixel size", 422, { ...sizes, ...field(`must be exactly ${rule.width}×${rule.height} pixels`) });
  }
  if (rule.fit === "min" && (dims.width < rule.width || dims.height < rule.height)) {
    throw new DomainError("PROMO_ASSET_TOO_SMALL", "too few pixels", 422, { ...sizes, ...field(`must be at least ${rule.width}×${rule.height} pixels`) });
  }
}

/** The instants a booking of whole Riyadh days covers: from the start day's midnight to the end day's. */
export function bookingPeriod(startsOn: string, endsOn: string): { startsAt: Date; endsAt: Date; days: number } {
  const startsAt = riyadhDayStart(startsOn);
  const endsAt = riyadhDayStart(endsOn);
  return { startsAt, endsAt, days: Math.round((endsAt.getTime() - startsAt.getTime()) / DAY_MS) };
}

/** Refuses a booking that starts before today (Riyadh) or is longer than the longest allowed. */
export function checkBooking(period: { startsAt: Date; days: number }, maxDays: number, now = new Date()): void {
  if (riyadhDay(period.startsAt) < riyadhDay(now)) throw new DomainError("PROMO_START_PASSED", "starts before today", 422, { fields: { starts_on: "DATE_NOT_BEFORE_TODAY" } });
  if (period.days > maxDays) throw new DomainError("PROMO_TOO_LONG", `${period.days} > ${maxDays} days`, 422, { maxDays, fields: { ends_on: `at most ${maxDays} days after the start` } });
}

interface Booked {
  startsAt: Date;
  endsAt: Date;
  targetCity: string | null;
}

/** The most of `taken` that run at the same instant within `range` (each covers [startsAt, endsAt)). */
export function peakOverlap(taken: readonly Pick<Booked, "startsAt" | "endsAt">[], range: Pick<Booked, "startsAt" | "endsAt">): number {
  const inRange = taken.filter((t) => t.startsAt < range.endsAt && t.endsAt > range.startsAt);
  // The count only rises where an interval starts, so the peak is at the range's start or one of those.
  const points = [range.startsAt, ...inRange.map((t) => t.startsAt).filter((p) => p > range.startsAt)];
  return Math.max(0, ...points.map((p) => inRange.filter((t) => t.startsAt <= p && t.endsAt > p).length));
}

/**
 * How many of `taken` would show beside `candidate` at the busiest instant, city by city: a banner
 * without a city shows in every city, so it shares each city's slots.
 */
export function slotsTakenBeside(taken: readonly Booked[], candidate: Booked): number {
  const cities = candidate.targetCity !== null ? [candidate.targetCity] : [...new Set(taken.map((t) => t.targetCity).filter((c): c is string => c !== null))];
  const groups = cities.map((city) => taken.filter((t) => t.targetCity === null || t.targetCity === city));
  if (candidate.targetCity === null) groups.push(taken.filter((t) => t.targetCity === null));
  return Math.max(0, ...groups.map((g) => peakOverlap(g, candidate)));
}
