/**
 * Money correctness against Stripe's real behaviour (the fake keeps Stripe's clock, key expiry,
 * session and refund states): payment links opened again, money arriving twice or too much,
 * voiding with closed sessions, attempts older than Stripe's idempotency window, and refunds that
 * stay pending or fail.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { User } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { seedPlanAndPromo, startBillingRig, type BillingRig } from "../../support/billing.js";
import { logger } from "../../../src/platform/logger.js";
import { BillingEvents, createPaymentLink, processWebhookEvent, refundInvoice, voidInvoice } from "../../../src/domains/billing/index.js";
import { purchaseExtra } from "../../../src/domains/extras/extras.service.js";
import { DELIVERY_QUEUE, deliveryHandler, subscribe, type EventSubscriber } from "../../../jobs/domain-events.job.js";
import { closePaymentsOnPaid, closePaymentsOnVoid } from "../../../jobs/billing.job.js";
import { createStaff, createUser } from "../../support/factories.js";
import { signIn } from "../../support/admin-client.js";

let t: TestDatabase;
let rig: BillingRig;
let finance: User;
const PASSWORD = "money-correctness-password";
const HOUR = 3_600_000;
const staff = { actor: { type: "staff" as const, id: 1 } };

beforeAll(async () => {
  t = await createTestDatabase();
  finance = await createStaff(t.db, "finance", PASSWORD);
  staff.actor.id = finance.id;
  rig = await startBillingRig(t);
});
afterAll(async () => {
  await rig?.close();
  await t?.close();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A provider with an issued subscription invoice (99.00 SAR + VAT = 113.85). */
async function pendingInvoice() {
  const { plan } = await seedPlanAndPromo(t.db);
  const p = await rig.app.login();
  await rig.app.api.call("POST", "/me/become-provider", { token: p.token, body: { display_name: "Shop", city: "Riyadh" } });
  const sub = await rig.app.api.call("POST", "/subscriptions", { token: p.token, body: { plan_id: plan.id, cycle: "monthly" } });
  expect(sub.status).toBe(201);
  return { token: p.token as string, invoiceId: sub.body.invoice.id as number, total: sub.body.invoice.total as number };
}

const pay = (token: string, invoiceId: number) => rig.app.api.call("POST", `/invoices/${invoiceId}/pay`, { token });
const openLink = (token: string) => fetch(`${rig.app.url}/pay/${token}`, { redirect: "manual" });
const storedSession = async (linkId: number) => (await t.db.paymentLink.findUniqueOrThrow({ where: { id: linkId } })).stripeCheckoutSessionId!;
const sessionsOf = (invoiceId: number) => rig.stripe.state.checkoutSessions.all().filter((s) => s.metadata.invoice_id === String(invoiceId));
const intentsOf = (invoiceId: number) => rig.stripe.state.paymentIntents.all().filter((p) => p.metadata.invoice_id === String(invoiceId));

/** What the worker does with an invoice's event: deliver each stored one to the subscriber. */
async function dispatch(name: string, subscriber: EventSubscriber, invoiceId: number) {
  subscribe(subscriber);
  const events = await t.db.eventLog.findMany({ where: { name, entityId: String(invoiceId) } });
  expect(events.length).toBeGreaterThan(0);
  const deliver = deliveryHandler(rig.deps, logger("silent"));
  for (const e of events) {
    await deliver({ id: String(e.id), name: DELIVERY_QUEUE.name, expireInSeconds: 300, data: { eventId: e.id, name: e.name, subscriber: subscriber.name } });
  }
}

