/**
 * The management reports against hand-computed fixtures (November 2026, Riyadh time), their
 * download from the panel, and a scheduled monthly revenue report arriving by email with the
 * XLSX attached at a loopback SMTP server.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startApp, type RunningApp } from "../support/app-server.js";
import { createProvider, createStaff, createUser } from "../support/factories.js";
import { signIn, type AdminAgent } from "../support/admin-client.js";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.js";
import { manualClock } from "../../src/platform/clock.js";
import { smtpMailSender } from "../../src/platform/mail.js";
import { logger } from "../../src/platform/logger.js";
import { nextRunAfter, previousPeriod, reportPeriod, runReport } from "../../src/domains/reports/index.js";
import { runReportsDue } from "../../jobs/reports.job.js";

let t: TestDatabase;
let app: RunningApp;
let sink: SmtpSink;
const PASSWORD = "reports-test-password";
let management: AdminAgent;
let support: AdminAgent;
const NOV = reportPeriod("2026-11-01", "2026-11-30");
const at = (iso: string) => new Date(iso);
const u = `${process.pid}${Date.now() % 100000}`;
let providers: { id: number; displayName: string }[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  [app, sink] = await Promise.all([startApp(t), startSmtpSink()]);
  management = await signIn(app.url, (await createStaff(t.db, "management", PASSWORD)).email!, PASSWORD);
  support = await signIn(app.url, (await createStaff(t.db, "support", PASSWORD)).email!, PASSWORD);
  const db = t.db;
  const alpha = await db.category.create({ data: { nameAr: "ألفا", nameEn: "Alpha", slug: `alpha-${u}` } });
  const beta = await db.category.create({ data: { nameAr: "بيتا", nameEn: "Beta", slug: `beta-${u}` } });
  const alphaSub = await db.subcategory.create({ data: { categoryId: alpha.id, nameAr: "ألفا ١", nameEn: "Alpha 1", slug: `alpha1-${u}` } });
  const p1 = await createProvider(db, { displayName: "مزود واحد" });
  const p2 = await createProvider(db, { displayName: "Provider Two" });
  const p3 = await createProvider(db, { displayName: "Provider Three" });
  providers = [p1, p2, p3];
  await db.providerCategory.create({ data: { providerId: p1.id, subcategoryId: alphaSub.id } });
  const client = await createUser(db);

  // Invoices: [user, purpose, total, vat, refunded, status, paidAt]
  let n = 0;
  const invoice = (userId: number, purpose: "verification" | "promotion" | "subscription" | "extra", total: number, vat: number, paidAt: Date | null, status: "paid" | "issued" | "partially_refunded" = "paid", amountRefunded = 0) =>
    db.invoice.create({ data: { number: `R-${u}-${++n}`, userId, purpose, subtotal: total - vat, vat, total, amountPaid: paidAt ? total : 0, amountRefunded, status, paidAt, issuedAt: at("2026-10-01T00:00:00Z") } });
  await invoice(p1.userId, "verification", 11_500, 1_500, at("2026-11-05T10:00:00Z"));
  await invoice(p1.userId, "verification", 23_000, 3_000, at("2026-11-20T10:00:00Z"));
  const promoInvoice = await invoice(p2.userId, "promotion", 5_750, 750, at("2026-11-10T10:00:00Z"));
  const promoInvoice2 = await invoice(p2.userId, "promotion", 3_450, 450, at("2026-11-12T10:00:00Z"));
  await invoice(client.id, "subscription", 1_150, 150, at("2026-11-30T22:00:00Z")); // 1 Dec 01:00 in Riyadh: December
  await invoice(client.id, "extra", 2_300, 300, at("2026-10-31T22:30:00Z"), "partially_refunded", 1_000); // 1 Nov 01:30 in Riyadh
  await invoice(client.id, "extra", 9_999, 999, null, "issued");
  await db.promoRequest.create({ data: { requesterId: p2.userId, title: "Banner", placement: "home_banner", targetCategoryId: beta.id, startsAt: at("2026-11-11T00:00:00Z"), endsAt: at("2026-11-16T00:00:00Z"), days: 5, status: "approved", invoiceId: promoInvoice.id } });
  await db.promoRequest.create({ data: { requesterId: p2.userId, title: "Top", placement: "category_top", targetSubcategoryId: alphaSub.id, startsAt: at("2026-11-13T00:00:00Z"), endsAt: at("2026-11-16T00:00:00Z"), days: 3, status: "approved", invoiceId: promoInvoice2.id } });

  // Verification: submitted → decided hours: identity 2, 4, 10; business 24; plus ones outside.
  const vr = (badgeType: "identity" | "business", status: "approved" | "rejected" | "cancelled", submitted: string, hours: number) =>
    db.verificationRequest.create({ data: { requesterId: p1.userId, badgeType, status, submittedAt: at(submitted), decidedAt: new Date(at(submitted).getTime() + hours * 3_600_000) } });
  await vr("identity", "approved", "2026-11-02T08:00:00Z", 2);
  await vr("identity", "rejected", "2026-11-03T08:00:00Z", 4);
  await vr("identity", "approved", "2026-11-04T08:00:00Z", 10);
  await vr("business", "approved", "2026-11-05T08:00:00Z", 24);
  await vr("business", "cancelled", "2026-11-06T08:00:00Z", 1);
  await vr("identity", "approved", "2026-10-10T08:00:00Z", 100);

  // Support: team "Desk One" 1 of 2 first responses and 1 of 2 resolutions on time; one not yet due.
  const team = await db.supportTeam.create({ data: { code: `desk-${u}`, nameAr: "المكتب الأول", nameEn: "Desk One" } });
  let k = 0;
  const ticket = (teamId: number | null, d: Partial<Record<"firstResponseDueAt" | "firstRespondedAt" | "resolutionDueAt" | "resolvedAt", Date>>) =>
    db.supportTicket.create({ data: { code: `T-${u}-${++k}`, requesterId: client.id, type: "inquiry", subject: "s", description: "d", assignedTeamId: teamId, createdAt: at("2026-11-01T12:00:00Z"), ...d } });
  await ticket(team.id, { firstResponseDueAt: at("2026-11-02T10:00:00Z"), firstRespondedAt: at("2026-11-02T09:00:00Z"), resolutionDueAt: at("2026-11-03T10:00:00Z"), resolvedAt: at("2026-11-04T10:00:00Z") });
  await ticket(team.id, { firstResponseDueAt: at("2026-11-05T10:00:00Z"), firstRespondedAt: at("2026-11-05T11:00:00Z"), resolutionDueAt: at("2026-11-06T10:00:00Z"), resolvedAt: at("2026-11-05T12:00:00Z") });
  await ticket(team.id, { firstResponseDueAt: at("2099-01-01T00:00:00Z"), resolutionDueAt: at("2099-01-02T00:00:00Z") });
  await ticket(null, { firstResponseDueAt: at("2026-11-10T10:00:00Z"), firstRespondedAt: at("2026-11-09T10:00:00Z") });

  // Leaderboard: P3 3 completed (5, 5, 5), P1 3 completed (5, 4, none), P2 1 (3) and one in October.
  const done = async (providerId: number, completedAt: string, rating?: number) => {
    const r = await db.serviceRequest.create({ data: { title: "t", description: "d", subcategoryId: alphaSub.id, clientId: client.id, providerId, city: "Riyadh", status: "completed", completedAt: at(completedAt) } });
    if (rating) await db.review.create({ data: { requestId: r.id, providerId, clientId: client.id, rating } });
  };
  for (const r of [5, 5, 5]) await done(p3.id, "2026-11-15T10:00:00Z", r);
  await done(p1.id, "2026-11-15T10:00:00Z", 5);
  await done(p1.id, "2026-11-16T10:00:00Z", 4);
  await done(p1.id, "2026-11-17T10:00:00Z");
  await done(p2.id, "2026-11-18T10:00:00Z", 3);
  await done(p2.id, "2026-10-18T10:00:00Z", 5);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await sink?.close();
  await t?.close();
});

const MONTHLY_REVENUE_NOV = [
  ["2026-11", "Alpha", "promotion", 1, "30.00", "4.50", "34.50", "0.00", "SAR"],
  ["2026-11", "Alpha", "verification", 2, "300.00", "45.00", "345.00", "0.00", "SAR"],
  ["2026-11", "Beta", "promotion", 1, "50.00", "7.50", "57.50", "0.00", "SAR"],
  ["2026-11", "—", "extra", 1, "20.00", "3.00", "23.00", "10.00", "SAR"],
];

describe("reports", () => {
  it("should sum paid invoices by Riyadh month, category and invoice kind, with VAT", async () => {
    expect((await runReport(t, "monthly_revenue", NOV, "en")).rows).toEqual(MONTHLY_REVENUE_NOV);
  });

  it("should give verification turnaround median and p90 per badge type and overall", async () => {
    expect((await runReport(t, "verification_turnaround", NOV, "en")).rows).toEqual([
      ["identity", 3, 4, 8.8],
      ["business", 1, 24, 24],
      ["All", 4, 7, 19.8],
    ]);
  });

  it("should give SLA compliance per team over the deadlines that can be judged", async () => {
    expect((await runReport(t, "support_sla", NOV, "en", new Date("2026-12-03T00:00:00Z"))).rows).toEqual([
      ["Desk One", 3, 1, 2, 50, 1, 2, 50],
      ["—", 1, 1, 1, 100, 0, 0, null],
    ]);
  });

  it("should rank providers by completed requests, then rating", async () => {
    const [p1, p2, p3] = providers as [{ id: number; displayName: string }, { id: number; displayName: string }, { id: number; displayName: string }];
    expect((await runReport(t, "provider_leaderboard", NOV, "en")).rows).toEqual([
      [1, p3.id, p3.displayName, 3, 3, 5],
      [2, p1.id, p1.displayName, 3, 2, 4.5],
      [3, p2.id, p2.displayName, 1, 1, 3],
    ]);
  });

  it("should sum promotion revenue by placement", async () => {
    expect((await runReport(t, "promo_revenue", NOV, "en")).rows).toEqual([
      ["category_top", 1, 3, "30.00", "4.50", "34.50", "SAR"],
      ["home_banner", 1, 5, "50.00", "7.50", "57.50", "SAR"],
    ]);
  });

  it("should download a report for a period from the panel, for management but not support", async () => {
    const res = await management.get("/admin/reports/monthly_revenue.csv?from=2026-11-01&to=2026-11-30");
    expect(res.status).toBe(200);
    expect(res.headers["content-disposition"]).toContain("monthly_revenue_2026-11-01_2026-11-30.csv");
    const rows = parse(res.text.slice(1)) as string[][];
    expect(rows.slice(1)).toEqual(MONTHLY_REVENUE_NOV.map((r) => r.map(String)));
    expect((await support.get("/admin/reports/monthly_revenue.csv?from=2026-11-01&to=2026-11-30")).status).toBe(403);
    expect((await management.get("/admin/reports/monthly_revenue.csv?from=2026-11-30&to=2026-11-01")).status).toBe(400);
  });

  it("should cut weeks and months in Riyadh time", () => {
    const now = new Date("2026-12-01T04:00:00Z"); // Tuesday 1 Dec 07:00 in Riyadh
    expect(previousPeriod("monthly", now)).toEqual({ from: new Date("2026-10-31T21:00:00Z"), to: new Date("2026-11-30T21:00:00Z") });
    expect(previousPeriod("weekly", now)).toEqual({ from: new Date("2026-11-21T21:00:00Z"), to: new Date("2026-11-28T21:00:00Z") });
    expect(nextRunAfter("monthly", now)).toEqual(new Date("2027-01-01T03:00:00Z"));
    expect(nextRunAfter("weekly", now)).toEqual(new Date("2026-12-06T03:00:00Z"));
  });
});

describe("scheduled reports", () => {
  it("should email the monthly revenue report with the XLSX attached to each recipient, once per period", async () => {
    const schedule = await t.db.reportSchedule.create({ data: { report: "monthly_revenue", cadence: "monthly", format: "xlsx", language: "en", recipients: ["ceo@nawafeth.test", "cfo@nawafeth.test"], nextRunAt: new Date("2026-12-01T03:00:00Z") } });
    const deps = { ...t, clock: manualClock(new Date("2026-12-01T04:00:00Z")), mail: smtpMailSender(sink.url, "Nawafeth <reports@nawafeth.test>") };
    const r = await runReportsDue(deps, logger("silent"));
    expect(r).toEqual({ sent: [schedule.id], failed: [] });
    const mails = await sink.waitFor(2);
    expect(mails.map((m) => (Array.isArray(m.to) ? m.to[0] : m.to)!.text).sort()).toEqual(["ceo@nawafeth.test", "cfo@nawafeth.test"]);
    const mail = mails[0]!;
    expect(mail.subject).toContain("Monthly revenue");
    expect(mail.subject).toContain("2026-11-01 – 2026-11-30");
    expect(mail.attachments).toHaveLength(1);
    const file = mail.attachments[0]!;
    expect(file.filename).toBe("monthly_revenue_2026-11-01_2026-11-30.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.content as never);
    const values: unknown[][] = [];
    wb.worksheets[0]!.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values[0]![0]).toBe("Month");
    // Money cells are numbers in the workbook.
    expect(values.slice(1)).toEqual(MONTHLY_REVENUE_NOV.map((r) => r.map((v, i) => (i >= 4 && i <= 7 ? Number(v) : v))));
    expect(await t.db.reportSchedule.findUniqueOrThrow({ where: { id: schedule.id } })).toMatchObject({ nextRunAt: new Date("2027-01-01T03:00:00Z"), lastError: null });
    // The same hour again: nothing more is sent.
    expect(await runReportsDue(deps, logger("silent"))).toEqual({ sent: [], failed: [] });
    expect(sink.mails).toHaveLength(2);
  });

  it("should send a schedule whose due time was set by SQL with microseconds, once even when two passes race", async () => {
    const schedule = await t.db.reportSchedule.create({ data: { report: "promo_revenue", cadence: "weekly", format: "csv", language: "ar", recipients: ["ops@nawafeth.test"] } });
    await t.db.$executeRaw`UPDATE backoffice_reportschedule SET next_run_at = '2026-12-06T03:00:00.123456Z' WHERE id = ${schedule.id}`;
    const before = sink.mails.length;
    const deps = { ...t, clock: manualClock(new Date("2026-12-06T04:00:00Z")), mail: smtpMailSender(sink.url, "Nawafeth <reports@nawafeth.test>") };
    const [a, b] = await Promise.all([runReportsDue(deps, logger("silent")), runReportsDue(deps, logger("silent"))]);
    expect([...a.sent, ...b.sent]).toEqual([schedule.id]);
    await sink.waitFor(before + 1);
    expect(sink.mails.at(-1)!.subject).toContain("2026-11-29 – 2026-12-05");
    expect(await t.db.reportSchedule.findUniqueOrThrow({ where: { id: schedule.id } })).toMatchObject({ nextRunAt: new Date("2026-12-13T03:00:00Z"), lastError: null });
    // Both passes have returned, and a send returns only once the server has taken the mail.
    expect(sink.mails).toHaveLength(before + 1);
  });
});
