/**
 * Reconciliation items raised by payment processing itself (they have no run): money that arrived
 * where it was not owed (a second payment, an overpayment) and refunds that failed. They are found
 * as Stripe's facts are merged, not by a later comparison, and each fact raises one item (its
 * dedupe key), so a replayed or repeated event adds nothing. A paying domain raises one more kind,
 * refund_due, when what a paid invoice bought is refused (a rejected promotion): finance refunds
 * the invoice, and the item is resolved once the invoice is fully refunded.
 */
import type { Prisma, ReconciliationItem } from "@prisma/client";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import type { Tx } from "../../platform/database/transaction.js";
import { writeAudit } from "../../platform/audit.js";
import { transition } from "../../platform/transitions.js";
import { reconciliationItemMachine, REFUNDABLE_ITEM_KINDS, type ReconciliationItemStatus } from "./reconciliation.status.js";

export interface PaymentItemInput {
  kind: "duplicate_payment" | "overpaid" | "refund_failed" | "refund_due";
  /** One item per fact, e.g. `duplicate_payment:<payment intent>`. */
  dedupeKey: string;
  invoiceId: number;
  /** Null for a refund_due invoice that was paid outside Stripe. */
  paymentAttemptId: number | null;
  remoteId: string | null;
  localAmount: number | null;
  remoteAmount: number | null;
  currency: string;
  details: Record<string, unknown>;
}

/** Raises the item in `tx` unless its fact already raised one; `created` says which. */
export async function raisePaymentItemInTx(tx: Tx, ctx: Ctx, input: PaymentItemInput): Promise<{ item: ReconciliationItem; created: boolean }> {
  const existing = await tx.reconciliationItem.findUnique({ where: { dedupeKey: input.dedupeKey } });
  if (existing) return { item: existing, created: false };
  const item = await tx.reconciliationItem.create({
    data: {
      kind: input.kind, dedupeKey: input.dedupeKey, invoiceId: input.invoiceId, paymentAttemptId: input.paymentAttemptId, remoteId: input.remoteId,
      localAmount: input.localAmount, remoteAmount: input.remoteAmount, currency: input.currency.toUpperCase(), details: input.details as Prisma.InputJsonValue,
    },
  });
  await writeAudit(tx, ctx, { action: "reconciliation.item.raise", entity: "ReconciliationItem", entityId: item.id, meta: { kind: input.kind, invoiceId: input.invoiceId, paymentAttemptId: input.paymentAttemptId, remoteId: input.remoteId } });
  return { item, created: true };
}

/**
 * A paying domain refused what a paid invoice bought: an item for finance to refund the invoice
 * (its payment through Stripe named when there is one). Nothing for an invoice with no money left
 * to give back. One item per `dedupeKey`. Returns the item's id, or null.
 */
export async function raiseRefundDueInTx(tx: Tx, ctx: Ctx, invoiceId: number, o: { dedupeKey: string; details: Record<string, unknown> }): Promise<number | null> {
  const inv = await tx.invoice.findUnique({ where: { id: invoiceId } });
  const owed = inv ? inv.amountPaid - inv.amountRefunded : 0;
  if (!inv || !["paid", "partially_refunded"].includes(inv.status) || owed <= 0) return null;
  const attempt = await tx.paymentAttempt.findFirst({ where: { invoiceId, status: { in: ["succeeded", "partially_refunded", "disputed"] }, providerPaymentId: { not: null } }, orderBy: { id: "desc" } });
  const { item } = await raisePaymentItemInTx(tx, ctx, {
    kind: "refund_due", dedupeKey: o.dedupeKey, invoiceId, paymentAttemptId: attempt?.id ?? null, remoteId: attempt?.providerPaymentId ?? null,
    localAmount: owed, remoteAmount: null, currency: inv.currency, details: { invoiceNumber: inv.number, ...o.details },
  });
  return item.id;
}

/** Once an invoice is fully refunded, its open refund_due items are resolved. */
export async function resolveRefundDueItemsInTx(deps: Deps, ctx: Ctx, tx: Tx, invoiceId: number, note: string): Promise<number> {
  const open = await tx.reconciliationItem.findMany({ where: { invoiceId, status: "open", kind: "refund_due" }, select: { id: true } });
  for (const { id } of open) {
    await transition<ReconciliationItemStatus, ReconciliationItem>(deps, ctx, {
      machine: reconciliationItemMachine, id, to: "resolved", action: "reconciliation.item.resolve",
      data: { resolvedById: null, resolvedAt: new Date(), resolutionNote: note },
      auditMeta: { note, source: "refund" },
    }, tx);
  }
  return open.length;
}

/** Once a payment's extra money is back with the customer, its open duplicate/overpaid items are resolved. */
export async function resolveRefundedItemsInTx(deps: Deps, ctx: Ctx, tx: Tx, paymentAttemptId: number, note: string): Promise<number> {
  const open = await tx.reconciliationItem.findMany({ where: { paymentAttemptId, status: "open", kind: { in: [...REFUNDABLE_ITEM_KINDS] } }, select: { id: true } });
  for (const { id } of open) {
    await transition<ReconciliationItemStatus, ReconciliationItem>(deps, ctx, {
      machine: reconciliationItemMachine, id, to: "resolved", action: "reconciliation.item.resolve",
      data: { resolvedById: ctx.actor.type === "staff" ? (ctx.actor.id ?? null) : null, resolvedAt: new Date(), resolutionNote: note },
      auditMeta: { note, source: "refund" },
    }, tx);
  }
  return open.length;
}
