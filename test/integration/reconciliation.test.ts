/**
 * Invoice reconciliation against the local fake Stripe: every kind of difference is planted once
 * (plus payments that agree and records outside the period), a run must list exactly those, and
 * finance can resolve items, apply Stripe's facts (as a webhook would, once) and export CSV.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Invoice, PaymentAttempt, ReconciliationItem, ReconciliationRun, User } from "@prisma/client";
import { ZodError } from "zod";
import { createStripe, type Stripe } from "../../src/platform/payments/index.js";
import type { Ctx } from "../../src/platform/context.js";
import type { Deps } from "../../src/platform/deps.js";
import { DomainError } from "../../src/platform/errors.js";
import { ensureQueues } from "../../src/platform/jobs.js";
import { executeReconciliationRun, startDailyReconciliationRun, startReconciliationRun } from "../../src/domains/billing/reconciliation/runs.service.js";
import { applyItemFromStripe, resolveReconciliationItem } from "../../src/domains/billing/reconciliation/items.service.js";
import { reconciliationItemsCsv } from "../../src/domains/billing/reconciliation/csv.js";
import { yesterdayInRiyadh } from "../../src/domains/billing/reconciliation/period.js";
import { riyadhDay, riyadhDayStart } from "../../src/platform/riyadh-time.js";
import type { ReconciliationTotals } from "../../src/domains/billing/reconciliation/compare.js";
import { purchaseExtra } from "../../src/domains/extras/extras.service.js";
import { QUEUES } from "../../jobs/billing-reconciliation.job.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startFakeStripe, type FakePaymentIntent, type FakeStripe } from "../support/fake-stripe.js";
import { createStaff, createUser } from "../support/factories.js";
import { startApp, type RunningApp } from "../support/app-server.js";
import { signIn } from "../support/admin-client.js";
import { launchBrowser, screenshotPath, signInPage } from "../support/browser.js";

let t: TestDatabase;
let fake: FakeStripe;
let stripe: Stripe;
let deps: Deps;
let finance: User;
let client: User;
let staff: Ctx;
const PASSWORD = "reconciliation-test-password";

const DAY = 86_400_000;
// A whole Riyadh day a few days back: the period every planted record is measured against.
const FROM = riyadhDayStart(riyadhDay(new Date(Date.now() - 5 * DAY)));
const TO = new Date(FROM.getTime() + DAY);
const inPeriod = (hours: number) => new Date(FROM.getTime() + hours * 3_600_000);
const sec = (d: Date) => Math.floor(d.getTime() / 1000);

let n = 0;
async function invoice(data: Partial<Invoice> & { total: number }): Promise<Invoice> {
  return t.db.invoice.create({
    data: {
      number: `RT-${process.pid}-${++n}`, userId: client.id, purpose: "extra", status: "issued", subtotal: data.total, currency: "SAR", issuedAt: inPeriod(0),
      ...data,
    } as never,
  });
}
async function attempt(inv: Invoice, data: Partial<PaymentAttempt> & { amount: number }): Promise<PaymentAttempt> {
  return t.db.paymentAttempt.create({
    data: { invoiceId: inv.id, idempotencyKey: `rt-${process.pid}-${++n}`, currency: "SAR", createdAt: inPeriod(1), ...data } as never,
  });
}
/** A paid invoice with its succeeded attempt, as a webhook leaves them. */
async function paid(amount: number, pid: string | null, extra: Partial<PaymentAttempt> = {}, inv: Partial<Invoice> = {}) {
  const i = await invoice({ total: amount, status: "paid", amountPaid: amount, paidAt: inPeriod(2), ...inv });
  const a = await attempt(i, { amount, providerPaymentId: pid, status: "succeeded", ...extra });
  return { invoice: i, attempt: a };
}
const plant = (amount: number, o: { currency?: string; status?: FakePaymentIntent["status"]; amountRefunded?: number; metadata?: Record<string, string>; created?: Date } = {}) =>
  fake.addPaymentIntent({ amount, currency: o.currency ?? "sar", created: sec(o.created ?? inPeriod(1)), ...(o.status ? { status: o.status } : {}), ...(o.amountRefunded ? { amountRefunded: o.amountRefunded } : {}), ...(o.metadata ? { metadata: o.metadata } : {}) });

