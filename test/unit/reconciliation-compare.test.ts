/**
 * The reconciliation comparison on its own: Stripe's side and the local side built in memory, one
 * kind of difference per test, and the exact items and totals a run would store.
 */
import { describe, expect, it } from "vitest";
import {
  compareReconciliation,
  type LocalAttempt,
  type LocalInvoice,
  type LocalSide,
  type ReconciliationTotals,
  type RemoteSide,
} from "../../src/domains/billing/reconciliation/compare.js";
import type { RemoteDispute, RemotePayment } from "../../src/domains/billing/stripe-facts.js";

const PI = "pi_0001";

function payment(overrides: Partial<RemotePayment> = {}): RemotePayment {
  return {
    id: PI, amount: 11_500, received: 11_500, currency: "sar", status: "succeeded", inPeriod: true, invoiceId: 7,
    charge: { id: "ch_0001", refunded: 0, disputed: false },
    ...overrides,
  };
}

function attempt(overrides: Partial<LocalAttempt> = {}): LocalAttempt {
  return {
    id: 21, invoiceId: 7, pid: PI, amount: 11_500, currency: "SAR", status: "succeeded", refundedAmount: 0, refundPending: 0,
    createdAt: new Date("2026-03-05T10:00:00Z"), invoiceStatus: "paid", paidManually: false,
    ...overrides,
  };
}

function remoteSide(payments: RemotePayment[] = [], disputes: RemoteDispute[] = []): RemoteSide {
  return { payments: new Map(payments.map((p) => [p.id, p])), disputes };
}

/** Attempts are found by intent id and, unless `createdInPeriod` says otherwise, were created in the period. */
function localSide(attempts: LocalAttempt[] = [], more: { createdInPeriod?: LocalAttempt[]; paidWithoutAttempt?: LocalInvoice[]; knownInvoices?: number[] } = {}): LocalSide {
  return {
    byPi: new Map(attempts.filter((a) => a.pid).map((a) => [a.pid!, a])),
    createdInPeriod: more.createdInPeriod ?? attempts,
    paidWithoutAttempt: more.paidWithoutAttempt ?? [],
    knownInvoices: new Set(more.knownInvoices ?? []),
  };
}

const none = { count: 0, amount: 0 };
const noKinds: ReconciliationTotals["byKind"] = {
  missing_local: none, missing_remote: none, amount_mismatch: none, currency_mismatch: none, refund_not_recorded: none, disputed: none,
};

