/**
 * Paying invoices through Stripe, and bringing local state in line with what Stripe reports.
 *
 * Stripe's facts about a payment intent (succeeded, failed, its refunds, disputed) arrive by
 * webhook — late, twice, out of order — or from a reconciliation run. `applyStripeFacts` merges
 * them monotonically: success is never undone by a later failure, refunds are merged one by one by
 * their Stripe id and count once they succeeded (refunds.service), and a refund seen before its
 * success is kept on the attempt and applied to the invoice when the success arrives.
 *
 * Money the invoice did not owe is never absorbed: a payment for an invoice already paid or void,
 * and the extra of an overpayment, are recorded as the attempt's excess and raise a
 * reconciliation item and an event, for finance to refund.
 */
import { lockRow, lockRowsWhere } from "../../platform/database/transaction.js";
import type { PaymentAttempt } from "@prisma/client";
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { ConflictError, DomainError, NotFoundError } from "../../platform/errors.js";
import type { Tx } from "../../platform/database/transaction.js";
import { transition } from "../../platform/transitions.js";
import { emitEvents } from "../../platform/events.js";
import {
  cancelPaymentIntent,
  createPaymentIntent,
  expireCheckoutSession,
  requireStripe,
  retrieveCheckoutSession,
  retrievePaymentIntent,
  stripeErrorCode,
  stripeErrorStatus,
  type Stripe,
} from "../../platform/payments/index.js";
import { attemptMachine, SUCCEEDED_OR_LATER, type AttemptStatus } from "./billing.status.js";
import { BillingEvents as E } from "./billing.events.js";
import { markPaidInTx } from "./invoices.service.js";
import { raisePaymentItemInTx } from "./payment-items.js";
import { mergeRefundsInTx, settleRefundsInTx } from "./refunds.service.js";
import type { StripeFacts } from "./stripe-facts.js";

export interface PaymentIntentForApp {
  paymentIntentId: string;
  clientSecret: string;
  amount: number;
  currency: string;
  invoiceId: number;
}

/** PaymentIntent statuses in which the customer can still pay the intent handed out before. */
const REUSABLE_INTENT: readonly string[] = ["requires_payment_method", "requires_confirmation", "requires_action"];
/** Money is moving or has moved: a second intent now could charge the customer twice. */
const IN_FLIGHT_INTENT: readonly string[] = ["processing", "requires_capture", "succeeded"];
/** Stripe may forget an idempotency key 24 hours after its first use; a key is only replayed well within that. */
const KEY_REPLAY_MS = 23 * 3600_000;

/**
 * The owner pays an issued invoice: one open attempt per invoice and amount. A retry gets the
 * attempt's PaymentIntent again by retrieving its stored id (idempotency keys only last 24 hours
 * at Stripe, so replaying one later could create a second intent that voiding would not cancel);
 * the intent is reused while the customer can still pay it for the same amount. An attempt whose
 * intent is over (cancelled, changed, unknown) is closed and a new attempt gets a new key.
 */
