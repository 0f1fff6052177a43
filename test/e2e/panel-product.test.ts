/**
 * The panel as staff use it all day, in a real browser: each role's home shows its waiting work as
 * counts, an Arabic list shows date-times in reading order on one line, statuses are coloured by
 * meaning, and lists are titled with what they list. Screenshots go to test/artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startApp, type RunningApp } from "../support/app-server.js";
import { launchBrowser, screenshotPath, signInPage } from "../support/browser.js";
import { seedDemoData } from "../../prisma/seed/index.js";

let t: TestDatabase;
let app: RunningApp;
let browser: Browser;
const PASSWORD = "panel-product-password";

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemoData(t, { password: PASSWORD });
  app = await startApp(t);
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await t?.close();
});

describe("the panel as a product", () => {
  it("should show the Arabic support agent their waiting tickets at home, and a ticket list in order", async () => {
    const page = await signInPage(browser, app.url, "support@example.com", PASSWORD);
    await page.locator('[data-testid="home-ticketsNew"]').waitFor({ timeout: 30_000 });
    const count = Number(await page.locator('[data-testid="home-ticketsNew"]').getAttribute("data-count"));
    expect(count).toBe(await t.db.supportTicket.count({ where: { status: "new" } }));
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    await page.screenshot({ path: screenshotPath("home-support-ar") });

    await page.locator('[data-testid="home-ticketsNew"]').click();
    await page.waitForURL(/SupportTicket\?filters\.status=new/);
    await page.locator(".nw-datetime").first().waitFor({ timeout: 30_000 });
    expect(await page.locator(".adminjs_ActionHeader h2").first().textContent()).toMatch(/^تذاكر الدعم/);
    const rows = await page.locator("tbody tr").count();
    expect(rows).toBe(count);
    const date = page.locator(".nw-datetime").first();
    expect(await date.getAttribute("dir")).toBe("ltr");
    expect(await date.textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    // One line, the date left of the time, as it reads.
    const box = (await date.boundingBox())!;
    expect(box.height).toBeLessThan(30);
    expect(await page.locator('[data-status="new"]').first().getAttribute("data-tone")).toBe("info");
    await page.screenshot({ path: screenshotPath("tickets-new-ar") });
    await page.close();
  }, 120_000);

  it("should list a ticket's comments and status log under it, and an invoice's lines and payments", async () => {
    const ticket = await t.db.supportTicket.findFirstOrThrow({ where: { comments: { some: {} }, statusLogs: { some: {} } } });
    const support = await signInPage(browser, app.url, "support@example.com", PASSWORD);
    await support.goto(`${app.url}/admin/resources/SupportTicket/records/${ticket.id}/show`);
    await support.locator('[data-testid="related-SupportComment"]').waitFor({ timeout: 30_000 });
    expect(Number(await support.locator('[data-testid="related-SupportComment"]').getAttribute("data-total"))).toBe(await t.db.supportComment.count({ where: { ticketId: ticket.id } }));
    await support.locator('[data-testid="related-records"]').scrollIntoViewIfNeeded();
    await support.screenshot({ path: screenshotPath("ticket-related-ar") });
    await support.close();

    const attempt = await t.db.paymentAttempt.findFirstOrThrow();
    const finance = await signInPage(browser, app.url, "finance@example.com", PASSWORD);
    await finance.goto(`${app.url}/admin/resources/Invoice/records/${attempt.invoiceId}/show`);
    await finance.locator('[data-testid="related-PaymentAttempt"]').waitFor({ timeout: 30_000 });
    await finance.locator('[data-testid="related-InvoiceLine"]').waitFor({ timeout: 30_000 });
    await finance.locator('[data-testid="related-records"]').scrollIntoViewIfNeeded();
    await finance.screenshot({ path: screenshotPath("invoice-related-en") });
    await finance.close();
  }, 120_000);

  it("should show the English finance officer finance work at home", async () => {
    const page = await signInPage(browser, app.url, "finance@example.com", PASSWORD);
    await page.locator('[data-testid="home-group-finance"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="home-group-support"]').count()).toBe(0);
    expect(Number(await page.locator('[data-testid="home-invoicesIssued"]').getAttribute("data-count"))).toBe(await t.db.invoice.count({ where: { status: "issued" } }));
    await page.screenshot({ path: screenshotPath("home-finance-en") });
    // A webhook event shows its payload, put back together from AdminJS's flattened params.
    const event = await t.db.webhookEvent.findFirstOrThrow();
    await page.goto(`${app.url}/admin/resources/WebhookEvent/records/${event.id}/show`);
    await page.locator('[data-testid="json-payload"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="json-payload"]').textContent()).toContain(`"id": "${event.eventId}"`);
    await page.close();
  }, 120_000);
});
