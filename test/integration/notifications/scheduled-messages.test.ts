/**
 * Scheduled messages against a real database, real queues and a loopback SMTP server: payment
 * reminders 1, 3 and 7 days after issue (a manual clock), each step once, none after payment;
 * the support leads' morning digest; and finance emailing an invoice again from the panel
 * (audited), which other roles may not do.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Invoice, User } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { startApp, type RunningApp } from "../../support/app-server.js";
import { signIn, type AdminAgent } from "../../support/admin-client.js";
import { createStaff, createUser } from "../../support/factories.js";
import { startSmtpSink, type SmtpSink } from "../../support/smtp-sink.js";
import { drainQueues, type Handler } from "../../support/jobs.js";
import { smtpMailSender } from "../../../src/platform/mail.js";
import { logger } from "../../../src/platform/logger.js";
import { manualClock } from "../../../src/platform/clock.js";
import { systemCtx } from "../../../src/platform/context.js";
import type { Deps } from "../../../src/platform/deps.js";
import { DOMAIN_EVENTS_QUEUE } from "../../../src/platform/events.js";
import { dispatchHandler, deliveryHandler } from "../../../jobs/domain-events.job.js";
import { subscribeNotifications, DELIVERIES } from "../../../jobs/notifications.job.js";
import { runInvoiceReminders, runSupportDigest } from "../../../jobs/scheduled-messages.job.js";
import { createInvoiceInTx, markInvoicePaidManually } from "../../../src/domains/billing/index.js";
import { sendDelivery } from "../../../src/domains/notifications/index.js";

const DAY = 24 * 3600_000;
const log = logger("silent");
const PASSWORD = "scheduled-messages-password";
let t: TestDatabase;
let smtp: SmtpSink;
let app: RunningApp;
let deps: Deps;
const clock = manualClock();
const agents: Record<string, AdminAgent> = {};
const staff: Record<string, User> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startSmtpSink();
  deps = { ...t, clock, mail: smtpMailSender(smtp.url, "Nawafeth <no-reply@nawafeth.test>") };
  app = await startApp({ ...t, mail: deps.mail });
  subscribeNotifications();
  for (const role of ["finance", "admin", "support"] as const) {
    staff[role] = await createStaff(t.db, role, PASSWORD, "en");
    agents[role] = await signIn(app.url, staff[role]!.email!, PASSWORD);
  }
}, 120_000);
afterAll(async () => {
  await app?.close();
  await smtp?.close();
  await t?.close();
});

const send: Handler = async (job) => void (await sendDelivery(deps, (job.data as { deliveryId: number }).deliveryId));
const runWorker = () =>
  drainQueues(t.boss, [
    [DOMAIN_EVENTS_QUEUE, dispatchHandler(deps, log)],
    ["domain-event-deliveries", deliveryHandler(deps, log)],
    [DELIVERIES.name, send],
  ]);
const mailsTo = (email: string) => smtp.mails.filter((m) => JSON.stringify(m.to).includes(email));
const line = { descriptionAr: "رسوم شارة التوثيق", descriptionEn: "Verification badge fee", quantity: 1, unitAmount: 10_000 };

async function issuedInvoice(language: "ar" | "en"): Promise<{ invoice: Invoice; user: User }> {
  const user = await createUser(t.db, { email: `payer${Date.now()}${Math.random().toString(36).slice(2, 6)}@example.test`, language });
  const invoice = await t.db.$transaction((tx) => createInvoiceInTx(t, systemCtx(), tx, { userId: user.id, purpose: "verification", lines: [line], issue: true }));
  return { invoice, user };
}
/** Runs the reminder job at issue time + `days`, then the worker; returns how many it reminded. */
async function remindAt(invoice: Invoice, days: number): Promise<number> {
  clock.set(new Date(invoice.issuedAt!.getTime() + days * DAY));
  const { reminded } = await runInvoiceReminders(deps, log);
  await runWorker();
  return reminded;
}

