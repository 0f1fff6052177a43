/**
 * Content staff write a broadcast in a real browser, see how many users it reaches, send it and
 * watch its progress reach 100% while a worker in this process fans it out and sends its emails,
 * in English and in Arabic (right to left). Also the map of events and a template's preview.
 * Screenshots in test/artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startApp, type RunningApp } from "../support/app-server.js";
import { createProvider, createStaff, createUser } from "../support/factories.js";
import { launchBrowser, screenshotPath, signInPage } from "../support/browser.js";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.js";
import { smtpMailSender } from "../../src/platform/mail.js";
import { logger } from "../../src/platform/logger.js";
import type { Deps } from "../../src/platform/deps.js";
import * as broadcastsJob from "../../jobs/broadcasts.job.js";
import * as notificationsJob from "../../jobs/notifications.job.js";

let t: TestDatabase;
let smtp: SmtpSink;
let app: RunningApp;
let browser: Browser;
const PASSWORD = "broadcast-e2e-password";
const RIYADH_PROVIDERS = 12;
const MARKETING_ON = 5;

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startSmtpSink();
  const deps: Deps = { ...t, mail: smtpMailSender(smtp.url, "Nawafeth <no-reply@nawafeth.test>") };
  app = await startApp({ ...t, mail: deps.mail });
  // The worker's handlers, in this process.
  await broadcastsJob.register(t.boss, deps, logger("silent"));
  await notificationsJob.register(t.boss, deps, logger("silent"));
  for (let i = 0; i < RIYADH_PROVIDERS; i++) {
    const p = await createProvider(t.db, { city: "Riyadh" });
    await t.db.user.update({ where: { id: p.user.id }, data: { email: `provider${p.user.id}@example.test`, language: i % 2 ? "en" : "ar" } });
    if (i < MARKETING_ON) await t.db.notificationPreference.create({ data: { userId: p.user.id, choices: { marketing: { in_app: true, email: true } } } });
  }
  await createProvider(t.db, { city: "Jeddah" });
  for (let i = 0; i < 4; i++) await createUser(t.db);
  await t.db.notificationTemplate.create({
    data: { key: "marketplace.offer.accepted", channel: "email", subjectAr: "قبل {{clientName}} عرضك", subjectEn: "{{clientName}} accepted your offer", bodyAr: "قبل {{clientName}} عرضك على «{{requestTitle}}». تواصل معه من المحادثة.", bodyEn: "{{clientName}} accepted your offer for \"{{requestTitle}}\". Say hello in the chat.", variables: ["requestTitle", "clientName"] },
  });
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await smtp?.close();
  await t?.close();
});

/** Picks an option in an AdminJS (react-select) field by typing its label. */
async function choose(page: Page, property: string, label: string) {
  const input = page.locator(`[data-testid="property-edit-${property}"] input`).last();
  await input.click();
  await input.fill(label);
  await page.locator('[class*="-option"]', { hasText: label }).first().click();
}

async function writeBroadcast(page: Page, words: { titleAr: string; titleEn: string; bodyAr: string; bodyEn: string }, segment: string, city: string | null, lang: "en" | "ar") {
  await page.goto(`${app.url}/admin/resources/Broadcast/actions/new`);
  await page.locator('[data-testid="text-titleAr"]').waitFor({ timeout: 30_000 });
  for (const [field, value] of Object.entries(words)) await page.locator(`[data-testid="text-${field}"]`).fill(value);
  expect(await page.locator('[data-testid="text-titleAr"]').getAttribute("dir")).toBe("rtl");
  expect(await page.locator('[data-testid="text-bodyEn"]').getAttribute("dir")).toBe("ltr");
  // The city appears only for the audience that needs it.
  expect(await page.locator('[data-testid="property-edit-city"] label').count()).toBe(0);
  await choose(page, "segment", segment);
  if (city) await choose(page, "city", city);
  await page.locator('input[name="channels-in_app"]').check();
  await page.locator('input[name="channels-email"]').check();
  await page.screenshot({ path: screenshotPath(`broadcast-form-${lang}`), fullPage: true });
  await page.click('[data-testid="button-save"]');
  await page.waitForURL(/\/records\/\d+\/progress(\?|$)/, { timeout: 30_000 });
  await page.locator('[data-testid="broadcast-progress"][data-status="draft"]').waitFor({ timeout: 30_000 });
  return Number(/\/records\/(\d+)\/progress/.exec(page.url())![1]);
}

