/**
 * Stripe's objects (events, payment intents, charges, refunds, disputes, checkout sessions) read
 * as the facts billing works with. Only this module looks inside a Stripe object: webhooks,
 * refunds and reconciliation hand it what Stripe sent and get plain facts back. Nothing here reads
 * the database or calls Stripe.
 */
import type { RefundPurpose } from "@prisma/client";
import type { Stripe } from "../../platform/payments/index.js";
import { INT4_MAX } from "../../platform/validation.js";

/** What Stripe says about one refund. */
export interface RefundFact {
  id: string;
  amount: number;
  currency: string;
  status: string;
  failureReason?: string | null;
  /** From the refund's metadata when this system asked for it; absent for refunds made elsewhere. */
  purpose?: RefundPurpose;
  reconciliationItemId?: number;
  reason?: string;
}

/** What Stripe says about one payment intent. */
export interface StripeFacts {
  paymentIntentId: string;
  /** From the intent's metadata; lets an unknown intent (e.g. from Checkout) be tied to its invoice. */
  invoiceId?: number;
  /** What the intent took (or is for); absent in facts that only carry refunds. */
  amount?: number;
  currency: string;
  succeeded?: boolean;
  failed?: { reason: string };
  /** Refunds of the intent, each with its status as Stripe reports it. */
  refunds?: RefundFact[];
  disputed?: { reason: string; amount: number };
  source: string;
}

/** The id of an expandable Stripe field, whether Stripe sent the id or the expanded object. */
export const stripeIdOf = (v: unknown): string | undefined =>
  typeof v === "string" ? v : v && typeof v === "object" && "id" in v ? String((v as { id: unknown }).id) : undefined;

/** The invoice id in an object's `invoice_id` metadata: a positive integer no larger than `max`. */
export function invoiceIdOf(metadata: Stripe.Metadata | null | undefined, max = INT4_MAX): number | undefined {
  const n = Number(metadata?.invoice_id);
  return Number.isInteger(n) && n > 0 && n <= max ? n : undefined;
}

/**
 * Webhook facts take any positive integer as the invoice id: one past int4 then fails the event at
 * the database (it shows as failed and is retried) instead of leaving it ignored as unknown.
 */
const EVENT_INVOICE_ID_MAX = Number.POSITIVE_INFINITY;

/** What an intent took; before it took anything, what it is for. */
const amountOf = (pi: Stripe.PaymentIntent): number => pi.amount_received || pi.amount;

/** A Stripe refund object as a fact (our refunds carry purpose, item and reason in their metadata). */
export function refundFactOf(r: Stripe.Refund): RefundFact {
  const m = r.metadata ?? {};
  const item = Number(m.reconciliation_item_id);
  return {
    id: r.id, amount: r.amount, currency: r.currency, status: r.status ?? "pending", failureReason: r.failure_reason ?? null,
    ...(m.purpose === "invoice" || m.purpose === "excess" ? { purpose: m.purpose } : {}),
    ...(Number.isSafeInteger(item) && item > 0 && item <= INT4_MAX ? { reconciliationItemId: item } : {}),
    ...(m.reason ? { reason: m.reason } : {}),
  };
}

/**
 * Reads the facts an event carries, or null for types we do not act on. A `charge.refunded` carries
 * the charge's refunded total, which counts pending refunds too; its refunds (with their statuses)
 * are named by `refundsOfCharge` for the caller to read from Stripe.
 */