describe("compareReconciliation", () => {
  it("should list nothing and count the pair as matched when Stripe and the local records agree", () => {
    const { items, totals } = compareReconciliation(remoteSide([payment()]), localSide([attempt()]));

    expect(items).toEqual([]);
    expect(totals).toEqual({
      stripe: { count: 1, amount: 11_500 },
      local: { count: 1, amount: 11_500 },
      matched: { count: 1, amount: 11_500 },
      byKind: noKinds,
    });
  });

  it("should list a payment Stripe took with no local attempt as missing_local, naming the invoice its metadata points at", () => {
    const { items, totals } = compareReconciliation(remoteSide([payment()]), localSide([], { knownInvoices: [7] }));

    expect(items).toEqual([{
      kind: "missing_local", invoiceId: 7, paymentAttemptId: null, remoteId: PI, remoteAmount: 11_500, localAmount: null, currency: "SAR",
      details: {
        paymentIntentId: PI, reason: "no_local_attempt", attemptStatus: null, invoiceStatus: null,
        metadataInvoiceId: 7, refundedTotal: 0, invoicePaidManually: false,
      },
    }]);
    expect(totals.byKind.missing_local).toEqual({ count: 1, amount: 11_500 });
    expect(totals.matched).toEqual(none);
  });

  it("should leave the invoice out of a missing_local item when the invoice its metadata names does not exist here", () => {
    const { items } = compareReconciliation(remoteSide([payment({ invoiceId: 999 })]), localSide([], { knownInvoices: [7] }));

    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: "missing_local", invoiceId: null, details: { metadataInvoiceId: 999 } });
  });

  it("should list a payment Stripe took whose local attempt never succeeded as missing_local with reason attempt_not_paid", () => {
    const { items } = compareReconciliation(remoteSide([payment()]), localSide([attempt({ status: "processing", invoiceStatus: "issued" })]));

    expect(items).toEqual([{
      kind: "missing_local", invoiceId: 7, paymentAttemptId: 21, remoteId: PI, remoteAmount: 11_500, localAmount: 11_500, currency: "SAR",
      details: {
        paymentIntentId: PI, reason: "attempt_not_paid", attemptStatus: "processing", invoiceStatus: "issued",
        metadataInvoiceId: 7, refundedTotal: 0, invoicePaidManually: false,
      },
    }]);
  });

  it("should list a paid attempt Stripe has no payment for as missing_remote", () => {
    const { items, totals } = compareReconciliation(remoteSide(), localSide([attempt()]));

    expect(items).toEqual([{
      kind: "missing_remote", invoiceId: 7, paymentAttemptId: 21, remoteId: PI, localAmount: 11_500, remoteAmount: null, currency: "SAR",
      details: { paymentIntentId: PI, reason: "no_remote_payment", attemptStatus: "succeeded" },
    }]);
    expect(totals.local).toEqual({ count: 1, amount: 11_500 });
    expect(totals.byKind.missing_remote).toEqual({ count: 1, amount: 11_500 });
  });

  it("should list a paid attempt whose intent did not succeed at Stripe as missing_remote, once", () => {
    const { items } = compareReconciliation(remoteSide([payment({ status: "requires_payment_method", received: 0, charge: undefined })]), localSide([attempt()]));

    expect(items).toEqual([{
      kind: "missing_remote", invoiceId: 7, paymentAttemptId: 21, remoteId: PI, localAmount: 11_500, remoteAmount: null, currency: "SAR",
      details: { paymentIntentId: PI, reason: "remote_not_succeeded", remoteStatus: "requires_payment_method", attemptStatus: "succeeded" },
    }]);
  });

  it("should list an invoice paid here with no Stripe payment attempt at all as missing_remote", () => {
    const invoice: LocalInvoice = { id: 8, amountPaid: 4_600, currency: "sar", status: "paid" };
    const { items } = compareReconciliation(remoteSide(), localSide([], { paidWithoutAttempt: [invoice] }));

    expect(items).toEqual([{
      kind: "missing_remote", invoiceId: 8, paymentAttemptId: null, remoteId: null, localAmount: 4_600, remoteAmount: null, currency: "SAR",
      details: { reason: "no_payment_attempt", invoiceStatus: "paid" },
    }]);
  });

  it("should not list an attempt on a manually paid invoice as missing_remote", () => {
    const { items, totals } = compareReconciliation(remoteSide(), localSide([attempt({ paidManually: true })]));

    expect(items).toEqual([]);
    expect(totals.local).toEqual({ count: 1, amount: 11_500 });
  });

  it("should list a payment whose amount differs as amount_mismatch with the difference", () => {
    const { items, totals } = compareReconciliation(remoteSide([payment({ received: 12_000 })]), localSide([attempt()]));

    expect(items).toEqual([{
      kind: "amount_mismatch", invoiceId: 7, paymentAttemptId: 21, remoteId: PI, localAmount: 11_500, remoteAmount: 12_000, currency: "SAR",
      details: { paymentIntentId: PI, difference: 500 },
    }]);
    expect(totals.matched).toEqual(none);
    expect(totals.byKind.amount_mismatch).toEqual({ count: 1, amount: 12_000 });
  });

  it("should list a payment whose currency differs as currency_mismatch, whatever the amounts", () => {
    const { items, totals } = compareReconciliation(remoteSide([payment({ currency: "usd" })]), localSide([attempt()]));

    expect(items).toEqual([{
      kind: "currency_mismatch", invoiceId: 7, paymentAttemptId: 21, remoteId: PI, localAmount: 11_500, remoteAmount: 11_500, currency: "USD",
      details: { paymentIntentId: PI, localCurrency: "SAR", remoteCurrency: "USD" },
    }]);
    expect(totals.matched).toEqual(none);
  });

  it("should list money Stripe refunded beyond what is recorded here as refund_not_recorded, at stake the unrecorded part", () => {
    const remote = remoteSide([payment({ charge: { id: "ch_0001", refunded: 5_000, disputed: false } })]);
    const { items, totals } = compareReconciliation(remote, localSide([attempt({ status: "partially_refunded", refundedAmount: 2_000 })]));

    expect(items).toEqual([{
      kind: "refund_not_recorded", invoiceId: 7, paymentAttemptId: 21, remoteId: PI, localAmount: 2_000, remoteAmount: 5_000, currency: "SAR",
      details: { paymentIntentId: PI, chargeId: "ch_0001", attemptStatus: "partially_refunded" },
    }]);
    expect(totals.matched).toEqual({ count: 1, amount: 11_500 });
    expect(totals.byKind.refund_not_recorded).toEqual({ count: 1, amount: 3_000 });
  });

  it("should not list a refund that is still pending here as refund_not_recorded", () => {
    const remote = remoteSide([payment({ charge: { id: "ch_0001", refunded: 5_000, disputed: false } })]);
    const { items } = compareReconciliation(remote, localSide([attempt({ refundPending: 5_000 })]));

    expect(items).toEqual([]);
  });

  it("should list a dispute of the period as disputed, one item per intent however many disputes and flags name it", () => {
    const dispute: RemoteDispute = { id: "dp_0001", paymentIntentId: PI, chargeId: "ch_0001", amount: 11_500, currency: "sar", reason: "fraudulent", status: "needs_response" };
    const again: RemoteDispute = { ...dispute, id: "dp_0002", reason: "duplicate" };
    const remote = remoteSide([payment({ charge: { id: "ch_0001", refunded: 0, disputed: true } })], [dispute, again]);
    const { items, totals } = compareReconciliation(remote, localSide([attempt()]));

    expect(items).toEqual([{
      kind: "disputed", invoiceId: 7, paymentAttemptId: 21, remoteId: "dp_0001", localAmount: 11_500, remoteAmount: 11_500, currency: "SAR",
      details: { paymentIntentId: PI, disputeId: "dp_0001", chargeId: "ch_0001", reason: "fraudulent", disputeStatus: "needs_response" },
    }]);
    expect(totals.byKind.disputed).toEqual({ count: 1, amount: 11_500 });
  });

  it("should list a charge Stripe flags as disputed as disputed when no dispute of the period names it", () => {
    const remote = remoteSide([payment({ charge: { id: "ch_0001", refunded: 0, disputed: true } })]);
    const { items } = compareReconciliation(remote, localSide([attempt()]));

    expect(items).toEqual([{
      kind: "disputed", invoiceId: 7, paymentAttemptId: 21, remoteId: PI, localAmount: 11_500, remoteAmount: 11_500, currency: "SAR",
      details: { paymentIntentId: PI, chargeId: "ch_0001", reason: "charge flagged as disputed" },
    }]);
  });

  it("should leave a succeeded intent from outside the period out of Stripe's total", () => {
    const { items, totals } = compareReconciliation(remoteSide([payment({ inPeriod: false })]), localSide([attempt()]));

    expect(items).toEqual([]);
    expect(totals.stripe).toEqual(none);
    expect(totals.matched).toEqual({ count: 1, amount: 11_500 });
  });

  it("should order items by kind, then Stripe id", () => {
    const remote = remoteSide([
      payment({ id: "pi_b", received: 900 }),
      payment({ id: "pi_a", received: 900 }),
      payment({ id: "pi_c" }),
    ]);
    const local = localSide([attempt({ id: 1, pid: "pi_b" }), attempt({ id: 2, pid: "pi_a" }), attempt({ id: 3, pid: "pi_z" })]);
    const { items } = compareReconciliation(remote, local);

    expect(items.map((i) => [i.kind, i.remoteId])).toEqual([
      ["missing_local", "pi_c"],
      ["missing_remote", "pi_z"],
      ["amount_mismatch", "pi_a"],
      ["amount_mismatch", "pi_b"],
    ]);
  });
});