async function sendAndFollow(page: Page, id: number, lang: "en" | "ar") {
  await page.screenshot({ path: screenshotPath(`broadcast-draft-${lang}`), fullPage: true });
  await page.locator('[data-testid="broadcast-send"]').click();
  await page.locator('[data-testid="broadcast-confirm-yes"]').click();
  // The page asks again every few seconds until the worker has handled everyone.
  await page.locator('[data-testid="broadcast-progress"][data-status="completed"]').waitFor({ timeout: 60_000 });
  expect(await page.locator('[data-testid="broadcast-percent"]').getAttribute("data-percent")).toBe("100");
  const b = await t.db.broadcast.findUniqueOrThrow({ where: { id } });
  expect(b).toMatchObject({ status: "completed" });
  expect(b.processed).toBe(b.total);
  // Emails go out after the fan-out; the table shows them once the page asks again.
  await expect.poll(async () => t.db.notificationDelivery.count({ where: { status: "queued", notification: { broadcastId: id } } }), { timeout: 30_000 }).toBe(0);
  await page.reload();
  await page.locator('[data-testid="broadcast-progress"][data-status="completed"]').waitFor({ timeout: 30_000 });
  await page.screenshot({ path: screenshotPath(`broadcast-completed-${lang}`), fullPage: true });
  return b;
}

