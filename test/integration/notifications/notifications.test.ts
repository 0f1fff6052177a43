/**
 * Notifications end to end in one process: an offer accepted through the API becomes an in-app
 * notification and an email (in the provider's language, right to left in Arabic) at a real SMTP
 * server on loopback, through the real pg-boss queues and handlers; a delivery job run again
 * sends nothing twice; preferences and quiet hours skip or hold channels; failures retry and end
 * in the dead-letter queue; templates refuse unknown variables.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { startApi, type RunningApi } from "../../support/api-client.js";
import { createSubcategory, createUser } from "../../support/factories.js";
import { startSmtpSink, type SmtpSink } from "../../support/smtp-sink.js";
import { drainQueues, type Handler } from "../../support/jobs.js";
import { smtpMailSender } from "../../../src/platform/mail.js";
import { logger } from "../../../src/platform/logger.js";
import { manualClock } from "../../../src/platform/clock.js";
import type { Deps } from "../../../src/platform/deps.js";
import { dispatchHandler, deliveryHandler } from "../../../jobs/domain-events.job.js";
import { subscribeNotifications, DELIVERIES } from "../../../jobs/notifications.job.js";
import { DOMAIN_EVENTS_QUEUE } from "../../../src/platform/events.js";
import * as notifications from "../../../src/domains/notifications/index.js";

let t: TestDatabase;
let app: RunningApi;
let smtp: SmtpSink;
let deps: Deps;
const log = logger("silent");

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startSmtpSink();
  deps = { ...t, mail: smtpMailSender(smtp.url, "Nawafeth <no-reply@nawafeth.test>") };
  app = await startApi(t);
  subscribeNotifications();
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
  await t?.close();
});

const send: Handler = async (job) => void (await notifications.sendDelivery(deps, (job.data as { deliveryId: number }).deliveryId));
/** What the worker does: fan out events, run the notifications subscriber, send deliveries. */
const runWorker = () =>
  drainQueues(t.boss, [
    [DOMAIN_EVENTS_QUEUE, dispatchHandler(deps, log)],
    ["domain-event-deliveries", deliveryHandler(deps, log)],
    [DELIVERIES.name, send],
  ]);

async function acceptedOffer(providerLanguage: "ar" | "en") {
  const sub = await createSubcategory(t.db);
  const client = await app.login();
  const provider = await app.login(undefined, { language: providerLanguage });
  await app.api.call("PATCH", "/me", { token: provider.token, body: { email: `provider${provider.user.id}@example.test`, full_name: "Abu Fahad Cooling", language: providerLanguage } });
  await app.api.call("PATCH", "/me", { token: client.token, body: { full_name: "Sara Al-Qahtani" } });
  const bp = await app.api.call("POST", "/me/become-provider", { token: provider.token, body: { display_name: "Abu Fahad Cooling", city: "Riyadh", subcategory_ids: [sub.id] } });
  expect(bp.status, JSON.stringify(bp.body)).toBeLessThan(300);
  const req = await app.api.call("POST", "/requests", { token: client.token, body: { title: "AC not cooling", description: "Warm air from the split unit.", subcategory_id: sub.id, city: "Riyadh" } });
  const offer = await app.api.call("POST", `/requests/${req.body.id}/offers`, { token: provider.token, body: { price: 30000, message: "Tomorrow at 9.", estimated_days: 1 } });
  const accepted = await app.api.call("POST", `/offers/${offer.body.id}/accept`, { token: client.token });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  return { provider, client, requestId: req.body.id as number };
}

