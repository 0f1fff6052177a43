/**
 * Support agents work the desk in a real browser, in English and in Arabic: the queues show each
 * tab's count and the deadline of every ticket (a breached one in red, a paused one marked), Next
 * opens the most urgent ticket's workspace, the agent saves a draft (it comes back after a
 * reload), sends it and waits on the customer. Long Arabic text wraps and the page never scrolls
 * sideways; a dispute shows its request, offers and messages. Screenshots in test/artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { User } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startApp, type RunningApp } from "../support/app-server.js";
import { createProvider, createStaff, createSubcategory, createUser } from "../support/factories.js";
import { launchBrowser, screenshotPath, signInPage } from "../support/browser.js";
import * as support from "../../src/domains/support/index.js";
import * as marketplace from "../../src/domains/marketplace/index.js";
import { sendMessage } from "../../src/domains/messaging/messaging.service.js";
import { diskStorage } from "../../src/platform/storage.js";
import { loadConfig } from "../../src/platform/config.js";
import { samplePngOfSize } from "../support/sample-files.js";

let t: TestDatabase;
let app: RunningApp;
let browser: Browser;
const PASSWORD = "support-desk-e2e-password";
const staffCtx = (u: User) => ({ actor: { type: "staff" as const, id: u.id } });

const LONG_AR =
  "السلام عليكم، طلبت صيانة المكيف المركزي في بيتي بحي النرجس يوم الأحد، ووصل الفني متأخرًا ساعتين ثم قال إن القطعة غير متوفرة وطلب مني دفع رسوم الزيارة كاملة. " +
  "حاولت التواصل معه عبر المحادثة في التطبيق أكثر من مرة ولم يرد، والمكيف ما زال لا يعمل والجو حار جدًا. أرجو مساعدتي في استرداد رسوم الزيارة أو إرسال فني آخر في أقرب وقت ممكن.";

let arabicTicket: number;
let disputeTicket: number;

beforeAll(async () => {
  t = await createTestDatabase();
  app = await startApp(t);
  browser = await launchBrowser();
  const team = await t.db.supportTeam.create({ data: { code: "general", nameAr: "الدعم العام", nameEn: "General Support" } });
  const trust = await t.db.supportTeam.create({ data: { code: "trust", nameAr: "الثقة والأمان", nameEn: "Trust & Safety" } });
  const colleague = await createStaff(t.db, "support", PASSWORD);
  await t.db.supportTeamMember.createMany({ data: [{ teamId: team.id, userId: colleague.id }, { teamId: trust.id, userId: colleague.id }] });
  await t.db.supportCannedReply.createMany({
    data: [
      { code: "received", titleAr: "استلام التذكرة", titleEn: "Ticket received", bodyAr: "مرحبًا {{customer_name}}،\nاستلمنا تذكرتك {{ticket_code}} ونعمل عليها الآن.\n{{agent_name}}", bodyEn: "Hello {{customer_name}},\nWe received your ticket {{ticket_code}} and are working on it.\n{{agent_name}}" },
      { code: "need_details", titleAr: "طلب تفاصيل", titleEn: "Ask for details", bodyAr: "مرحبًا {{customer_name}}، أرسل لنا رقم الطلب من فضلك.", bodyEn: "Hello {{customer_name}}, please send us the request number." },
    ],
  });

  const sara = await createUser(t.db, { fullName: "سارة العتيبي", language: "ar" });
  const john = await createUser(t.db, { fullName: "John Miller", language: "en" });
  const open = (u: User, type: "complaint" | "inquiry" | "suggestion", subject: string, body: string) => support.openTicket(t, { actor: { type: "client", id: u.id } }, { type, subject, body });

  // An urgent ticket opened ten hours ago that missed both deadlines (the sweep marked it), the
  // Arabic complaint, an English question, and one waiting on the customer.
  const earlier = { ...t, clock: () => new Date(Date.now() - 10 * 3_600_000) };
  const urgent = await support.openTicket(earlier, { actor: { type: "client", id: john.id } }, { type: "complaint", subject: "Charged twice for the same booking", body: "My card was charged twice for booking #4411. Please refund one of the charges." });
  await support.triageTicket(earlier, staffCtx(colleague), urgent.id, { priority: "urgent", teamId: team.id, assigneeId: null });
  await support.sweepSlaBreaches(t, new Date());
  arabicTicket = (await open(sara, "complaint", "الفني تأخر ساعتين ثم طلب رسوم الزيارة كاملة دون أن يصلح المكيف", LONG_AR)).id;
  await open(john, "inquiry", "How do I change the phone number on my account?", "I have a new number and want to keep my requests and reviews.");
  const waiting = await open(sara, "suggestion", "اقتراح: إضافة الدفع عبر Apple Pay", "الدفع بالبطاقة يعمل لكن Apple Pay أسرع بكثير على الآيفون.");
  await support.triageTicket(t, staffCtx(colleague), waiting.id, { teamId: team.id, assigneeId: colleague.id });
  await support.sendReply(t, staffCtx(colleague), waiting.id, { body: "شكرًا لاقتراحك! هل تستخدم التطبيق على آيفون أم آيباد؟", then: "waiting_on_customer" });
  await support.addNote(t, staffCtx(colleague), arabicTicket, { body: "العميلة اتصلت مرتين بخصوص هذه التذكرة. الفني نفسه عليه شكوى سابقة." });
  // The customer's photo, stored where the app's storage reads, as the API's upload would.
  const storage = diskStorage(loadConfig({ NODE_ENV: "test", DATA_DIR: ".data/test", SESSION_SECRET: "x".repeat(40) }).uploadsDir);
  const photo = samplePngOfSize(640, 400, { seed: 11 });
  await t.db.supportAttachment.create({ data: { ticketId: arabicTicket, fileName: "صورة-المكيف.png", mimeType: "image/png", sizeBytes: photo.length, storageKey: await storage.put(`support/${arabicTicket}`, photo, "png"), uploadedById: sara.id } });

  // A dispute about a request with an accepted offer and a conversation, held by a colleague.
  const sub = await createSubcategory(t.db);
  const provider = await createProvider(t.db, { displayName: "مؤسسة التبريد الحديث" });
  const req = await marketplace.createRequest(t, { actor: { type: "client", id: sara.id } }, { title: "صيانة مكيف مركزي", description: "المكيف لا يبرد منذ أسبوع", subcategoryId: sub.id, city: "Riyadh" });
  const offer = await marketplace.submitOffer(t, { actor: { type: "provider", id: provider.user.id } }, req.id, { price: 35_000, message: "زيارة وفحص وإصلاح", estimatedDays: 1 });
  await marketplace.acceptOffer(t, { actor: { type: "client", id: sara.id } }, offer.id);
  const thread = await t.db.thread.findFirstOrThrow({ where: { requestId: req.id } });
  await sendMessage(t, { actor: { type: "client", id: sara.id } }, thread.id, { body: "متى ستصل؟ المكيف متوقف تمامًا." });
  await sendMessage(t, { actor: { type: "provider", id: provider.user.id } }, thread.id, { body: "القطعة غير متوفرة، سأحتاج يومين إضافيين." });
  const dispute = await support.openTicket(t, { actor: { type: "client", id: sara.id } }, { type: "dispute", subject: "نزاع على رسوم الزيارة", body: "دفعت رسوم الزيارة ولم يُصلح المكيف.", relatedRequestId: req.id });
  await support.triageTicket(t, staffCtx(colleague), dispute.id, { teamId: trust.id, assigneeId: colleague.id });
  disputeTicket = dispute.id;
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await t?.close();
});

/** The page is never wider than the window (long text wraps instead). */
const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1);