// What was planted, by scenario.
type Scenario = { pi?: FakePaymentIntent; invoice?: Invoice; attempt?: PaymentAttempt; disputeId?: string; purchaseId?: number };
type ScenarioName = "matched" | "refundedBoth" | "noAttempt" | "attemptUnpaid" | "ghost" | "manual" | "manualWithAttempt" | "invoiceOnly" | "amount" | "currency" | "refund" | "dispute" | "unpaidBoth" | "outside" | "cancelled";
const s = {} as Record<ScenarioName, Scenario>;
let run: ReconciliationRun;
let items: ReconciliationItem[];

async function domainError(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}
const itemOf = (kind: string, remoteId: string | null | undefined) => items.find((i) => i.kind === kind && i.remoteId === (remoteId ?? null))!;

beforeAll(async () => {
  t = await createTestDatabase();
  await ensureQueues(t.boss, QUEUES);
  fake = await startFakeStripe();
  stripe = createStripe({ secretKey: "sk_test_x", apiBase: fake.url }, { maxNetworkRetries: 0 })!;
  deps = { ...t, stripe };
  finance = await createStaff(t.db, "finance", PASSWORD);
  client = await createUser(t.db);
  staff = { actor: { type: "staff", id: finance.id, label: finance.email! } };

  // 1. Agrees on both sides.
  s.matched = { pi: plant(11_500) };
  Object.assign(s.matched, await paid(11_500, s.matched.pi!.id));
  // 2. Agrees, refund recorded on both sides.
  s.refundedBoth = { pi: plant(23_000, { amountRefunded: 2_000 }) };
  Object.assign(s.refundedBoth, await paid(23_000, s.refundedBoth.pi!.id, { status: "partially_refunded", refundedAmount: 2_000 }, { status: "partially_refunded", amountRefunded: 2_000 }));
  // 3. Paid at Stripe for an issued extra invoice; no local attempt at all (the webhook never came).
  const extra = await t.db.extra.create({ data: { code: `rt-extra-${process.pid}`, nameAr: "إضافة", nameEn: "Extra", price: 10_000, durationDays: 30 } });
  const bought = await purchaseExtra(deps, { actor: { type: "client", id: client.id } }, { extraId: extra.id });
  s.noAttempt = { invoice: bought.invoice, purchaseId: bought.purchase.id, pi: plant(bought.invoice.total, { metadata: { invoice_id: String(bought.invoice.id) } }) };
  // 4. Paid at Stripe; the local attempt still waits for payment.
  s.attemptUnpaid = { pi: plant(4_600), invoice: await invoice({ total: 4_600 }) };
  s.attemptUnpaid.attempt = await attempt(s.attemptUnpaid.invoice!, { amount: 4_600, providerPaymentId: s.attemptUnpaid.pi!.id });
  // 5. Paid here through an intent Stripe does not know.
  Object.assign((s.ghost = {}), await paid(6_900, "pi_ghost_reconciliation_test"));
  // 6. Paid manually (no attempt; and one with a stray succeeded attempt): never missing at Stripe.
  s.manual = { invoice: await invoice({ total: 8_050, status: "paid", amountPaid: 8_050, paidAt: inPeriod(3), paidManuallyById: finance.id, manualPaymentReference: "TRX-1" }) };
  Object.assign((s.manualWithAttempt = {}), await paid(3_450, "pi_ghost_manual_test", {}, { paidManuallyById: finance.id, manualPaymentReference: "TRX-2" }));
  // 7. Paid here (not manually, not free) with no payment attempt at all.
  s.invoiceOnly = { invoice: await invoice({ total: 5_750, status: "paid", amountPaid: 5_750, paidAt: inPeriod(4) }) };
  // 8. Amounts differ.
  s.amount = { pi: plant(5_000) };
  Object.assign(s.amount, await paid(5_750, s.amount.pi!.id));
  // 9. Currencies differ (same amount).
  s.currency = { pi: plant(2_300, { currency: "usd" }) };
  Object.assign(s.currency, await paid(2_300, s.currency.pi!.id));
  // 10. Refunded at Stripe, not here.
  s.refund = { pi: plant(9_200, { amountRefunded: 3_000 }) };
  Object.assign(s.refund, await paid(9_200, s.refund.pi!.id));
  // 11. Disputed at Stripe (otherwise agrees).
  s.dispute = { pi: plant(3_450) };
  Object.assign(s.dispute, await paid(3_450, s.dispute.pi!.id));
  s.dispute.disputeId = fake.dispute(s.dispute.pi!.id, { created: sec(inPeriod(5)) }).data.object.id;
  // 12. Not paid on either side.
  s.unpaidBoth = { pi: plant(1_150, { status: "requires_payment_method" }), invoice: await invoice({ total: 1_150 }) };
  s.unpaidBoth.attempt = await attempt(s.unpaidBoth.invoice!, { amount: 1_150, providerPaymentId: s.unpaidBoth.pi!.id });
  // 13. Outside the period: paid at Stripe two days earlier, unknown here — another run's business.
  s.outside = { pi: plant(999, { created: new Date(FROM.getTime() - 2 * DAY) }) };
  // 14. Paid here, but Stripe says the intent was cancelled.
  s.cancelled = { pi: plant(1_725, { status: "canceled" }) };
  Object.assign(s.cancelled, await paid(1_725, s.cancelled.pi!.id));

  run = await startReconciliationRun(deps, staff, { from: FROM, to: TO });
  await executeReconciliationRun(deps, run.id);
  run = await t.db.reconciliationRun.findUniqueOrThrow({ where: { id: run.id } });
  items = await t.db.reconciliationItem.findMany({ where: { runId: run.id }, orderBy: { id: "asc" } });
}, 120_000);

