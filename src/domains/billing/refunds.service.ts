/**
 * Refunds: one row per Stripe refund, its money counted only once Stripe says it succeeded.
 *
 * Facts about refunds (refund.* webhooks, the answer to a refund request, a charge's refunds as
 * Stripe lists them) are merged by refund id, monotonically: pending → succeeded | failed,
 * succeeded → failed; a stale fact (pending after succeeded) changes nothing. After a merge the
 * attempt's and the invoice's refunded amounts are recomputed from the rows, so a refund that
 * fails is not (or no longer) counted, and a pending one shows as pending.
 *
 * A refund gives back part of the invoice (finance's refund action) or a payment's excess — money
 * the invoice did not owe: a second payment, or the extra of an overpayment (refunded from its
 * reconciliation item). A refund made outside the system counts against the excess first.
 */
import { lockRow } from "../../platform/database/transaction.js";
import type { Invoice, PaymentAttempt, ReconciliationItem, Refund, RefundPurpose } from "@prisma/client";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { ConflictError, DomainError, NotFoundError } from "../../platform/errors.js";
import type { Tx } from "../../platform/database/transaction.js";
import { writeAudit } from "../../platform/audit.js";
import { canTransition, transition } from "../../platform/transitions.js";
import { emitEvents } from "../../platform/events.js";
import { createRefund, requireStripe } from "../../platform/payments/index.js";
import { attemptMachine, REFUND_STATUSES, refundMachine, SUCCEEDED_OR_LATER, type AttemptStatus, type RefundStatus } from "./billing.status.js";
import { BillingEvents as E } from "./billing.events.js";
import { setInvoiceRefundsInTx } from "./invoices.service.js";
import { reasonSchema } from "../../platform/validation.js";
import { raisePaymentItemInTx, resolveRefundDueItemsInTx, resolveRefundedItemsInTx } from "./payment-items.js";
import { REFUNDABLE_ITEM_KINDS, type ReconciliationItemKind } from "./reconciliation.status.js";
import { refundFactOf, type RefundFact } from "./stripe-facts.js";

const IN_PROGRESS: readonly RefundStatus[] = ["pending", "requires_action"];

export interface RefundAccounts {
  /** Succeeded refunds on the payment, whatever they were for (what Stripe's succeeded refunds add up to). */
  refunded: number;
  /** Of those, what gave back part of the invoice, and what gave back the excess. */
  invoiceRefunded: number;
  excessRefunded: number;
  /** Asked for, not succeeded yet. */
  invoicePending: number;
  excessPending: number;
}

type RefundRow = Pick<Refund, "amount" | "status" | "purpose">;

/** Splits a payment's refunds between its invoice and its excess; refunds of unknown purpose fill the excess first. */
export function refundAccounts(attempt: Pick<PaymentAttempt, "excessAmount">, rows: readonly RefundRow[]): RefundAccounts {
  const total = (rs: readonly RefundRow[], purpose?: RefundPurpose | null) =>
    rs.filter((r) => purpose === undefined || r.purpose === purpose).reduce((s, r) => s + r.amount, 0);
  const done = rows.filter((r) => r.status === "succeeded");
  const going = rows.filter((r) => IN_PROGRESS.includes(r.status as RefundStatus));
  const excessDone = total(done, "excess");
  const unknownDone = total(done, null);
  const unknownToExcess = Math.min(unknownDone, Math.max(0, attempt.excessAmount - excessDone));
  const excessGoing = total(going, "excess");
  const unknownGoing = total(going, null);
  const unknownGoingToExcess = Math.min(unknownGoing, Math.max(0, attempt.excessAmount - excessDone - unknownToExcess - excessGoing));
  return {
    refunded: total(done),
    invoiceRefunded: total(done, "invoice") + unknownDone - unknownToExcess,
    excessRefunded: excessDone + unknownToExcess,
    invoicePending: total(going, "invoice") + unknownGoing - unknownGoingToExcess,
    excessPending: excessGoing + unknownGoingToExcess,
  };
}

/**
 * Merges refund facts into the rows of `attempt` (locked by the caller). A refund that fails raises
 * `billing.refund.failed` and a `refund_failed` item for finance: that money did not reach the customer.
 */
