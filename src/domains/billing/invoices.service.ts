/**
 * Invoices: created (with an optional promo code) by the domains that sell something, issued,
 * paid (by Stripe through payments.service, or manually by finance), voided, refunded.
 * Every status change goes through `transition`; paying activates what the invoice pays for in
 * the same transaction (activation.ts).
 */
import type { Invoice, InvoicePurpose } from "@prisma/client";
import { z } from "zod";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { DomainError, NotFoundError } from "../../platform/errors.js";
import type { Tx } from "../../platform/database/transaction.js";
import { transition } from "../../platform/transitions.js";
import { writeAudit } from "../../platform/audit.js";
import { activateForInvoice, releaseForVoidedInvoice } from "./invoice-purposes.js";
import { reasonSchema } from "../../platform/validation.js";
import { BillingEvents as E } from "./billing.events.js";
import { invoiceMachine, type InvoiceStatus } from "./billing.status.js";
import { computeTotals } from "./invoice-totals.js";
import { nextInvoiceNumber } from "./invoice-number.js";
import { checkPromoCode, recordRedemption, releaseRedemption } from "./promo-codes.service.js";
import { readSetting } from "../backoffice/settings.js";
import { requireSeller } from "./seller.js";

export const DEFAULT_VAT_RATE_BP = 1500;
const DAY = 24 * 3600_000;

export const invoiceLineSchema = z.object({
  descriptionAr: z.string().trim().min(1).max(500),
  descriptionEn: z.string().trim().min(1).max(500),
  quantity: z.number().int().min(1).max(10_000),
  unitAmount: z.number().int().min(0).max(100_000_000),
});
export type InvoiceLineInput = z.input<typeof invoiceLineSchema>;


/** The VAT rate in basis points from the `vat_rate_bp` setting (15% when unset; an invalid value is refused, not guessed). */
export async function currentVatRateBp(db: Tx | Deps["db"]): Promise<number> {
  return (await readSetting(db, "vat_rate_bp")) ?? DEFAULT_VAT_RATE_BP;
}

export interface CreateInvoiceInput {
  userId: number;
  purpose: InvoicePurpose;
  lines: InvoiceLineInput[];
  promoCode?: string | null;
  currency?: string;
  dueInDays?: number;
  /** Issue at once (what the app's purchases do) or keep as a draft for staff. */
  issue?: boolean;
}

/** Creates an invoice inside the caller's transaction: totals, number, promo use, audit, event. */
export async function createInvoiceInTx(deps: Deps, ctx: Ctx, tx: Tx, input: CreateInvoiceInput): Promise<Invoice> {
  const lines = z.array(invoiceLineSchema).min(1).parse(input.lines);
  const currency = input.currency ?? "SAR";
  const vatRateBp = await currentVatRateBp(tx);
  const gross = computeTotals({ lines, vatRateBp });
  const promo = input.promoCode
    ? await checkPromoCode(tx, { code: input.promoCode, userId: input.userId, purpose: input.purpose, subtotal: gross.subtotal, currency })
    : undefined;
  const t = computeTotals({ lines, discount: promo?.discount ?? 0, vatRateBp });
  const now = new Date();
  const issue = input.issue !== false;
  const invoice = await tx.invoice.create({
    data: {
      number: await nextInvoiceNumber(tx, now),
      userId: input.userId,
      purpose: input.purpose,
      status: issue ? "issued" : "draft", // creation, not a transition: the log starts here
      subtotal: t.subtotal,
      discount: t.discount,
      vatRateBp,
      vat: t.vat,
      total: t.total,
      currency,
      issuedAt: issue ? now : null,
      dueAt: issue ? new Date(now.getTime() + (input.dueInDays ?? 7) * DAY) : null,
      promoCodeId: promo?.promo.id ?? null,
      lines: { create: lines.map((l, i) => ({ ...l, amount: t.lineAmounts[i]!, sortOrder: i })) },
    },
  });
  if (promo) await recordRedemption(tx, promo, input.userId, invoice.id, t.discount);
  await writeAudit(tx, ctx, { action: issue ? "invoice.create_issued" : "invoice.create_draft", entity: "Invoice", entityId: invoice.id, meta: { number: invoice.number, total: t.total, promo: promo?.promo.code } });
  return invoice;
}

