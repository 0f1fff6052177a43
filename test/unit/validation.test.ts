import { describe, expect, it } from "vitest";
import { dbDate, dateTimeString, INT4_MAX, dbId, isBase64, isStorableText, unstorableTextPaths } from "../../src/platform/validation.js";

describe("input bounded by what PostgreSQL stores", () => {
  it("should take ids up to int4 only", () => {
    expect(dbId.safeParse(INT4_MAX).success).toBe(true);
    expect(dbId.safeParse(INT4_MAX + 1).success).toBe(false);
    expect(dbId.safeParse(0).success).toBe(false);
  });

  it("should tell storable text: surrogate pairs yes, NUL and unpaired halves no", () => {
    expect(isStorableText("نوافذ 🎨 ok")).toBe(true);
    for (const s of ["\u0000", "a\ud800", "\ud800a", "\udc00", "a\udc00\ud800b"]) expect(isStorableText(s), JSON.stringify(s)).toBe(false);
    expect(unstorableTextPaths({ a: ["ok", "x\u0000"], b: { "\ud800": 1 } })).toEqual(expect.arrayContaining([["a", 1], ["b", "\ud800"]]));
  });

  it("should check base64 in one pass, megabytes included", () => {
    for (const s of ["", "QQ==", "QUI=", "QUJD", Buffer.alloc(7_000_000, 1).toString("base64")]) expect(isBase64(s)).toBe(true);
    for (const s of ["Q", "QQ=", "Q===", "=QQQ", "QQ=A", "QU I", "QUJ-", "QUJ_"]) expect(isBase64(s), s).toBe(false);
  });

  it("should take date-times of years 1 to 9999 only", () => {
    expect(dateTimeString.safeParse("2026-11-22T10:00:00+03:00").success).toBe(true);
    for (const s of ["0000-01-01T00:00:00Z", "+275760-09-13T00:00:00Z", "2026-11-22", "2026-11-22T10:00:00"]) expect(dateTimeString.safeParse(s).success, s).toBe(false);
    expect(dbDate.safeParse(new Date(8.64e15)).success).toBe(false);
    expect(dbDate.safeParse("0000-06-01T00:00:00Z").success).toBe(false);
  });
});
