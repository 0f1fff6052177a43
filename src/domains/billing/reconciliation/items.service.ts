/**
 * Reconciliation items, one difference each, closed by finance:
 * - `resolveReconciliationItem` closes any item with a note;
 * - `applyItemFromStripe` fixes "paid there, not here" and "refunded there, not here" by merging
 *   Stripe's facts exactly as a webhook would (payments.service `applyStripeFacts`, idempotent).
 */
import type { ReconciliationItem } from "@prisma/client";
import type { Ctx } from "../../../platform/context.js";
import type { Deps } from "../../../platform/deps.js";
import { ConflictError, DomainError, NotFoundError } from "../../../platform/errors.js";
import type { Tx } from "../../../platform/database/transaction.js";
import { transition } from "../../../platform/transitions.js";
import { reasonSchema } from "../../../platform/validation.js";
import { listRefunds, requireStripe, retrievePaymentIntent } from "../../../platform/payments/index.js";
import type { InvoiceStatus } from "../billing.status.js";
import { applyStripeFacts } from "../payments.service.js";
import { factsFromIntent } from "../stripe-facts.js";
import { APPLICABLE_FROM_STRIPE, reconciliationItemMachine, type ReconciliationItemKind, type ReconciliationItemStatus } from "../reconciliation.status.js";
import { isPaidAttempt, isSettled } from "./compare.js";

async function resolveInTx(deps: Deps, ctx: Ctx, tx: Tx, itemId: number, note: string, meta: Record<string, unknown> = {}): Promise<ReconciliationItem> {
  const rows = await tx.$queryRaw<{ status: ReconciliationItemStatus }[]>`SELECT status::text AS status FROM billing_reconciliationitem WHERE id = ${itemId} FOR UPDATE`;
  if (!rows.length) throw new NotFoundError("ReconciliationItem", itemId);
  if (rows[0]!.status === "resolved") throw new ConflictError("ITEM_ALREADY_RESOLVED", `reconciliation item ${itemId} is already resolved`, { itemId });
  return transition<ReconciliationItemStatus, ReconciliationItem>(deps, ctx, {
    machine: reconciliationItemMachine, id: itemId, to: "resolved", action: "reconciliation.item.resolve",
    data: { resolvedById: ctx.actor.type === "staff" ? (ctx.actor.id ?? null) : null, resolvedAt: new Date(), resolutionNote: note },
    auditMeta: { note, ...meta },
  }, tx);
}

/** Finance closes an item after dealing with it outside the system; the note (≥ 3 characters) says how. */
export async function resolveReconciliationItem(deps: Deps, ctx: Ctx, itemId: number, note: string): Promise<ReconciliationItem> {
  const why = reasonSchema.parse(note);
  return deps.db.$transaction((tx) => resolveInTx(deps, ctx, tx, itemId, why));
}

/** The payment intent an item is about: from its details, else its Stripe id when that is an intent's. */
function paymentIntentIdOf(item: ReconciliationItem): string | undefined {
  const fromDetails = (item.details as { paymentIntentId?: unknown } | null)?.paymentIntentId;
  if (typeof fromDetails === "string" && fromDetails) return fromDetails;
  return item.remoteId?.startsWith("pi_") ? item.remoteId : undefined;
}

/**
 * Finance fixes a "paid at Stripe, not here" or "refunded at Stripe, not here" item: Stripe's
 * current facts about the intent are merged exactly as a webhook would (the same transitions,
 * activation included, idempotent), and the item is resolved with an automatic note — all in one
 * transaction. Refused when the merge would not bring the records in line.
 */
export async function applyItemFromStripe(deps: Deps, ctx: Ctx, itemId: number): Promise<ReconciliationItem> {
  const item = await deps.db.reconciliationItem.findUnique({ where: { id: itemId } });
  if (!item) throw new NotFoundError("ReconciliationItem", itemId);
  if (item.status === "resolved") throw new ConflictError("ITEM_ALREADY_RESOLVED", `reconciliation item ${itemId} is already resolved`, { itemId });
  if (!APPLICABLE_FROM_STRIPE.includes(item.kind as ReconciliationItemKind)) {
    throw new DomainError("RECONCILIATION_NOT_APPLICABLE", `a ${item.kind} item cannot be applied from Stripe`, 422, { kind: item.kind });
  }
  const piId = paymentIntentIdOf(item);
  if (!piId) throw new DomainError("RECONCILIATION_NOT_APPLICABLE", `item ${itemId} names no payment intent`, 422, { kind: item.kind });
  const stripe = requireStripe(deps.stripe);
  // Read Stripe before the transaction: no network wait while rows are locked.
  const pi = await retrievePaymentIntent(stripe, piId, { expandLatestCharge: true });
  const refunds = await listRefunds(stripe, { paymentIntent: piId });
  const facts = factsFromIntent(pi, refunds, item.invoiceId, `reconciliation item ${itemId}`);
  const refundedThere = refunds.filter((r) => r.status === "succeeded").reduce((sum, r) => sum + r.amount, 0);

  return deps.db.$transaction(async (tx) => {
    // Lock the item first: a concurrent apply waits here and then finds it resolved.
    const locked = await tx.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM billing_reconciliationitem WHERE id = ${itemId} FOR UPDATE`;
    if (locked[0]?.status === "resolved") throw new ConflictError("ITEM_ALREADY_RESOLVED", `reconciliation item ${itemId} is already resolved`, { itemId });
    const result = await applyStripeFacts(deps, ctx, tx, facts);
    if (result.outcome === "unknown_payment") {
      throw new DomainError("RECONCILIATION_UNKNOWN_PAYMENT", `Stripe's payment ${piId} names no invoice here`, 422, { paymentIntentId: piId });
    }
    const attempt = await tx.paymentAttempt.findUnique({ where: { providerPaymentId: piId }, include: { invoice: { select: { status: true } } } });
    const fixed = item.kind === "missing_local"
      ? !!attempt && isPaidAttempt(attempt.status) && isSettled(attempt.invoice.status as InvoiceStatus)
      : !!attempt && attempt.refundedAmount >= refundedThere;
    if (!fixed) {
      throw new DomainError("RECONCILIATION_APPLY_INCOMPLETE", `applying Stripe's facts for ${piId} does not settle item ${itemId}`, 422, {
        paymentIntentId: piId, remoteStatus: pi.status, attemptStatus: attempt?.status ?? null, invoiceStatus: attempt?.invoice.status ?? null,
      });
    }
    const note = `Applied from Stripe (${piId}): ${result.changes.length ? result.changes.join(", ") : "already up to date"}`;
    return resolveInTx(deps, ctx, tx, itemId, note, { source: "stripe", paymentIntentId: piId, changes: result.changes });
  }, { maxWait: 10_000, timeout: 20_000 });
}