describe("payment links", () => {
  it("should open the same Checkout session when a link is opened again, and a fresh one once Stripe expired it", async () => {
    const { invoiceId } = await pendingInvoice();
    const link = await createPaymentLink(rig.deps, staff, invoiceId, 72);
    // Only Date is faked: the second opening happens two minutes later, as a customer's would.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date() });
    const first = await openLink(link.token);
    vi.setSystemTime(Date.now() + 2 * 60_000);
    const second = await openLink(link.token);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(second.headers.get("location")).toBe(first.headers.get("location"));
    expect(sessionsOf(invoiceId)).toHaveLength(1);

    const expired = await storedSession(link.id);
    rig.stripe.expireCheckout(expired);
    const third = await openLink(link.token);
    expect(third.status).toBe(303);
    expect(third.headers.get("location")).not.toBe(first.headers.get("location"));
    const fresh = await storedSession(link.id);
    expect(fresh).not.toBe(expired);
    expect(rig.stripe.state.checkoutSessions.get(fresh)).toMatchObject({ status: "open", amount_total: 11_385 });
    expect(sessionsOf(invoiceId).map((s) => s.status).sort()).toEqual(["expired", "open"]);
  });
});

describe("voiding with sessions that are already closed", () => {
  it("should void an invoice whose link session already completed or expired, and still expire its other open session", async () => {
    const { invoiceId } = await pendingInvoice();
    const sessionOfNewLink = async () => {
      const link = await createPaymentLink(rig.deps, staff, invoiceId, 24);
      expect((await openLink(link.token)).status).toBe(303);
      return storedSession(link.id);
    };
    const completed = await sessionOfNewLink();
    const expired = await sessionOfNewLink();
    const open = await sessionOfNewLink();
    rig.stripe.completeCheckout(completed); // paid at Stripe; its webhook has not arrived yet
    rig.stripe.expireCheckout(expired);
    await voidInvoice(rig.deps, staff, invoiceId, "sold by mistake");
    await dispatch(BillingEvents.INVOICE_VOIDED, closePaymentsOnVoid, invoiceId);
    expect(rig.stripe.state.checkoutSessions.get(open)!.status).toBe("expired");
    expect(rig.stripe.state.checkoutSessions.get(completed)!.status).toBe("complete");
    // Nothing is sent to Stripe for a session that is not open any more.
    const expires = rig.stripe.requestsTo("POST", "/v1/checkout/sessions/").filter((r) => r.path.endsWith("/expire"));
    expect(expires.map((r) => [r.path.split("/")[4], r.status])).toEqual([[open, 200]]);
  });
});

describe("paying again after Stripe forgot the idempotency key", () => {
  it("should answer a 25-hour-old open attempt with its own PaymentIntent, retrieved by id, and voiding leaves nothing payable", async () => {
    const { token, invoiceId } = await pendingInvoice();
    const first = await pay(token, invoiceId);
    expect(first.status).toBe(200);
    rig.stripe.advance(25 * HOUR);
    try {
      await t.db.paymentAttempt.updateMany({ where: { invoiceId }, data: { createdAt: new Date(Date.now() - 25 * HOUR) } });
      const again = await pay(token, invoiceId);
      expect(again.status).toBe(200);
      expect(again.body.payment_intent_id).toBe(first.body.payment_intent_id);
      expect(intentsOf(invoiceId)).toHaveLength(1);
      await voidInvoice(rig.deps, staff, invoiceId, "customer gave up");
      await dispatch(BillingEvents.INVOICE_VOIDED, closePaymentsOnVoid, invoiceId);
      expect(intentsOf(invoiceId).map((p) => p.status)).toEqual(["canceled"]);
    } finally {
      rig.stripe.advance(-25 * HOUR);
    }
  });

  it("should give a 25-hour-old attempt whose PaymentIntent can no longer be paid a fresh PaymentIntent under a new key, which voiding cancels", async () => {
    const { token, invoiceId } = await pendingInvoice();
    const first = await pay(token, invoiceId);
    await rig.deps.stripe.paymentIntents.cancel(first.body.payment_intent_id); // e.g. cancelled in the Dashboard
    rig.stripe.advance(25 * HOUR);
    try {
      await t.db.paymentAttempt.updateMany({ where: { invoiceId }, data: { createdAt: new Date(Date.now() - 25 * HOUR) } });
      const again = await pay(token, invoiceId);
      expect(again.status).toBe(200);
      expect(again.body.payment_intent_id).not.toBe(first.body.payment_intent_id);
      expect(rig.stripe.state.paymentIntents.get(again.body.payment_intent_id)!.status).toBe("requires_payment_method");
      const attempts = await t.db.paymentAttempt.findMany({ where: { invoiceId }, orderBy: { id: "asc" } });
      expect(attempts.map((a) => [a.providerPaymentId, a.status])).toEqual([
        [first.body.payment_intent_id, "cancelled"],
        [again.body.payment_intent_id, "requires_payment"],
      ]);
      expect(attempts[1]!.idempotencyKey).not.toBe(attempts[0]!.idempotencyKey);
      await voidInvoice(rig.deps, staff, invoiceId, "customer gave up");
      await dispatch(BillingEvents.INVOICE_VOIDED, closePaymentsOnVoid, invoiceId);
      expect(intentsOf(invoiceId).map((p) => p.status)).toEqual(["canceled", "canceled"]);
    } finally {
      rig.stripe.advance(-25 * HOUR);
    }
  });

  it("should refuse a second PaymentIntent while the first one has already taken the money", async () => {
    const { token, invoiceId } = await pendingInvoice();
    const first = await pay(token, invoiceId);
    rig.stripe.succeed(first.body.payment_intent_id); // its webhook is still on the way
    const again = await pay(token, invoiceId);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("PAYMENT_IN_PROGRESS");
    expect(intentsOf(invoiceId)).toHaveLength(1);
  });
});

