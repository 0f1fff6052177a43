/** ZATCA simplified-invoice QR payload: TLV bytes, base64, UTF-8 lengths and the 255-byte limit. */
import { describe, expect, it } from "vitest";
import { decodeZatcaTlv, zatcaTimestamp, zatcaTlvBase64 } from "../../src/domains/billing/zatca-qr.js";
import { DomainError } from "../../src/platform/errors.js";

const bobs = { sellerName: "Bobs Records", vatNumber: "310122393500003", timestamp: new Date("2022-04-25T15:30:00Z"), total: 100_000, vat: 15_000 };

/**
 * The widely circulated example for these values. Its last field carries tag 3, not 5: ZATCA's
 * specification (and every other field of the example) says the VAT total is tag 5, so that one
 * byte is a typo in the published string.
 */
const PUBLISHED = "AQxCb2JzIFJlY29yZHMCDzMxMDEyMjM5MzUwMDAwMwMUMjAyMi0wNC0yNVQxNTozMDowMFoEBzEwMDAuMDADBjE1MC4wMA==";
/** The same example with the VAT total under tag 5. */
const SPEC = "AQxCb2JzIFJlY29yZHMCDzMxMDEyMjM5MzUwMDAwMwMUMjAyMi0wNC0yNVQxNTozMDowMFoEBzEwMDAuMDAFBjE1MC4wMA==";

describe("zatcaTlvBase64", () => {
  it("should reproduce the published Bobs Records vector (with the VAT total under tag 5)", () => {
    expect(zatcaTlvBase64(bobs)).toBe(SPEC);
  });

  it("should differ from the circulated string only in the VAT total's tag byte", () => {
    const ours = Buffer.from(zatcaTlvBase64(bobs), "base64");
    const published = Buffer.from(PUBLISHED, "base64");
    expect(ours.length).toBe(published.length);
    const differing = [...ours.keys()].filter((i) => ours[i] !== published[i]);
    const vatTagAt = ours.length - 2 - "150.00".length;
    expect(differing).toEqual([vatTagAt]);
    expect([ours[vatTagAt], published[vatTagAt]]).toEqual([5, 3]);
  });

  it("should decode back into the five fields in order", () => {
    expect(decodeZatcaTlv(zatcaTlvBase64(bobs))).toEqual([
      { tag: 1, value: "Bobs Records" },
      { tag: 2, value: "310122393500003" },
      { tag: 3, value: "2022-04-25T15:30:00Z" },
      { tag: 4, value: "1000.00" },
      { tag: 5, value: "150.00" },
    ]);
  });

  it("should drop milliseconds from the timestamp and print it in UTC", () => {
    expect(zatcaTimestamp(new Date("2022-04-25T15:30:00.987Z"))).toBe("2022-04-25T15:30:00Z");
    expect(zatcaTimestamp(new Date("2026-01-01T02:59:59+03:00"))).toBe("2025-12-31T23:59:59Z");
    expect(() => zatcaTimestamp(new Date("nope"))).toThrow(DomainError);
  });

  it("should print amounts from halalas with two decimals", () => {
    const fields = decodeZatcaTlv(zatcaTlvBase64({ ...bobs, total: 5, vat: 1 }));
    expect(fields.slice(3)).toEqual([
      { tag: 4, value: "0.05" },
      { tag: 5, value: "0.01" },
    ]);
    expect(decodeZatcaTlv(zatcaTlvBase64({ ...bobs, total: 132_249, vat: 17_250 }))[3]!.value).toBe("1322.49");
  });

  it("should count an Arabic seller name's length in UTF-8 bytes, not characters", () => {
    const sellerName = "شركة نوافذ لتقنية المعلومات";
    const bytes = Buffer.from(zatcaTlvBase64({ ...bobs, sellerName }), "base64");
    expect(bytes[0]).toBe(1);
    expect(bytes[1]).toBe(Buffer.byteLength(sellerName, "utf8"));
    expect(bytes[1]).toBe(51); // 24 letters × 2 bytes + 3 spaces; the string has 27 characters
    expect(sellerName).toHaveLength(27);
    expect(decodeZatcaTlv(bytes.toString("base64"))[0]).toEqual({ tag: 1, value: sellerName });
  });

  it("should refuse a value longer than 255 bytes, and accept exactly 255", () => {
    expect(() => zatcaTlvBase64({ ...bobs, sellerName: "ب".repeat(128) })).toThrow(/256 bytes/);
    expect(decodeZatcaTlv(zatcaTlvBase64({ ...bobs, sellerName: "ب".repeat(127) }))[0]!.value).toHaveLength(127);
    expect(decodeZatcaTlv(zatcaTlvBase64({ ...bobs, sellerName: "x".repeat(255) }))[0]!.value).toHaveLength(255);
    expect(() => zatcaTlvBase64({ ...bobs, vatNumber: "" })).toThrow(DomainError);
  });

  it("should refuse a VAT number that is not a Saudi registration, ZATCA's example number included", () => {
    for (const vatNumber of ["300000000000003", "31012239350000", "410122393500003", "310122393500004"]) {
      expect(() => zatcaTlvBase64({ ...bobs, vatNumber }), vatNumber).toThrow(/not a Saudi VAT registration/);
    }
  });

  it("should refuse a truncated payload when decoding", () => {
    const bytes = Buffer.from(SPEC, "base64");
    expect(() => decodeZatcaTlv(bytes.subarray(0, bytes.length - 1).toString("base64"))).toThrow(/truncated/);
    expect(() => decodeZatcaTlv(Buffer.from([1]).toString("base64"))).toThrow(/truncated/);
  });
});
