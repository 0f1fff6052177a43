/**
 * Stripe's side of a reconciliation period, read from Stripe's API: the period's payment intents,
 * charges, refunds and disputes (paged lists), plus intents fetched one by one when something in
 * the period points at them. Stripe's objects become facts through stripe-facts.ts.
 */
import { listAll, retrievePaymentIntent, type Stripe } from "../../../platform/payments/index.js";
import { remoteChargeOf, remoteDisputeOf, remotePaymentOf, stripeIdOf, type RemoteCharge, type RemoteDispute, type RemotePayment } from "../stripe-facts.js";
import type { RemoteSide } from "./compare.js";

const LOOKUP_CONCURRENCY = 8;

async function mapLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Retrieves intents (with their latest charge) one by one into `into`; 404s are simply absent from the result. */
export async function lookUpPayments(stripe: Stripe, ids: string[], into: Map<string, RemotePayment>): Promise<void> {
  await mapLimit(ids, LOOKUP_CONCURRENCY, async (id) => {
    if (into.has(id)) return;
    try {
      into.set(id, remotePaymentOf(await retrievePaymentIntent(stripe, id, { expandLatestCharge: true }), false));
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return;
      throw err;
    }
  });
}

/** Streams the period's intents, charges, refunds and disputes (the four lists in parallel). */
export async function collectStripeSide(stripe: Stripe, from: Date, to: Date): Promise<RemoteSide> {
  const created = { gte: Math.ceil(from.getTime() / 1000), lt: Math.ceil(to.getTime() / 1000) };
  const payments = new Map<string, RemotePayment>();
  const chargesByPi = new Map<string, RemoteCharge>();
  const refundedPis = new Set<string>();
  const disputes: RemoteDispute[] = [];

  await Promise.all([
    (async () => {
      for await (const pi of listAll(stripe, "payment_intents", { created })) payments.set(pi.id, remotePaymentOf(pi, true));
    })(),
    (async () => {
      for await (const c of listAll(stripe, "charges", { created })) {
        const pi = stripeIdOf(c.payment_intent);
        // An intent has at most one succeeded charge; failed attempts before it carry nothing to reconcile.
        if (pi && c.status === "succeeded") chargesByPi.set(pi, remoteChargeOf(c));
      }
    })(),
    (async () => {
      for await (const r of listAll(stripe, "refunds", { created })) {
        const pi = stripeIdOf(r.payment_intent);
        if (pi) refundedPis.add(pi);
      }
    })(),
    (async () => {
      for await (const d of listAll(stripe, "disputes", { created })) {
        const dispute = remoteDisputeOf(d);
        if (dispute) disputes.push(dispute);
      }
    })(),
  ]);

  for (const [piId, charge] of chargesByPi) {
    const p = payments.get(piId);
    if (p) p.charge = charge;
  }
  // Paid in the period although created before it, or refunded in the period: fetch those intents.
  const paidInPeriod = [...chargesByPi.keys()].filter((id) => !payments.has(id));
  await lookUpPayments(stripe, paidInPeriod, payments);
  for (const id of paidInPeriod) {
    const p = payments.get(id);
    if (p) p.inPeriod = true;
  }
  await lookUpPayments(stripe, [...refundedPis].filter((id) => !payments.has(id)), payments);
  return { payments, disputes };
}