export async function payInvoice(deps: Deps, ctx: Ctx, invoiceId: number): Promise<PaymentIntentForApp> {
  // Ownership first: a stranger learns nothing, not even whether payments are configured.
  if (!(await deps.db.invoice.count({ where: { id: invoiceId, userId: ctx.actor.id } }))) throw new NotFoundError("Invoice", invoiceId);
  const stripe = requireStripe(deps.stripe);
  const forApp = (pi: Stripe.PaymentIntent): PaymentIntentForApp => ({
    paymentIntentId: pi.id, clientSecret: pi.client_secret ?? "", amount: pi.amount, currency: pi.currency.toUpperCase(), invoiceId,
  });
  for (let round = 0; round < 3; round++) {
    const attempt = await deps.db.$transaction(async (tx) => {
      await lockRow(tx, "billing_invoice", invoiceId);
      const inv = await tx.invoice.findFirst({ where: { id: invoiceId, userId: ctx.actor.id } });
      if (!inv) throw new NotFoundError("Invoice", invoiceId);
      if (inv.status !== "issued") throw new DomainError("INVOICE_NOT_PAYABLE", `invoice is ${inv.status}`, 409, { status: inv.status });
      const amount = inv.total - inv.amountPaid;
      const open = await tx.paymentAttempt.findFirst({ where: { invoiceId, status: { in: ["requires_payment", "processing"] }, amount, currency: inv.currency }, orderBy: { id: "desc" } });
      if (open) return { ...open, invoice: inv };
      const n = await tx.paymentAttempt.count({ where: { invoiceId } });
      const created = await tx.paymentAttempt.create({ data: { invoiceId, amount, currency: inv.currency, idempotencyKey: `invoice-${invoiceId}-attempt-${n + 1}` } });
      return { ...created, invoice: inv };
    });

    if (attempt.providerPaymentId) {
      const pi = await retrievePaymentIntent(stripe, attempt.providerPaymentId).catch((err: unknown) => {
        if (stripeErrorStatus(err) === 404) return null;
        throw err;
      });
      const sameMoney = !!pi && pi.amount === attempt.amount && pi.currency === attempt.currency.toLowerCase();
      if (pi && sameMoney && REUSABLE_INTENT.includes(pi.status)) return forApp(pi);
      if (pi && IN_FLIGHT_INTENT.includes(pi.status)) throw paymentInProgress(invoiceId, pi.status);
      if (pi && pi.status !== "canceled") {
        // Open for another amount: close it, so the old client secret cannot pay beside the new one.
        try {
          await cancelPaymentIntent(stripe, pi.id, `${attempt.idempotencyKey}-cancel`);
        } catch (err) {
          if (stripeErrorCode(err) === "payment_intent_unexpected_state") throw paymentInProgress(invoiceId, pi.status);
          throw err;
        }
      }
      await closeAttempt(deps, ctx, attempt.id, { reason: pi ? `payment intent ${pi.status}` : "payment intent unknown at Stripe", paymentIntentId: attempt.providerPaymentId });
      continue;
    }
    // Created here but Stripe's answer never stored: replaying its key is only safe while Stripe keeps it.
    if (Date.now() - attempt.createdAt.getTime() > KEY_REPLAY_MS) {
      await closeAttempt(deps, ctx, attempt.id, { reason: "idempotency key too old to replay" });
      continue;
    }
    const pi = await createPaymentIntent(stripe, {
      amount: attempt.amount, currency: attempt.currency, invoiceId, invoiceNumber: attempt.invoice.number, userId: attempt.invoice.userId,
      idempotencyKey: attempt.idempotencyKey, metadata: { payment_attempt_id: String(attempt.id) },
    });
    await deps.db.paymentAttempt.updateMany({ where: { id: attempt.id, providerPaymentId: null }, data: { providerPaymentId: pi.id } });
    return forApp(pi);
  }
  throw new ConflictError("PAYMENT_IN_PROGRESS", `invoice ${invoiceId}: its payment attempts kept changing`, { invoiceId });
}

const paymentInProgress = (invoiceId: number, status: string) =>
  new DomainError("PAYMENT_IN_PROGRESS", `invoice ${invoiceId} already has a payment that is ${status} at Stripe`, 409, { invoiceId, status });

/** An open attempt that can no longer be paid is closed (requires_payment | processing → cancelled). */
async function closeAttempt(deps: Deps, ctx: Ctx, attemptId: number, meta: Record<string, unknown>): Promise<void> {
  await deps.db.$transaction(async (tx) => {
    await lockRow(tx, "billing_paymentattempt", attemptId);
    const now = await tx.paymentAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    if (!OPEN_ATTEMPT.includes(now.status as AttemptStatus)) return;
    await transition<AttemptStatus, PaymentAttempt>(deps, ctx, { machine: attemptMachine, id: attemptId, to: "cancelled", action: "payment.cancelled", auditMeta: meta }, tx);
  });
}

