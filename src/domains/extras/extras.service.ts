/** Extras (paid add-ons): the catalog, buying one (purchase + invoice), activation on payment, expiry. */
import { registerInvoicePurpose } from "../billing/invoice-purposes.js";
import type { ExtraPurchase, Invoice } from "@prisma/client";
import { z } from "zod";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { DomainError } from "../../platform/errors.js";
import type { Tx } from "../../platform/database/transaction.js";
import { transition } from "../../platform/transitions.js";
import { dbId } from "../../platform/validation.js";
import { createInvoiceInTx, settleIfFree } from "../billing/invoices.service.js";
import { extraPurchaseMachine, type ExtraPurchaseStatus } from "./extras.status.js";

const DAY = 24 * 3600_000;

export const purchaseExtraSchema = z.object({
  extraId: dbId,
  promoCode: z.string().trim().min(1).max(50).optional(),
});

export function listExtras(deps: Deps) {
  return deps.db.extra.findMany({ where: { isActive: true }, orderBy: { id: "asc" } });
}

/** Buys an extra: a pending purchase and its issued invoice (paid at once when free). */
export async function purchaseExtra(deps: Deps, ctx: Ctx, input: z.input<typeof purchaseExtraSchema>): Promise<{ purchase: ExtraPurchase; invoice: Invoice }> {
  const userId = ctx.actor.id!;
  const data = purchaseExtraSchema.parse(input);
  const extra = await deps.db.extra.findFirst({ where: { id: data.extraId, isActive: true } });
  if (!extra) throw new DomainError("EXTRA_NOT_AVAILABLE", "unknown or inactive extra", 422, { fields: { extra_id: "EXTRA_NOT_AVAILABLE" } });
  return deps.db.$transaction(async (tx) => {
    const invoice = await createInvoiceInTx(deps, ctx, tx, {
      userId, purpose: "extra", currency: extra.currency, promoCode: data.promoCode,
      lines: [{ descriptionAr: extra.nameAr, descriptionEn: extra.nameEn, quantity: 1, unitAmount: extra.price }],
    });
    const purchase = await tx.extraPurchase.create({ data: { userId, extraId: extra.id, invoiceId: invoice.id } });
    const settled = await settleIfFree(deps, ctx, tx, invoice);
    return { purchase: await tx.extraPurchase.findUniqueOrThrow({ where: { id: purchase.id } }), invoice: settled };
  });
}

/** Billing calls this when an extra's invoice is paid. */
export async function activateExtraForInvoice(deps: Deps, ctx: Ctx, tx: Tx, invoice: Invoice): Promise<void> {
  const p = await tx.extraPurchase.findUnique({ where: { invoiceId: invoice.id }, include: { extra: true } });
  if (!p || p.status !== "pending_payment") return;
  const now = new Date();
  await transition<ExtraPurchaseStatus, ExtraPurchase>(deps, ctx, {
    machine: extraPurchaseMachine, id: p.id, to: "active", action: "extra.activate",
    data: { activatedAt: now, expiresAt: p.extra.durationDays ? new Date(now.getTime() + p.extra.durationDays * DAY) : null },
    auditMeta: { invoiceId: invoice.id },
    events: () => [{ name: "extras.purchase.activated", entity: "ExtraPurchase", entityId: p.id, payload: { purchaseId: p.id, userId: p.userId, extraId: p.extraId } }],
  }, tx);
}

/** Billing calls this when an invoice is voided: the purchase waiting for it is cancelled. */
export async function cancelPendingExtraForInvoice(deps: Deps, ctx: Ctx, tx: Tx, invoice: Invoice): Promise<void> {
  const p = await tx.extraPurchase.findUnique({ where: { invoiceId: invoice.id } });
  if (p?.status !== "pending_payment") return;
  await transition<ExtraPurchaseStatus, ExtraPurchase>(deps, ctx, {
    machine: extraPurchaseMachine, id: p.id, to: "cancelled", action: "extra.cancel_unpaid", data: { cancelledAt: new Date() },
  }, tx);
}

/** Job: active purchases past their expiry become expired. */
export async function expireExtras(deps: Deps, ctx: Ctx, now = new Date()): Promise<number> {
  const due = await deps.db.extraPurchase.findMany({ where: { status: "active", expiresAt: { lte: now } }, select: { id: true } });
  for (const { id } of due) {
    await deps.db.$transaction((tx) => transition<ExtraPurchaseStatus, ExtraPurchase>(deps, ctx, {
      machine: extraPurchaseMachine, id, to: "expired", action: "extra.expire",
    }, tx));
  }
  return due.length;
}

const withExtraAndInvoice = { extra: true, invoice: { include: { lines: { orderBy: { sortOrder: "asc" as const } } } } } as const;

/** A user's purchases, newest first, with the extra and the invoice with its lines (one query). */
export function listOwnPurchases(deps: Deps, userId: number) {
  return deps.db.extraPurchase.findMany({ where: { userId }, include: withExtraAndInvoice, orderBy: { id: "desc" }, take: 50 });
}

/** One purchase with the extra and its invoice (after buying). */
export function getPurchaseWithInvoice(deps: Deps, id: number) {
  return deps.db.extraPurchase.findUniqueOrThrow({ where: { id }, include: withExtraAndInvoice });
}

/** Extra purchases: paid → active until it expires; voided → a pending purchase is cancelled. */
export function registerExtraInvoices(): void {
  registerInvoicePurpose("extra", { onPaid: activateExtraForInvoice, onVoided: cancelPendingExtraForInvoice });
}