describe("content staff send a broadcast", () => {
  it("should write it, see its audience, send it and see it reach everyone, in English", async () => {
    const staff = await createStaff(t.db, "content", PASSWORD, "en");
    const page = await signInPage(browser, app.url, staff.email!, PASSWORD);
    const mailsBefore = smtp.mails.length;
    const id = await writeBroadcast(page, { titleAr: "حدّث ساعات عملك في رمضان", titleEn: "Update your Ramadan working hours", bodyAr: "يبحث العملاء بعد الإفطار أكثر. حدّث ساعات عملك ليصلك عدد أكبر من الطلبات.", bodyEn: "Clients search most after iftar. Update your working hours to receive more requests." }, "Providers in a city", "Riyadh", "en");
    expect(await page.locator('[data-testid="broadcast-audience"]').textContent()).toBe(`${RIYADH_PROVIDERS} users in this audience now`);
    const b = await sendAndFollow(page, id, "en");
    expect(b.total).toBe(RIYADH_PROVIDERS);
    expect(await page.locator('[data-testid="broadcast-processed"]').textContent()).toBe(`${RIYADH_PROVIDERS} of ${RIYADH_PROVIDERS} users handled`);
    const total = page.locator('[data-testid="broadcast-deliveries-total"]');
    expect(await total.locator('[data-status="sent"]').textContent()).toBe(String(MARKETING_ON * 2));
    expect(await total.locator('[data-status="skipped"]').textContent()).toBe(String((RIYADH_PROVIDERS - MARKETING_ON) * 2));
    await smtp.waitFor(mailsBefore + MARKETING_ON, 30_000);

    await page.goto(`${app.url}/admin/resources/NotificationTemplate/actions/events`);
    await page.locator('[data-testid="event-map"]').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: screenshotPath("notification-events-en"), fullPage: true });

    // A channel sending the default wording: its chip opens a new template for that kind and channel.
    await page.locator('[data-testid="template-marketplace.offer.submitted-push"][data-state="default"]').click();
    await page.waitForURL(/\/actions\/new\?key=marketplace\.offer\.submitted&channel=push$/, { timeout: 30_000 });
    await page.locator('[data-testid="kind-channels"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="variables-bodyEn"]').textContent()).toContain("{{providerName}}");
    await page.screenshot({ path: screenshotPath("template-new-top-en"), fullPage: true });
    await page.locator('[data-testid="text-subjectAr"]').fill("عرض جديد من {{providerName}}");
    await page.locator('[data-testid="text-subjectEn"]').fill("New offer from {{providerName}}");
    await page.locator('[data-testid="text-bodyAr"]').fill("{{price}} ريال على «{{requestTitle}}».");
    // A click on a variable puts it at the cursor.
    await page.locator('[data-testid="text-bodyEn"]').fill("SAR  for your request.");
    await page.locator('[data-testid="text-bodyEn"]').evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(4, 4));
    await page.locator('[data-testid="variables-bodyEn"] button', { hasText: "{{price}}" }).click();
    await page.screenshot({ path: screenshotPath("template-new-en"), fullPage: true });
    await page.click('[data-testid="button-save"]');
    await expect.poll(() => t.db.notificationTemplate.findFirst({ where: { key: "marketplace.offer.submitted", channel: "push" } }), { timeout: 30_000 }).toMatchObject({ bodyEn: "SAR {{price}} for your request.", variables: ["providerName", "price", "requestTitle"], isActive: true });

    // The list of broadcasts, and one recipient's notification with its deliveries.
    await page.goto(`${app.url}/admin/resources/Broadcast`);
    await page.locator(`[data-id="${id}"]`).first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: screenshotPath("broadcast-list-en"), fullPage: true });
    const n = await t.db.notification.findFirstOrThrow({ where: { broadcastId: id, deliveries: { some: { status: "sent", channel: "email" } } } });
    await page.goto(`${app.url}/admin/resources/Notification/records/${n.id}/show`);
    await page.locator('[data-testid="related-NotificationDelivery"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="related-NotificationDelivery"]').getAttribute("data-total")).toBe("2");
    await page.locator('[data-testid="related-NotificationDelivery"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath("notification-deliveries-en"), fullPage: true });
    await page.close();
  }, 180_000);

  it("should do the same in Arabic, right to left", async () => {
    const staff = await createStaff(t.db, "content", PASSWORD, "ar");
    const page = await signInPage(browser, app.url, staff.email!, PASSWORD);
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    const id = await writeBroadcast(page, { titleAr: "عروض العيد", titleEn: "Eid offers", bodyAr: "خصومات على التنظيف والصيانة حتى نهاية الأسبوع.", bodyEn: "Discounts on cleaning and maintenance until the end of the week." }, "كل العملاء", null, "ar");
    expect(await page.locator('[data-testid="broadcast-audience"]').textContent()).toBe("4 مستخدمين في هذه الفئة الآن");
    const b = await sendAndFollow(page, id, "ar");
    expect(b.total).toBe(4);
    expect(await page.locator('[data-testid="broadcast-status"]').textContent()).toBe("اكتملت");

    await page.goto(`${app.url}/admin/resources/NotificationTemplate/actions/events`);
    await page.locator('[data-testid="event-map"]').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: screenshotPath("notification-events-ar"), fullPage: true });
    const tpl = await t.db.notificationTemplate.findFirstOrThrow({ where: { key: "marketplace.offer.accepted", channel: "email" } });
    await page.goto(`${app.url}/admin/resources/NotificationTemplate/records/${tpl.id}/preview`);
    await page.locator('[data-testid="preview-email-ar"]').waitFor({ timeout: 30_000 });
    const frame = page.frameLocator('[data-testid="preview-email-ar"]');
    await expect.poll(() => frame.locator("html").getAttribute("dir")).toBe("rtl");
    await page.screenshot({ path: screenshotPath("template-preview-ar"), fullPage: true });
    await page.goto(`${app.url}/admin/resources/NotificationTemplate/records/${tpl.id}/edit`);
    await page.locator('[data-testid="text-bodyAr"]').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: screenshotPath("template-edit-ar"), fullPage: true });
    await page.close();
  }, 180_000);
});
