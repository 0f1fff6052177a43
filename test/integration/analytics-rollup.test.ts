/**
 * Daily rollups against figures worked out by hand from a small fixture spread over two Riyadh
 * days (with rows on both sides of Riyadh midnight): platform counters, revenue per invoice kind
 * with VAT and refunds, requests per category, SLA compliance. A re-run and an overlapping
 * backfill give the same rows; the backfill CLI and the analytics job compute the same figures.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { backfillRollups, rollupRange } from "../../src/domains/analytics/index.js";
import { runAnalyticsJob } from "../../jobs/analytics.job.js";
import { manualClock } from "../../src/platform/clock.js";
import { logger } from "../../src/platform/logger.js";

let t: TestDatabase;
// Day A = 2026-01-10 and day B = 2026-01-11 in Riyadh; B starts at 2026-01-10T21:00Z.
const A = "2026-01-10";
const B = "2026-01-11";
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  t = await createTestDatabase();
  const db = t.db;
  const user = (userType: "client" | "provider" | "staff", createdAt: string, deleted = false) =>
    db.user.create({ data: { fullName: `${userType} ${createdAt}`, userType, createdAt: at(createdAt), deletedAt: deleted ? at(createdAt) : null } });
  const client = await user("client", "2026-01-10T07:00:00Z"); // A
  await user("provider", "2026-01-10T20:59:59Z"); // A, 23:59:59 Riyadh
  await user("provider", "2026-01-10T21:00:00Z"); // B, 00:00 Riyadh
  await user("staff", "2026-01-10T08:00:00Z"); // staff are not new users
  await user("client", "2026-01-10T09:00:00Z", true); // soft-deleted: not counted

  const cat1 = await db.category.create({ data: { nameAr: "صيانة", nameEn: "Maintenance", slug: "t-maint" } });
  const cat2 = await db.category.create({ data: { nameAr: "نظافة", nameEn: "Cleaning", slug: "t-clean" } });
  const sub = (categoryId: number, slug: string) => db.subcategory.create({ data: { categoryId, nameAr: slug, nameEn: slug, slug } });
  const [s1a, s1b, s2] = [await sub(cat1.id, "t-1a"), await sub(cat1.id, "t-1b"), await sub(cat2.id, "t-2")];
  const request = (subcategoryId: number, createdAt: string, more: Record<string, unknown> = {}) =>
    db.serviceRequest.create({ data: { title: "r", description: "d", subcategoryId, clientId: client.id, city: "Riyadh", createdAt: at(createdAt), ...more } });
  await request(s1a.id, "2026-01-10T09:00:00Z", { status: "completed", completedAt: at("2026-01-11T10:00:00Z") }); // new A, completed B
  await request(s1b.id, "2026-01-10T20:30:00Z"); // new A (23:30 Riyadh)
  await request(s2.id, "2026-01-10T22:00:00Z", { status: "cancelled", cancelledAt: at("2026-01-11T05:00:00Z") }); // new B, cancelled B
  await request(s2.id, "2026-01-10T10:00:00Z", { deletedAt: at("2026-01-10T11:00:00Z") }); // soft-deleted

  let n = 0;
  const invoice = (purpose: "verification" | "promotion", subtotal: number, discount: number, vat: number, paidAt: string | null, issuedAt: string) =>
    db.invoice.create({
      data: { number: `T-${++n}`, userId: client.id, purpose, status: paidAt ? "paid" : "issued", subtotal, discount, vat, total: subtotal - discount + vat, amountPaid: paidAt ? subtotal - discount + vat : 0, paidAt: paidAt ? at(paidAt) : null, issuedAt: at(issuedAt) },
    });
  const i1 = await invoice("verification", 10_000, 0, 1_500, "2026-01-10T12:00:00Z", "2026-01-10T06:00:00Z"); // paid A
  await invoice("promotion", 20_000, 2_000, 2_700, "2026-01-10T22:00:00Z", "2026-01-10T06:00:00Z"); // paid B (01:00 Riyadh)
  await invoice("verification", 5_000, 0, 750, "2026-01-11T09:00:00Z", "2026-01-11T06:00:00Z"); // paid B
  await invoice("verification", 5_000, 0, 750, null, "2026-01-10T06:00:00Z"); // issued A, unpaid
  const attempt = await db.paymentAttempt.create({ data: { invoiceId: i1.id, idempotencyKey: "t-att-1", amount: 11_500, status: "succeeded" } });
  const refund = await db.refund.create({ data: { paymentAttemptId: attempt.id, invoiceId: i1.id, providerRefundId: "re_t1", amount: 11_500, status: "succeeded" } });
  await db.$executeRawUnsafe(`UPDATE billing_refund SET updated_at = '2026-01-11T08:00:00Z' WHERE id = $1`, refund.id); // succeeded B

  const ticket = (code: string, createdAt: string, more: Record<string, unknown> = {}) =>
    db.supportTicket.create({ data: { code, requesterId: client.id, type: "inquiry", subject: "s", description: "d", createdAt: at(createdAt), ...more } });
  await ticket("T-1", "2026-01-10T08:00:00Z", { status: "resolved", resolvedAt: at("2026-01-11T08:00:00Z") }); // resolved B within SLA
  await ticket("T-2", "2026-01-10T09:00:00Z", { status: "resolved", firstResponseBreachedAt: at("2026-01-10T15:00:00Z"), resolvedAt: at("2026-01-11T09:00:00Z") }); // breached A, resolved B late
  await ticket("T-3", "2026-01-11T06:00:00Z", { resolutionBreachedAt: at("2026-01-11T12:00:00Z") }); // new B, breached B
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const FIGURES = { newUsers: true, newClients: true, newProviders: true, newRequests: true, completedRequests: true, cancelledRequests: true, newTickets: true, resolvedTickets: true, resolvedWithinSla: true, ticketsBreached: true, invoicesIssued: true, invoicesPaid: true, revenue: true, refunds: true } as const;

async function platform() {
  const rows = await t.db.dailyAnalytics.findMany({ orderBy: { date: "asc" }, select: { date: true, ...FIGURES } });
  return rows.map(({ date, ...r }) => ({ date: date.toISOString().slice(0, 10), ...r }));
}
async function revenue() {
  const rows = await t.db.dailyRevenue.findMany({ orderBy: [{ date: "asc" }, { purpose: "asc" }], select: { date: true, purpose: true, currency: true, invoices: true, net: true, vat: true, gross: true, refunds: true } });
  return rows.map(({ date, ...r }) => ({ date: date.toISOString().slice(0, 10), ...r }));
}
async function categories() {
  const rows = await t.db.dailyCategoryAnalytics.findMany({ orderBy: [{ date: "asc" }, { categoryId: "asc" }], select: { date: true, category: { select: { slug: true } }, newRequests: true, completedRequests: true, cancelledRequests: true } });
  return rows.map(({ date, category, ...r }) => ({ date: date.toISOString().slice(0, 10), category: category.slug, ...r }));
}

const zero = { newUsers: 0, newClients: 0, newProviders: 0, newRequests: 0, completedRequests: 0, cancelledRequests: 0, newTickets: 0, resolvedTickets: 0, resolvedWithinSla: 0, ticketsBreached: 0, invoicesIssued: 0, invoicesPaid: 0, revenue: 0, refunds: 0 };
const DAY_A = { ...zero, date: A, newUsers: 2, newClients: 1, newProviders: 1, newRequests: 2, newTickets: 2, ticketsBreached: 1, invoicesIssued: 3, invoicesPaid: 1, revenue: 11_500 };
const DAY_B = { ...zero, date: B, newUsers: 1, newProviders: 1, newRequests: 1, completedRequests: 1, cancelledRequests: 1, newTickets: 1, resolvedTickets: 2, resolvedWithinSla: 1, ticketsBreached: 1, invoicesIssued: 1, invoicesPaid: 2, revenue: 20_700 + 5_750, refunds: 11_500 };
const REVENUE = [
  { date: A, purpose: "verification", currency: "SAR", invoices: 1, net: 10_000, vat: 1_500, gross: 11_500, refunds: 0 },
  { date: B, purpose: "verification", currency: "SAR", invoices: 1, net: 5_000, vat: 750, gross: 5_750, refunds: 11_500 },
  { date: B, purpose: "promotion", currency: "SAR", invoices: 1, net: 18_000, vat: 2_700, gross: 20_700, refunds: 0 },
];
const CATEGORIES = [
  { date: A, category: "t-maint", newRequests: 2, completedRequests: 0, cancelledRequests: 0 },
  { date: B, category: "t-maint", newRequests: 0, completedRequests: 1, cancelledRequests: 0 },
  { date: B, category: "t-clean", newRequests: 1, completedRequests: 0, cancelledRequests: 1 },
];
// Enum order in PostgreSQL sorts verification before promotion.
const sortRevenue = <T extends { date: string; purpose: string }>(rows: T[]) => [...rows].sort((x, y) => x.date.localeCompare(y.date) || x.purpose.localeCompare(y.purpose));

describe("daily rollups", () => {
  it("should compute each Riyadh day's figures as worked out by hand", async () => {
    await rollupRange(t.db, { from: A, to: B });
    expect(await platform()).toEqual([DAY_A, DAY_B]);
    expect(sortRevenue(await revenue())).toEqual(sortRevenue(REVENUE));
    expect(await categories()).toEqual(CATEGORIES);
  });

  it("should give the same rows when run again and when a wider backfill overlaps", async () => {
    await rollupRange(t.db, { from: A, to: B });
    await rollupRange(t.db, { from: B, to: B });
    expect(await platform()).toEqual([DAY_A, DAY_B]);
    expect(await t.db.dailyRevenue.count()).toBe(3);
    expect(await t.db.dailyCategoryAnalytics.count()).toBe(3);

    const out = await backfillRollups(t.db, { from: "2026-01-09", to: "2026-01-12" });
    expect(out.days).toBe(4);
    expect(await platform()).toEqual([{ ...zero, date: "2026-01-09" }, DAY_A, DAY_B, { ...zero, date: "2026-01-12" }]);
    expect(sortRevenue(await revenue())).toEqual(sortRevenue(REVENUE));
    expect(await categories()).toEqual(CATEGORIES);
  });

  it("should refuse a malformed or reversed range", async () => {
    await expect(rollupRange(t.db, { from: B, to: A })).rejects.toThrow(/from must not be after to/);
    await expect(rollupRange(t.db, { from: "2026-02-30", to: "2026-03-01" })).rejects.toThrow(/YYYY-MM-DD/);
  });

  it("should compute yesterday and today from the job by the clock", async () => {
    await t.db.dailyAnalytics.deleteMany();
    const deps = { ...t, clock: manualClock(at("2026-01-11T09:00:00Z")) };
    expect((await runAnalyticsJob(deps, logger("silent"), "today")).day).toBe(B);
    expect((await runAnalyticsJob(deps, logger("silent"), "yesterday")).day).toBe(A);
    expect(await platform()).toEqual([DAY_A, DAY_B]);
  });

  it("should backfill a range from the command line", async () => {
    await t.db.dailyAnalytics.deleteMany();
    await t.db.dailyRevenue.deleteMany();
    const run = promisify(execFile);
    const env = { ...process.env, DATABASE_URL: t.url, LOG_LEVEL: "silent" };
    const out = await run(process.execPath, ["--import", "tsx", "src/analytics-backfill.ts", "--from", A, "--to", B], { env });
    expect(out.stdout).toContain("Backfilled 2 day(s)");
    expect(await platform()).toEqual([DAY_A, DAY_B]);
    expect(sortRevenue(await revenue())).toEqual(sortRevenue(REVENUE));
    const bad = await run(process.execPath, ["--import", "tsx", "src/analytics-backfill.ts", "--from", B, "--to", A], { env }).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining("from must not be after to") });
  }, 60_000);
});