/** An invoice paid through POST /pay and its webhook. */
async function paidInvoice() {
  const p = await pendingInvoice();
  const pay1 = await pay(p.token, p.invoiceId);
  await rig.post(rig.stripe.signEvent(rig.stripe.succeed(pay1.body.payment_intent_id)));
  await rig.drain();
  return { ...p, pi: pay1.body.payment_intent_id as string };
}

const invoiceRow = (id: number) => t.db.invoice.findUniqueOrThrow({ where: { id } });
const eventsNamed = (name: string, invoiceId: number) => t.db.eventLog.findMany({ where: { name, entityId: String(invoiceId) } });
/** Every event the fake stored about one Stripe object, signed and posted as Stripe would. */
async function deliverEventsOf(objectId: string, types: string[]) {
  const events = rig.stripe.state.events.all().filter((e) => types.includes(e.type) && (e.data.object as { id: string }).id === objectId);
  expect(events.length).toBeGreaterThan(0);
  for (const e of events) expect((await rig.post(rig.stripe.signEvent(e))).status).toBe(200);
  await rig.drain();
}
const itemAction = (id: number, name: string) => `/admin/api/resources/ReconciliationItem/records/${id}/${name}`;
const invoiceAction = (id: number, name: string) => `/admin/api/resources/Invoice/records/${id}/${name}`;

