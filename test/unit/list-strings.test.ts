import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { listStrings } from "../../admin/locale/lists.js";

describe("a list's row count", () => {
  it("should agree with the number in English and Arabic", async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng: "en", resources: { en: { translation: listStrings.en }, ar: { translation: listStrings.ar } } });
    const say = (lng: string, n: number) => i18n.t("messages.listRows", { lng, rows: n.toLocaleString("en-US"), count: n });
    expect([1, 2, 1000].map((n) => say("en", n))).toEqual(["1 record", "2 records", "1,000 records"]);
    expect([0, 1, 2, 3, 10, 11, 99, 100, 1000].map((n) => say("ar", n))).toEqual([
      "لا سجلات", "سجل واحد", "سجلان", "3 سجلات", "10 سجلات", "11 سجلًا", "99 سجلًا", "100 سجل", "1,000 سجل",
    ]);
    // AdminJS asks whether the bare key exists before translating.
    expect(i18n.exists("messages.listRows", { lng: "ar" })).toBe(true);
  });
});
