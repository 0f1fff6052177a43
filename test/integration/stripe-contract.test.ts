/**
 * Holds the app's real traffic with the fake Stripe against Stripe's own definitions
 * (test/support/stripe-schemas): every request our code sends must use only parameters Stripe
 * defines for that endpoint, with the right types, and every object, list, error and webhook
 * event the fake answers must have every field Stripe always sends, typed as Stripe types it, and
 * no field Stripe does not have. Otherwise a test could pass against the fake and fail against Stripe.
 *
 * Each flow is one the app runs in production: paying an invoice through the API, a payment
 * link's Checkout, refunds, voiding (cancel and expire, including Stripe refusing them), disputes,
 * and reconciliation listing several pages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Invoice, PaymentAttempt, User } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedPlanAndPromo, startBillingRig, type BillingRig } from "../support/billing.js";
import { createStaff, createUser } from "../support/factories.js";
import { stripeContract, type StripeContract } from "../support/stripe-schemas/contract.js";
import { createPaymentLink, refundInvoice, voidInvoice, cancelOpenPaymentsForVoidedInvoice } from "../../src/domains/billing/index.js";
import { executeReconciliationRun, startReconciliationRun } from "../../src/domains/billing/reconciliation/runs.service.js";
import { riyadhDay, riyadhDayStart } from "../../src/platform/riyadh-time.js";
import { ensureQueues } from "../../src/platform/jobs.js";
import { QUEUES } from "../../jobs/billing-reconciliation.job.js";
import type { Ctx } from "../../src/platform/context.js";

let t: TestDatabase;
let rig: BillingRig;
let contract: StripeContract;
let staff: Ctx;
let client: User;

beforeAll(async () => {
  t = await createTestDatabase();
  await ensureQueues(t.boss, QUEUES);
  rig = await startBillingRig(t, { traffic: true });
  contract = stripeContract();
  const finance = await createStaff(t.db, "finance", "a-long-test-password");
  staff = { actor: { type: "staff", id: finance.id, label: finance.email! } };
  client = await createUser(t.db);
}, 120_000);
afterAll(async () => {
  await rig?.close();
  await t?.close();
});

// What was checked so far, so each flow reports only its own traffic.
let seenTraffic = 0;
const seenEvents = new Set<string>();
const endpointsHit = new Set<string>();

/** Problems in the traffic and events since the last call; also asserts the flow talked to Stripe at all. */
function newProblems(): string[] {
  const traffic = rig.stripe.traffic();
  const fresh = traffic.slice(seenTraffic);
  seenTraffic = traffic.length;
  expect(fresh.length, "the flow sent no request to the fake").toBeGreaterThan(0);
  for (const x of fresh) endpointsHit.add(contract.endpointOf(x.method, x.path) ?? `${x.method} ${x.path}`);
  const problems = contract.checkTraffic(fresh);
  for (const e of rig.stripe.state.events.all()) {
    if (seenEvents.has(e.id)) continue;
    seenEvents.add(e.id);
    problems.push(...contract.checkObject(e, `event ${e.id}`));
  }
  return problems;
}

async function providerToken() {
  const p = await rig.app.login();
  const r = await rig.app.api.call("POST", "/me/become-provider", { token: p.token, body: { display_name: "Contract Shop", city: "Riyadh" } });
  expect(r.status).toBe(201);
  return p.token;
}

/** A pending subscription's invoice, and the PaymentIntent the API hands out for it. */
async function invoiceWithIntent() {
  const { plan, promo } = await seedPlanAndPromo(t.db);
  const token = await providerToken();
  const sub = await rig.app.api.call("POST", "/subscriptions", { token, body: { plan_id: plan.id, cycle: "monthly", promo_code: promo.code } });
  expect(sub.status).toBe(201);
  const pay = await rig.app.api.call("POST", `/invoices/${sub.body.invoice.id}/pay`, { token });
  expect(pay.status).toBe(200);
  return { invoiceId: sub.body.invoice.id as number, pi: pay.body.payment_intent_id as string };
}

async function deliver(event: Parameters<BillingRig["stripe"]["signEvent"]>[0]) {
  expect((await rig.post(rig.stripe.signEvent(event))).status).toBe(200);
  await rig.drain();
}

async function openCheckout(invoiceId: number): Promise<string> {
  const link = await createPaymentLink(rig.deps, staff, invoiceId, 24);
  const open = await fetch(`${rig.app.url}/pay/${link.token}`, { redirect: "manual" });
  expect(open.status).toBe(303);
  return (await t.db.paymentLink.findUniqueOrThrow({ where: { id: link.id } })).stripeCheckoutSessionId!;
}