export async function mergeRefundsInTx(deps: Deps, ctx: Ctx, tx: Tx, attempt: PaymentAttempt, facts: readonly RefundFact[], source: string): Promise<string[]> {
  const changes: string[] = [];
  for (const f of facts) {
    if (!(REFUND_STATUSES as readonly string[]).includes(f.status)) continue;
    const status = f.status as RefundStatus;
    const row = await tx.refund.findUnique({ where: { providerRefundId: f.id } });
    if (!row) {
      // Only an item of this payment can be named; anything else in the metadata is ignored.
      const itemId = f.reconciliationItemId && (await tx.reconciliationItem.count({ where: { id: f.reconciliationItemId, paymentAttemptId: attempt.id } })) ? f.reconciliationItemId : null;
      const created = await tx.refund.create({
        data: {
          paymentAttemptId: attempt.id, invoiceId: attempt.invoiceId, providerRefundId: f.id, amount: f.amount, currency: f.currency.toUpperCase(), status,
          purpose: f.purpose ?? null, reconciliationItemId: itemId, reason: f.reason?.slice(0, 1000) ?? null, failureReason: f.failureReason?.slice(0, 255) ?? null,
        },
      });
      await writeAudit(tx, ctx, { action: "refund.record", entity: "Refund", entityId: created.id, meta: { providerRefundId: f.id, status, amount: f.amount, purpose: f.purpose ?? null, source } });
      changes.push(`refund ${f.id}: ${status}`);
      if (status === "failed") await refundFailed(deps, ctx, tx, created, false);
    } else if (row.status !== status && canTransition(refundMachine, row.status as RefundStatus, status)) {
      const moved = await transition<RefundStatus, Refund>(deps, ctx, {
        machine: refundMachine, id: row.id, to: status, action: `refund.${status}`,
        data: status === "failed" ? { failureReason: f.failureReason?.slice(0, 255) ?? null } : {},
        auditMeta: { providerRefundId: f.id, source },
      }, tx);
      changes.push(`refund ${f.id}: ${row.status}→${status}`);
      if (status === "failed") await refundFailed(deps, ctx, tx, moved, row.status === "succeeded");
    }
  }
  return changes;
}

async function refundFailed(deps: Deps, ctx: Ctx, tx: Tx, refund: Refund, wasCounted: boolean): Promise<void> {
  const { item, created } = await raisePaymentItemInTx(tx, ctx, {
    kind: "refund_failed", dedupeKey: `refund_failed:${refund.providerRefundId}`, invoiceId: refund.invoiceId, paymentAttemptId: refund.paymentAttemptId,
    remoteId: refund.providerRefundId, localAmount: null, remoteAmount: refund.amount, currency: refund.currency,
    details: { refundId: refund.providerRefundId, failureReason: refund.failureReason, purpose: refund.purpose, counted: wasCounted, reason: "refund_failed" },
  });
  if (!created) return;
  await emitEvents(deps, tx, ctx, [{
    name: E.REFUND_FAILED, entity: "Invoice", entityId: refund.invoiceId,
    payload: { invoiceId: refund.invoiceId, attemptId: refund.paymentAttemptId, refundId: refund.providerRefundId, amount: refund.amount, currency: refund.currency, failureReason: refund.failureReason, itemId: item.id },
  }]);
}

/**
 * Recomputes what is refunded on the attempt (from its refund rows) and on its invoice (from all its
 * paid attempts), moving their statuses through their machines; then resolves the attempt's
 * duplicate/overpaid items once its excess is back with the customer. Idempotent.
 */
