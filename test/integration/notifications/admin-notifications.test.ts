/**
 * Notifications in the panel over HTTP, as staff use it: templates refused with field errors in
 * the staff member's language (unknown variables, a missing language, a kind or channel the
 * catalog does not have); the preview in both languages with the email as sent; a test sent to
 * oneself that reaches a loopback SMTP server; the map of events; a notification's deliveries;
 * a failed delivery sent again; broadcast drafts checked; and the roles that may not do these.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { startApp, type RunningApp } from "../../support/app-server.js";
import { signIn, type AdminAgent } from "../../support/admin-client.js";
import { createStaff, createUser } from "../../support/factories.js";
import { startSmtpSink, type SmtpSink } from "../../support/smtp-sink.js";
import { drainQueues } from "../../support/jobs.js";
import { smtpMailSender } from "../../../src/platform/mail.js";
import type { Deps } from "../../../src/platform/deps.js";
import { DELIVERIES } from "../../../jobs/notifications.job.js";
import { EVENT_RULES, sendDelivery } from "../../../src/domains/notifications/index.js";

let t: TestDatabase;
let smtp: SmtpSink;
let deps: Deps;
let app: RunningApp;
const PASSWORD = "notifications-panel-password";
const agents: Record<string, AdminAgent> = {};
const staff: Record<string, User> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startSmtpSink();
  deps = { ...t, mail: smtpMailSender(smtp.url, "Nawafeth <no-reply@nawafeth.test>") };
  app = await startApp({ ...t, mail: deps.mail });
  for (const [name, role, lang] of [["content", "content", "en"], ["contentAr", "content", "ar"], ["support", "support", "en"], ["finance", "finance", "en"], ["management", "management", "en"], ["admin", "admin", "en"]] as const) {
    staff[name] = await createStaff(t.db, role, PASSWORD, lang);
    agents[name] = await signIn(app.url, staff[name]!.email!, PASSWORD);
  }
}, 120_000);
afterAll(async () => {
  await app?.close();
  await smtp?.close();
  await t?.close();
});

const forbidden = (body: unknown) => /ForbiddenError|forbiddenError|anyForbiddenError/.test(JSON.stringify(body));
const TEMPLATES = "/admin/api/resources/NotificationTemplate";

async function template(key: string, channel: "email" | "in_app" | "push" | "sms", words: { subjectAr?: string | null; subjectEn?: string | null; bodyAr: string; bodyEn: string }) {
  return t.db.notificationTemplate.create({ data: { key, channel, subjectAr: words.subjectAr ?? null, subjectEn: words.subjectEn ?? null, bodyAr: words.bodyAr, bodyEn: words.bodyEn } });
}

describe("saving a template", () => {
  it("should refuse unknown variables and a missing language, on the fields, in the staff member's language", async () => {
    const tpl = await template("marketplace.request.completed", "email", { subjectAr: "اكتمل طلبك", subjectEn: "Job done", bodyAr: "اكتمل «{{requestTitle}}».", bodyEn: "\"{{requestTitle}}\" is complete." });
    const res = await agents.content!.post(`${TEMPLATES}/records/${tpl.id}/edit`).type("form").send({ subjectAr: "", bodyEn: "Hi {{clientName}}, \"{{requestTitle}}\" is done." });
    expect(res.body.notice).toMatchObject({ type: "error", message: "Not saved: fix the fields marked below." });
    expect(res.body.record.errors.subjectAr.message).toBe("is required");
    expect(res.body.record.errors.bodyEn.message).toBe("uses a variable this notification does not have (clientName); available: requestTitle");
    expect(await t.db.notificationTemplate.findUniqueOrThrow({ where: { id: tpl.id } })).toMatchObject({ subjectAr: "اكتمل طلبك", bodyEn: tpl.bodyEn });

    const ar = await agents.contentAr!.post(`${TEMPLATES}/records/${tpl.id}/edit`).type("form").send({ bodyAr: "مرحبا {{name}}" });
    expect(ar.body.record.errors.bodyAr.message).toBe("يستخدم متغيرًا غير متاح لهذا الإشعار (name)؛ المتاح: requestTitle");
    expect(ar.body.notice.message).toBe("لم يُحفظ: صحّح الحقول المشار إليها أدناه.");
  });

  it("should save a valid edit, but never its key or channel", async () => {
    const tpl = await template("reviews.review.created", "push", { subjectAr: "تقييم جديد", subjectEn: "New review", bodyAr: "حصلت على {{rating}} من 5.", bodyEn: "You got {{rating}} out of 5." });
    const res = await agents.content!.post(`${TEMPLATES}/records/${tpl.id}/edit`).type("form").send({ bodyEn: "{{rating}}/5 for \"{{requestTitle}}\"", key: "billing.invoice.paid", channel: "email", isActive: "false" });
    expect(res.body.notice?.type).toBe("success");
    expect(await t.db.notificationTemplate.findUniqueOrThrow({ where: { id: tpl.id } })).toMatchObject({ key: "reviews.review.created", channel: "push", bodyEn: "{{rating}}/5 for \"{{requestTitle}}\"", isActive: false });
  });

  it("should create a template only for a kind and channel of the catalog, with the kind's variables", async () => {
    const words = { subjectAr: "تم سحب عرض", subjectEn: "An offer was withdrawn", bodyAr: "سُحب عرض على «{{requestTitle}}».", bodyEn: "An offer for \"{{requestTitle}}\" was withdrawn." };
    const unknownKind = await agents.content!.post(`${TEMPLATES}/actions/new`).type("form").send({ ...words, key: "marketing.spam", channel: "email" });
    expect(unknownKind.body.record.errors.key.message).toBe("is not a notification the catalog knows");
    const broadcast = await agents.content!.post(`${TEMPLATES}/actions/new`).type("form").send({ ...words, key: "notifications.broadcast", channel: "email" });
    expect(broadcast.body.record.errors.key).toBeDefined();
    const wrongChannel = await agents.content!.post(`${TEMPLATES}/actions/new`).type("form").send({ ...words, key: "marketplace.offer.withdrawn", channel: "sms" });
    expect(wrongChannel.body.record.errors.channel.message).toBe("this notification is not sent on this channel (it uses: in_app)");
    expect(await t.db.notificationTemplate.count({ where: { key: { in: ["marketing.spam", "notifications.broadcast", "marketplace.offer.withdrawn"] } } })).toBe(0);

    const ok = await agents.content!.post(`${TEMPLATES}/actions/new`).type("form").send({ ...words, key: "marketplace.offer.withdrawn", channel: "in_app", variables: "[\"evil\"]" });
    expect(ok.body.notice?.type).toBe("success");
    expect(await t.db.notificationTemplate.findFirstOrThrow({ where: { key: "marketplace.offer.withdrawn", channel: "in_app" } })).toMatchObject({ variables: ["requestTitle"], subjectEn: "An offer was withdrawn" });
  });

  it("should refuse support and finance editing or creating templates, and leave them as they were", async () => {
    const tpl = await template("billing.invoice.paid", "email", { subjectAr: "تم استلام الدفع", subjectEn: "Payment received", bodyAr: "استلمنا {{amount}} ريال.", bodyEn: "We received SAR {{amount}}." });
    for (const role of ["support", "finance", "management"]) {
      const edit = await agents[role]!.post(`${TEMPLATES}/records/${tpl.id}/edit`).type("form").send({ bodyEn: `Edited by ${role}` });
      expect(forbidden(edit.body), role).toBe(true);
      const created = await agents[role]!.post(`${TEMPLATES}/actions/new`).type("form").send({ key: "billing.invoice.voided", channel: "email", subjectAr: "أ", subjectEn: "a", bodyAr: "ب", bodyEn: "b" });
      expect(forbidden(created.body), role).toBe(true);
      const test = await agents[role]!.post(`${TEMPLATES}/records/${tpl.id}/sendTest`).send({});
      expect(forbidden(test.body), role).toBe(true);
    }
    expect((await t.db.notificationTemplate.findUniqueOrThrow({ where: { id: tpl.id } })).bodyEn).toBe("We received SAR {{amount}}.");
    expect(await t.db.notificationTemplate.count({ where: { key: "billing.invoice.voided" } })).toBe(0);
    expect(await t.db.notification.count({ where: { templateKey: "billing.invoice.paid" } })).toBe(0);
  });
});

describe("preview and test", () => {
  it("should preview the kind on each channel in Arabic and English, the email as the HTML that is sent", async () => {
    const tpl = await template("marketplace.offer.accepted", "email", { subjectAr: "قبل {{clientName}} عرضك", subjectEn: "{{clientName}} accepted your offer", bodyAr: "على «{{requestTitle}}».", bodyEn: "For \"{{requestTitle}}\"." });
    const res = await agents.support!.get(`${TEMPLATES}/records/${tpl.id}/preview`);
    const preview = res.body.preview;
    expect(preview.variables).toEqual({ requestTitle: "تركيب مكيف سبليت", clientName: "سارة" });
    expect(preview.previews.map((p: { channel: string; source: string }) => [p.channel, p.source])).toEqual([["email", "this"], ["in_app", "default"], ["push", "default"]]);
    const email = preview.previews[0];
    expect(email.en).toMatchObject({ subject: "سارة accepted your offer", body: "For \"تركيب مكيف سبليت\"." });
    expect(email.ar.subject).toBe("قبل سارة عرضك");
    expect(email.ar.html).toContain('<html lang="ar" dir="rtl">');
    expect(email.en.html).toContain('<html lang="en" dir="ltr">');
    expect(email.en.html).toContain("For &quot;تركيب مكيف سبليت&quot;.");
    expect(preview.previews[1].en).toEqual({ subject: "Your offer was accepted", body: "سارة accepted your offer for \"تركيب مكيف سبليت\". Say hello in the chat." });
  });

  it("should email a test of the template's words to the staff member, through the real sending path", async () => {
    const tpl = await template("billing.invoice.issued", "email", { subjectAr: "فاتورة {{number}}", subjectEn: "Invoice {{number}} is ready", bodyAr: "المبلغ {{total}} ريال.", bodyEn: "Total: SAR {{total}}." });
    await t.db.notificationTemplate.update({ where: { id: tpl.id }, data: { isActive: false } }); // a draft being tried out
    const before = smtp.mails.length;
    const res = await agents.content!.post(`${TEMPLATES}/records/${tpl.id}/sendTest`).send({});
    expect(res.body.notice).toMatchObject({ type: "success", message: "templateTestSent" });
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    expect(JSON.stringify(mail!.to)).toContain(staff.content!.email!);
    expect(mail!.subject).toBe("Invoice NWF-2026-000123 is ready");
    expect(mail!.text).toContain("Total: SAR 115.00.");
    const n = await t.db.notification.findFirstOrThrow({ where: { userId: staff.content!.id, templateKey: "billing.invoice.issued" }, include: { deliveries: true } });
    expect(n).toMatchObject({ titleEn: "Invoice NWF-2026-000123 is ready", titleAr: "فاتورة NWF-2026-000123", category: "staff" });
    const byChannel = Object.fromEntries(n.deliveries.map((d) => [d.channel, d]));
    expect(byChannel.in_app).toMatchObject({ status: "sent" });
    expect(byChannel.email).toMatchObject({ status: "sent", attempts: 1, recipient: staff.content!.email });
    expect(byChannel.email!.providerMessageId).toContain(`delivery-${byChannel.email!.id}@`);
    // The queued job finds it sent and sends nothing again.
    await drainQueues(t.boss, [[DELIVERIES.name, async (j) => void (await sendDelivery(deps, (j.data as { deliveryId: number }).deliveryId))]]);
    expect(smtp.mails.length).toBe(before + 1);
    expect(await t.db.auditLog.count({ where: { action: "notifications.template.test", entityId: String(tpl.id) } })).toBe(1);
  });

  it("should show every event rule with who is told and whether each channel has a stored template", async () => {
    const res = await agents.support!.get(`${TEMPLATES}/actions/events`);
    expect(res.body.rules).toHaveLength(EVENT_RULES.length);
    expect(res.body.canCreate).toBe(false);
    const accepted = res.body.rules.find((r: { event: string }) => r.event === "marketplace.offer.accepted");
    expect(accepted).toMatchObject({ who: "provider", kind: "marketplace.offer.accepted", category: "offers", urgent: false });
    const email = await t.db.notificationTemplate.findFirstOrThrow({ where: { key: "marketplace.offer.accepted", channel: "email" } });
    expect(accepted.channels).toEqual([{ channel: "in_app", templateId: null, active: false }, { channel: "push", templateId: null, active: false }, { channel: "email", templateId: email.id, active: true }]);
    expect(res.body.rules.find((r: { event: string }) => r.event === "support.ticket.status_changed")).toMatchObject({ onlyWhen: "ticket_resolved", who: "ticket_owner" });
    expect(res.body.otherKinds.map((k: { kind: string }) => k.kind)).toContain("notifications.broadcast");
    expect((await agents.content!.get(`${TEMPLATES}/actions/events`)).body.canCreate).toBe(true);
    expect(forbidden((await agents.management!.get(`${TEMPLATES}/actions/events`)).body)).toBe(true);
    expect(forbidden((await agents.finance!.get(`${TEMPLATES}/actions/events`)).body)).toBe(true);
  });
});

describe("deliveries", () => {
  async function failedEmail() {
    const user = await createUser(t.db, { email: `failed.${Date.now()}@example.test`, language: "en" });
    const n = await t.db.notification.create({ data: { userId: user.id, templateKey: "billing.invoice.paid", category: "payments", titleAr: "تم استلام الدفع", titleEn: "Payment received", bodyAr: "شكرًا", bodyEn: "Thank you", data: { vars: { number: "NWF-1", amount: "10.00" } } } });
    const email = await t.db.notificationDelivery.create({ data: { notificationId: n.id, channel: "email", status: "failed", recipient: user.email, attempts: 5, error: "gave up after 5 attempts: 421 try later", failedAt: new Date() } });
    const inApp = await t.db.notificationDelivery.create({ data: { notificationId: n.id, channel: "in_app", status: "sent", recipient: `user:${user.id}`, sentAt: new Date() } });
    return { user, n, email, inApp };
  }

  it("should list a notification's deliveries on its page, and filter deliveries by status and channel", async () => {
    const { n, email } = await failedEmail();
    const related = await agents.support!.get(`/admin/api/resources/Notification/records/${n.id}/related`);
    const group = related.body.groups.find((g: { model: string }) => g.model === "NotificationDelivery");
    expect(group.total).toBe(2);
    expect(group.records.find((r: { id: string }) => Number(r.id) === email.id).params).toMatchObject({ channel: "email", status: "failed", attempts: 5, error: "gave up after 5 attempts: 421 try later" });
    const list = await agents.support!.get("/admin/api/resources/NotificationDelivery/actions/list?filters.status=failed&filters.channel=email&perPage=50");
    expect(list.body.records.length).toBeGreaterThan(0);
    expect(list.body.records.every((r: { params: { status: string; channel: string } }) => r.params.status === "failed" && r.params.channel === "email")).toBe(true);
  });

  it("should send a failed delivery again when support asks, and only a failed one", async () => {
    const { user, email, inApp } = await failedEmail();
    expect(forbidden((await agents.finance!.post(`/admin/api/resources/NotificationDelivery/records/${email.id}/retry`).send({})).body)).toBe(true);
    expect(forbidden((await agents.support!.post(`/admin/api/resources/NotificationDelivery/records/${inApp.id}/retry`).send({})).body)).toBe(true);
    // GET only shows the confirmation.
    await agents.support!.get(`/admin/api/resources/NotificationDelivery/records/${email.id}/retry`);
    expect((await t.db.notificationDelivery.findUniqueOrThrow({ where: { id: email.id } })).status).toBe("failed");

    const res = await agents.support!.post(`/admin/api/resources/NotificationDelivery/records/${email.id}/retry`).send({});
    expect(res.body.notice).toMatchObject({ type: "success", message: "deliveryRequeued" });
    expect(await t.db.notificationDelivery.findUniqueOrThrow({ where: { id: email.id } })).toMatchObject({ status: "queued", failedAt: null });
    const before = smtp.mails.length;
    await drainQueues(t.boss, [[DELIVERIES.name, async (j) => void (await sendDelivery(deps, (j.data as { deliveryId: number }).deliveryId))]]);
    expect(await t.db.notificationDelivery.findUniqueOrThrow({ where: { id: email.id } })).toMatchObject({ status: "sent", attempts: 6, error: null });
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    expect(JSON.stringify(mail!.to)).toContain(user.email!);
    expect(await t.db.auditLog.count({ where: { action: "notifications.delivery.retry", entityId: String(email.id) } })).toBe(1);
  });
});

describe("broadcast drafts", () => {
  const BROADCASTS = "/admin/api/resources/Broadcast";
  const valid = { titleAr: "تحديث التطبيق", titleEn: "App update", bodyAr: "حدّث التطبيق.", bodyEn: "Update the app.", segment: "providers_in_city", city: "Riyadh", "channels.0": "in_app" };

  it("should refuse a draft without its Arabic, its city or a channel, in the staff member's language", async () => {
    const { "channels.0": _channel, ...noChannel } = valid;
    const res = await agents.contentAr!.post(`${BROADCASTS}/actions/new`).type("form").send({ ...noChannel, titleAr: "", city: "", channels: "__FORM_VALUE_EMPTY_ARRAY__" });
    expect(res.body.record.errors).toMatchObject({ titleAr: { message: "هذا الحقل مطلوب" }, city: { message: "اختر مدينة مزودي الخدمة المستهدفين" }, channels: { message: "اختر قناة واحدة على الأقل" } });
    expect(await t.db.broadcast.count()).toBe(0);
  });

  it("should save a draft as its author, open its progress page, and let only content and admin send it", async () => {
    const res = await agents.content!.post(`${BROADCASTS}/actions/new`).type("form").send({ ...valid, subcategoryId: "5", createdBy: String(staff.admin!.id), status: "completed", total: "99" });
    expect(res.body.notice?.type).toBe("success");
    const b = await t.db.broadcast.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(b).toMatchObject({ status: "draft", total: 0, createdById: staff.content!.id, city: "Riyadh", subcategoryId: null, channels: ["in_app"] });
    expect(res.body.redirectUrl).toBe(`/admin/resources/Broadcast/records/${b.id}/progress`);

    const page = await agents.content!.get(`${BROADCASTS}/records/${b.id}/progress`);
    expect(page.body.workspace).toMatchObject({ status: "draft", audience: 0, segment: "providers_in_city", city: "Riyadh" });
    for (const role of ["support", "finance", "management"]) expect(forbidden((await agents[role]!.post(`${BROADCASTS}/records/${b.id}/progress`).send({ op: "send" })).body), role).toBe(true);
    expect((await t.db.broadcast.findUniqueOrThrow({ where: { id: b.id } })).status).toBe("draft");

    const sent = await agents.content!.post(`${BROADCASTS}/records/${b.id}/progress`).send({ op: "send" });
    expect(sent.body.notice).toMatchObject({ type: "success", message: "broadcastStarted" });
    expect(sent.body.workspace.status).toBe("sending");
    // Sent: no longer editable, by anyone.
    const edit = await agents.admin!.post(`${BROADCASTS}/records/${b.id}/edit`).type("form").send({ titleEn: "Changed" });
    expect(forbidden(edit.body)).toBe(true);
    const again = await agents.content!.post(`${BROADCASTS}/records/${b.id}/progress`).send({ op: "send" });
    expect(again.body.notice).toMatchObject({ type: "error", message: "This cannot be done in the current state." });
  });
});