describe("an accepted offer", () => {
  it("should reach the provider in the app and by email in their language, once", async () => {
    const before = smtp.mails.length;
    const { provider } = await acceptedOffer("ar");
    await runWorker();
    const n = await t.db.notification.findFirstOrThrow({ where: { userId: provider.user.id, templateKey: "marketplace.offer.accepted" }, include: { deliveries: true } });
    expect(n).toMatchObject({ titleAr: "تم قبول عرضك", titleEn: "Your offer was accepted", category: "offers" });
    expect(n.bodyEn).toContain("Sara Al-Qahtani accepted your offer for \"AC not cooling\"");
    const byChannel = Object.fromEntries(n.deliveries.map((d) => [d.channel, d]));
    expect(byChannel.in_app).toMatchObject({ status: "sent" });
    expect(byChannel.email).toMatchObject({ status: "sent", attempts: 1, recipient: `provider${provider.user.id}@example.test` });
    expect(byChannel.push).toMatchObject({ status: "skipped", skipReason: "no_recipient" }); // no device registered

    const mails = (await smtp.waitFor(before + 1)).slice(before).filter((m) => m.to && JSON.stringify(m.to).includes(`provider${provider.user.id}@`));
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe("تم قبول عرضك");
    expect(mail.html).toContain('dir="rtl"');
    expect(mail.html).toContain('lang="ar"');
    expect(mail.text).toContain("قبل Sara Al-Qahtani عرضك على «AC not cooling»");
    expect(mail.messageId).toBe(`<delivery-${byChannel.email!.id}@nawafeth.notifications>`);

    // The same delivery job again (a retry, a duplicate): nothing more is sent.
    expect(await notifications.sendDelivery(deps, byChannel.email!.id)).toBe("already_done");
    // The whole event again (the subscriber retried): no second notification.
    const ev = await t.db.eventLog.findFirstOrThrow({ where: { name: "marketplace.offer.accepted", entityId: String(n.data && (n.data as { requestId: number }).requestId) } });
    expect(await notifications.notifyForEvent(deps, ev)).toBe(0);
    await runWorker();
    expect(smtp.mails.length).toBe(before + mails.length);
  });

  it("should write English to an English-speaking provider", async () => {
    const before = smtp.mails.length;
    const { provider } = await acceptedOffer("en");
    await runWorker();
    const mail = (await smtp.waitFor(before + 1)).slice(before).find((m) => JSON.stringify(m.to).includes(`provider${provider.user.id}@`))!;
    expect(mail.subject).toBe("Your offer was accepted");
    expect(mail.html).toContain('dir="ltr"');
  });
});

describe("preferences", () => {
  it("should skip a channel the user turned off for that category, and keep the others", async () => {
    const u = await createUser(t.db, { email: `pref${Date.now()}@example.test`, language: "en" });
    await notifications.updatePreferences(deps, { actor: { type: "client", id: u.id } }, { choices: { payments: { email: false } } });
    const prefs = await notifications.getPreferences(t.db, u.id);
    expect(prefs.choices.payments).toMatchObject({ email: false, in_app: true, push: true });
    expect(prefs.choices.marketing.email).toBe(false); // marketing is off unless chosen
    await notifications.notifyUsers(deps, { kind: notifications.kindOf("billing.invoice.issued")!, userIds: [u.id], vars: { number: "NWF-1", total: "10.00" } });
    const n = await t.db.notification.findFirstOrThrow({ where: { userId: u.id }, include: { deliveries: true } });
    expect(Object.fromEntries(n.deliveries.map((d) => [d.channel, [d.status, d.skipReason]]))).toEqual({ in_app: ["sent", null], email: ["skipped", "preference"] });
  });

  it("should hold a non-urgent push until quiet hours end, in the user's time zone", () => {
    const pref = { choices: {}, quietHoursStart: "22:00", quietHoursEnd: "07:00", timezone: "Asia/Riyadh" };
    // 23:30 in Riyadh is 20:30 UTC; quiet hours end at 07:00 Riyadh = 04:00 UTC next day.
    const at = new Date("2026-12-03T20:30:00Z");
    expect(notifications.decide(pref, "offers", "push", false, at)).toEqual({ send: true, after: new Date("2026-12-04T04:00:00Z") });
    expect(notifications.decide(pref, "offers", "push", true, at)).toEqual({ send: true });
    expect(notifications.decide(pref, "offers", "email", false, at)).toEqual({ send: true });
    expect(notifications.decide(pref, "offers", "push", false, new Date("2026-12-03T10:00:00Z"))).toEqual({ send: true });
  });

  it("should refuse bad preferences and change nothing", async () => {
    const u = await createUser(t.db);
    const ctx = { actor: { type: "client" as const, id: u.id } };
    await expect(notifications.updatePreferences(deps, ctx, { quietHoursStart: "25:00", quietHoursEnd: "07:00" })).rejects.toThrow();
    await expect(notifications.updatePreferences(deps, ctx, { timezone: "Mars/Olympus" })).rejects.toThrow();
    await expect(notifications.updatePreferences(deps, ctx, { quietHoursStart: "22:00" })).rejects.toThrow();
    expect(await t.db.notificationPreference.findUnique({ where: { userId: u.id } })).toBeNull();
  });
});