/**
 * Settles an invoice: issued → paid, amounts recorded, and what it pays for activated, all in `tx`.
 * Callers: Stripe success (payments.service), manual payment, and free (fully discounted) invoices.
 */
export async function markPaidInTx(
  deps: Deps,
  ctx: Ctx,
  tx: Tx,
  invoiceId: number,
  paid: { amount: number; via: "stripe" | "manual" | "free" | "wallet"; manual?: { byId: number; reference: string; reason: string } },
  /** The invoice as the caller read it after locking it in `tx`, if it did. */
  locked?: Invoice,
): Promise<Invoice> {
  return transition<InvoiceStatus, Invoice>(deps, ctx, {
    machine: invoiceMachine, id: invoiceId, to: "paid", action: `invoice.paid_${paid.via}`, locked,
    data: {
      paidAt: new Date(),
      amountPaid: paid.amount,
      ...(paid.manual ? { paidManuallyById: paid.manual.byId, manualPaymentReference: paid.manual.reference, manualPaymentReason: paid.manual.reason } : {}),
    },
    auditMeta: { via: paid.via, amount: paid.amount, ...(paid.manual ? { reference: paid.manual.reference, reason: paid.manual.reason } : {}) },
    effects: async (t, { after }) => activateForInvoice(deps, ctx, t, after),
    events: ({ after }) => [{ name: E.INVOICE_PAID, entity: "Invoice", entityId: invoiceId, payload: { invoiceId, userId: after.userId, purpose: after.purpose, amount: paid.amount, via: paid.via } }],
  }, tx);
}

/** A fully discounted invoice needs no payment: it is paid (and activates) at once. */
export async function settleIfFree(deps: Deps, ctx: Ctx, tx: Tx, invoice: Invoice): Promise<Invoice> {
  return invoice.total === 0 && invoice.status === "issued" ? markPaidInTx(deps, ctx, tx, invoice.id, { amount: 0, via: "free" }) : invoice;
}

/** Staff: a draft becomes payable — a tax invoice, so only with a valid seller (SELLER_NOT_CONFIGURED otherwise). */
export async function issueInvoice(deps: Deps, ctx: Ctx, invoiceId: number): Promise<Invoice> {
  return deps.db.$transaction(async (tx) => {
    await requireSeller(tx);
    const inv = await transition<InvoiceStatus, Invoice>(deps, ctx, {
      machine: invoiceMachine, id: invoiceId, to: "issued", action: "invoice.issue",
      data: (before) => ({ issuedAt: new Date(), dueAt: before.dueAt ?? new Date(Date.now() + 7 * DAY) }),
      events: ({ after }) => [{ name: E.INVOICE_ISSUED, entity: "Invoice", entityId: invoiceId, payload: { invoiceId, userId: after.userId, total: after.total } }],
    }, tx);
    return settleIfFree(deps, ctx, tx, inv);
  });
}

/** Staff: cancel an unpaid invoice with a reason; the promo use is given back and the purchase it was for is cancelled. */
export async function voidInvoice(deps: Deps, ctx: Ctx, invoiceId: number, reason: string): Promise<Invoice> {
  return deps.db.$transaction((tx) => voidInvoiceInTx(deps, ctx, tx, invoiceId, reason));
}

/** voidInvoice inside the caller's transaction, for domains that void as part of a larger change. */
export async function voidInvoiceInTx(deps: Deps, ctx: Ctx, tx: Tx, invoiceId: number, reason: string): Promise<Invoice> {
  const why = reasonSchema.parse(reason);
  return transition<InvoiceStatus, Invoice>(deps, ctx, {
    machine: invoiceMachine, id: invoiceId, to: "void", action: "invoice.void",
    data: { voidedAt: new Date(), voidReason: why },
    auditMeta: { reason: why },
    effects: async (t, { after }) => {
      await releaseRedemption(t, invoiceId);
      await releaseForVoidedInvoice(deps, ctx, t, after);
    },
    events: ({ after }) => [{ name: E.INVOICE_VOIDED, entity: "Invoice", entityId: invoiceId, payload: { invoiceId, userId: after.userId, reason: why } }],
  }, tx);
}

