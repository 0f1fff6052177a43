/**
 * Invoice money: the ONE place line amounts, discounts, VAT and totals are computed. Everything is
 * an integer in minor units (halalas); divisions go through BigInt so no float ever rounds a price,
 * and every rounding is half-up (ZATCA examples and the seed data both round 0.5 up).
 *
 * VAT is charged on the discounted amount: taxable = subtotal − discount, vat = taxable × rate.
 * It is computed once on the invoice total, not per line, so the invoice VAT is never off by the sum
 * of per-line roundings.
 */
import { ValidationError } from "../../platform/errors.js";

/** One line as priced: `quantity` whole units at `unitAmount` halalas each. */
export interface PricedLine {
  quantity: number;
  unitAmount: number;
}

/** Amounts of one invoice, halalas. Invariant: total = subtotal − discount + vat. */
export interface InvoiceTotals {
  /** amount of each line, in the order given */
  lineAmounts: number[];
  subtotal: number;
  /** the discount actually applied: never negative, never above the subtotal */
  discount: number;
  /** subtotal − discount, what VAT is charged on */
  taxable: number;
  vat: number;
  /** taxable + vat, what the customer pays */
  total: number;
}

/** Promo code fields that decide a discount (a `PromoCode` row fits as is). */
export interface PromoTerms {
  kind: "percentage" | "fixed";
  /** whole percent, 0–100, when kind = percentage */
  percentOff?: number | null;
  /** halalas, when kind = fixed */
  amountOff?: number | null;
  /** cap on a percentage discount, halalas */
  maxDiscount?: number | null;
  /** minimum subtotal the code applies to, halalas */
  minAmount?: number | null;
}

/** A promo code's discount on a subtotal, or why the code does not apply. */
export type PromoDiscountResult = { ok: true; discount: number } | { ok: false; reason: "BELOW_MINIMUM"; minAmount: number };

/** Basis points in 100%. */
export const BP_PER_UNIT = 10_000;

function requireInt(field: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ValidationError(`${field} must be an integer between ${min} and ${max}, got ${String(value)}`, { [field]: "VALUE_INVALID" });
  }
}

/** Safe integer or an error: sums of many large lines must not silently lose precision. */
function toSafe(field: string, value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ValidationError(`${field} is too large`, { [field]: "VALUE_TOO_LARGE" });
  return Number(value);
}

/** round-half-up(numerator / denominator) for non-negative integers, exactly. */
export function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** quantity × unitAmount, exact; quantity ≥ 1 and unitAmount ≥ 0 (discounts are not negative lines). */
export function lineAmount(line: PricedLine): number {
  requireInt("quantity", line.quantity, 1);
  requireInt("unitAmount", line.unitAmount, 0);
  return toSafe("amount", BigInt(line.quantity) * BigInt(line.unitAmount));
}

/** VAT on a taxable amount at a rate in basis points, rounded half-up to the halala. */
export function vatOn(taxable: number, vatRateBp: number): number {
  requireInt("taxable", taxable, 0);
  requireInt("vatRateBp", vatRateBp, 0, BP_PER_UNIT);
  return Number(divRoundHalfUp(BigInt(taxable) * BigInt(vatRateBp), BigInt(BP_PER_UNIT)));
}

/**
 * Subtotal, discount, VAT and total of an invoice. A negative discount counts as none and one above
 * the subtotal is capped at it (a 100% discount makes a zero invoice, never a negative one).
 */
export function computeTotals(input: { lines: readonly PricedLine[]; discount?: number; vatRateBp: number }): InvoiceTotals {
  const lineAmounts = input.lines.map(lineAmount);
  const subtotal = toSafe("subtotal", lineAmounts.reduce((s, a) => s + BigInt(a), 0n));
  const requested = input.discount ?? 0;
  if (!Number.isSafeInteger(requested)) throw new ValidationError(`discount must be an integer, got ${String(requested)}`, { discount: "VALUE_INVALID" });
  const discount = Math.min(Math.max(requested, 0), subtotal);
  const taxable = subtotal - discount;
  const vat = vatOn(taxable, input.vatRateBp);
  return { lineAmounts, subtotal, discount, taxable, vat, total: toSafe("total", BigInt(taxable) + BigInt(vat)) };
}

/**
 * Splits an invoice discount over its lines in proportion to their amounts, for reports that need a
 * per-line net amount. Each share is floor(discount × amount / subtotal); the halalas left over go
 * one each to the lines with the largest remainders (ties: the earlier line), so the shares always
 * sum to exactly the discount and no share exceeds its line. The discount must be 0…subtotal.
 */
export function allocateDiscount(lineAmounts: readonly number[], discount: number): number[] {
  lineAmounts.forEach((a, i) => requireInt(`lineAmounts[${i}]`, a, 0));
  const subtotal = lineAmounts.reduce((s, a) => s + BigInt(a), 0n);
  requireInt("discount", discount, 0, Number(subtotal));
  if (discount === 0) return lineAmounts.map(() => 0);
  const d = BigInt(discount);
  const shares = lineAmounts.map((a) => (d * BigInt(a)) / subtotal);
  const remainders = lineAmounts.map((a, i) => ({ i, r: (d * BigInt(a)) % subtotal }));
  let left = d - shares.reduce((s, x) => s + x, 0n);
  remainders.sort((x, y) => (x.r === y.r ? x.i - y.i : x.r > y.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    shares[i]! += 1n;
    left -= 1n;
  }
  return shares.map(Number);
}

/**
 * The discount a promo code gives on a subtotal: a percentage is rounded half-up and capped by
 * maxDiscount, a fixed amount is taken as is, and neither exceeds the subtotal. Below the code's
 * minimum the code does not apply at all, and the caller must refuse it rather than silently
 * discount nothing. Validity dates, usage caps and purposes are the caller's to check.
 */
export function promoDiscount(promo: PromoTerms, subtotal: number): PromoDiscountResult {
  requireInt("subtotal", subtotal, 0);
  if (promo.minAmount != null && subtotal < promo.minAmount) return { ok: false, reason: "BELOW_MINIMUM", minAmount: promo.minAmount };
  let discount: number;
  if (promo.kind === "percentage") {
    if (promo.percentOff == null) throw new ValidationError("a percentage promo code needs percentOff", { percentOff: "VALUE_REQUIRED" });
    requireInt("percentOff", promo.percentOff, 0, 100);
    discount = Number(divRoundHalfUp(BigInt(subtotal) * BigInt(promo.percentOff), 100n));
    if (promo.maxDiscount != null) {
      requireInt("maxDiscount", promo.maxDiscount, 0);
      discount = Math.min(discount, promo.maxDiscount);
    }
  } else {
    if (promo.amountOff == null) throw new ValidationError("a fixed promo code needs amountOff", { amountOff: "VALUE_REQUIRED" });
    requireInt("amountOff", promo.amountOff, 0);
    discount = promo.amountOff;
  }
  return { ok: true, discount: Math.min(discount, subtotal) };
}

/** Minor units as a plain decimal string with 2 places, e.g. 123450 → "1234.50" (the ZATCA QR and CSV exports). */
export function minorToDecimal(minor: number): string {
  requireInt("amount", minor, Number.MIN_SAFE_INTEGER);
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
