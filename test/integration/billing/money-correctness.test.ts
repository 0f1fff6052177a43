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
import { BillingEvents, createPaymentLink, voidInvoice } from "../../../src/domains/billing/index.js";
import { DELIVERY_QUEUE, deliveryHandler, subscribe, type EventSubscriber } from "../../../jobs/domain-events.job.js";
import { closePaymentsOnVoid } from "../../../jobs/billing.job.js";
import { createStaff } from "../../support/factories.js";

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
