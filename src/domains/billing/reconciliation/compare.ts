/**
 * The heart of a reconciliation run, without database or network: Stripe's side and the local
 * side of a period, already loaded, in; every difference as an item draft, and the run's totals,
 * out. Items come sorted by kind, then Stripe id, then invoice, so a run's list is stable.
 */
import type { Prisma } from "@prisma/client";
import { SETTLED, SUCCEEDED_OR_LATER } from "../billing.status.js";
import { RUN_ITEM_KINDS, type RunItemKind } from "../reconciliation.status.js";
import type { RemoteDispute, RemotePayment } from "../stripe-facts.js";

/** Stripe's side of a period: its payment intents by id, and its disputes. */
export interface RemoteSide {
  payments: Map<string, RemotePayment>;
  disputes: RemoteDispute[];
}

/** A local payment attempt with what reconciliation needs of its invoice and refunds. */
export interface LocalAttempt {
  id: number;
  invoiceId: number;
  pid: string | null;
  amount: number;
  currency: string;
  status: string;
  refundedAmount: number;
  /** Refunds asked for and not succeeded yet: Stripe's charge already counts them as refunded. */
  refundPending: number;
  createdAt: Date;
  invoiceStatus: string;
  paidManually: boolean;
}

/** A local invoice paid with no Stripe payment behind it. */
export interface LocalInvoice {
  id: number;
  amountPaid: number;
  currency: string;
  status: string;
}

/** The local side of a period. */
export interface LocalSide {
  byPi: Map<string, LocalAttempt>;
  /** Attempts created in the period (also those without an intent id). */
  createdInPeriod: LocalAttempt[];
  /** Invoices paid in the period, not manually, with no paid Stripe attempt at all. */
  paidWithoutAttempt: LocalInvoice[];
  /** Invoice ids named by Stripe metadata that exist here. */
  knownInvoices: Set<number>;
}

/** One difference, as stored on the run (the run id is added when the items are written). */
export type ItemDraft = Omit<Prisma.ReconciliationItemCreateManyInput, "runId"> & { kind: RunItemKind };

/** A count and a sum in minor units. */
export interface Sum {
  count: number;
  amount: number;
}

/**
 * Counts and sums in minor units (one currency in practice; mixed currencies are summed as is).
 * stripe: succeeded intents of the period; local: paid attempts of the period; matched: pairs that
 * agree on the payment (both paid, same amount and currency); byKind: items, with the amount at
 * stake (missing: the amount paid; mismatch: Stripe's amount; refund: the unrecorded part; dispute:
 * the disputed amount).
 */
export interface ReconciliationTotals {
  stripe: Sum;
  local: Sum;
  matched: Sum;
  byKind: Record<RunItemKind, Sum>;
}

/** True for an attempt status in which the attempt took the customer's money. */
export const isPaidAttempt = (s: string): boolean => (SUCCEEDED_OR_LATER as readonly string[]).includes(s);
/** True for an invoice status in which the invoice's money was received. */
export const isSettled = (s: string): boolean => (SETTLED as readonly string[]).includes(s);
const upper = (c: string) => c.toUpperCase();

const add = (s: Sum, amount: number) => {
  s.count += 1;
  s.amount += amount;
};

function atStake(i: ItemDraft): number {
  if (i.kind === "missing_remote") return i.localAmount ?? 0;
  if (i.kind === "refund_not_recorded") return (i.remoteAmount ?? 0) - (i.localAmount ?? 0);
  return i.remoteAmount ?? i.localAmount ?? 0;
}