export async function settleRefundsInTx(deps: Deps, ctx: Ctx, tx: Tx, attemptId: number, source: string): Promise<string[]> {
  const changes: string[] = [];
  const rows = await tx.refund.findMany({ where: { paymentAttemptId: attemptId } });
  // Attempts recorded before refunds had rows keep their totals until a refund fact about them arrives.
  if (!rows.length) return changes;
  let attempt = await tx.paymentAttempt.findUniqueOrThrow({ where: { id: attemptId } });
  const acc = refundAccounts(attempt, rows);
  if (attempt.refundedAmount !== acc.refunded) {
    attempt = await tx.paymentAttempt.update({ where: { id: attemptId }, data: { refundedAmount: acc.refunded } });
    changes.push(`refunded_total=${acc.refunded}`);
  }
  if (!SUCCEEDED_OR_LATER.includes(attempt.status as AttemptStatus)) return changes; // applied when the success arrives

  const to: AttemptStatus = acc.refunded === 0 ? "succeeded" : acc.refunded >= attempt.amount ? "refunded" : "partially_refunded";
  // A dispute stays a dispute unless money actually went back.
  if (attempt.status !== to && !(attempt.status === "disputed" && to === "succeeded") && canTransition(attemptMachine, attempt.status as AttemptStatus, to)) {
    await transition<AttemptStatus, PaymentAttempt>(deps, ctx, { machine: attemptMachine, id: attemptId, to, action: `payment.${to}`, auditMeta: { source, refundedTotal: acc.refunded } }, tx);
    changes.push(`attempt→${to}`);
  }

  const paid = await tx.paymentAttempt.findMany({ where: { invoiceId: attempt.invoiceId, status: { in: [...SUCCEEDED_OR_LATER] } }, include: { refunds: true } });
  const sums = paid.map((a) => refundAccounts(a, a.refunds)).reduce((s, a) => ({ refunded: s.refunded + a.invoiceRefunded, pending: s.pending + a.invoicePending }), { refunded: 0, pending: 0 });
  const inv = await setInvoiceRefundsInTx(deps, ctx, tx, attempt.invoiceId, sums, { source });
  if (inv) changes.push(`invoice→${inv.status}`);
  if (inv?.status === "refunded" && (await resolveRefundDueItemsInTx(deps, ctx, tx, inv.id, `Invoice refunded through Stripe (${source})`))) changes.push("refund due: item resolved");

  if (attempt.excessAmount > 0 && acc.excessRefunded >= attempt.excessAmount) {
    const ids = rows.filter((r) => r.status === "succeeded").map((r) => r.providerRefundId).join(", ");
    if (await resolveRefundedItemsInTx(deps, ctx, tx, attemptId, `Extra money refunded through Stripe (${ids})`)) changes.push("excess refunded: item resolved");
  }
  return changes;
}

/** Refund facts merged and accounts settled for one attempt, under its row lock. */
async function recordRefundInTx(deps: Deps, ctx: Ctx, tx: Tx, attemptId: number, fact: RefundFact, source: string): Promise<Refund> {
  await lockRow(tx, "billing_paymentattempt", attemptId);
  const attempt = await tx.paymentAttempt.findUniqueOrThrow({ where: { id: attemptId } });
  await mergeRefundsInTx(deps, ctx, tx, attempt, [fact], source);
  await settleRefundsInTx(deps, ctx, tx, attemptId, source);
  return tx.refund.findUniqueOrThrow({ where: { providerRefundId: fact.id } });
}

/** What a staff refund of the whole invoice would give back now: paid, less refunded and pending refunds. */
export function invoiceLeftToRefund(inv: Pick<Invoice, "amountPaid" | "amountRefunded" | "amountRefundPending">): number {
  return inv.amountPaid - inv.amountRefunded - inv.amountRefundPending;
}

export interface InvoiceRefundResult {
  invoice: Invoice;
  refund: Refund;
}

const positiveAmount = (amount: number) => {
  if (!Number.isInteger(amount) || amount <= 0) throw new DomainError("VALIDATION_FAILED", "bad amount", 400, { fields: { amount: "AMOUNT_NOT_POSITIVE" } });
};

/**
 * Finance refunds a paid invoice, fully or partly, through Stripe (reason required). The refund
 * counts when Stripe reports it succeeded — at once when Stripe's answer says so, otherwise from its
 * webhook; until then it shows as pending on the invoice and is not offered for refunding again.
 */