async function attemptFor(tx: Tx, f: StripeFacts): Promise<PaymentAttempt | null> {
  const found = await tx.paymentAttempt.findUnique({ where: { providerPaymentId: f.paymentIntentId } });
  if (found) return found;
  if (!f.invoiceId || f.amount === undefined) return null;
  const inv = await tx.invoice.findUnique({ where: { id: f.invoiceId } });
  if (!inv) return null;
  // Paid through Checkout or an attempt whose id was never stored: record it now.
  return tx.paymentAttempt.upsert({
    where: { idempotencyKey: `stripe-${f.paymentIntentId}` },
    create: { invoiceId: inv.id, amount: f.amount, currency: f.currency.toUpperCase(), providerPaymentId: f.paymentIntentId, idempotencyKey: `stripe-${f.paymentIntentId}` },
    update: {},
  });
}

export type ApplyResult = { outcome: "applied" | "nothing_to_do" | "unknown_payment"; changes: string[] };

/** Merges Stripe's facts into the attempt and its invoice, in `tx`. Safe to call any number of times, in any order. */
export async function applyStripeFacts(deps: Deps, ctx: Ctx, tx: Tx, f: StripeFacts): Promise<ApplyResult> {
  // Lock by the intent's id first, so the known attempt is read once, already locked.
  let [attemptId] = await lockRowsWhere(tx, "billing_paymentattempt", "provider_payment_id", f.paymentIntentId);
  if (attemptId === undefined) {
    const recorded = await attemptFor(tx, f);
    if (!recorded) return { outcome: "unknown_payment", changes: [] };
    await lockRow(tx, "billing_paymentattempt", recorded.id);
    attemptId = recorded.id;
  }
  let attempt = await tx.paymentAttempt.findUniqueOrThrow({ where: { id: attemptId } });
  const changes: string[] = [];
  // Whether `attempt` is still the row as stored (locked and read above, or a move's result).
  let fresh = true;
  const move = async (to: AttemptStatus, data: Record<string, unknown> = {}, meta: Record<string, unknown> = {}) => {
    attempt = await transition<AttemptStatus, PaymentAttempt>(deps, ctx, {
      machine: attemptMachine, id: attempt!.id, to, action: `payment.${to}`, data, auditMeta: { source: f.source, ...meta },
      locked: fresh ? attempt! : undefined,
    }, tx);
    fresh = true;
    changes.push(`attempt→${to}`);
  };

  // Refunds are remembered even before the success arrives.
  if (f.refunds?.length) changes.push(...(await mergeRefundsInTx(deps, ctx, tx, attempt, f.refunds, f.source)));

  if (f.succeeded && !SUCCEEDED_OR_LATER.includes(attempt.status as AttemptStatus)) {
    if (f.amount === undefined) throw new Error(`success facts for ${f.paymentIntentId} without an amount`);
    await move("succeeded", { failureReason: null });
    changes.push(...(await settleSucceededPayment(deps, ctx, tx, attempt, f.amount, f)));
    fresh = false; // it may have recorded an excess on the attempt
  } else if (f.failed && !SUCCEEDED_OR_LATER.includes(attempt.status as AttemptStatus) && attempt.status !== "cancelled") {
    await move("failed", { failureReason: f.failed.reason.slice(0, 1000) }, { reason: f.failed.reason });
    await emitEvents(deps, tx, ctx, [{ name: E.PAYMENT_FAILED, entity: "Invoice", entityId: attempt.invoiceId, payload: { invoiceId: attempt.invoiceId, attemptId: attempt.id, reason: f.failed.reason } }]);
  }

  // Once paid, bring disputes and refunds forward.
  if (SUCCEEDED_OR_LATER.includes(attempt.status as AttemptStatus) && f.disputed && attempt.status !== "disputed" && attempt.status !== "refunded") {
    await move("disputed", {}, { reason: f.disputed.reason, amount: f.disputed.amount });
    await emitEvents(deps, tx, ctx, [{ name: E.PAYMENT_DISPUTED, entity: "Invoice", entityId: attempt.invoiceId, payload: { invoiceId: attempt.invoiceId, attemptId: attempt.id, reason: f.disputed.reason } }]);
  }
  changes.push(...(await settleRefundsInTx(deps, ctx, tx, attempt.id, f.source)));
  return { outcome: changes.length ? "applied" : "nothing_to_do", changes };
}