/** Compares Stripe's side with the local side of a period: every difference as an item draft, and the totals. Pure. */
export function compareReconciliation(remote: RemoteSide, local: LocalSide): { items: ItemDraft[]; totals: ReconciliationTotals } {
  const items: ItemDraft[] = [];
  const zero = (): Sum => ({ count: 0, amount: 0 });
  const totals: ReconciliationTotals = {
    stripe: zero(),
    local: zero(),
    matched: zero(),
    byKind: Object.fromEntries(RUN_ITEM_KINDS.map((k) => [k, zero()])) as Record<RunItemKind, Sum>,
  };

  for (const p of remote.payments.values()) {
    const att = local.byPi.get(p.id);
    if (p.status === "succeeded") {
      if (p.inPeriod) add(totals.stripe, p.received);
      if (!att || !isPaidAttempt(att.status) || !isSettled(att.invoiceStatus)) {
        const reason = !att ? "no_local_attempt" : !isPaidAttempt(att.status) ? "attempt_not_paid" : "invoice_not_paid";
        items.push({
          kind: "missing_local",
          invoiceId: att?.invoiceId ?? (p.invoiceId && local.knownInvoices.has(p.invoiceId) ? p.invoiceId : null),
          paymentAttemptId: att?.id ?? null,
          remoteId: p.id,
          remoteAmount: p.received,
          localAmount: att?.amount ?? null,
          currency: upper(p.currency),
          details: {
            paymentIntentId: p.id, reason, attemptStatus: att?.status ?? null, invoiceStatus: att?.invoiceStatus ?? null,
            metadataInvoiceId: p.invoiceId ?? null, refundedTotal: p.charge?.refunded ?? 0,
            // Paid manually and at Stripe: the customer may have paid twice.
            invoicePaidManually: att?.paidManually ?? false,
          },
        });
        continue;
      }
      const base = { invoiceId: att.invoiceId, paymentAttemptId: att.id, remoteId: p.id };
      if (upper(p.currency) !== upper(att.currency)) {
        items.push({ ...base, kind: "currency_mismatch", localAmount: att.amount, remoteAmount: p.received, currency: upper(p.currency), details: { paymentIntentId: p.id, localCurrency: upper(att.currency), remoteCurrency: upper(p.currency) } });
      } else if (p.received !== att.amount) {
        items.push({ ...base, kind: "amount_mismatch", localAmount: att.amount, remoteAmount: p.received, currency: upper(p.currency), details: { paymentIntentId: p.id, difference: p.received - att.amount } });
      } else {
        add(totals.matched, p.received);
      }
      if (p.charge && p.charge.refunded > att.refundedAmount + att.refundPending) {
        items.push({ ...base, kind: "refund_not_recorded", localAmount: att.refundedAmount, remoteAmount: p.charge.refunded, currency: upper(p.currency), details: { paymentIntentId: p.id, chargeId: p.charge.id, attemptStatus: att.status } });
      }
    } else if (att && isPaidAttempt(att.status) && !att.paidManually) {
      items.push({
        kind: "missing_remote", invoiceId: att.invoiceId, paymentAttemptId: att.id, remoteId: p.id, localAmount: att.amount, remoteAmount: null,
        currency: upper(att.currency), details: { paymentIntentId: p.id, reason: "remote_not_succeeded", remoteStatus: p.status, attemptStatus: att.status },
      });
    }
  }

  // Disputes: every dispute of the period, and any charge Stripe flags as disputed (once per intent).
  const disputed = new Set<string>();
  for (const d of remote.disputes) {
    if (disputed.has(d.paymentIntentId)) continue;
    disputed.add(d.paymentIntentId);
    const att = local.byPi.get(d.paymentIntentId);
    items.push({
      kind: "disputed", invoiceId: att?.invoiceId ?? null, paymentAttemptId: att?.id ?? null, remoteId: d.id, localAmount: att?.amount ?? null, remoteAmount: d.amount,
      currency: upper(d.currency), details: { paymentIntentId: d.paymentIntentId, disputeId: d.id, chargeId: d.chargeId ?? null, reason: d.reason, disputeStatus: d.status },
    });
  }
  for (const p of remote.payments.values()) {
    if (!p.charge?.disputed || disputed.has(p.id)) continue;
    disputed.add(p.id);
    const att = local.byPi.get(p.id);
    items.push({
      kind: "disputed", invoiceId: att?.invoiceId ?? null, paymentAttemptId: att?.id ?? null, remoteId: p.id, localAmount: att?.amount ?? null, remoteAmount: p.received,
      currency: upper(p.currency), details: { paymentIntentId: p.id, chargeId: p.charge.id, reason: "charge flagged as disputed" },
    });
  }

  // The local side of the period: paid here, unknown at Stripe.
  const seen = new Set<number>();
  const inScope = [...local.createdInPeriod, ...[...local.byPi.values()].filter((a) => remote.payments.get(a.pid!)?.inPeriod)];
  for (const a of inScope) {
    if (seen.has(a.id)) continue;
    seen.add(a.id);
    if (!isPaidAttempt(a.status)) continue;
    add(totals.local, a.amount);
    if (a.paidManually || (a.pid && remote.payments.has(a.pid))) continue;
    items.push({
      kind: "missing_remote", invoiceId: a.invoiceId, paymentAttemptId: a.id, remoteId: a.pid, localAmount: a.amount, remoteAmount: null,
      currency: upper(a.currency), details: { paymentIntentId: a.pid, reason: a.pid ? "no_remote_payment" : "no_payment_intent_id", attemptStatus: a.status },
    });
  }
  for (const inv of local.paidWithoutAttempt) {
    items.push({
      kind: "missing_remote", invoiceId: inv.id, paymentAttemptId: null, remoteId: null, localAmount: inv.amountPaid, remoteAmount: null,
      currency: upper(inv.currency), details: { reason: "no_payment_attempt", invoiceStatus: inv.status },
    });
  }

  const order = new Map(RUN_ITEM_KINDS.map((k, i) => [k, i]));
  items.sort((a, b) => order.get(a.kind)! - order.get(b.kind)! || String(a.remoteId ?? "").localeCompare(String(b.remoteId ?? "")) || (a.invoiceId ?? 0) - (b.invoiceId ?? 0));
  for (const i of items) add(totals.byKind[i.kind], atStake(i));
  return { items, totals };
}