describe("support agents work the desk", () => {
  it("should take the next ticket, save a draft, send it and wait on the customer, in English and in Arabic", async () => {
    const team = await t.db.supportTeam.findFirstOrThrow({ where: { code: "general" } });
    for (const lang of ["en", "ar"] as const) {
      const agent = await createStaff(t.db, "support", PASSWORD, lang);
      await t.db.supportTeamMember.create({ data: { teamId: team.id, userId: agent.id } });
      const page = await signInPage(browser, app.url, agent.email!, PASSWORD);
      // Tall enough that a screenshot shows the whole workspace (the panel scrolls inside its own box).
      await page.setViewportSize({ width: 1400, height: 1500 });
      await page.goto(`${app.url}/admin/resources/SupportTicket/actions/queue?view=team`);
      await page.locator('[data-testid="queue-table"]').waitFor({ timeout: 30_000 });
      expect(await page.locator("html").getAttribute("dir")).toBe(lang === "ar" ? "rtl" : "ltr");
      const teamCount = Number(await page.locator('[data-testid="queue-count-team"]').textContent());
      expect(await page.locator('[data-testid^="queue-row-"]').count()).toBe(teamCount);
      if (lang === "en") {
        // The breached ticket is flagged and its deadline reads as overdue; the paused one says so.
        expect(await page.locator('[data-breached="true"]').count()).toBeGreaterThan(0);
        expect(await page.locator('[data-breached="true"] [data-testid^="queue-due-"]').first().textContent()).toMatch(/overdue \d+ (min|h)/);
        expect(await page.locator(".nw-chip-paused").first().textContent()).toBe("Paused");
      }
      expect(await noSidewaysScroll(page)).toBe(true);
      await page.screenshot({ path: screenshotPath(`support-queue-${lang}`), fullPage: true });

      await page.locator('[data-testid="queue-next"]').click();
      await page.waitForURL(/\/records\/\d+\/review$/, { timeout: 30_000 });
      await page.locator('[data-testid="composer-reply"]').waitFor({ timeout: 30_000 });
      const id = Number(/records\/(\d+)\/review$/.exec(page.url())![1]);
      expect((await t.db.supportTicket.findUniqueOrThrow({ where: { id } })).assignedToId).toBe(agent.id);

      const draft = lang === "en" ? "Hello John, we are checking the double charge with our payment provider." : "مرحبًا، نراجع الآن ما حدث مع الفني وسنعود إليك اليوم.";
      await page.fill('[data-testid="composer-reply"]', draft);
      await page.locator('[data-testid="composer-save-draft"]').click();
      await page.locator('[data-testid="composer-draft-loaded"]').waitFor({ timeout: 30_000 });
      // The draft comes back into the composer after a reload.
      await page.reload();
      await page.locator('[data-testid="composer-draft-loaded"]').waitFor({ timeout: 30_000 });
      expect(await page.locator('[data-testid="composer-reply"]').inputValue()).toBe(draft);
      expect(await noSidewaysScroll(page)).toBe(true);
      await page.screenshot({ path: screenshotPath(`support-workspace-${lang}`), fullPage: true });

      await page.selectOption('[data-testid="composer-then"]', "waiting_on_customer");
      // The English agent clicks Send; the Arabic one uses the keyboard (Ctrl+Enter).
      if (lang === "en") await page.locator('[data-testid="composer-send"]').click();
      else await page.locator('[data-testid="composer-reply"]').press("Control+Enter");
      await expect.poll(() => page.locator('[data-testid="ticket-status"]').getAttribute("data-status"), { timeout: 30_000 }).toBe("waiting_on_customer");
      expect(await page.locator('[data-testid="ticket-status"]').textContent()).toBe(lang === "en" ? "Waiting on customer" : "بانتظار رد العميل");
      expect(await page.locator('[data-testid="composer-reply"]').inputValue()).toBe("");
      expect(await page.locator('[data-testid="timeline-reply"]').last().textContent()).toContain(draft);
      await page.locator('[data-testid="status-resolved"]:not([disabled])').waitFor({ timeout: 30_000 });
      const row = await t.db.supportComment.findFirstOrThrow({ where: { ticketId: id, body: draft } });
      expect(row).toMatchObject({ isDraft: false, authorId: agent.id, visibility: "public_reply" });
      await page.screenshot({ path: screenshotPath(`support-sent-${lang}`), fullPage: true });
      await page.close();
    }
  }, 180_000);

  it("should show the Arabic agent a long Arabic complaint wrapped, the internal note on yellow, a canned reply in the customer's language, and a dispute's request, offers and messages", async () => {
    const agent = await createStaff(t.db, "support", PASSWORD, "ar");
    const page = await signInPage(browser, app.url, agent.email!, PASSWORD);
    await page.setViewportSize({ width: 1400, height: 1500 });
    await page.goto(`${app.url}/admin/resources/SupportTicket/records/${arabicTicket}/review`);
    await page.locator('[data-testid="timeline-note"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="timeline-note"]').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(255, 248, 219)");
    // The image loads after the timeline renders: wait for it rather than catch it half-way.
    await page.waitForFunction(() => {
      const img = document.querySelector('[data-testid="timeline-attachments"] img') as HTMLImageElement | null;
      return !!img && img.complete && img.naturalWidth > 0;
    }, undefined, { timeout: 15_000 });
    expect(await page.locator('[data-testid="timeline-attachments"] img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(640);
    await page.selectOption('[data-testid="canned-pick"]', { label: "استلام التذكرة" });
    await page.locator('[data-testid="canned-insert"]').click();
    expect(await page.locator('[data-testid="composer-reply"]').inputValue()).toMatch(/^مرحبًا سارة العتيبي،\nاستلمنا تذكرتك TCK-\d{6}/);
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.screenshot({ path: screenshotPath("support-workspace-canned-ar"), fullPage: true });

    await page.goto(`${app.url}/admin/resources/SupportTicket/records/${disputeTicket}/review`);
    await page.locator('[data-testid="dispute-messages"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="ticket-dispute"]').textContent()).toContain("مؤسسة التبريد الحديث");
    await page.locator('[data-testid="dispute-start"]').click();
    await page.locator('[data-testid="dispute-resolve"]').waitFor({ timeout: 30_000 });
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.screenshot({ path: screenshotPath("support-dispute-ar"), fullPage: true });
    await page.close();
  }, 120_000);

  it("should close two tickets from the list in bulk and say which were done, and show the agent's desk at home", async () => {
    const agent = await createStaff(t.db, "support", PASSWORD, "en");
    const john = await t.db.user.findFirstOrThrow({ where: { fullName: "John Miller" } });
    const spam = [];
    for (const n of [1, 2]) spam.push(await support.openTicket(t, { actor: { type: "client", id: john.id } }, { type: "suggestion", subject: `Test message ${n}`, body: "Please ignore, testing the app." }));
    const page = await signInPage(browser, app.url, agent.email!, PASSWORD);
    await page.setViewportSize({ width: 1400, height: 1200 });
    await page.locator('[data-testid="home-desk_unassigned"]').waitFor({ timeout: 30_000 });
    expect(Number(await page.locator('[data-testid="home-desk_unassigned"]').getAttribute("data-count"))).toBe(await t.db.supportTicket.count({ where: { assignedToId: null, status: { in: ["new", "triaged", "in_progress", "waiting_on_customer"] } } }));
    await page.screenshot({ path: screenshotPath("support-home-en") });

    await page.goto(`${app.url}/admin/resources/SupportTicket`);
    for (const ticket of spam) await page.locator(`tr:has-text("${ticket.code}") input[type="checkbox"]`).check({ force: true });
    await page.getByText("Close tickets", { exact: true }).click();
    await page.locator('[data-testid="ticket-bulk"]').waitFor({ timeout: 30_000 });
    await page.fill('[data-testid="bulk-note"]', "Test messages");
    await page.locator('[data-testid="bulk-confirm"]').click();
    await page.locator('[data-testid="bulk-result"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="bulk-done"]').textContent()).toBe("2 tickets done");
    expect((await t.db.supportTicket.findMany({ where: { id: { in: spam.map((x) => x.id) } } })).map((x) => x.status)).toEqual(["closed", "closed"]);
    await page.screenshot({ path: screenshotPath("support-bulk-close-en") });
    await page.close();
  }, 120_000);
});