describe("money the invoice did not owe", () => {
  it("should record a second payment of a paid invoice as a duplicate to refund, and refund it from its item in the panel", async () => {
    const { token, invoiceId, total } = await pendingInvoice();
    const pay1 = await pay(token, invoiceId);
    const link = await createPaymentLink(rig.deps, staff, invoiceId, 24);
    expect((await openLink(link.token)).status).toBe(303);
    const succeeded = rig.stripe.succeed(pay1.body.payment_intent_id);
    const completed = rig.stripe.completeCheckout(await storedSession(link.id));
    const checkoutPi = completed.data.object.payment_intent!;
    // A's webhook first, then the checkout's: the second money to arrive is the duplicate.
    await rig.post(rig.stripe.signEvent(succeeded));
    await rig.drain();
    await rig.post(rig.stripe.signEvent(completed));
    await rig.drain();

    expect(await invoiceRow(invoiceId)).toMatchObject({ status: "paid", amountPaid: total, amountRefunded: 0 });
    const second = await t.db.paymentAttempt.findUniqueOrThrow({ where: { providerPaymentId: checkoutPi } });
    expect(second).toMatchObject({ status: "succeeded", amount: total, excessAmount: total });
    const items = await t.db.reconciliationItem.findMany({ where: { invoiceId } });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: "duplicate_payment", status: "open", runId: null, paymentAttemptId: second.id, remoteId: checkoutPi, localAmount: total, remoteAmount: total, currency: "SAR",
      details: { paymentIntentId: checkoutPi, excess: total, invoiceStatus: "paid" },
    });
    const raised = await eventsNamed(BillingEvents.PAYMENT_DUPLICATE, invoiceId);
    expect(raised.map((e) => e.payload)).toEqual([expect.objectContaining({ attemptId: second.id, itemId: items[0]!.id, amount: total, excess: total, paymentIntentId: checkoutPi })]);
    // Replayed by staff: the same fact raises nothing more.
    const row = await t.db.webhookEvent.findUniqueOrThrow({ where: { eventId: completed.id } });
    await processWebhookEvent(rig.deps, row.id, { replay: true });
    expect(await t.db.reconciliationItem.count({ where: { invoiceId } })).toBe(1);
    expect(await eventsNamed(BillingEvents.PAYMENT_DUPLICATE, invoiceId)).toHaveLength(1);

    const agent = await signIn(rig.app.url, finance.email!, PASSWORD);
    expect((await agent.post(itemAction(items[0]!.id, "refundExtra")).send({ reason: "" })).body.notice.type).toBe("error");
    const res = await agent.post(itemAction(items[0]!.id, "refundExtra")).send({ reason: "Paid twice: card and payment link" });
    expect(res.body.notice).toMatchObject({ type: "success", message: "reconciliationItemRefunded" });
    expect(rig.stripe.state.refunds.all().filter((r) => r.payment_intent === checkoutPi).map((r) => [r.amount, r.status])).toEqual([[total, "succeeded"]]);
    expect(await t.db.reconciliationItem.findUniqueOrThrow({ where: { id: items[0]!.id } })).toMatchObject({ status: "resolved", resolvedById: finance.id });
    expect(await invoiceRow(invoiceId)).toMatchObject({ status: "paid", amountPaid: total, amountRefunded: 0 });
    expect(await t.db.paymentAttempt.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ status: "refunded", refundedAmount: total });
    expect(await t.db.refund.findMany({ where: { paymentAttemptId: second.id } })).toEqual([expect.objectContaining({ status: "succeeded", purpose: "excess", reconciliationItemId: items[0]!.id, amount: total })]);
    // Resolved: the action is no longer offered, and nothing more is refunded.
    expect(JSON.stringify((await agent.post(itemAction(items[0]!.id, "refundExtra")).send({ reason: "again" })).body)).toMatch(/ForbiddenError|forbiddenError/);
    expect(rig.stripe.state.refunds.all().filter((r) => r.payment_intent === checkoutPi)).toHaveLength(1);
  });

  it("should close the paid invoice's other open Checkout session, so it is not paid twice", async () => {
    const { token, invoiceId } = await pendingInvoice();
    const pay1 = await pay(token, invoiceId);
    const link = await createPaymentLink(rig.deps, staff, invoiceId, 24);
    expect((await openLink(link.token)).status).toBe(303);
    const session = await storedSession(link.id);
    await rig.post(rig.stripe.signEvent(rig.stripe.succeed(pay1.body.payment_intent_id)));
    await rig.drain();
    await dispatch(BillingEvents.INVOICE_PAID, closePaymentsOnPaid, invoiceId);
    expect(rig.stripe.state.checkoutSessions.get(session)!.status).toBe("expired");
    expect((await openLink(link.token)).status).toBe(409);
  });

  it("should pay an overpaid invoice what it owes, flag the extra 943.64 for a refund, and keep the invoice's own money refundable", async () => {
    const client = await createUser(t.db);
    const extra = await t.db.extra.create({ data: { code: `mc-extra-${process.pid}`, nameAr: "إضافة", nameEn: "Extra", price: 4_900, durationDays: 30 } });
    const { invoice } = await purchaseExtra(rig.deps, { actor: { type: "client", id: client.id } }, { extraId: extra.id });
    expect(invoice.total).toBe(5_635);
    const pi = rig.stripe.addPaymentIntent({ amount: 99_999, currency: "sar", metadata: { invoice_id: String(invoice.id) } });
    await rig.post(rig.stripe.signedEvent("payment_intent.succeeded", rig.stripe.state.paymentIntents.get(pi.id)));
    await rig.drain();

    expect(await invoiceRow(invoice.id)).toMatchObject({ status: "paid", amountPaid: 5_635 });
    const attempt = await t.db.paymentAttempt.findUniqueOrThrow({ where: { providerPaymentId: pi.id } });
    expect(attempt).toMatchObject({ amount: 99_999, excessAmount: 94_364 });
    const item = await t.db.reconciliationItem.findFirstOrThrow({ where: { invoiceId: invoice.id } });
    expect(item).toMatchObject({ kind: "overpaid", status: "open", paymentAttemptId: attempt.id, localAmount: 5_635, remoteAmount: 99_999, details: { excess: 94_364 } });
    expect((await eventsNamed(BillingEvents.PAYMENT_OVERPAID, invoice.id)).map((e) => e.payload)).toEqual([expect.objectContaining({ amount: 99_999, excess: 94_364 })]);

    const agent = await signIn(rig.app.url, finance.email!, PASSWORD);
    expect((await agent.post(itemAction(item.id, "refundExtra")).send({ reason: "Customer typed the wrong amount" })).body.notice.type).toBe("success");
    expect(rig.stripe.state.refunds.all().filter((r) => r.payment_intent === pi.id).map((r) => r.amount)).toEqual([94_364]);
    expect(await invoiceRow(invoice.id)).toMatchObject({ status: "paid", amountRefunded: 0 });
    expect((await t.db.reconciliationItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe("resolved");
    // What the invoice itself was paid is still there to refund, and only that.
    const r = await refundInvoice(rig.deps, staff, invoice.id, { reason: "Extra not delivered" });
    expect(r.refund).toMatchObject({ amount: 5_635, status: "succeeded", purpose: "invoice" });
    expect(r.invoice).toMatchObject({ status: "refunded", amountPaid: 5_635, amountRefunded: 5_635 });
  });
});

