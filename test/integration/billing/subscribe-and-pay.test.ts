/**
 * Issue 5 "Done when": a provider subscribes with a promo code through the API, pays against the
 * fake Stripe, the signed webhook marks the invoice paid and activates the subscription; duplicate
 * and out-of-order events change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { seedPlanAndPromo, startBillingRig, type BillingRig } from "../../support/billing.js";
import { logger } from "../../../src/platform/logger.js";
import { BillingEvents, createPaymentLink, voidInvoice } from "../../../src/domains/billing/index.js";
import { DELIVERY_QUEUE, deliveryHandler, subscribe } from "../../../jobs/domain-events.job.js";
import { closePaymentsOnVoid } from "../../../jobs/billing.job.js";

let t: TestDatabase;
let rig: BillingRig;
beforeAll(async () => {
  t = await createTestDatabase();
  rig = await startBillingRig(t);
});
afterAll(async () => {
  await rig?.close();
  await t?.close();
});

async function providerToken() {
  const p = await rig.app.login();
  const r = await rig.app.api.call("POST", "/me/become-provider", { token: p.token, body: { display_name: "Cool Fix", city: "Riyadh" } });
  expect(r.status).toBe(201);
  return p;
}

async function subscribeAndPay() {
  const { plan, promo } = await seedPlanAndPromo(t.db);
  const { token } = await providerToken();
  const sub = await rig.app.api.call("POST", "/subscriptions", { token, body: { plan_id: plan.id, cycle: "monthly", promo_code: promo.code.toLowerCase() } });
  expect(sub.status).toBe(201);
  const pay = await rig.app.api.call("POST", `/invoices/${sub.body.invoice.id}/pay`, { token });
  expect(pay.status).toBe(200);
  return { token, sub: sub.body, pay: pay.body, plan, promo };
}

const invoice = (id: number) => t.db.invoice.findUniqueOrThrow({ where: { id } });
const subscription = (id: number) => t.db.subscription.findUniqueOrThrow({ where: { id } });

describe("subscribe with a promo code, pay, webhook", () => {
  it("should price the invoice with the promo discount and VAT on the discounted amount", async () => {
    const { sub, pay } = await subscribeAndPay();
    // 99.00 SAR − 20% (19.80) = 79.20; VAT 15% = 11.88; total 91.08
    expect(sub).toMatchObject({ status: "pending_payment", cycle: "monthly", invoice: { status: "issued", subtotal: 9900, discount: 1980, vat: 1188, total: 9108, currency: "SAR" } });
    expect(sub.invoice.number).toMatch(/^NWF-\d{4}-\d{6}$/);
    expect(sub.invoice.subscription_id).toBe(sub.id);
    expect(pay).toMatchObject({ amount: 9108, currency: "SAR", client_secret: expect.stringContaining("secret") });
    expect(rig.stripe.state.paymentIntents.get(pay.payment_intent_id)!.metadata).toMatchObject({ invoice_id: String(sub.invoice.id) });
  });

  it("should mark the invoice paid and activate the subscription from the signed webhook", async () => {
    const { sub, pay, token } = await subscribeAndPay();
    const event = rig.stripe.succeed(pay.payment_intent_id);
    const res = await rig.post(rig.stripe.signEvent(event));
    expect(res).toEqual({ status: 200, body: { received: true, duplicate: false } });
    expect((await invoice(sub.invoice.id)).status).toBe("issued"); // processing is the job's work
    expect(await rig.drain()).toBe(1);
    expect(await invoice(sub.invoice.id)).toMatchObject({ status: "paid", amountPaid: 9108 });
    const s = await subscription(sub.id);
    expect(s.status).toBe("active");
    const days = (s.currentPeriodEnd!.getTime() - s.currentPeriodStart!.getTime()) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(28);
    expect(days).toBeLessThanOrEqual(31);
    const row = await t.db.webhookEvent.findUniqueOrThrow({ where: { eventId: event.id } });
    expect(row).toMatchObject({ status: "processed", attempts: 1, error: null });
    const mine = await rig.app.api.call("GET", "/subscriptions", { token });
    expect(mine.body.items[0]).toMatchObject({ id: sub.id, status: "active", invoice: { status: "paid" } });
  });

  it("should store a duplicate event once and not process it again", async () => {
    const { sub, pay } = await subscribeAndPay();
    const signed = rig.stripe.signEvent(rig.stripe.succeed(pay.payment_intent_id));
    expect((await rig.post(signed)).body.duplicate).toBe(false);
    expect((await rig.post(signed)).body).toEqual({ received: true, duplicate: true });
    expect(await rig.drain()).toBe(1);
    expect((await rig.post(signed)).body.duplicate).toBe(true);
    expect(await rig.drain()).toBe(0);
    const paidAudits = await t.db.auditLog.count({ where: { entity: "Invoice", entityId: String(sub.invoice.id), action: "invoice.paid_stripe" } });
    expect(paidAudits).toBe(1);
  });

  it("should not unpay an invoice when a failure arrives after the success", async () => {
    const { sub, pay } = await subscribeAndPay();
    const failed = rig.stripe.fail(pay.payment_intent_id, "card_declined");
    const succeeded = rig.stripe.succeed(pay.payment_intent_id);
    await rig.post(rig.stripe.signEvent(succeeded));
    await rig.drain();
    await rig.post(rig.stripe.signEvent(failed)); // delivered late
    await rig.drain();
    expect((await invoice(sub.invoice.id)).status).toBe("paid");
    expect((await subscription(sub.id)).status).toBe("active");
    const attempt = await t.db.paymentAttempt.findFirstOrThrow({ where: { providerPaymentId: pay.payment_intent_id } });
    expect(attempt.status).toBe("succeeded");
    expect((await t.db.webhookEvent.findUniqueOrThrow({ where: { eventId: failed.id } })).status).toBe("processed");
  });

  it("should apply a refund that arrives before its success once the success arrives", async () => {
    const { sub, pay } = await subscribeAndPay();
    const succeeded = rig.stripe.succeed(pay.payment_intent_id);
    const refunded = rig.stripe.refund(pay.payment_intent_id, { amount: 3000 });
    await rig.post(rig.stripe.signEvent(refunded));
    await rig.drain();
    expect((await invoice(sub.invoice.id)).status).toBe("issued");
    await rig.post(rig.stripe.signEvent(succeeded));
    await rig.drain();
    expect(await invoice(sub.invoice.id)).toMatchObject({ status: "partially_refunded", amountPaid: 9108, amountRefunded: 3000 });
    // the same refund again (Stripe retries) changes nothing
    await rig.post(rig.stripe.signEvent(refunded));
    await rig.drain();
    expect((await invoice(sub.invoice.id)).amountRefunded).toBe(3000);
  });

  it("should refuse a bad or missing signature with 400 and store nothing", async () => {
    const { pay } = await subscribeAndPay();
    const event = rig.stripe.succeed(pay.payment_intent_id);
    const wrong = rig.stripe.signEvent(event, { secret: "whsec_not_ours" });
    const r1 = await rig.post(wrong);
    expect(r1.status).toBe(400);
    expect(r1.body.code).toBe("WEBHOOK_SIGNATURE_INVALID");
    const good = rig.stripe.signEvent(event);
    const tampered = await rig.post({ payload: good.payload.replace('"succeeded"', '"canceled"'), header: good.header });
    expect(tampered.status).toBe(400);
    const none = await fetch(rig.app.url + "/webhooks/stripe", { method: "POST", headers: { "content-type": "application/json" }, body: good.payload });
    expect(none.status).toBe(400);
    expect(await t.db.webhookEvent.count({ where: { eventId: event.id } })).toBe(0);
  });

  it("should return the same PaymentIntent to parallel and repeated pay calls, and 404 to a stranger", async () => {
    const { plan } = await seedPlanAndPromo(t.db);
    const { token } = await providerToken();
    const sub = await rig.app.api.call("POST", "/subscriptions", { token, body: { plan_id: plan.id, cycle: "yearly" } });
    expect(sub.body.invoice.total).toBe(114885); // 999.00 + 15% = 1,148.85
    const id = sub.body.invoice.id;
    const [a, b] = await Promise.all([rig.app.api.call("POST", `/invoices/${id}/pay`, { token }), rig.app.api.call("POST", `/invoices/${id}/pay`, { token })]);
    const c = await rig.app.api.call("POST", `/invoices/${id}/pay`, { token });
    expect(new Set([a.body.payment_intent_id, b.body.payment_intent_id, c.body.payment_intent_id]).size).toBe(1);
    expect(await t.db.paymentAttempt.count({ where: { invoiceId: id } })).toBe(1);
    const stranger = await rig.app.login();
    for (const [m, p] of [["GET", `/invoices/${id}`], ["POST", `/invoices/${id}/pay`]] as const) {
      expect((await rig.app.api.call(m, p, { token: stranger.token })).status).toBe(404);
    }
    expect((await rig.app.api.call("GET", "/invoices", { token: stranger.token })).body.items).toEqual([]);
  });

  it("should refuse a second live subscription and a promo code twice for one user", async () => {
    const { plan, promo } = await seedPlanAndPromo(t.db);
    const { token } = await providerToken();
    expect((await rig.app.api.call("POST", "/subscriptions", { token, body: { plan_id: plan.id, cycle: "monthly", promo_code: promo.code } })).status).toBe(201);
    const again = await rig.app.api.call("POST", "/subscriptions", { token, body: { plan_id: plan.id, cycle: "monthly" }, lang: "en" });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("SUBSCRIPTION_EXISTS");
    const cancelled = await rig.app.api.call("GET", "/subscriptions", { token });
    const c = await rig.app.api.call("POST", `/subscriptions/${cancelled.body.items[0].id}/cancel`, { token });
    expect(c.body).toMatchObject({ status: "cancelled", invoice: { status: "void" } });
    // voiding gave the promo use back, so the user may use it once more
    const reuse = await rig.app.api.call("POST", "/subscriptions", { token, body: { plan_id: plan.id, cycle: "monthly", promo_code: promo.code } });
    expect(reuse.status).toBe(201);
    await rig.app.api.call("POST", `/subscriptions/${reuse.body.id}/cancel`, { token });
    const third = await rig.app.api.call("POST", "/subscriptions", { token, body: { plan_id: plan.id, cycle: "monthly", promo_code: "NOPE" }, lang: "ar" });
    expect(third.status).toBe(422);
    expect(third.body).toMatchObject({ code: "PROMO_NOT_FOUND", detail: "رمز الخصم هذا غير موجود." });
  });
});

describe("voiding an invoice someone is paying", () => {
  const staff = { actor: { type: "staff" as const, id: 1 } };
  /** What the worker does with the invoice's "voided" event: deliver it to closePaymentsOnVoid. */
  async function dispatchVoided(invoiceId: number) {
    subscribe(closePaymentsOnVoid);
    const events = await t.db.eventLog.findMany({ where: { name: BillingEvents.INVOICE_VOIDED, entityId: String(invoiceId) } });
    expect(events).toHaveLength(1);
    const deliver = deliveryHandler(rig.deps, logger("silent"));
    for (const e of events) {
      await deliver({ id: String(e.id), name: DELIVERY_QUEUE.name, expireInSeconds: 300, data: { eventId: e.id, name: e.name, subscriber: closePaymentsOnVoid.name } });
    }
  }

  it("should cancel the PaymentIntent handed out before the void, so the old client secret cannot take money", async () => {
    const { sub, pay } = await subscribeAndPay();
    await voidInvoice(rig.deps, staff, sub.invoice.id, "sold by mistake");
    await dispatchVoided(sub.invoice.id);
    expect(rig.stripe.state.paymentIntents.get(pay.payment_intent_id)!.status).toBe("canceled");
    const attempt = await t.db.paymentAttempt.findUniqueOrThrow({ where: { providerPaymentId: pay.payment_intent_id } });
    expect(attempt.status).toBe("cancelled");
    expect(await t.db.auditLog.count({ where: { action: "payment.cancelled", entityId: String(attempt.id) } })).toBe(1);
    // Delivered again: nothing more happens.
    await dispatchVoided(sub.invoice.id);
    expect(await t.db.auditLog.count({ where: { action: "payment.cancelled", entityId: String(attempt.id) } })).toBe(1);
    expect(() => rig.stripe.succeed(pay.payment_intent_id)).toThrow(/canceled/);
  });

  it("should expire the Checkout session a payment link opened, and take an already expired one in its stride", async () => {
    const { sub } = await subscribeAndPay();
    const link = await createPaymentLink(rig.deps, staff, sub.invoice.id, 24);
    const open = await fetch(`${rig.app.url}/pay/${link.token}`, { redirect: "manual" });
    expect(open.status).toBe(303);
    const sessionId = (await t.db.paymentLink.findUniqueOrThrow({ where: { id: link.id } })).stripeCheckoutSessionId!;
    expect(rig.stripe.state.checkoutSessions.get(sessionId)!.status).toBe("open");
    await voidInvoice(rig.deps, staff, sub.invoice.id, "sold by mistake");
    await dispatchVoided(sub.invoice.id);
    expect(rig.stripe.state.checkoutSessions.get(sessionId)!.status).toBe("expired");
    await dispatchVoided(sub.invoice.id); // already expired at Stripe: nothing fails
    expect(rig.stripe.state.checkoutSessions.get(sessionId)!.status).toBe("expired");
  });

  it("should leave a payment that already succeeded at Stripe to its webhook, which flags it for a refund and keeps the invoice void", async () => {
    const { sub, pay } = await subscribeAndPay();
    const succeeded = rig.stripe.succeed(pay.payment_intent_id); // paid, webhook not delivered yet
    await voidInvoice(rig.deps, staff, sub.invoice.id, "sold by mistake");
    await dispatchVoided(sub.invoice.id);
    expect(rig.stripe.state.paymentIntents.get(pay.payment_intent_id)!.status).toBe("succeeded");
    expect((await t.db.paymentAttempt.findUniqueOrThrow({ where: { providerPaymentId: pay.payment_intent_id } })).status).toBe("requires_payment");

    expect((await rig.post(rig.stripe.signEvent(succeeded))).status).toBe(200);
    await rig.drain();
    expect(await invoice(sub.invoice.id)).toMatchObject({ status: "void", amountPaid: 0 });
    expect((await subscription(sub.id)).status).toBe("cancelled");
    expect((await t.db.paymentAttempt.findUniqueOrThrow({ where: { providerPaymentId: pay.payment_intent_id } })).status).toBe("succeeded");
    const flagged = await t.db.eventLog.findMany({ where: { name: BillingEvents.PAYMENT_ON_CLOSED_INVOICE, entityId: String(sub.invoice.id) } });
    expect(flagged).toHaveLength(1);
    expect(flagged[0]!.payload).toMatchObject({ invoiceId: sub.invoice.id, amount: 9108, currency: "SAR", paymentIntentId: pay.payment_intent_id });
  });
});