/**
 * A payment just succeeded: it pays the invoice what it owes, and whatever it did not owe (all of
 * it when the invoice is already paid or void, the extra of an overpayment) becomes the attempt's
 * excess with an item and an event, so finance refunds it.
 */
async function settleSucceededPayment(deps: Deps, ctx: Ctx, tx: Tx, attempt: PaymentAttempt, amount: number, f: StripeFacts): Promise<string[]> {
  // The invoice's lock orders two payments landing at once: the second one sees the first one's result.
  await lockRow(tx, "billing_invoice", attempt.invoiceId);
  const inv = await tx.invoice.findUniqueOrThrow({ where: { id: attempt.invoiceId } });
  const currency = f.currency.toUpperCase();
  let kind: "duplicate_payment" | "overpaid";
  let excess: number;
  let owed: number;
  const changes: string[] = [];
  if (inv.status === "issued") {
    owed = inv.total - inv.amountPaid;
    if (currency !== inv.currency || amount < owed) {
      throw new DomainError("PAYMENT_AMOUNT_MISMATCH", `Stripe reports ${amount} ${f.currency} for invoice ${inv.number} (${owed} ${inv.currency} due)`, 422);
    }
    await markPaidInTx(deps, ctx, tx, inv.id, { amount: owed, via: "stripe" }, inv);
    changes.push("invoice→paid");
    if (amount === owed) return changes;
    kind = "overpaid";
    excess = amount - owed;
  } else {
    // Paid before (another intent, a link, by hand) or voided: none of this money was owed.
    kind = "duplicate_payment";
    excess = amount;
    owed = 0;
  }
  await tx.paymentAttempt.update({ where: { id: attempt.id }, data: { excessAmount: excess } });
  const { item, created } = await raisePaymentItemInTx(tx, ctx, {
    kind, dedupeKey: `${kind}:${f.paymentIntentId}`, invoiceId: inv.id, paymentAttemptId: attempt.id, remoteId: f.paymentIntentId,
    localAmount: kind === "overpaid" ? owed : inv.amountPaid, remoteAmount: amount, currency,
    details: { paymentIntentId: f.paymentIntentId, excess, invoiceStatus: inv.status, invoiceNumber: inv.number, reason: kind === "overpaid" ? "paid_more_than_due" : `invoice_${inv.status}` },
  });
  changes.push(`${kind}: ${excess} to refund`);
  if (created) {
    const name = kind === "overpaid" ? E.PAYMENT_OVERPAID : inv.status === "void" ? E.PAYMENT_ON_CLOSED_INVOICE : E.PAYMENT_DUPLICATE;
    await emitEvents(deps, tx, ctx, [{
      name, entity: "Invoice", entityId: inv.id,
      payload: { invoiceId: inv.id, attemptId: attempt.id, itemId: item.id, amount, excess, currency, paymentIntentId: f.paymentIntentId, invoiceStatus: inv.status },
    }]);
  }
  return changes;
}

const OPEN_ATTEMPT: readonly AttemptStatus[] = ["requires_payment", "processing", "failed"];

/**
 * After an invoice is voided (from its `billing.invoice.voided` event, so after the void committed):
 * cancel its open PaymentIntents and expire its open Checkout sessions at Stripe, so a client secret
 * or payment link handed out earlier can no longer take money. Safe to repeat. An intent Stripe
 * reports as succeeded is left to its webhook, which flags the payment for a refund.
 */