describe("refunds that are pending, then succeed or fail", () => {
  it("should keep a pending refund visible and count it only once Stripe says it succeeded", async () => {
    const { invoiceId, pi } = await paidInvoice();
    rig.stripe.holdRefunds();
    try {
      const agent = await signIn(rig.app.url, finance.email!, PASSWORD);
      const res = await agent.post(invoiceAction(invoiceId, "refund")).send({ reason: "Goodwill", refundAmount: "10.50" });
      expect(res.body.notice).toMatchObject({ type: "success", message: "invoiceRefundPending" });
      expect(await invoiceRow(invoiceId)).toMatchObject({ status: "paid", amountRefunded: 0, amountRefundPending: 1_050 });
      const refund = rig.stripe.state.refunds.all().find((r) => r.payment_intent === pi)!;
      expect(await t.db.refund.findUniqueOrThrow({ where: { providerRefundId: refund.id } })).toMatchObject({ status: "pending", amount: 1_050, purpose: "invoice", reason: "Goodwill" });
      // Stripe's own events for the new refund (refund.created, charge.refunded with the pending amount) count nothing yet.
      await deliverEventsOf(refund.id, ["refund.created"]);
      await deliverEventsOf(refund.charge, ["charge.refunded"]);
      expect(await invoiceRow(invoiceId)).toMatchObject({ status: "paid", amountRefunded: 0, amountRefundPending: 1_050 });
      // While it is pending, it is not offered again.
      expect((await agent.post(invoiceAction(invoiceId, "refund")).send({ reason: "Goodwill", refundAmount: "" })).body.notice.type).toBe("success");
      const all = rig.stripe.state.refunds.all().filter((r) => r.payment_intent === pi);
      expect(all.map((r) => r.amount)).toEqual([1_050, 11_385 - 1_050]);

      await rig.post(rig.stripe.signEvent(rig.stripe.settleRefund(refund.id, "succeeded")));
      await rig.drain();
      expect(await invoiceRow(invoiceId)).toMatchObject({ status: "partially_refunded", amountRefunded: 1_050, amountRefundPending: 11_385 - 1_050 });
      await rig.post(rig.stripe.signEvent(rig.stripe.settleRefund(all[1]!.id, "succeeded")));
      await rig.drain();
      expect(await invoiceRow(invoiceId)).toMatchObject({ status: "refunded", amountRefunded: 11_385, amountRefundPending: 0 });
      expect(await t.db.paymentAttempt.findUniqueOrThrow({ where: { providerPaymentId: pi } })).toMatchObject({ status: "refunded", refundedAmount: 11_385 });
      expect(await t.db.reconciliationItem.count({ where: { invoiceId } })).toBe(0);
    } finally {
      rig.stripe.holdRefunds(false);
    }
  });

  it("should not count a refund that failed, raise it for finance, and let the money be refunded again", async () => {
    const { invoiceId, pi } = await paidInvoice();
    rig.stripe.holdRefunds();
    let failedId: string;
    try {
      const pending = await refundInvoice(rig.deps, staff, invoiceId, { reason: "Service not delivered" });
      expect(pending.refund.status).toBe("pending");
      failedId = pending.refund.providerRefundId;
      await rig.post(rig.stripe.signEvent(rig.stripe.settleRefund(failedId, "failed", { failureReason: "lost_or_stolen_card" })));
      await rig.drain();
    } finally {
      rig.stripe.holdRefunds(false);
    }
    expect(await invoiceRow(invoiceId)).toMatchObject({ status: "paid", amountRefunded: 0, amountRefundPending: 0 });
    expect(await t.db.refund.findUniqueOrThrow({ where: { providerRefundId: failedId } })).toMatchObject({ status: "failed", failureReason: "lost_or_stolen_card" });
    const item = await t.db.reconciliationItem.findFirstOrThrow({ where: { invoiceId } });
    expect(item).toMatchObject({ kind: "refund_failed", status: "open", runId: null, remoteId: failedId, remoteAmount: 11_385, details: { failureReason: "lost_or_stolen_card", counted: false } });
    expect((await eventsNamed(BillingEvents.REFUND_FAILED, invoiceId)).map((e) => e.payload)).toEqual([expect.objectContaining({ refundId: failedId, amount: 11_385, itemId: item.id })]);
    // Late and repeated: the creation events and the rest of the failure's events change nothing.
    await deliverEventsOf(failedId, ["refund.created", "refund.updated", "charge.refund.updated"]);
    expect(await invoiceRow(invoiceId)).toMatchObject({ status: "paid", amountRefunded: 0 });
    expect(await t.db.reconciliationItem.count({ where: { invoiceId } })).toBe(1);
    // The money is still ours to give back.
    const again = await refundInvoice(rig.deps, staff, invoiceId, { reason: "Service not delivered, second try" });
    expect(again.refund.status).toBe("succeeded");
    expect(again.invoice).toMatchObject({ status: "refunded", amountRefunded: 11_385 });
    expect(rig.stripe.state.refunds.all().filter((r) => r.payment_intent === pi).map((r) => r.status)).toEqual(["failed", "succeeded"]);
  });

  it("should take back a refund that failed after it had succeeded", async () => {
    const { invoiceId, pi } = await paidInvoice();
    const done = await refundInvoice(rig.deps, staff, invoiceId, { amount: 2_000, reason: "Partial goodwill" });
    expect(done.invoice).toMatchObject({ status: "partially_refunded", amountRefunded: 2_000 });
    await rig.post(rig.stripe.signEvent(rig.stripe.settleRefund(done.refund.providerRefundId, "failed")));
    await rig.drain();
    expect(await invoiceRow(invoiceId)).toMatchObject({ status: "paid", amountRefunded: 0 });
    expect(await t.db.paymentAttempt.findUniqueOrThrow({ where: { providerPaymentId: pi } })).toMatchObject({ status: "succeeded", refundedAmount: 0 });
    expect(await eventsNamed(BillingEvents.INVOICE_REFUND_REVERSED, invoiceId)).toHaveLength(1);
    expect(await t.db.reconciliationItem.findFirstOrThrow({ where: { invoiceId } })).toMatchObject({ kind: "refund_failed", details: { counted: true } });
  });
});
