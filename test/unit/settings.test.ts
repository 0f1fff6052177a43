/** The typed settings registry: what each key accepts, the form spellings it turns into typed values, and readers that refuse instead of guessing. */
import { describe, expect, it } from "vitest";
import { parseSetting, readSetting, SETTINGS } from "../../src/domains/backoffice/settings.js";
import { DEMO_SELLER } from "../../prisma/seed/backoffice.seed.js";

const db = (value: unknown) => ({ setting: { findUnique: async () => (value === undefined ? null : { value }) } }) as never;

describe("settings registry", () => {
  it("should accept the demo seller and refuse a seller missing what a tax invoice needs", () => {
    expect(parseSetting("seller", DEMO_SELLER)).toEqual({ ok: true, value: DEMO_SELLER });
    const paths = (v: unknown) => (parseSetting("seller", v) as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(paths({ ...DEMO_SELLER, vatNumber: "300000000000003" })).toEqual(["vatNumber"]);
    expect(paths({ ...DEMO_SELLER, vatNumber: "410123456700003" })).toEqual(["vatNumber"]);
    expect(paths({ ...DEMO_SELLER, vatNumber: "3101234567000031" })).toEqual(["vatNumber"]);
    expect(paths({ ...DEMO_SELLER, nameEn: " " })).toEqual(["nameEn"]);
    expect(paths({ ...DEMO_SELLER, crNumber: "12" })).toEqual(["crNumber"]);
    expect(paths({ ...DEMO_SELLER, address: { ar: DEMO_SELLER.address.ar } })).toEqual(["address.en"]);
    expect(paths({ ...DEMO_SELLER, address: { ...DEMO_SELLER.address, ar: { city: "الرياض" } } })).toEqual(["address.ar.street"]);
    expect(paths({ nameAr: "نوافذ", nameEn: "Nawafeth", vatNumber: "310123456700003" })).toEqual(["address"]);
    // The QR's TLV length is one byte.
    expect(paths({ ...DEMO_SELLER, nameAr: "ب".repeat(128) })).toEqual(["nameAr"]);
  });

  it("should turn a form's strings into the stored types", () => {
    expect(parseSetting("vat_rate_bp", "1600")).toEqual({ ok: true, value: 1600 });
    expect(parseSetting("vat_rate_bp", "")).toMatchObject({ ok: false });
    expect(parseSetting("vat_rate_bp", "15%")).toMatchObject({ ok: false });
    expect(parseSetting("vat_rate_bp", 10_001)).toMatchObject({ ok: false });
    expect(parseSetting("maintenance_mode", "true")).toEqual({ ok: true, value: true });
    expect(parseSetting("invoice_reminder_days", ["3", "6"])).toEqual({ ok: true, value: [3, 6] });
    expect(parseSetting("promo_daily_prices", { home_banner: "5000", category_top: 2, search_boost: 3 })).toMatchObject({ ok: true, value: { home_banner: 5000 } });
    const rules = { ...SETTINGS.promo_placement_rules.default, home_banner: { types: ["image/png"], maxBytes: "1500000", width: "1200", height: "400", fit: "exact", maxLivePerCity: "" } };
    expect(parseSetting("promo_placement_rules", rules)).toMatchObject({ ok: true, value: { home_banner: { maxBytes: 1_500_000, width: 1200, maxLivePerCity: undefined } } });
    expect(parseSetting("promo_placement_rules", { ...rules, search_boost: { ...rules.home_banner, types: ["image/gif"] } })).toMatchObject({ ok: false, issues: [{ path: "search_boost.types.0" }] });
    expect(parseSetting("seller", { ...DEMO_SELLER, crNumber: "" })).toEqual({ ok: true, value: { ...DEMO_SELLER, crNumber: undefined } });
    expect(parseSetting("no_such_key", 1)).toMatchObject({ ok: false, issues: [{ path: "", message: "UNKNOWN_SETTING", issue: { params: { key: "no_such_key" } } }] });
  });

  it("should read a missing setting as its default (or undefined) and refuse an invalid stored one", async () => {
    expect(await readSetting(db(undefined), "vat_rate_bp")).toBe(SETTINGS.vat_rate_bp.default);
    expect(await readSetting(db(undefined), "seller")).toBeUndefined();
    expect(await readSetting(db(1250), "vat_rate_bp")).toBe(1250);
    await expect(readSetting(db("fifteen"), "vat_rate_bp")).rejects.toMatchObject({ code: "SETTING_INVALID", details: { key: "vat_rate_bp" } });
  });
});