describe("payment reminders", () => {
  it("should remind 1, 3 and 7 days after issue, once each, in the customer's language", async () => {
    const { invoice, user } = await issuedInvoice("ar");
    await remindAt(invoice, 0.5);
    expect(mailsTo(user.email!)).toHaveLength(0);
    await remindAt(invoice, 1.01);
    await smtp.waitFor(1);
    let mails = mailsTo(user.email!);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("تذكير بالدفع");
    expect(mails[0]!.html).toContain('dir="rtl"');
    expect(mails[0]!.text).toContain(invoice.number);
    expect(mails[0]!.text).toContain("115.00"); // 100 + 15% VAT

    // The same day again, and again: nothing more.
    await remindAt(invoice, 1.5);
    await remindAt(invoice, 2.9);
    expect(mailsTo(user.email!)).toHaveLength(1);
    expect(await remindAt(invoice, 3.01)).toBe(1);
    expect(await remindAt(invoice, 3.02)).toBe(0);
    expect(await remindAt(invoice, 7.01)).toBe(1);
    expect(await remindAt(invoice, 30)).toBe(0);
    mails = mailsTo(user.email!);
    expect(mails).toHaveLength(3);
    expect(mails.map((m) => /\((.+)\)/.exec(m.text ?? "")?.[1])).toEqual(["الأيام منذ إصدارها: 1", "الأيام منذ إصدارها: 3", "الأيام منذ إصدارها: 7"]);
    expect(await t.db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({ reminderCount: 3 });
    expect(await t.db.notification.count({ where: { userId: user.id, templateKey: "billing.invoice.reminder" } })).toBe(3);
  });

  it("should stop once the invoice is paid", async () => {
    const { invoice, user } = await issuedInvoice("en");
    expect(await remindAt(invoice, 1.01)).toBe(1);
    expect(mailsTo(user.email!).map((m) => m.subject)).toEqual(["Payment reminder"]);
    await markInvoicePaidManually(t, { actor: { type: "staff", id: staff.finance!.id } }, invoice.id, { reason: "bank transfer", reference: "TRX-1" });
    expect(await remindAt(invoice, 3.01)).toBe(0);
    expect(await remindAt(invoice, 7.01)).toBe(0);
    expect(mailsTo(user.email!).filter((m) => m.subject === "Payment reminder")).toHaveLength(1);
  });

  it("should send one reminder, not a burst, for an invoice whose steps passed while the job was down", async () => {
    const { invoice, user } = await issuedInvoice("en");
    expect(await remindAt(invoice, 8)).toBe(1);
    expect(mailsTo(user.email!)).toHaveLength(1);
    expect(mailsTo(user.email!)[0]!.text).toContain("7 day(s) since it was issued");
  });

  it("should remind each step once when two jobs run at the same moment", async () => {
    const { invoice } = await issuedInvoice("en");
    clock.set(new Date(invoice.issuedAt!.getTime() + 1.01 * DAY));
    const both = await Promise.all([runInvoiceReminders(deps, log), runInvoiceReminders(deps, log)]);
    expect(both.reduce((s, r) => s + r.reminded, 0)).toBeGreaterThanOrEqual(1);
    expect(await t.db.eventLog.count({ where: { name: "billing.invoice.reminder", entityId: String(invoice.id) } })).toBe(1);
  });
});

describe("the morning digest", () => {
  it("should email each team lead their team's open, breached and unassigned tickets, once a day", async () => {
    const lead = await createStaff(t.db, "support", PASSWORD, "en");
    const team = await t.db.supportTeam.create({ data: { code: `digest-${Date.now()}`, nameAr: "فريق الصباح", nameEn: "Morning Team", leadId: lead.id } });
    const requester = await createUser(t.db);
    const ticket = (n: number, extra: object) => t.db.supportTicket.create({ data: { code: `TCK-D${Date.now() % 1e6}${n}`, requesterId: requester.id, type: "inquiry", subject: `Question ${n}`, description: "…", assignedTeamId: team.id, ...extra } });
    await ticket(1, { status: "new" });
    await ticket(2, { status: "in_progress", assignedToId: lead.id, firstResponseBreachedAt: new Date() });
    await ticket(3, { status: "triaged", assignedToId: lead.id });
    await ticket(4, { status: "closed" });

    clock.set(new Date("2026-12-05T04:30:00Z")); // 07:30 in Riyadh
    await runSupportDigest(deps, log);
    await runWorker();
    const mails = mailsTo(lead.email!);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Morning summary: Morning Team");
    expect(mails[0]!.text).toContain("Open: 3");
    expect(mails[0]!.text).toContain("Past their deadline: 1");
    expect(mails[0]!.text).toContain("Unassigned: 1");

    // A retried job the same morning sends nothing; the next morning sends again.
    await runSupportDigest(deps, log);
    await runWorker();
    expect(mailsTo(lead.email!)).toHaveLength(1);
    clock.set(new Date("2026-12-06T04:30:00Z"));
    await runSupportDigest(deps, log);
    await runWorker();
    expect(mailsTo(lead.email!)).toHaveLength(2);
  });
});

describe("emailing an invoice again from the panel", () => {
  const action = (id: number) => `/admin/api/resources/Invoice/records/${id}/resendEmail`;

  it("should queue the invoice email for finance, audit it, and deliver it", async () => {
    const { invoice, user } = await issuedInvoice("en");
    const res = await agents.finance!.post(action(invoice.id)).send({});
    expect(res.body.notice).toEqual({ type: "success", message: "invoiceEmailQueued" });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "notifications.invoice_email.resend", entityId: String(invoice.id) } });
    expect(audit.actorId).toBe(staff.finance!.id);
    await runWorker();
    const mails = mailsTo(user.email!);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("New invoice");
    expect(mails[0]!.text).toContain(invoice.number);
    // Admins may too.
    expect((await agents.admin!.post(action(invoice.id)).send({})).body.notice).toMatchObject({ type: "success" });
  });

  it("should refuse support staff and leave nothing queued", async () => {
    const { invoice } = await issuedInvoice("en");
    const res = await agents.support!.post(action(invoice.id)).send({});
    expect(JSON.stringify(res.body)).toMatch(/ForbiddenError|forbidden/i);
    expect(await t.db.auditLog.count({ where: { action: "notifications.invoice_email.resend", entityId: String(invoice.id) } })).toBe(0);
  });

  it("should refuse a draft invoice with a notice", async () => {
    const user = await createUser(t.db, { email: `draft${Date.now()}@example.test` });
    const draft = await t.db.$transaction((tx) => createInvoiceInTx(t, systemCtx(), tx, { userId: user.id, purpose: "verification", lines: [line], issue: false }));
    const res = await agents.finance!.post(action(draft.id)).send({});
    expect(JSON.stringify(res.body)).toMatch(/ForbiddenError|Only an issued or paid invoice/);
  });
});
