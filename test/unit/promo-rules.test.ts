/** Promotion rules that need no database: image checks, booking days, home banner slots, signed image links. */
import { describe, expect, it } from "vitest";
import { DEFAULT_PROMO_PLACEMENT_RULES } from "../../src/domains/backoffice/settings.js";
import { bookingPeriod, checkAsset, checkBooking, peakOverlap, slotsTakenBeside } from "../../src/domains/promo/promo-rules.js";
import { urlSigner } from "../../src/platform/signed-urls.js";

const banner = DEFAULT_PROMO_PLACEMENT_RULES.home_banner;
const boost = DEFAULT_PROMO_PLACEMENT_RULES.search_boost;
const png = (size = 1000) => ({ mime: "image/png", size });
const codeOf = (f: () => void) => {
  try {
    f();
    return "ok";
  } catch (e) {
    return `${(e as { status: number }).status} ${(e as { code: string }).code}`;
  }
};

describe("image checks", () => {
  it("should check type, then size, then pixel size, with the status the API answers", () => {
    expect(codeOf(() => checkAsset({ ...banner, types: ["image/jpeg"] }, png(), { width: 1200, height: 400 }))).toBe("415 PROMO_ASSET_TYPE_NOT_ALLOWED");
    expect(codeOf(() => checkAsset(banner, png(banner.maxBytes + 1), { width: 1, height: 1 }))).toBe("413 PROMO_ASSET_TOO_LARGE");
    expect(codeOf(() => checkAsset(banner, png(), null))).toBe("422 PROMO_ASSET_UNREADABLE");
    expect(codeOf(() => checkAsset(banner, png(), { width: 1200, height: 401 }))).toBe("422 PROMO_ASSET_DIMENSIONS");
    expect(codeOf(() => checkAsset(banner, png(), { width: 1200, height: 400 }))).toBe("ok");
    expect(codeOf(() => checkAsset(boost, png(), { width: 399, height: 2000 }))).toBe("422 PROMO_ASSET_TOO_SMALL");
    expect(codeOf(() => checkAsset(boost, png(), { width: 400, height: 400 }))).toBe("ok");
    expect(codeOf(() => checkAsset(boost, png(), { width: 1600, height: 900 }))).toBe("ok");
  });

  it("should say what was expected and what came, for the message", () => {
    try {
      checkAsset(banner, png(), { width: 1080, height: 540 });
    } catch (e) {
      expect((e as { details: unknown }).details).toMatchObject({ width: 1200, height: 400, actualWidth: 1080, actualHeight: 540, fields: { file: "must be exactly 1200×400 pixels" } });
    }
    try {
      checkAsset(banner, png(2_500_000), { width: 1200, height: 400 });
    } catch (e) {
      expect((e as { details: unknown }).details).toMatchObject({ maxSize: "2 MB" });
    }
  });
});

describe("bookings", () => {
  it("should count whole Riyadh days from midnight to midnight", () => {
    const p = bookingPeriod("2026-12-10", "2026-12-17");
    expect(p).toEqual({ startsAt: new Date("2026-12-09T21:00:00Z"), endsAt: new Date("2026-12-16T21:00:00Z"), days: 7 });
  });

  it("should refuse a start before today in Riyadh and a booking longer than allowed", () => {
    // 22:30 UTC on the 9th is already the 10th in Riyadh.
    const now = new Date("2026-12-09T22:30:00Z");
    expect(codeOf(() => checkBooking(bookingPeriod("2026-12-10", "2026-12-12"), 60, now))).toBe("ok");
    expect(codeOf(() => checkBooking(bookingPeriod("2026-12-09", "2026-12-12"), 60, now))).toBe("422 PROMO_START_PASSED");
    expect(codeOf(() => checkBooking(bookingPeriod("2026-12-10", "2027-02-09"), 60, now))).toBe("422 PROMO_TOO_LONG");
    expect(codeOf(() => checkBooking(bookingPeriod("2026-12-10", "2027-02-08"), 60, now))).toBe("ok");
  });
});

describe("home banner slots", () => {
  const d = (day: number) => new Date(Date.UTC(2026, 11, day));
  const b = (from: number, to: number, city: string | null = "Riyadh") => ({ startsAt: d(from), endsAt: d(to), targetCity: city });

  it("should count the busiest instant, not every overlap", () => {
    // Two bookings that never run together each overlap the range: one slot at a time.
    expect(peakOverlap([b(1, 5), b(5, 10)], b(3, 8))).toBe(1);
    expect(peakOverlap([b(1, 6), b(5, 10)], b(3, 8))).toBe(2);
    expect(peakOverlap([b(1, 3), b(8, 10)], b(3, 8))).toBe(0);
  });

  it("should share a city's slots with banners shown everywhere, and an everywhere banner with every city", () => {
    const taken = [b(1, 10, "Riyadh"), b(1, 10, "Riyadh"), b(1, 10, "Jeddah"), b(1, 10, null)];
    expect(slotsTakenBeside(taken, b(2, 4, "Riyadh"))).toBe(3);
    expect(slotsTakenBeside(taken, b(2, 4, "Jeddah"))).toBe(2);
    expect(slotsTakenBeside(taken, b(2, 4, "Dammam"))).toBe(1);
    expect(slotsTakenBeside(taken, b(2, 4, null))).toBe(3);
    expect(slotsTakenBeside([], b(2, 4, null))).toBe(0);
  });
});

describe("signed image links", () => {
  const signer = urlSigner("a-session-secret-of-at-least-32-characters", "promo-asset");
  const now = new Date("2026-12-10T10:00:00Z");
  const exp = now.getTime() / 1000 + 600;

  it("should open only for the signed id and expiry, until the expiry", () => {
    const sig = signer.sign(12, exp);
    expect(signer.check(12, exp, sig, now)).toBe("ok");
    expect(signer.check(13, exp, sig, now)).toBe("invalid");
    expect(signer.check(12, exp + 3600, sig, now)).toBe("invalid");
    expect(signer.check(12, exp, sig.slice(0, -2) + (sig.endsWith("A") ? "BB" : "AA"), now)).toBe("invalid");
    expect(signer.check(12, exp, "", now)).toBe("invalid");
    expect(signer.check(12, exp, sig, new Date((exp + 1) * 1000))).toBe("expired");
  });

  it("should not accept a link signed for another purpose or with another secret", () => {
    const sig = signer.sign(12, exp);
    expect(urlSigner("a-session-secret-of-at-least-32-characters", "verification-document").check(12, exp, sig, now)).toBe("invalid");
    expect(urlSigner("another-secret-of-at-least-32-characters!", "promo-asset").check(12, exp, sig, now)).toBe("invalid");
  });
});