afterAll(async () => {
  await fake?.close();
  await t?.close();
});

describe("starting a run", () => {
  it("should refuse a reversed, too long or future period with RECONCILIATION_RANGE", async () => {
    const now = new Date();
    for (const period of [
      { from: TO, to: FROM },
      { from: new Date(now.getTime() - 93 * DAY), to: now },
      { from: FROM, to: new Date(now.getTime() + DAY) },
      { from: new Date(NaN), to: TO },
    ]) {
      const err = await domainError(startReconciliationRun(deps, staff, period));
      expect({ code: err.code, status: err.status }).toEqual({ code: "RECONCILIATION_RANGE", status: 422 });
    }
  });

  it("should create a pending run, its audit row and its job together", async () => {
    const fresh = await startReconciliationRun(deps, staff, { from: FROM, to: TO });
    expect(fresh).toMatchObject({ status: "pending", startedById: finance.id, periodStart: FROM, periodEnd: TO });
    const jobs = await t.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'billing-reconciliation' AND (data->>'runId')::int = ${fresh.id}`;
    expect(jobs[0]!.n).toBe(1);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entity: "ReconciliationRun", entityId: String(fresh.id), action: "reconciliation.start" } });
    expect(audit).toMatchObject({ actorType: "staff", actorId: finance.id });
  });

  it("should start yesterday's daily run once however often the schedule fires", async () => {
    const now = new Date();
    const first = await startDailyReconciliationRun(deps, now);
    const second = await startDailyReconciliationRun(deps, now);
    expect(first.created).toBe(true);
    expect(second).toMatchObject({ created: false, run: { id: first.run.id } });
    expect({ from: first.run.periodStart, to: first.run.periodEnd }).toEqual(yesterdayInRiyadh(now));
    expect(first.run.periodEnd.getTime() - first.run.periodStart.getTime()).toBe(DAY);
  });
});

describe("executing a run", () => {
  it("should list exactly the planted differences", () => {
    const got = items.map((i) => [i.kind, i.remoteId, i.invoiceId, i.paymentAttemptId, i.localAmount, i.remoteAmount, i.currency, i.status]);
    expect(got).toEqual([
      ["missing_local", s.attemptUnpaid.pi!.id, s.attemptUnpaid.invoice!.id, s.attemptUnpaid.attempt!.id, 4_600, 4_600, "SAR", "open"],
      ["missing_local", s.noAttempt.pi!.id, s.noAttempt.invoice!.id, null, null, s.noAttempt.invoice!.total, "SAR", "open"],
      ["missing_remote", null, s.invoiceOnly.invoice!.id, null, 5_750, null, "SAR", "open"],
      ["missing_remote", s.cancelled.pi!.id, s.cancelled.invoice!.id, s.cancelled.attempt!.id, 1_725, null, "SAR", "open"],
      ["missing_remote", "pi_ghost_reconciliation_test", s.ghost.invoice!.id, s.ghost.attempt!.id, 6_900, null, "SAR", "open"],
      ["amount_mismatch", s.amount.pi!.id, s.amount.invoice!.id, s.amount.attempt!.id, 5_750, 5_000, "SAR", "open"],
      ["currency_mismatch", s.currency.pi!.id, s.currency.invoice!.id, s.currency.attempt!.id, 2_300, 2_300, "USD", "open"],
      ["refund_not_recorded", s.refund.pi!.id, s.refund.invoice!.id, s.refund.attempt!.id, 0, 3_000, "SAR", "open"],
      ["disputed", s.dispute.disputeId, s.dispute.invoice!.id, s.dispute.attempt!.id, 3_450, 3_450, "SAR", "open"],
    ].sort((a, b) => ORDER.indexOf(String(a[0])) - ORDER.indexOf(String(b[0])) || String(a[1] ?? "").localeCompare(String(b[1] ?? ""))));
    expect(itemOf("missing_remote", s.cancelled.pi!.id).details).toMatchObject({ reason: "remote_not_succeeded", remoteStatus: "canceled" });
    expect(itemOf("disputed", s.dispute.disputeId).details).toMatchObject({ paymentIntentId: s.dispute.pi!.id, reason: "fraudulent" });
  });

  it("should never list a manually paid invoice as missing at Stripe", () => {
    const manualIds = [s.manual.invoice!.id, s.manualWithAttempt.invoice!.id];
    expect(items.filter((i) => manualIds.includes(i.invoiceId ?? -1))).toEqual([]);
  });

  it("should store totals for Stripe, local, matched and each kind", () => {
    const noAttemptTotal = s.noAttempt.invoice!.total;
    expect(run).toMatchObject({ status: "completed", error: null });
    expect(run.finishedAt).toBeInstanceOf(Date);
    expect(run.totals as unknown as ReconciliationTotals).toEqual({
      // matched, refundedBoth, noAttempt, attemptUnpaid, amount, currency, refund, dispute
      stripe: { count: 8, amount: 11_500 + 23_000 + noAttemptTotal + 4_600 + 5_000 + 2_300 + 9_200 + 3_450 },
      // matched, refundedBoth, ghost, manualWithAttempt, amount, currency, refund, dispute, cancelled
      local: { count: 9, amount: 11_500 + 23_000 + 6_900 + 3_450 + 5_750 + 2_300 + 9_200 + 3_450 + 1_725 },
      matched: { count: 4, amount: 11_500 + 23_000 + 9_200 + 3_450 },
      byKind: {
        missing_local: { count: 2, amount: 4_600 + noAttemptTotal },
        missing_remote: { count: 3, amount: 5_750 + 1_725 + 6_900 },
        amount_mismatch: { count: 1, amount: 5_000 },
        currency_mismatch: { count: 1, amount: 2_300 },
        refund_not_recorded: { count: 1, amount: 3_000 },
        disputed: { count: 1, amount: 3_450 },
      },
    });
  });

  it("should leave a completed run alone when its job is delivered again", async () => {
    expect(await executeReconciliationRun(deps, run.id)).toBeNull();
    expect(await t.db.reconciliationItem.count({ where: { runId: run.id } })).toBe(items.length);
  });

  it("should mark the run failed with Stripe's error, keep no items, and complete on the retry", async () => {
    const again = await startReconciliationRun(deps, staff, { from: FROM, to: TO });
    fake.failNext({ method: "GET", path: "/v1/payment_intents", status: 500 });
    await expect(executeReconciliationRun(deps, again.id)).rejects.toThrow(/unknown error/);
    const failed = await t.db.reconciliationRun.findUniqueOrThrow({ where: { id: again.id } });
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/unknown error occurred/);
    expect(await t.db.reconciliationItem.count({ where: { runId: again.id } })).toBe(0);

    const retried = await executeReconciliationRun(deps, again.id);
    expect(retried).toMatchObject({ status: "completed", error: null });
    expect(await t.db.reconciliationItem.count({ where: { runId: again.id } })).toBe(items.length);
  });
});

describe("resolving items", () => {
  it("should resolve an item with a note and refuse a second resolution with ITEM_ALREADY_RESOLVED", async () => {
    const item = itemOf("disputed", s.dispute.disputeId);
    await expect(resolveReconciliationItem(deps, staff, item.id, " x ")).rejects.toBeInstanceOf(ZodError);
    const resolved = await resolveReconciliationItem(deps, staff, item.id, "Evidence sent to Stripe");
    expect(resolved).toMatchObject({ status: "resolved", resolvedById: finance.id, resolutionNote: "Evidence sent to Stripe" });
    const err = await domainError(resolveReconciliationItem(deps, staff, item.id, "Twice"));
    expect({ code: err.code, status: err.status }).toEqual({ code: "ITEM_ALREADY_RESOLVED", status: 409 });
  });

  it("should refuse to apply from Stripe a kind that Stripe's facts cannot fix", async () => {
    const err = await domainError(applyItemFromStripe(deps, staff, itemOf("amount_mismatch", s.amount.pi!.id).id));
    expect({ code: err.code, status: err.status }).toEqual({ code: "RECONCILIATION_NOT_APPLICABLE", status: 422 });
  });

  it("should apply a missing payment from Stripe once: invoice paid, extra activated, item resolved", async () => {
    const item = itemOf("missing_local", s.noAttempt.pi!.id);
    const applied = await applyItemFromStripe(deps, staff, item.id);
    expect(applied).toMatchObject({ status: "resolved", resolvedById: finance.id });
    expect(applied.resolutionNote).toMatch(/^Applied from Stripe/);
    const inv = await t.db.invoice.findUniqueOrThrow({ where: { id: s.noAttempt.invoice!.id } });
    expect(inv).toMatchObject({ status: "paid", amountPaid: s.noAttempt.invoice!.total });
    expect((await t.db.extraPurchase.findUniqueOrThrow({ where: { id: s.noAttempt.purchaseId! } })).status).toBe("active");
    const att = await t.db.paymentAttempt.findUniqueOrThrow({ where: { providerPaymentId: s.noAttempt.pi!.id } });
    expect(att.status).toBe("succeeded");

    const err = await domainError(applyItemFromStripe(deps, staff, item.id));
    expect({ code: err.code, status: err.status }).toEqual({ code: "ITEM_ALREADY_RESOLVED", status: 409 });
    const paidAudits = await t.db.auditLog.count({ where: { entity: "Invoice", entityId: String(inv.id), action: "invoice.paid_stripe" } });
    const paidEvents = await t.db.eventLog.count({ where: { name: "billing.invoice.paid", entityId: String(inv.id) } });
    expect({ paidAudits, paidEvents }).toEqual({ paidAudits: 1, paidEvents: 1 });

    // The next run over the period no longer sees that difference.
    const next = await startReconciliationRun(deps, staff, { from: FROM, to: TO });
    await executeReconciliationRun(deps, next.id);
    expect(await t.db.reconciliationItem.count({ where: { runId: next.id, remoteId: s.noAttempt.pi!.id } })).toBe(0);
  });

  it("should apply an unrecorded refund from Stripe to the attempt and the invoice", async () => {
    const item = itemOf("refund_not_recorded", s.refund.pi!.id);
    expect((await applyItemFromStripe(deps, staff, item.id)).status).toBe("resolved");
    expect(await t.db.paymentAttempt.findUniqueOrThrow({ where: { id: s.refund.attempt!.id } })).toMatchObject({ status: "partially_refunded", refundedAmount: 3_000 });
    expect(await t.db.invoice.findUniqueOrThrow({ where: { id: s.refund.invoice!.id } })).toMatchObject({ status: "partially_refunded", amountRefunded: 3_000 });
  });

  it("should export a run's items as CSV with formula-looking cells defused", async () => {
    await resolveReconciliationItem(deps, staff, itemOf("currency_mismatch", s.currency.pi!.id).id, "=cmd()|' /C calc'!A0");
    const csv = await reconciliationItemsCsv(deps, run.id);
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\n");
    expect(lines[0]).toBe("id,run_id,kind,status,invoice_id,invoice_number,payment_attempt_id,remote_id,local_amount,remote_amount,currency,details,resolved_by,resolved_at,resolution_note,created_at");
    expect(lines).toHaveLength(items.length + 1);
    const row = lines.find((l) => l.includes(s.currency.pi!.id))!;
    expect(row).toContain("'=cmd()|' /C calc'!A0");
    expect(row).not.toMatch(/,=cmd/);
    expect(row).toContain(finance.email!);
  });
});

describe("reconciliation in the admin panel", () => {
  let app: RunningApp;
  let support: User;
  beforeAll(async () => {
    support = await createStaff(t.db, "support", PASSWORD);
    app = await startApp({ ...t, stripe } as TestDatabase);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });
  const day = riyadhDay(FROM);

  it("should refuse the support role to start a run and create nothing", async () => {
    const before = await t.db.reconciliationRun.count();
    const agent = await signIn(app.url, support.email!, PASSWORD);
    const res = await agent.post("/admin/api/resources/ReconciliationRun/actions/startRun").send({ from: day, to: day });
    expect(JSON.stringify(res.body)).toMatch(/ForbiddenError|forbidden/i);
    expect(await t.db.reconciliationRun.count()).toBe(before);
  });

  it("should let finance start a run for two calendar days", async () => {
    const agent = await signIn(app.url, finance.email!, PASSWORD);
    const res = await agent.post("/admin/api/resources/ReconciliationRun/actions/startRun").send({ from: day, to: day });
    expect(res.body.notice).toMatchObject({ type: "success", message: "reconciliationRunStarted" });
    const created = await t.db.reconciliationRun.findUniqueOrThrow({ where: { id: res.body.runId } });
    expect(created).toMatchObject({ status: "pending", startedById: finance.id, periodStart: FROM, periodEnd: TO });
  });

  it("should show finance the run's totals in the browser: Stripe, here, matched and each kind, with counts and amounts", async () => {
    const browser = await launchBrowser();
    try {
      const page = await signInPage(browser, app.url, finance.email!, PASSWORD);
      await page.goto(`${app.url}/admin/resources/ReconciliationRun/records/${run.id}/show`);
      const table = page.locator("[data-testid=reconciliation-totals]");
      await table.scrollIntoViewIfNeeded({ timeout: 30_000 });
      await page.screenshot({ path: screenshotPath("reconciliation-run-totals") });
      const row = async (key: string) => (await table.locator(`[data-row="${key}"]`).innerText()).split(/\s*\t\s*|\n/).filter(Boolean);
      const totals = run.totals as unknown as ReconciliationTotals;
      const sar = (minor: number) => new Intl.NumberFormat("en-SA", { style: "currency", currency: "SAR" }).format(minor / 100);
      expect(await row("totals.stripe")).toEqual(["At Stripe", String(totals.stripe.count), sar(totals.stripe.amount)]);
      expect(await row("totals.matched")).toEqual(["Matched", String(totals.matched.count), sar(totals.matched.amount)]);
      expect(await row("totals.byKind.missing_remote")).toEqual(["Missing at payment gateway", "3", sar(totals.byKind.missing_remote.amount)]);
      expect(await table.locator("[data-row^='totals.byKind.']").count()).toBe(ORDER.length);
    } finally {
      await browser.close();
    }
  });

  it("should serve the CSV to finance and refuse it to support", async () => {
    const ok = await (await signIn(app.url, finance.email!, PASSWORD)).get(`/admin/reconciliation/${run.id}/items.csv`);
    expect(ok.status).toBe(200);
    expect(ok.headers["content-type"]).toMatch(/^text\/csv/);
    expect(ok.text).toContain("missing_local");
    const refused = await (await signIn(app.url, support.email!, PASSWORD)).get(`/admin/reconciliation/${run.id}/items.csv`);
    expect(refused.status).toBe(403);
  });
});

const ORDER = ["missing_local", "missing_remote", "amount_mismatch", "currency_mismatch", "refund_not_recorded", "disputed"];