describe("failures", () => {
  it("should retry a refused send and mark it failed with the error once retries run out", async () => {
    const u = await createUser(t.db, { email: `fail${Date.now()}@example.test` });
    let calls = 0;
    const failing: Deps = { ...deps, mail: { send: async () => { calls++; throw new Error("421 try again later"); } } };
    await notifications.notifyUsers(failing, { kind: notifications.kindOf("billing.invoice.issued")!, userIds: [u.id], vars: { number: "NWF-2", total: "1.00" } });
    const d = await t.db.notificationDelivery.findFirstOrThrow({ where: { notification: { userId: u.id }, channel: "email" } });
    await expect(notifications.sendDelivery(failing, d.id)).rejects.toThrow(/421/);
    await expect(notifications.sendDelivery(failing, d.id)).rejects.toThrow(/421/);
    expect(await t.db.notificationDelivery.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ status: "queued", attempts: 2, error: "421 try again later" });
    await notifications.fail(deps, d.id, "gave up after 2 attempts: 421 try again later");
    expect(await t.db.notificationDelivery.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ status: "failed" });
    expect(await notifications.sendDelivery(failing, d.id)).toBe("already_done");
    expect(calls).toBe(2);
  });

  it("should revoke a device token the push provider says is not registered", async () => {
    const u = await createUser(t.db);
    await t.db.deviceToken.create({ data: { userId: u.id, token: `dead-${u.id}`, platform: "android" } });
    const pushing: Deps = { ...deps, push: { send: async () => ({ ok: false, invalidToken: true, error: "UNREGISTERED" }) } };
    await notifications.notifyUsers(pushing, { kind: notifications.kindOf("marketplace.offer.submitted")!, userIds: [u.id], vars: { providerName: "x", price: "1.00", requestTitle: "y" } });
    const d = await t.db.notificationDelivery.findFirstOrThrow({ where: { notification: { userId: u.id }, channel: "push" } });
    expect(await notifications.sendDelivery(pushing, d.id)).toBe("failed");
    expect((await t.db.deviceToken.findFirstOrThrow({ where: { userId: u.id } })).revokedAt).not.toBeNull();
  });
});

describe("templates", () => {
  it("should refuse unknown variables and a missing language, and render the recipient's language", () => {
    const allowed = Object.keys(notifications.kindOf("billing.invoice.issued")!.variables);
    expect(() => notifications.validateTemplate({ channel: "email", subjectAr: "فاتورة", subjectEn: "Invoice", bodyAr: "{{number}}", bodyEn: "{{numbr}} {{total}}" }, allowed)).toThrow(expect.objectContaining({ details: expect.objectContaining({ fields: { bodyEn: "TEMPLATE_UNKNOWN_VARIABLE" }, unknown: "numbr" }) }));
    expect(() => notifications.validateTemplate({ channel: "email", subjectAr: "", subjectEn: "Invoice", bodyAr: " ", bodyEn: "{{number}}" }, allowed)).toThrow(expect.objectContaining({ details: expect.objectContaining({ fields: { subjectAr: "VALUE_REQUIRED", bodyAr: "VALUE_REQUIRED" } }) }));
    expect(() => notifications.validateTemplate({ channel: "sms", subjectAr: null, subjectEn: null, bodyAr: "{{number}}", bodyEn: "{{total}}" }, allowed)).not.toThrow();
    expect(notifications.renderTemplate({ subjectAr: "فاتورة {{number}}", subjectEn: "Invoice {{number}}", bodyAr: "", bodyEn: "" }, "ar", { number: "NWF-9" }).subject).toBe("فاتورة NWF-9");
  });

  it("should give every event rule a kind in the catalog, and every kind's default text only its own variables", () => {
    for (const r of notifications.EVENT_RULES) expect(notifications.kindOf(r.kind), r.event).toBeDefined();
    for (const k of notifications.KINDS) {
      if (k.key === "notifications.broadcast") continue;
      const allowed = Object.keys(k.variables);
      for (const ch of k.channels) expect(() => notifications.validateTemplate({ channel: ch, subjectAr: k.text.titleAr, subjectEn: k.text.titleEn, bodyAr: k.text.bodyAr, bodyEn: k.text.bodyEn }, allowed), `${k.key}/${ch}`).not.toThrow();
    }
  });
});

describe("the clock", () => {
  it("should stamp notifications with the deps' clock", async () => {
    const clock = manualClock(new Date("2026-06-01T09:00:00Z"));
    const u = await createUser(t.db);
    await notifications.notifyUsers({ ...deps, clock }, { kind: notifications.kindOf("verification.badge.expired")!, userIds: [u.id], vars: {} });
    expect((await t.db.notification.findFirstOrThrow({ where: { userId: u.id } })).createdAt).toEqual(clock());
  });
});
