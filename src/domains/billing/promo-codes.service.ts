/**
 * Promo codes applied when an invoice is created. The code's row is locked (FOR UPDATE) while its
 * limits are checked and its use recorded, so total and per-user caps hold under any concurrency.
 */
import { lockRow } from "../../platform/database/transaction.js";
import type { InvoicePurpose, PromoCode } from "@prisma/client";
import { DomainError } from "../../platform/errors.js";
import type { Tx } from "../../platform/database/transaction.js";
import { promoDiscount } from "./invoice-totals.js";

const refuse = (code: string, details?: Record<string, unknown>) =>
  new DomainError(code, `promo code refused: ${code}`, 422, { ...details, fields: { promo_code: code } });

export interface AppliedPromo {
  promo: PromoCode;
  discount: number;
}

/** Locks and checks a code for this purchase; returns the discount it gives (nothing is recorded yet). */
export async function checkPromoCode(
  tx: Tx,
  input: { code: string; userId: number; purpose: InvoicePurpose; subtotal: number; currency: string; at?: Date },
): Promise<AppliedPromo> {
  const code = input.code.trim().toUpperCase();
  const rows = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM billing_promocode WHERE upper(code) = ${code} FOR UPDATE`;
  if (!rows.length) throw refuse("PROMO_NOT_FOUND");
  const promo = await tx.promoCode.findUniqueOrThrow({ where: { id: rows[0]!.id } });
  const now = input.at ?? new Date();
  if (!promo.isActive) throw refuse("PROMO_INACTIVE");
  if (promo.validFrom && promo.validFrom > now) throw refuse("PROMO_NOT_STARTED");
  if (promo.validUntil && promo.validUntil <= now) throw refuse("PROMO_EXPIRED");
  if (promo.appliesTo.length && !promo.appliesTo.includes(input.purpose)) throw refuse("PROMO_NOT_APPLICABLE");
  if (promo.kind === "fixed" && promo.currency !== input.currency) throw refuse("PROMO_CURRENCY");
  if (promo.maxUses !== null && promo.usedCount >= promo.maxUses) throw refuse("PROMO_EXHAUSTED");
  if (promo.maxUsesPerUser !== null) {
    const mine = await tx.promoCodeRedemption.count({ where: { promoCodeId: promo.id, userId: input.userId } });
    if (mine >= promo.maxUsesPerUser) throw refuse("PROMO_USER_LIMIT");
  }
  const r = promoDiscount(promo, input.subtotal);
  if (!r.ok) throw refuse("PROMO_BELOW_MINIMUM", { minAmount: r.minAmount });
  return { promo, discount: r.discount };
}

/** Records the use of a checked code for an invoice (same transaction as the check). */
export async function recordRedemption(tx: Tx, applied: AppliedPromo, userId: number, invoiceId: number, discount: number): Promise<void> {
  await tx.promoCode.update({ where: { id: applied.promo.id }, data: { usedCount: { increment: 1 } } });
  await tx.promoCodeRedemption.create({ data: { promoCodeId: applied.promo.id, userId, invoiceId, discount } });
}

/** Gives a use back when its invoice is voided before payment. */
export async function releaseRedemption(tx: Tx, invoiceId: number): Promise<void> {
  const r = await tx.promoCodeRedemption.findUnique({ where: { invoiceId } });
  if (!r) return;
  await lockRow(tx, "billing_promocode", r.promoCodeId);
  await tx.promoCodeRedemption.delete({ where: { id: r.id } });
  await tx.promoCode.update({ where: { id: r.promoCodeId }, data: { usedCount: { decrement: 1 } } });
}