describe("the app's traffic with the fake Stripe matches Stripe's definitions", () => {
  it("paying an invoice through the API: a declined attempt, then a success, and its webhooks", async () => {
    const { invoiceId, pi } = await invoiceWithIntent();
    await deliver(rig.stripe.fail(pi, "insufficient_funds"));
    await deliver(rig.stripe.succeed(pi));
    expect((await t.db.invoice.findUniqueOrThrow({ where: { id: invoiceId } })).status).toBe("paid");
    expect(newProblems()).toEqual([]);
  });

  it("a payment link's Checkout session, completed", async () => {
    const { invoiceId } = await invoiceWithIntent();
    const session = await openCheckout(invoiceId);
    await deliver(rig.stripe.completeCheckout(session));
    expect((await t.db.invoice.findUniqueOrThrow({ where: { id: invoiceId } })).status).toBe("paid");
    expect(newProblems()).toEqual([]);
  });

  it("refunds through Stripe, part then the rest, one made in the Dashboard, and a dispute", async () => {
    const { invoiceId, pi } = await invoiceWithIntent();
    await deliver(rig.stripe.succeed(pi));
    await refundInvoice(rig.deps, staff, invoiceId, { amount: 1000, reason: "Goodwill gesture" });
    await deliver(rig.stripe.refund(pi, { amount: 500, reason: "requested_by_customer" }));
    await refundInvoice(rig.deps, staff, invoiceId, { reason: "Service cancelled" });
    const other = await invoiceWithIntent();
    await deliver(rig.stripe.succeed(other.pi));
    const opened = rig.stripe.dispute(other.pi);
    await deliver(opened);
    await deliver(rig.stripe.closeDispute(opened.data.object.id, "won"));
    expect(newProblems()).toEqual([]);
  });

  it("voiding: the PaymentIntent is cancelled, the Checkout session expired, and Stripe's refusals on a second pass", async () => {
    const { invoiceId, pi } = await invoiceWithIntent();
    const session = await openCheckout(invoiceId);
    await voidInvoice(rig.deps, staff, invoiceId, "sold by mistake");
    await cancelOpenPaymentsForVoidedInvoice(rig.deps, staff, invoiceId);
    expect(rig.stripe.state.paymentIntents.get(pi)!.status).toBe("canceled");
    expect(rig.stripe.state.checkoutSessions.get(session)!.status).toBe("expired");
    await cancelOpenPaymentsForVoidedInvoice(rig.deps, staff, invoiceId);
    // Paid at Stripe before the void: the cancel is refused and the app reads the intent instead.
    const paid = await invoiceWithIntent();
    rig.stripe.succeed(paid.pi);
    await voidInvoice(rig.deps, staff, paid.invoiceId, "sold by mistake");
    await cancelOpenPaymentsForVoidedInvoice(rig.deps, staff, paid.invoiceId);
    expect(rig.stripe.traffic().some((x) => x.status >= 400), "Stripe refused something").toBe(true);
    expect(newProblems()).toEqual([]);
  });

  it("reconciliation: intents, charges, refunds and disputes listed over several pages, and one intent Stripe does not know", async () => {
    const DAY = 86_400_000;
    const from = riyadhDayStart(riyadhDay(new Date(Date.now() - 3 * DAY)));
    const at = (hours: number) => Math.floor(from.getTime() / 1000) + hours * 3600;
    for (let i = 0; i < 130; i++) rig.stripe.addPaymentIntent({ amount: 1000 + i, currency: "sar", created: at(1 + (i % 20)) });
    const refunded = rig.stripe.addPaymentIntent({ amount: 5000, currency: "sar", created: at(2) });
    rig.stripe.refund(refunded.id, { amount: 1500, created: at(3) });
    rig.stripe.dispute(rig.stripe.addPaymentIntent({ amount: 7000, currency: "sar", created: at(4) }).id, { created: at(5) });
    // Paid here through an intent Stripe has never seen: the run asks for it by id (404).
    const inv: Invoice = await t.db.invoice.create({
      data: { number: `SC-${process.pid}-1`, userId: client.id, purpose: "extra", status: "paid", subtotal: 900, total: 900, amountPaid: 900, currency: "SAR", issuedAt: new Date(from.getTime() + 3_600_000), paidAt: new Date(from.getTime() + 7_200_000) } as never,
    });
    const _attempt: PaymentAttempt = await t.db.paymentAttempt.create({
      data: { invoiceId: inv.id, idempotencyKey: `sc-${process.pid}-1`, amount: 900, currency: "SAR", providerPaymentId: "pi_unknown_to_stripe_contract", status: "succeeded", createdAt: new Date(from.getTime() + 3_600_000) } as never,
    });
    const run = await startReconciliationRun(rig.deps, staff, { from, to: new Date(from.getTime() + DAY) });
    await executeReconciliationRun(rig.deps, run.id);
    expect((await t.db.reconciliationRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("completed");
    const pages = rig.stripe.requestsTo("GET", "/v1/payment_intents").filter((r) => r.path === "/v1/payment_intents" && r.params.starting_after);
    expect(pages.length, "listing went past the first page").toBeGreaterThan(0);
    expect(newProblems()).toEqual([]);
  });

  it("the fake's event endpoints, as the SDK reads them", async () => {
    const listed = await rig.deps.stripe.events.list({ limit: 3 });
    expect(listed.data.length).toBe(3);
    await rig.deps.stripe.events.retrieve(listed.data[0]!.id);
    await rig.deps.stripe.events.list({ limit: 2, starting_after: listed.data[2]!.id, type: "payment_intent.succeeded" });
    expect(newProblems()).toEqual([]);
  });

  it("covered every endpoint the app calls", () => {
    for (const e of [
      "POST /v1/payment_intents",
      "GET /v1/payment_intents/{id}",
      "POST /v1/payment_intents/{id}/cancel",
      "GET /v1/payment_intents",
      "POST /v1/refunds",
      "POST /v1/checkout/sessions",
      "POST /v1/checkout/sessions/{id}/expire",
      "GET /v1/charges",
      "GET /v1/refunds",
      "GET /v1/disputes",
    ]) {
      expect(endpointsHit, e).toContain(e);
    }
  });
});
