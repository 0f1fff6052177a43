/**
 * Invoice money: exact cases around every rounding edge, then seeded random loops checking the
 * invariants (total = subtotal − discount + vat, VAT within half a halala of the exact value).
 */
import { describe, expect, it } from "vitest";
import {
  allocateDiscount,
  computeTotals,
  divRoundHalfUp,
  lineAmount,
  minorToDecimal,
  promoDiscount,
  vatOn,
  type PricedLine,
} from "../../src/domains/billing/invoice-totals.js";
import { DomainError } from "../../src/platform/errors.js";

/** Deterministic PRNG (mulberry32) so a failing random case can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)), pick: <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]! };
}

const totals = (amounts: number[], discount: number, vatRateBp = 1500) =>
  computeTotals({ lines: amounts.map((unitAmount) => ({ quantity: 1, unitAmount })), discount, vatRateBp });

describe("lineAmount", () => {
  it("should multiply quantity by unit amount exactly", () => {
    expect(lineAmount({ quantity: 1, unitAmount: 1 })).toBe(1);
    expect(lineAmount({ quantity: 3, unitAmount: 33_333 })).toBe(99_999);
    expect(lineAmount({ quantity: 7, unitAmount: 0 })).toBe(0);
    expect(lineAmount({ quantity: 1000, unitAmount: 9_999_999 })).toBe(9_999_999_000);
  });

  it("should refuse a quantity below 1, fractions, negative prices and unsafe products", () => {
    expect(() => lineAmount({ quantity: 0, unitAmount: 100 })).toThrow(DomainError);
    expect(() => lineAmount({ quantity: -1, unitAmount: 100 })).toThrow(DomainError);
    expect(() => lineAmount({ quantity: 1.5, unitAmount: 100 })).toThrow(DomainError);
    expect(() => lineAmount({ quantity: 1, unitAmount: 10.5 })).toThrow(DomainError);
    expect(() => lineAmount({ quantity: 1, unitAmount: -1 })).toThrow(DomainError);
    expect(() => lineAmount({ quantity: 1, unitAmount: Number.NaN })).toThrow(DomainError);
    expect(() => lineAmount({ quantity: 2, unitAmount: Number.MAX_SAFE_INTEGER })).toThrow(/too large/);
  });
});

describe("vatOn and divRoundHalfUp", () => {
  it("should round half up with integer math", () => {
    expect(divRoundHalfUp(5n, 10n)).toBe(1n);
    expect(divRoundHalfUp(4n, 10n)).toBe(0n);
    expect(divRoundHalfUp(15n, 10n)).toBe(2n);
    expect(divRoundHalfUp(25n, 10n)).toBe(3n); // not banker's rounding
    expect(divRoundHalfUp(0n, 7n)).toBe(0n);
  });

  it("should compute 15% VAT on small amounts at the rounding edges", () => {
    expect(vatOn(1, 1500)).toBe(0); // 0.15
    expect(vatOn(3, 1500)).toBe(0); // 0.45
    expect(vatOn(4, 1500)).toBe(1); // 0.6
    expect(vatOn(10, 1500)).toBe(2); // 1.5 → 2
    expect(vatOn(30, 1500)).toBe(5); // 4.5 → 5
    expect(vatOn(333, 1500)).toBe(50); // 49.95 → 50
    expect(vatOn(10_000, 1500)).toBe(1500);
    expect(vatOn(1, 5000)).toBe(1); // 0.5 → 1
    expect(vatOn(12_345, 0)).toBe(0);
    expect(vatOn(12_345, 10_000)).toBe(12_345);
  });

  it("should stay exact where floats would not", () => {
    const big = Number.MAX_SAFE_INTEGER;
    expect(vatOn(big, 1500)).toBe(Number((BigInt(big) * 1500n * 2n + 10_000n) / 20_000n));
  });

  it("should refuse a rate outside 0–10000 bp or a negative amount", () => {
    expect(() => vatOn(100, -1)).toThrow(DomainError);
    expect(() => vatOn(100, 10_001)).toThrow(DomainError);
    expect(() => vatOn(100, 15.5)).toThrow(DomainError);
    expect(() => vatOn(-100, 1500)).toThrow(DomainError);
  });
});

describe("computeTotals", () => {
  it("should total an invoice with no discount", () => {
    expect(totals([20_000], 0)).toEqual({ lineAmounts: [20_000], subtotal: 20_000, discount: 0, taxable: 20_000, vat: 3000, total: 23_000 });
  });

  it("should charge VAT on the discounted amount", () => {
    expect(totals([20_000], 5000)).toEqual({ lineAmounts: [20_000], subtotal: 20_000, discount: 5000, taxable: 15_000, vat: 2250, total: 17_250 });
  });

  it("should add up several lines with quantities before rounding VAT once", () => {
    const t = computeTotals({ lines: [{ quantity: 1, unitAmount: 20_000 }, { quantity: 3, unitAmount: 33_333 }], discount: 5000, vatRateBp: 1500 });
    expect(t).toEqual({ lineAmounts: [20_000, 99_999], subtotal: 119_999, discount: 5000, taxable: 114_999, vat: 17_250, total: 132_249 });
  });

  it("should round 15% of 3.33 SAR (49.95 halalas) up to 50", () => {
    expect(totals([333], 0)).toMatchObject({ vat: 50, total: 383 });
  });

  it("should handle one-halala lines", () => {
    expect(totals([1], 0)).toMatchObject({ subtotal: 1, vat: 0, total: 1 });
    expect(totals([1, 1, 1, 1], 0)).toMatchObject({ subtotal: 4, vat: 1, total: 5 }); // VAT on the sum, not 4 × 0
    expect(totals([1], 1)).toMatchObject({ discount: 1, taxable: 0, vat: 0, total: 0 });
  });

  it("should round exactly half a halala up", () => {
    expect(totals([10], 0)).toMatchObject({ vat: 2, total: 12 }); // 1.5
    expect(totals([110], 100)).toMatchObject({ taxable: 10, vat: 2, total: 12 });
    expect(totals([1], 0, 5000)).toMatchObject({ vat: 1, total: 2 }); // 0.5
  });

  it("should cap a discount above the subtotal at the subtotal", () => {
    expect(totals([5000], 9000)).toEqual({ lineAmounts: [5000], subtotal: 5000, discount: 5000, taxable: 0, vat: 0, total: 0 });
  });

  it("should treat a negative discount as none", () => {
    expect(totals([5000], -300)).toMatchObject({ discount: 0, taxable: 5000, vat: 750, total: 5750 });
  });

  it("should total an invoice without lines as zero", () => {
    expect(computeTotals({ lines: [], vatRateBp: 1500 })).toEqual({ lineAmounts: [], subtotal: 0, discount: 0, taxable: 0, vat: 0, total: 0 });
  });

  it("should use the given VAT rate (0%, 5%, 12.5%)", () => {
    expect(totals([10_000], 0, 0)).toMatchObject({ vat: 0, total: 10_000 });
    expect(totals([999], 0, 500)).toMatchObject({ vat: 50, total: 1049 }); // 49.95
    expect(totals([4], 0, 1250)).toMatchObject({ vat: 1, total: 5 }); // 0.5
  });

  it("should refuse a fractional discount and bad lines", () => {
    expect(() => totals([1000], 10.5)).toThrow(DomainError);
    expect(() => computeTotals({ lines: [{ quantity: 0, unitAmount: 1 }], vatRateBp: 1500 })).toThrow(DomainError);
  });

  it("should keep its invariants on 5000 random invoices", () => {
    const r = rng(20_260_101);
    for (let n = 0; n < 5000; n++) {
      const lines: PricedLine[] = Array.from({ length: r.int(0, 6) }, () => ({ quantity: r.int(1, 12), unitAmount: r.pick([r.int(0, 9), r.int(0, 99_999), r.int(0, 50_000_000)]) }));
      const exactSubtotal = lines.reduce((s, l) => s + l.quantity * l.unitAmount, 0);
      const discount = r.int(-1000, exactSubtotal + 1000);
      const vatRateBp = r.pick([0, 500, 1500, 1250, 10_000, r.int(0, 10_000)]);
      const t = computeTotals({ lines, discount, vatRateBp });
      const ctx = JSON.stringify({ lines, discount, vatRateBp, t });

      expect(t.subtotal, ctx).toBe(exactSubtotal);
      expect(t.lineAmounts.reduce((s, a) => s + a, 0), ctx).toBe(t.subtotal);
      expect(t.discount, ctx).toBe(Math.min(Math.max(discount, 0), t.subtotal));
      expect(t.taxable, ctx).toBe(t.subtotal - t.discount);
      expect(t.total, ctx).toBe(t.subtotal - t.discount + t.vat);
      for (const x of Object.values(t).flat()) expect(Number.isSafeInteger(x), ctx).toBe(true);
      // vat − taxable × rate / 10000 ∈ (−0.5, 0.5]: within half a halala, an exact half rounded up.
      const diff = BigInt(t.vat) * 10_000n - BigInt(t.taxable) * BigInt(vatRateBp);
      expect(diff > -5000n && diff <= 5000n, ctx).toBe(true);
      expect(Math.abs(t.vat - (t.taxable * vatRateBp) / 10_000) <= 1, ctx).toBe(true);
    }
  });
});

describe("allocateDiscount", () => {
  it("should split in proportion and give leftover halalas to the largest remainders", () => {
    expect(allocateDiscount([100, 200, 300], 100)).toEqual([17, 33, 50]);
    expect(allocateDiscount([20_000, 99_999], 5000)).toEqual([833, 4167]);
    expect(allocateDiscount([500], 500)).toEqual([500]);
    expect(allocateDiscount([0, 1000], 10)).toEqual([0, 10]);
  });

  it("should break remainder ties in line order", () => {
    expect(allocateDiscount([1, 1, 1], 2)).toEqual([1, 1, 0]);
    expect(allocateDiscount([1, 1, 1], 1)).toEqual([1, 0, 0]);
  });

  it("should give nothing when there is no discount and refuse one above the subtotal", () => {
    expect(allocateDiscount([100, 200], 0)).toEqual([0, 0]);
    expect(allocateDiscount([], 0)).toEqual([]);
    expect(() => allocateDiscount([100, 200], 301)).toThrow(DomainError);
    expect(() => allocateDiscount([100, 200], -1)).toThrow(DomainError);
  });

  it("should sum exactly to the discount, never exceed a line, and stay within 1 of the exact share on random input", () => {
    const r = rng(7);
    for (let n = 0; n < 3000; n++) {
      const amounts = Array.from({ length: r.int(1, 8) }, () => r.pick([r.int(0, 3), r.int(0, 1000), r.int(0, 10_000_000)]));
      const subtotal = amounts.reduce((s, a) => s + a, 0);
      const discount = r.int(0, subtotal);
      const shares = allocateDiscount(amounts, discount);
      const ctx = JSON.stringify({ amounts, discount, shares });
      expect(shares.reduce((s, x) => s + x, 0), ctx).toBe(discount);
      shares.forEach((s, i) => {
        expect(s >= 0 && s <= amounts[i]!, ctx).toBe(true);
        if (subtotal > 0) expect(Math.abs(s - (discount * amounts[i]!) / subtotal) < 1, ctx).toBe(true);
      });
    }
  });
});

describe("promoDiscount", () => {
  it("should take a percentage rounded half up", () => {
    expect(promoDiscount({ kind: "percentage", percentOff: 10 }, 20_000)).toEqual({ ok: true, discount: 2000 });
    expect(promoDiscount({ kind: "percentage", percentOff: 15 }, 333)).toEqual({ ok: true, discount: 50 }); // 49.95
    expect(promoDiscount({ kind: "percentage", percentOff: 10 }, 333)).toEqual({ ok: true, discount: 33 }); // 33.3
    expect(promoDiscount({ kind: "percentage", percentOff: 50 }, 1)).toEqual({ ok: true, discount: 1 }); // 0.5
    expect(promoDiscount({ kind: "percentage", percentOff: 0 }, 5000)).toEqual({ ok: true, discount: 0 });
    expect(promoDiscount({ kind: "percentage", percentOff: 100 }, 5000)).toEqual({ ok: true, discount: 5000 });
  });

  it("should cap a percentage by maxDiscount", () => {
    expect(promoDiscount({ kind: "percentage", percentOff: 10, maxDiscount: 5000 }, 100_000)).toEqual({ ok: true, discount: 5000 });
    expect(promoDiscount({ kind: "percentage", percentOff: 10, maxDiscount: 5000 }, 40_000)).toEqual({ ok: true, discount: 4000 });
    expect(promoDiscount({ kind: "percentage", percentOff: 10, maxDiscount: 0 }, 40_000)).toEqual({ ok: true, discount: 0 });
  });

  it("should cap a fixed amount by the subtotal", () => {
    expect(promoDiscount({ kind: "fixed", amountOff: 5000 }, 20_000)).toEqual({ ok: true, discount: 5000 });
    expect(promoDiscount({ kind: "fixed", amountOff: 5000 }, 3000)).toEqual({ ok: true, discount: 3000 });
    expect(promoDiscount({ kind: "fixed", amountOff: 5000 }, 0)).toEqual({ ok: true, discount: 0 });
  });

  it("should refuse a subtotal below the minimum, and accept one equal to it", () => {
    expect(promoDiscount({ kind: "fixed", amountOff: 5000, minAmount: 20_000 }, 19_999)).toEqual({ ok: false, reason: "BELOW_MINIMUM", minAmount: 20_000 });
    expect(promoDiscount({ kind: "fixed", amountOff: 5000, minAmount: 20_000 }, 20_000)).toEqual({ ok: true, discount: 5000 });
  });

  it("should read a PromoCode row with nulls as is", () => {
    const row = { kind: "percentage" as const, percentOff: 10, amountOff: null, maxDiscount: 5000, minAmount: null };
    expect(promoDiscount(row, 70_000)).toEqual({ ok: true, discount: 5000 });
  });

  it("should refuse a misconfigured code", () => {
    expect(() => promoDiscount({ kind: "percentage" }, 1000)).toThrow(DomainError);
    expect(() => promoDiscount({ kind: "percentage", percentOff: 101 }, 1000)).toThrow(DomainError);
    expect(() => promoDiscount({ kind: "fixed", amountOff: null }, 1000)).toThrow(DomainError);
    expect(() => promoDiscount({ kind: "fixed", amountOff: -1 }, 1000)).toThrow(DomainError);
    expect(() => promoDiscount({ kind: "fixed", amountOff: 100 }, -1)).toThrow(DomainError);
  });

  it("should never exceed the subtotal or the cap, on random codes", () => {
    const r = rng(42);
    for (let n = 0; n < 3000; n++) {
      const subtotal = r.pick([r.int(0, 10), r.int(0, 1_000_000)]);
      const promo =
        r.int(0, 1) === 0
          ? { kind: "percentage" as const, percentOff: r.int(0, 100), maxDiscount: r.pick([null, r.int(0, 100_000)]) }
          : { kind: "fixed" as const, amountOff: r.int(0, 200_000) };
      const res = promoDiscount(promo, subtotal);
      const ctx = JSON.stringify({ promo, subtotal, res });
      expect(res.ok, ctx).toBe(true);
      if (!res.ok) continue;
      expect(res.discount >= 0 && res.discount <= subtotal, ctx).toBe(true);
      if (promo.kind === "percentage") {
        const cap = promo.maxDiscount ?? Infinity;
        expect(res.discount, ctx).toBe(Math.min(subtotal, cap, Math.floor((subtotal * promo.percentOff) / 100 + 0.5)));
      }
    }
  });
});

describe("minorToDecimal", () => {
  it("should print halalas with two decimals and no grouping", () => {
    expect(minorToDecimal(0)).toBe("0.00");
    expect(minorToDecimal(5)).toBe("0.05");
    expect(minorToDecimal(50)).toBe("0.50");
    expect(minorToDecimal(15_000)).toBe("150.00");
    expect(minorToDecimal(123_450)).toBe("1234.50");
    expect(minorToDecimal(100_000_000)).toBe("1000000.00");
    expect(minorToDecimal(-5)).toBe("-0.05");
    expect(() => minorToDecimal(1.5)).toThrow(DomainError);
  });
});
