/**
 * Billing state machines (the only places their moves are declared).
 *
 * invoice:  draft → issued → paid → partially_refunded → refunded
 *           draft | issued → void (reason)
 *           refunded | partially_refunded → back, when a refund that had succeeded fails
 * attempt:  requires_payment → processing → succeeded → partially_refunded → refunded
 *           requires_payment | processing → failed → succeeded (a retried card can still pay)
 *           succeeded | partially_refunded → disputed
 *           refunded | partially_refunded → back, when a refund that had succeeded fails
 * refund:   pending | requires_action → succeeded | failed | canceled;  succeeded → failed (Stripe allows it)
 * webhook:  received → processed | ignored | failed;  failed → retried;  processed → replayed
 */
import { defineMachine } from "../../platform/transitions.js";

export const INVOICE_STATUSES = ["draft", "issued", "paid", "void", "refunded", "partially_refunded"] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const invoiceMachine = defineMachine<InvoiceStatus>({
  entity: "Invoice",
  model: "invoice",
  table: "billing_invoice",
  transitions: {
    draft: ["issued", "void"], // being prepared by staff, not visible to pay
    issued: ["paid", "void"], // waiting for payment
    paid: ["partially_refunded", "refunded"], // settled; what it pays for is active
    partially_refunded: ["partially_refunded", "refunded", "paid"], // some money returned
    refunded: ["partially_refunded", "paid"], // all money returned (back only if a refund fails after all)
    void: [], // cancelled before payment; reason kept
  },
});

/** Invoices that still expect money. */
export const PAYABLE: readonly InvoiceStatus[] = ["issued"];
/** Invoices whose money was received (some may have been returned). */
export const SETTLED: readonly InvoiceStatus[] = ["paid", "partially_refunded", "refunded"];

export const ATTEMPT_STATUSES = ["requires_payment", "processing", "succeeded", "failed", "cancelled", "refunded", "partially_refunded", "disputed"] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

export const attemptMachine = defineMachine<AttemptStatus>({
  entity: "PaymentAttempt",
  model: "paymentAttempt",
  table: "billing_paymentattempt",
  transitions: {
    requires_payment: ["processing", "succeeded", "failed", "cancelled"], // intent created, app collecting the card
    processing: ["succeeded", "failed", "cancelled"], // the bank is deciding
    failed: ["succeeded", "failed", "cancelled"], // declined; the same intent may still succeed on a retry
    succeeded: ["partially_refunded", "refunded", "disputed"], // money received
    partially_refunded: ["partially_refunded", "refunded", "disputed", "succeeded"],
    refunded: ["partially_refunded", "succeeded"], // back only if a refund fails after it succeeded
    disputed: ["partially_refunded", "refunded"], // the customer's bank opened a dispute
    cancelled: [],
  },
});

/** Attempts that took the customer's money (some of it may have gone back since). */
export const SUCCEEDED_OR_LATER: readonly AttemptStatus[] = ["succeeded", "partially_refunded", "refunded", "disputed"];

export const REFUND_STATUSES = ["pending", "requires_action", "succeeded", "failed", "canceled"] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export const refundMachine = defineMachine<RefundStatus>({
  entity: "Refund",
  model: "refund",
  table: "billing_refund",
  transitions: {
    pending: ["requires_action", "succeeded", "failed", "canceled"], // asked for; not counted yet
    requires_action: ["pending", "succeeded", "failed", "canceled"], // the customer must act
    succeeded: ["failed"], // counted; Stripe may still report it failed later
    failed: [], // not counted; finance sees a refund_failed item
    canceled: [],
  },
});

export const WEBHOOK_STATUSES = ["received", "processing", "processed", "failed", "ignored"] as const;
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number];

export const webhookMachine = defineMachine<WebhookStatus>({
  entity: "WebhookEvent",
  model: "webhookEvent",
  table: "billing_webhookevent",
  transitions: {
    received: ["processed", "ignored", "failed"], // stored, job queued
    processing: ["processed", "ignored", "failed"], // (unused: processing happens in one transaction)
    failed: ["processed", "ignored", "failed"], // the job retries; staff may replay
    processed: ["processed", "ignored"], // replay runs the idempotent handler again
    ignored: ["processed", "ignored"], // a type we do not act on, or nothing to do
  },
});