export async function refundInvoice(deps: Deps, ctx: Ctx, invoiceId: number, input: { amount?: number; reason: string }): Promise<InvoiceRefundResult> {
  const reason = reasonSchema.parse(input.reason);
  const stripe = requireStripe(deps.stripe);
  const inv = await deps.db.invoice.findUnique({ where: { id: invoiceId } });
  if (!inv) throw new NotFoundError("Invoice", invoiceId);
  if (!["paid", "partially_refunded"].includes(inv.status)) throw new DomainError("INVOICE_NOT_REFUNDABLE", `invoice is ${inv.status}`, 409);
  // The payment that settled the invoice: not one whose whole amount was extra money.
  const candidates = await deps.db.paymentAttempt.findMany({
    where: { invoiceId, status: { in: ["succeeded", "partially_refunded", "disputed"] }, providerPaymentId: { not: null } }, include: { refunds: true }, orderBy: { id: "desc" },
  });
  const attempt = candidates.find((a) => a.amount > a.excessAmount);
  if (!attempt) throw new DomainError("NO_STRIPE_PAYMENT", "invoice was not paid through Stripe", 422);
  const acc = refundAccounts(attempt, attempt.refunds);
  const remaining = attempt.amount - attempt.excessAmount - acc.invoiceRefunded - acc.invoicePending;
  if (remaining <= 0 && acc.invoicePending > 0) throw new DomainError("REFUND_PENDING", "a refund of this invoice is still pending at Stripe", 409, { pending: acc.invoicePending });
  const amount = input.amount ?? remaining;
  positiveAmount(amount);
  if (amount > remaining) throw new DomainError("REFUND_TOO_LARGE", `at most ${remaining} can be refunded`, 422, { remaining, fields: { amount: "REFUND_AT_MOST" } });
  const refund = await createRefund(stripe, {
    paymentIntentId: attempt.providerPaymentId!, amount,
    // Named by the refunds the payment had before this one, so a retried click cannot refund twice and one after a failure can.
    idempotencyKey: `refund-${attempt.id}-n${attempt.refunds.length}-${amount}`,
    metadata: { invoice_id: String(invoiceId), purpose: "invoice", reason: reason.slice(0, 400) },
  });
  const row = await deps.db.$transaction((tx) =>
    recordRefundInTx(deps, ctx, tx, attempt.id, { ...refundFactOf(refund), purpose: "invoice", reason }, `refund ${refund.id} by staff: ${reason}`),
  );
  return { invoice: await deps.db.invoice.findUniqueOrThrow({ where: { id: invoiceId } }), refund: row };
}

export interface ItemRefundResult {
  item: ReconciliationItem;
  refund: Refund | null;
}

/**
 * Finance gives back the extra money of a duplicate_payment or overpaid item through Stripe
 * (reason required): the payment's excess not refunded yet. The invoice is untouched (it was paid by
 * what it owed). The item is resolved once that refund succeeded; a failed one leaves it open.
 */
export async function refundReconciliationItem(deps: Deps, ctx: Ctx, itemId: number, input: { reason: string }): Promise<ItemRefundResult> {
  const reason = reasonSchema.parse(input.reason);
  const item = await deps.db.reconciliationItem.findUnique({ where: { id: itemId } });
  if (!item) throw new NotFoundError("ReconciliationItem", itemId);
  if (item.status === "resolved") throw new ConflictError("ITEM_ALREADY_RESOLVED", `reconciliation item ${itemId} is already resolved`, { itemId });
  if (!REFUNDABLE_ITEM_KINDS.includes(item.kind as ReconciliationItemKind)) {
    throw new DomainError("RECONCILIATION_NOT_REFUNDABLE", `a ${item.kind} item has no extra money to refund`, 422, { kind: item.kind });
  }
  const attempt = item.paymentAttemptId
    ? await deps.db.paymentAttempt.findUnique({ where: { id: item.paymentAttemptId }, include: { refunds: true } })
    : null;
  if (!attempt?.providerPaymentId) throw new DomainError("NO_STRIPE_PAYMENT", "the item names no Stripe payment", 422);
  const stripe = requireStripe(deps.stripe);
  const acc = refundAccounts(attempt, attempt.refunds);
  const remaining = attempt.excessAmount - acc.excessRefunded - acc.excessPending;
  if (remaining <= 0) {
    if (acc.excessPending > 0) throw new DomainError("REFUND_PENDING", "the refund of this money is still pending at Stripe", 409, { pending: acc.excessPending });
    // Already given back (e.g. from Stripe's Dashboard): only the item is left to close.
    await deps.db.$transaction((tx) => settleRefundsInTx(deps, ctx, tx, attempt.id, `reconciliation item ${itemId}`));
    return { item: await deps.db.reconciliationItem.findUniqueOrThrow({ where: { id: itemId } }), refund: null };
  }
  const refund = await createRefund(stripe, {
    paymentIntentId: attempt.providerPaymentId, amount: remaining, reason: "duplicate",
    idempotencyKey: `excess-refund-${attempt.id}-n${attempt.refunds.length}-${remaining}`,
    metadata: { invoice_id: String(attempt.invoiceId), purpose: "excess", reconciliation_item_id: String(itemId), reason: reason.slice(0, 400) },
  });
  const row = await deps.db.$transaction((tx) =>
    recordRefundInTx(deps, ctx, tx, attempt.id, { ...refundFactOf(refund), purpose: "excess", reconciliationItemId: itemId, reason }, `refund ${refund.id} of item ${itemId} by staff: ${reason}`),
  );
  return { item: await deps.db.reconciliationItem.findUniqueOrThrow({ where: { id: itemId } }), refund: row };
}
