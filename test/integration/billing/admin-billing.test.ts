/** Finance's invoice actions in the panel over HTTP, payment links, the PDF, and webhook replay. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { seedPlanAndPromo, startBillingRig, type BillingRig } from "../../support/billing.js";
import { createStaff } from "../../support/factories.js";
import { signIn } from "../../support/admin-client.js";

let t: TestDatabase;
let rig: BillingRig;
let finance: User;
let support: User;
const PASSWORD = "a-long-test-password";

beforeAll(async () => {
  t = await createTestDatabase();
  finance = await createStaff(t.db, "finance", PASSWORD);
  support = await createStaff(t.db, "support", PASSWORD);
  rig = await startBillingRig(t);
});
afterAll(async () => {
  await rig?.close();
  await t?.close();
});

async function pendingSubscription() {
  const { plan } = await seedPlanAndPromo(t.db);
  const p = await rig.app.login();
  await rig.app.api.call("POST", "/me/become-provider", { token: p.token, body: { display_name: "Shop", city: "Riyadh" } });
  const sub = await rig.app.api.call("POST", "/subscriptions", { token: p.token, body: { plan_id: plan.id, cycle: "monthly" } });
  expect(sub.status).toBe(201);
  return { token: p.token, sub: sub.body, invoiceId: sub.body.invoice.id as number };
}

async function paidThroughStripe() {
  const s = await pendingSubscription();
  const pay = await rig.app.api.call("POST", `/invoices/${s.invoiceId}/pay`, { token: s.token });
  await rig.post(rig.stripe.signEvent(rig.stripe.succeed(pay.body.payment_intent_id)));
  await rig.drain();
  return { ...s, pi: pay.body.payment_intent_id as string };
}

const action = (id: number, name: string) => `/admin/api/resources/Invoice/records/${id}/${name}`;
const inv = (id: number) => t.db.invoice.findUniqueOrThrow({ where: { id } });

describe("invoice actions in the panel", () => {
  it("should mark an invoice paid manually with reason and reference, activate, and audit it", async () => {
    const { invoiceId, sub } = await pendingSubscription();
    const agent = await signIn(rig.app.url, finance.email!, PASSWORD);
    const missing = await agent.post(action(invoiceId, "markPaid")).send({ reason: "Bank transfer received", reference: "" });
    expect(missing.body.notice.type).toBe("error");
    expect((await inv(invoiceId)).status).toBe("issued");
    const ok = await agent.post(action(invoiceId, "markPaid")).send({ reason: "Bank transfer received", reference: "TRX-778812" });
    expect(ok.body.notice).toMatchObject({ type: "success", message: "invoiceMarkedPaid" });
    expect(await inv(invoiceId)).toMatchObject({ status: "paid", paidManuallyById: finance.id, manualPaymentReference: "TRX-778812" });
    expect((await t.db.subscription.findUniqueOrThrow({ where: { id: sub.id } })).status).toBe("active");
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entity: "Invoice", entityId: String(invoiceId), action: "invoice.paid_manual" } });
    expect(audit.actorId).toBe(finance.id);
    expect(JSON.stringify(audit.changes)).toContain("TRX-778812");
  });

  it("should refuse invoice actions to support staff", async () => {
    const { invoiceId } = await pendingSubscription();
    const agent = await signIn(rig.app.url, support.email!, PASSWORD);
    for (const name of ["markPaid", "void", "refund", "paymentLink"]) {
      const res = await agent.post(action(invoiceId, name)).send({ reason: "trying it", reference: "X1" });
      expect(JSON.stringify(res.body), name).toMatch(/ForbiddenError|forbiddenError/);
    }
    expect((await inv(invoiceId)).status).toBe("issued");
    const pdf = await agent.get(`/admin/billing/invoices/${invoiceId}/pdf`);
    expect(pdf.status).toBe(403);
  });

  it("should void with a reason, cancelling the pending subscription", async () => {
    const { invoiceId, sub } = await pendingSubscription();
    const agent = await signIn(rig.app.url, finance.email!, PASSWORD);
    expect((await agent.post(action(invoiceId, "void")).send({ reason: "" })).body.notice.type).toBe("error");
    const ok = await agent.post(action(invoiceId, "void")).send({ reason: "Customer changed plan" });
    expect(ok.body.notice.type).toBe("success");
    expect(await inv(invoiceId)).toMatchObject({ status: "void", voidReason: "Customer changed plan" });
    expect((await t.db.subscription.findUniqueOrThrow({ where: { id: sub.id } })).status).toBe("cancelled");
  });

  it("should refund part through Stripe, then the rest, and ignore the webhooks that echo it", async () => {
    const { invoiceId, pi } = await paidThroughStripe();
    const agent = await signIn(rig.app.url, finance.email!, PASSWORD);
    const tooMuch = await agent.post(action(invoiceId, "refund")).send({ reason: "Goodwill", refundAmount: "5000" });
    expect(tooMuch.body.notice.type).toBe("error");
    const part = await agent.post(action(invoiceId, "refund")).send({ reason: "Goodwill", refundAmount: "10.50" });
    expect(part.body.notice.type).toBe("success");
    expect(await inv(invoiceId)).toMatchObject({ status: "partially_refunded", amountRefunded: 1050 });
    expect(rig.stripe.state.charges.all().find((c) => c.payment_intent === pi)!.amount_refunded).toBe(1050);
    // Stripe's own charge.refunded for that refund carries the same total: nothing changes
    const charge = rig.stripe.state.charges.all().find((c) => c.payment_intent === pi)!;
    await rig.post(rig.stripe.signedEvent("charge.refunded", charge));
    await rig.drain();
    expect((await inv(invoiceId)).amountRefunded).toBe(1050);
    const rest = await agent.post(action(invoiceId, "refund")).send({ reason: "Cancelled service", refundAmount: "" });
    expect(rest.body.notice.type).toBe("success");
    const done = await inv(invoiceId);
    expect(done).toMatchObject({ status: "refunded", amountPaid: 11385, amountRefunded: 11385 }); // 99.00 + 15% VAT
  });

  it("should create a payment link that opens Checkout once, and is used up when the checkout completes", async () => {
    const { invoiceId, sub } = await pendingSubscription();
    const agent = await signIn(rig.app.url, finance.email!, PASSWORD);
    const res = await agent.post(action(invoiceId, "paymentLink")).send({ validForHours: "24" });
    expect(res.body.notice.type).toBe("success");
    const link = await t.db.paymentLink.findFirstOrThrow({ where: { invoiceId } });
    const open = await fetch(`${rig.app.url}/pay/${link.token}`, { redirect: "manual" });
    expect(open.status).toBe(303);
    expect(open.headers.get("location")).toContain(rig.stripe.url);
    const session = (await t.db.paymentLink.findUniqueOrThrow({ where: { id: link.id } })).stripeCheckoutSessionId!;
    await rig.post(rig.stripe.signEvent(rig.stripe.completeCheckout(session)));
    await rig.drain();
    expect((await inv(invoiceId)).status).toBe("paid");
    expect((await t.db.subscription.findUniqueOrThrow({ where: { id: sub.id } })).status).toBe("active");
    expect((await t.db.paymentLink.findUniqueOrThrow({ where: { id: link.id } })).usedAt).not.toBeNull();
    const again = await fetch(`${rig.app.url}/pay/${link.token}`, { redirect: "manual" });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("This payment link was already used.");
    expect((await fetch(`${rig.app.url}/pay/not-a-token`, { redirect: "manual" })).status).toBe(404);
  });

  it("should replay a webhook event without applying it twice", async () => {
    const { invoiceId, pi } = await paidThroughStripe();
    const row = await t.db.webhookEvent.findFirstOrThrow({ where: { type: "payment_intent.succeeded", payload: { path: ["data", "object", "id"], equals: pi } } });
    const agent = await signIn(rig.app.url, finance.email!, PASSWORD);
    const res = await agent.post(`/admin/api/resources/WebhookEvent/records/${row.id}/replay`).send({});
    expect(res.body.notice.type).toBe("success");
    expect(await t.db.auditLog.count({ where: { entity: "Invoice", entityId: String(invoiceId), action: "invoice.paid_stripe" } })).toBe(1);
    expect((await t.db.webhookEvent.findUniqueOrThrow({ where: { id: row.id } })).error).toBe("already up to date");
  });

  it("should give finance and the owner the PDF, and a stranger 404", async () => {
    const { invoiceId, token } = await pendingSubscription();
    const agent = await signIn(rig.app.url, finance.email!, PASSWORD);
    const pdf = await agent.get(`/admin/billing/invoices/${invoiceId}/pdf`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on("data", (c: Buffer) => chunks.push(c));
      r.on("end", () => cb(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect((pdf.body as Buffer).subarray(0, 4).toString()).toBe("%PDF");
    const own = await fetch(`${rig.app.url}/api/v1/invoices/${invoiceId}/pdf`, { headers: { authorization: `Bearer ${token}` } });
    expect(own.status).toBe(200);
    expect(own.headers.get("content-type")).toBe("application/pdf");
    const stranger = await rig.app.login();
    const other = await fetch(`${rig.app.url}/api/v1/invoices/${invoiceId}/pdf`, { headers: { authorization: `Bearer ${stranger.token}` } });
    expect(other.status).toBe(404);
  });
});

describe("subscription actions in the panel", () => {
  const cancelNow = (id: number) => `/admin/api/resources/Subscription/records/${id}/cancelNow`;
  const subscription = (id: number) => t.db.subscription.findUniqueOrThrow({ where: { id }, include: { invoice: true } });

  it("should let finance end a paid subscription at once with a reason, audited, and keep the money for a separate refund", async () => {
    const { sub, invoiceId } = await paidThroughStripe();
    expect((await subscription(sub.id)).status).toBe("active");
    const agent = await signIn(rig.app.url, finance.email!, PASSWORD);
    expect((await agent.post(cancelNow(sub.id)).send({ reason: "" })).body.notice.type).toBe("error");
    expect((await subscription(sub.id)).status).toBe("active");
    const ok = await agent.post(cancelNow(sub.id)).send({ reason: "Refunded after a complaint" });
    expect(ok.body.notice).toMatchObject({ type: "success", message: "subscriptionCancelled" });
    const after = await subscription(sub.id);
    expect(after).toMatchObject({ status: "cancelled", cancelledAt: expect.any(Date) });
    expect(after.invoice).toMatchObject({ id: invoiceId, status: "paid" });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entity: "Subscription", entityId: String(sub.id), action: "subscription.cancel_by_staff" } });
    expect(audit.actorId).toBe(finance.id);
    expect(JSON.stringify(audit)).toContain("Refunded after a complaint");
    // Once cancelled, there is nothing left to cancel.
    expect((await agent.post(cancelNow(sub.id)).send({ reason: "again" })).body.notice.type).toBe("error");
  });

  it("should void the open invoice of a pending subscription it ends, and refuse support staff", async () => {
    const { sub, invoiceId } = await pendingSubscription();
    const refused = await (await signIn(rig.app.url, support.email!, PASSWORD)).post(cancelNow(sub.id)).send({ reason: "trying it" });
    expect(JSON.stringify(refused.body)).toMatch(/ForbiddenError|forbiddenError/);
    expect((await subscription(sub.id)).status).toBe("pending_payment");
    const ok = await (await signIn(rig.app.url, finance.email!, PASSWORD)).post(cancelNow(sub.id)).send({ reason: "Duplicate sign-up" });
    expect(ok.body.notice.type).toBe("success");
    expect(await subscription(sub.id)).toMatchObject({ status: "cancelled", invoice: { id: invoiceId, status: "void", voidReason: "subscription cancelled by staff: Duplicate sign-up" } });
  });
});