export function factsFromEvent(event: Stripe.Event): (StripeFacts & { refundsOfCharge?: string }) | null {
  const source = `webhook ${event.id} (${event.type})`;
  switch (event.type) {
    case "payment_intent.succeeded": {
      const pi = event.data.object;
      return { paymentIntentId: pi.id, invoiceId: invoiceIdOf(pi.metadata, EVENT_INVOICE_ID_MAX), amount: amountOf(pi), currency: pi.currency, succeeded: true, source };
    }
    case "payment_intent.payment_failed": {
      const pi = event.data.object;
      return { paymentIntentId: pi.id, invoiceId: invoiceIdOf(pi.metadata, EVENT_INVOICE_ID_MAX), amount: pi.amount, currency: pi.currency, failed: { reason: pi.last_payment_error?.message ?? "payment failed" }, source };
    }
    case "checkout.session.completed": {
      const s = event.data.object;
      const pi = stripeIdOf(s.payment_intent);
      if (!pi || s.payment_status !== "paid") return null;
      return { paymentIntentId: pi, invoiceId: invoiceIdOf(s.metadata, EVENT_INVOICE_ID_MAX), amount: s.amount_total ?? 0, currency: s.currency ?? "sar", succeeded: true, source };
    }
    case "charge.refunded": {
      const ch = event.data.object;
      const pi = stripeIdOf(ch.payment_intent);
      if (!pi) return null;
      // Older API versions embed the refunds; otherwise they are listed from Stripe.
      const embedded = ch.refunds?.data;
      return {
        paymentIntentId: pi, invoiceId: invoiceIdOf(ch.metadata, EVENT_INVOICE_ID_MAX), amount: ch.amount, currency: ch.currency, source,
        ...(embedded ? { refunds: embedded.map(refundFactOf) } : { refundsOfCharge: ch.id }),
      };
    }
    case "refund.created":
    case "refund.updated":
    case "refund.failed":
    case "charge.refund.updated": {
      const r = event.data.object;
      const pi = stripeIdOf(r.payment_intent);
      if (!pi) return null;
      // Only the refund: an intent unknown here is not recorded from it.
      return { paymentIntentId: pi, currency: r.currency, refunds: [refundFactOf(r)], source };
    }
    case "charge.dispute.created": {
      const d = event.data.object;
      const pi = stripeIdOf(d.payment_intent);
      if (!pi) return null;
      return { paymentIntentId: pi, amount: d.amount, currency: d.currency, disputed: { reason: d.reason, amount: d.amount }, source };
    }
    default:
      return null;
  }
}

/** What Stripe says about one intent (retrieved with its latest charge) and its refunds, in the shape a webhook produces. */
export function factsFromIntent(pi: Stripe.PaymentIntent, refunds: Stripe.Refund[], fallbackInvoiceId: number | null, source: string): StripeFacts {
  const charge = pi.latest_charge && typeof pi.latest_charge === "object" ? pi.latest_charge : undefined;
  const paid = charge?.status === "succeeded" ? charge : undefined;
  return {
    paymentIntentId: pi.id,
    invoiceId: invoiceIdOf(pi.metadata) ?? fallbackInvoiceId ?? undefined,
    amount: amountOf(pi),
    currency: pi.currency,
    ...(pi.status === "succeeded" ? { succeeded: true } : {}),
    ...(refunds.length ? { refunds: refunds.map(refundFactOf) } : {}),
    ...(paid?.disputed ? { disputed: { reason: "disputed at Stripe", amount: paid.amount - paid.amount_refunded } } : {}),
    source,
  };
}

// ---------------------------------------------------------------------------------------------
// Reconciliation's view of Stripe: a period's payments, their succeeded charges and disputes.

/** A succeeded charge as reconciliation compares it. */
export interface RemoteCharge {
  id: string;
  /** Cumulative refunded amount, as Stripe reports it. */
  refunded: number;
  disputed: boolean;
}

/** A payment intent as reconciliation compares it. */
export interface RemotePayment {
  id: string;
  amount: number;
  received: number;
  /** Lower-case, as Stripe sends it. */
  currency: string;
  status: string;
  /** Created, or its succeeded charge created, within the period (the other ones were fetched for a refund or a local attempt). */
  inPeriod: boolean;
  /** From metadata.invoice_id. */
  invoiceId?: number;
  charge?: RemoteCharge;
}

/** A dispute as reconciliation lists it. */
export interface RemoteDispute {
  id: string;
  paymentIntentId: string;
  chargeId?: string;
  amount: number;
  currency: string;
  reason: string;
  status: string;
}

/** A Stripe charge as reconciliation compares it. */
export function remoteChargeOf(c: Stripe.Charge): RemoteCharge {
  return { id: c.id, refunded: c.amount_refunded ?? 0, disputed: !!c.disputed };
}

/** A Stripe payment intent as reconciliation compares it; its latest charge counts when expanded and succeeded. */
export function remotePaymentOf(pi: Stripe.PaymentIntent, inPeriod: boolean): RemotePayment {
  const latest = pi.latest_charge && typeof pi.latest_charge === "object" ? pi.latest_charge : undefined;
  return {
    id: pi.id,
    amount: pi.amount,
    received: pi.amount_received ?? 0,
    currency: pi.currency,
    status: pi.status,
    inPeriod,
    invoiceId: invoiceIdOf(pi.metadata),
    ...(latest && latest.status === "succeeded" ? { charge: remoteChargeOf(latest) } : {}),
  };
}

/** A Stripe dispute as reconciliation lists it; undefined when it names no payment intent. */
export function remoteDisputeOf(d: Stripe.Dispute): RemoteDispute | undefined {
  const pi = stripeIdOf(d.payment_intent);
  return pi ? { id: d.id, paymentIntentId: pi, chargeId: stripeIdOf(d.charge), amount: d.amount, currency: d.currency, reason: d.reason, status: d.status } : undefined;
}