export const manualPaymentSchema = z.object({
  reason: reasonSchema,
  reference: z.string().trim().min(2, "PAYMENT_REFERENCE_REQUIRED").max(255),
});

/** Finance: money arrived outside Stripe (bank transfer…). Reason and reference are required and audited. */
export async function markInvoicePaidManually(deps: Deps, ctx: Ctx, invoiceId: number, input: { reason: string; reference: string }, tx?: Tx): Promise<Invoice> {
  const { reason, reference } = manualPaymentSchema.parse(input);
  if (ctx.actor.type !== "staff" || !ctx.actor.id) throw new DomainError("FORBIDDEN", "staff only", 403);
  const run = async (t: Tx) => {
    const inv = await t.invoice.findUnique({ where: { id: invoiceId } });
    if (!inv) throw new NotFoundError("Invoice", invoiceId);
    return markPaidInTx(deps, ctx, t, invoiceId, { amount: inv.total - inv.amountPaid, via: "manual", manual: { byId: ctx.actor.id!, reference, reason } });
  };
  return tx ? run(tx) : deps.db.$transaction(run);
}

/**
 * Sets what is refunded on a paid invoice: `refunded` (succeeded refunds of the invoice's own
 * money, recomputed by the caller from its refund rows) and `pending` (asked for, not succeeded).
 * It moves up as refunds succeed and back down if one that had succeeded fails; an invoice that is
 * not settled (issued, void) has nothing to count. Unchanged amounts change nothing.
 */
export async function setInvoiceRefundsInTx(deps: Deps, ctx: Ctx, tx: Tx, invoiceId: number, amounts: { refunded: number; pending: number }, meta: Record<string, unknown> = {}): Promise<Invoice | null> {
  const inv = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
  if (!["paid", "partially_refunded", "refunded"].includes(inv.status)) return null;
  const amountRefunded = Math.min(amounts.refunded, inv.amountPaid);
  const amountRefundPending = Math.max(0, Math.min(amounts.pending, inv.amountPaid - amountRefunded));
  if (amountRefunded === inv.amountRefunded) {
    if (amountRefundPending !== inv.amountRefundPending) await tx.invoice.update({ where: { id: invoiceId }, data: { amountRefundPending } });
    return null;
  }
  const to: InvoiceStatus = amountRefunded === 0 ? "paid" : amountRefunded >= inv.amountPaid ? "refunded" : "partially_refunded";
  const back = amountRefunded < inv.amountRefunded;
  return transition<InvoiceStatus, Invoice>(deps, ctx, {
    machine: invoiceMachine, id: invoiceId, to, action: back ? "invoice.refund_reversed" : "invoice.refund",
    data: { amountRefunded, amountRefundPending },
    auditMeta: { refundedTotal: amountRefunded, pending: amountRefundPending, ...meta },
    events: ({ after }) => [back
      ? { name: E.INVOICE_REFUND_REVERSED, entity: "Invoice", entityId: invoiceId, payload: { invoiceId, userId: after.userId, amountRefunded, before: inv.amountRefunded } }
      : { name: E.INVOICE_REFUNDED, entity: "Invoice", entityId: invoiceId, payload: { invoiceId, userId: after.userId, amountRefunded, full: to === "refunded" } }],
  }, tx);
}

/** An invoice as its owner may see it; NotFound for anyone else. */
export async function getOwnInvoice(deps: Deps, userId: number, invoiceId: number) {
  const inv = await deps.db.invoice.findFirst({ where: { id: invoiceId, userId, status: { not: "draft" } }, include: { lines: { orderBy: { sortOrder: "asc" } } } });
  if (!inv) throw new NotFoundError("Invoice", invoiceId);
  return inv;
}

/** The owner's invoices (drafts are staff-only), newest first. */
export function listOwnInvoices(deps: Deps, userId: number, page: { limit: number; afterId?: number }) {
  return deps.db.invoice.findMany({
    where: { userId, status: { not: "draft" }, ...(page.afterId ? { id: { lt: page.afterId } } : {}) },
    include: { lines: { orderBy: { sortOrder: "asc" } } },
    orderBy: { id: "desc" },
    take: page.limit + 1,
  });
}
