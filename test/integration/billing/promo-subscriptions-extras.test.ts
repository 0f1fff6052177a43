/** Promo-code caps under concurrency, extras bought and activated, and the subscription sweep (renew, past due, expire, cancel at period end). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemCtx } from "../../../src/platform/context.js";
import * as billing from "../../../src/domains/billing/index.js";
import * as subscriptions from "../../../src/domains/subscriptions/index.js";
import * as extras from "../../../src/domains/extras/index.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { createUser } from "../../support/factories.js";
import { seedPlanAndPromo } from "../../support/billing.js";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.close());

const DAY = 86_400_000;
const as = (id: number) => ({ actor: { type: "provider" as const, id } });

async function extra(over: Partial<{ price: number; durationDays: number | null }> = {}) {
  const s = Math.random().toString(36).slice(2, 8);
  return t.db.extra.create({ data: { code: `boost-${s}`, nameAr: "تمييز", nameEn: "Boost", price: over.price ?? 2000, durationDays: over.durationDays === undefined ? 7 : over.durationDays } });
}

describe("promo codes", () => {
  it("should hold the total cap when many users redeem at once", async () => {
    const x = await extra({ price: 10000 });
    const code = await t.db.promoCode.create({ data: { code: `RUSH${Date.now()}`, kind: "fixed", amountOff: 1000, maxUses: 3, appliesTo: [] } });
    const users = await Promise.all(Array.from({ length: 12 }, () => createUser(t.db)));
    const results = await Promise.allSettled(users.map((u) => extras.purchaseExtra(t, as(u.id), { extraId: x.id, promoCode: code.code })));
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(3);
    expect(refused.every((r) => r.reason.code === "PROMO_EXHAUSTED")).toBe(true);
    expect((await t.db.promoCode.findUniqueOrThrow({ where: { id: code.id } })).usedCount).toBe(3);
    expect(await t.db.promoCodeRedemption.count({ where: { promoCodeId: code.id } })).toBe(3);
    // refused purchases left nothing behind
    expect(await t.db.extraPurchase.count({ where: { extraId: x.id } })).toBe(3);
  });

  it("should hold the per-user cap when one user redeems in parallel", async () => {
    const x = await extra();
    const code = await t.db.promoCode.create({ data: { code: `ONCE${Date.now()}`, kind: "percentage", percentOff: 50, maxUsesPerUser: 1, appliesTo: ["extra"] } });
    const u = await createUser(t.db);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => extras.purchaseExtra(t, as(u.id), { extraId: x.id, promoCode: code.code })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason.code).toBe("PROMO_USER_LIMIT");
  });

  it("should apply percentage with cap, minimum amount, window and purpose rules", async () => {
    const x = await extra({ price: 10000 });
    const u = await createUser(t.db);
    const mk = (data: Record<string, unknown>) => t.db.promoCode.create({ data: { code: `P${Math.random().toString(36).slice(2, 10)}`.toUpperCase(), kind: "percentage", percentOff: 50, appliesTo: [], ...data } as never });
    const capped = await mk({ maxDiscount: 1500 });
    const r = await extras.purchaseExtra(t, as(u.id), { extraId: x.id, promoCode: capped.code });
    expect(r.invoice).toMatchObject({ subtotal: 10000, discount: 1500, vat: 1275, total: 9775 });
    const cases: [Record<string, unknown>, string][] = [
      [{ minAmount: 20000 }, "PROMO_BELOW_MINIMUM"],
      [{ validUntil: new Date(Date.now() - DAY) }, "PROMO_EXPIRED"],
      [{ validFrom: new Date(Date.now() + DAY) }, "PROMO_NOT_STARTED"],
      [{ appliesTo: ["subscription"] }, "PROMO_NOT_APPLICABLE"],
      [{ isActive: false }, "PROMO_INACTIVE"],
    ];
    for (const [data, code] of cases) {
      const p = await mk(data);
      await expect(extras.purchaseExtra(t, as(u.id), { extraId: x.id, promoCode: p.code }), code).rejects.toMatchObject({ code });
    }
  });

  it("should pay a fully discounted invoice at once and activate what it is for", async () => {
    const x = await extra({ price: 1000, durationDays: 30 });
    const code = await t.db.promoCode.create({ data: { code: `FREE${Date.now()}`, kind: "percentage", percentOff: 100, appliesTo: [] } });
    const u = await createUser(t.db);
    const { purchase, invoice } = await extras.purchaseExtra(t, as(u.id), { extraId: x.id, promoCode: code.code });
    expect(invoice).toMatchObject({ total: 0, status: "paid" });
    const p = await t.db.extraPurchase.findUniqueOrThrow({ where: { id: purchase.id } });
    expect(p.status).toBe("active");
    expect(p.expiresAt!.getTime() - p.activatedAt!.getTime()).toBe(30 * DAY);
  });
});

describe("extras", () => {
  it("should activate on payment and expire after their duration", async () => {
    const x = await extra({ durationDays: 7 });
    const u = await createUser(t.db);
    const staff = { actor: { type: "staff" as const, id: u.id } };
    const { purchase, invoice } = await extras.purchaseExtra(t, as(u.id), { extraId: x.id });
    expect(invoice).toMatchObject({ purpose: "extra", status: "issued", subtotal: 2000, vat: 300, total: 2300 });
    await billing.markInvoicePaidManually(t, staff, invoice.id, { reason: "paid at the office", reference: "CASH-1" });
    expect((await t.db.extraPurchase.findUniqueOrThrow({ where: { id: purchase.id } })).status).toBe("active");
    expect(await extras.expireExtras(t, systemCtx(), new Date(Date.now() + 6 * DAY))).toBe(0);
    expect(await extras.expireExtras(t, systemCtx(), new Date(Date.now() + 8 * DAY))).toBeGreaterThanOrEqual(1);
    expect((await t.db.extraPurchase.findUniqueOrThrow({ where: { id: purchase.id } })).status).toBe("expired");
  });
});

describe("subscription sweep", () => {
  async function activeSubscription() {
    const { plan } = await seedPlanAndPromo(t.db);
    const u = await createUser(t.db, { userType: "provider" });
    const { subscription, invoice } = await subscriptions.subscribe(t, as(u.id), { planId: plan.id, cycle: "monthly" });
    await billing.markInvoicePaidManually(t, { actor: { type: "staff", id: u.id } }, invoice.id, { reason: "test payment", reference: "REF-1" });
    return t.db.subscription.findUniqueOrThrow({ where: { id: subscription.id } });
  }
  const ctx = systemCtx("test-sweep");

  it("should issue one renewal invoice before the period ends, and extend the period when it is paid", async () => {
    const sub = await activeSubscription();
    const end = sub.currentPeriodEnd!;
    const soon = new Date(end.getTime() - 2 * DAY);
    expect(await subscriptions.issueRenewalInvoices(t, ctx, soon)).toBeGreaterThanOrEqual(1);
    await subscriptions.issueRenewalInvoices(t, ctx, soon); // a second sweep issues nothing more for it
    const renewed = await t.db.subscription.findUniqueOrThrow({ where: { id: sub.id }, include: { invoice: true } });
    expect(renewed.invoice!.status).toBe("issued");
    expect(renewed.invoiceId).not.toBe(sub.invoiceId);
    expect(await t.db.invoice.count({ where: { userId: sub.userId } })).toBe(2);
    // Both periods' invoices keep pointing at the subscription, though only the newer is current.
    const billed = await t.db.invoice.findMany({ where: { subscriptionId: sub.id }, orderBy: { id: "asc" } });
    expect(billed.map((i) => i.id)).toEqual([sub.invoiceId, renewed.invoiceId]);
    await billing.markInvoicePaidManually(t, { actor: { type: "staff", id: sub.userId } }, renewed.invoiceId!, { reason: "renewal paid", reference: "REF-2" });
    const extended = await t.db.subscription.findUniqueOrThrow({ where: { id: sub.id } });
    expect(extended.status).toBe("active");
    expect(extended.currentPeriodStart!.getTime()).toBe(end.getTime());
    expect(extended.currentPeriodEnd!.getTime()).toBeGreaterThan(end.getTime() + 27 * DAY);
  });

  it("should move an unpaid renewal to past_due at period end and expire it after the grace period, voiding the invoice", async () => {
    const sub = await activeSubscription();
    const end = sub.currentPeriodEnd!.getTime();
    await subscriptions.issueRenewalInvoices(t, ctx, new Date(end - DAY));
    await subscriptions.expireSubscriptions(t, ctx, new Date(end + 1000));
    expect((await t.db.subscription.findUniqueOrThrow({ where: { id: sub.id } })).status).toBe("past_due");
    await subscriptions.expireSubscriptions(t, ctx, new Date(end + 4 * DAY));
    const s = await t.db.subscription.findUniqueOrThrow({ where: { id: sub.id }, include: { invoice: true } });
    expect(s.status).toBe("expired");
    expect(s.invoice).toMatchObject({ status: "void", voidReason: "subscription expired unpaid" });
  });

  it("should end a subscription cancelled at period end without renewing it", async () => {
    const sub = await activeSubscription();
    await subscriptions.cancelSubscription(t, as(sub.userId), sub.id);
    const end = sub.currentPeriodEnd!.getTime();
    await subscriptions.issueRenewalInvoices(t, ctx, new Date(end - DAY));
    expect(await t.db.invoice.count({ where: { userId: sub.userId } })).toBe(1);
    await subscriptions.expireSubscriptions(t, ctx, new Date(end + 1000));
    expect((await t.db.subscription.findUniqueOrThrow({ where: { id: sub.id } })).status).toBe("cancelled");
  });

  it("should void the open renewal invoice when an active subscription is cancelled, so it cannot be paid", async () => {
    const sub = await activeSubscription();
    const end = sub.currentPeriodEnd!.getTime();
    await subscriptions.issueRenewalInvoices(t, ctx, new Date(end - DAY));
    const renewalId = (await t.db.subscription.findUniqueOrThrow({ where: { id: sub.id } })).invoiceId!;
    expect(renewalId).not.toBe(sub.invoiceId);

    const cancelled = await subscriptions.cancelSubscription(t, as(sub.userId), sub.id);
    expect(cancelled).toMatchObject({ status: "active", cancelAtPeriodEnd: true, currentPeriodEnd: sub.currentPeriodEnd });
    expect(await t.db.invoice.findUniqueOrThrow({ where: { id: renewalId } })).toMatchObject({ status: "void", voidReason: "subscription cancelled at period end" });
    expect(await t.db.invoice.findUniqueOrThrow({ where: { id: sub.invoiceId! } })).toMatchObject({ status: "paid" });
    await expect(billing.markInvoicePaidManually(t, { actor: { type: "staff", id: sub.userId } }, renewalId, { reason: "late", reference: "REF-3" })).rejects.toThrow();

    await subscriptions.expireSubscriptions(t, ctx, new Date(end + 1000));
    expect((await t.db.subscription.findUniqueOrThrow({ where: { id: sub.id } })).status).toBe("cancelled");
  });
});