export async function cancelOpenPaymentsForVoidedInvoice(deps: Deps, ctx: Ctx, invoiceId: number): Promise<{ cancelled: number; expired: number }> {
  const inv = await deps.db.invoice.findUnique({ where: { id: invoiceId } });
  if (inv?.status !== "void") return { cancelled: 0, expired: 0 };
  return closeOpenPayments(deps, ctx, invoiceId, "invoice voided");
}

/**
 * After an invoice is paid (from its `billing.invoice.paid` event): its other open PaymentIntents
 * and Checkout sessions are closed at Stripe, so nobody pays it a second time. One that already
 * took money is left to its webhook, which records it as a duplicate payment for a refund.
 */
export async function closeOtherPaymentsOfPaidInvoice(deps: Deps, ctx: Ctx, invoiceId: number): Promise<{ cancelled: number; expired: number }> {
  const inv = await deps.db.invoice.findUnique({ where: { id: invoiceId } });
  if (!inv || !["paid", "partially_refunded", "refunded"].includes(inv.status)) return { cancelled: 0, expired: 0 };
  return closeOpenPayments(deps, ctx, invoiceId, "invoice paid");
}

/** Cancels the invoice's open PaymentIntents and expires its open Checkout sessions; each one is looked at on its own. */
async function closeOpenPayments(deps: Deps, ctx: Ctx, invoiceId: number, why: string): Promise<{ cancelled: number; expired: number }> {
  const out = { cancelled: 0, expired: 0 };
  if (!deps.stripe) return out;
  const stripe = deps.stripe;

  const open = await deps.db.paymentAttempt.findMany({ where: { invoiceId, status: { in: [...OPEN_ATTEMPT] }, providerPaymentId: { not: null } }, orderBy: { id: "asc" } });
  for (const a of open) {
    let status: string;
    try {
      status = (await cancelPaymentIntent(stripe, a.providerPaymentId!, `${a.idempotencyKey}-cancel`)).status;
    } catch (err) {
      if (stripeErrorCode(err) !== "payment_intent_unexpected_state") throw err;
      status = (await retrievePaymentIntent(stripe, a.providerPaymentId!)).status;
    }
    if (status !== "canceled") continue;
    await deps.db.$transaction(async (tx) => {
      await lockRow(tx, "billing_paymentattempt", a.id);
      const now = await tx.paymentAttempt.findUniqueOrThrow({ where: { id: a.id } });
      if (!OPEN_ATTEMPT.includes(now.status as AttemptStatus)) return;
      await transition<AttemptStatus, PaymentAttempt>(deps, ctx, {
        machine: attemptMachine, id: a.id, to: "cancelled", action: "payment.cancelled", auditMeta: { reason: why, paymentIntentId: a.providerPaymentId },
      }, tx);
      out.cancelled++;
    });
  }

  const links = await deps.db.paymentLink.findMany({ where: { invoiceId, stripeCheckoutSessionId: { not: null } }, orderBy: { id: "asc" } });
  for (const l of links) {
    if (await expireIfOpen(stripe, l.stripeCheckoutSessionId!)) out.expired++;
  }
  return out;
}

/**
 * Expires a Checkout session that is still open; true when this call expired it. Decided from the
 * session's status: Stripe answers expiring a completed or expired session with a 400 that has no
 * error code, and a completed one is left to its webhook.
 */
async function expireIfOpen(stripe: Stripe, sessionId: string): Promise<boolean> {
  const session = await retrieveCheckoutSession(stripe, sessionId).catch((err: unknown) => {
    if (stripeErrorStatus(err) === 404) return null;
    throw err;
  });
  if (session?.status !== "open") return false;
  try {
    await expireCheckoutSession(stripe, sessionId);
    return true;
  } catch (err) {
    // Completed or expired between the two calls: nothing left to close.
    if ((await retrieveCheckoutSession(stripe, sessionId)).status !== "open") return false;
    throw err;
  }
}
