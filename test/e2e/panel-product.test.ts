/**
 * The panel as staff use it all day, in a real browser: each role's home shows its waiting work as
 * counts, an Arabic list shows date-times in reading order on one line, statuses are coloured by
 * meaning, and lists are titled with what they list. Arabic pages read as Arabic: names kept in
 * both languages (a request's subcategory, a ticket's team) and cities show in the staff member's
 * language, an English sentence keeps its full stop at its end, and a date field's calendar icon
 * stays clear of the date. Screenshots go to test/artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startApp, type RunningApp } from "../support/app-server.js";
import { launchBrowser, screenshotPath, signInPage } from "../support/browser.js";
import { seedDemoData } from "../../prisma/seed/index.js";
import { arabicCityName } from "../../src/platform/cities.js";

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

const ARABIC = "support@example.com";
const ENGLISH = "management@example.com";

/** The newest request: the first row of the request list (newest first). */
const newestRequest = () => t.db.serviceRequest.findFirstOrThrow({ where: { deletedAt: null }, orderBy: { id: "desc" }, include: { subcategory: true } });

async function requestRow(page: Page, id: number): Promise<Locator> {
  await page.goto(`${app.url}/admin/resources/ServiceRequest`);
  const row = page.locator(`tbody tr[data-id="${id}"]`);
  await row.waitFor({ timeout: 30_000 });
  return row;
}

/** Where the last character of an element's text is drawn, against the whole text. */
function lastCharacterEdge(el: Element): { last: number; left: number; right: number } {
  const node = Array.from(el.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()).at(-1)!;
  const text = node.textContent!.trimEnd();
  const range = document.createRange();
  range.setStart(node, text.length - 1);
  range.setEnd(node, text.length);
  const whole = document.createRange();
  whole.selectNodeContents(node);
  const box = whole.getBoundingClientRect();
  return { last: range.getBoundingClientRect().right, left: box.left, right: box.right };
}

describe("names, cities and punctuation on Arabic pages", () => {
  it("should show a request's subcategory and city in Arabic in the Arabic list, and in English in the English one", async () => {
    const request = await newestRequest();
    const ar = await signInPage(browser, app.url, ARABIC, PASSWORD);
    const row = await requestRow(ar, request.id);
    expect(await ar.locator("html").getAttribute("dir")).toBe("rtl");
    await expect.poll(() => row.locator(`a[href$="/Subcategory/records/${request.subcategoryId}/show"]`).textContent()).toBe(request.subcategory.nameAr);
    const city = row.locator(`[data-city="${request.city}"]`);
    expect(await city.textContent()).toBe(arabicCityName(request.city));
    await ar.screenshot({ path: screenshotPath("requests-names-ar") });
    await ar.close();

    const en = await signInPage(browser, app.url, ENGLISH, PASSWORD);
    const enRow = await requestRow(en, request.id);
    await expect.poll(() => enRow.locator(`a[href$="/Subcategory/records/${request.subcategoryId}/show"]`).textContent()).toBe(request.subcategory.nameEn);
    expect(await enRow.locator(`[data-city="${request.city}"]`).textContent()).toBe(request.city);
    await en.screenshot({ path: screenshotPath("requests-names-en") });
    await en.close();
  }, 120_000);

  it("should show a ticket's team in Arabic on its show page, and its English description with the full stop at the end", async () => {
    const ticket = await t.db.supportTicket.findFirstOrThrow({ where: { assignedTeamId: { not: null }, description: { startsWith: "The ", endsWith: "." } }, include: { assignedTeam: true } });
    const ar = await signInPage(browser, app.url, ARABIC, PASSWORD);
    await ar.goto(`${app.url}/admin/resources/SupportTicket/records/${ticket.id}/show`);
    const team = ar.locator('[data-testid="property-show-assignedTeam"] a');
    await team.waitFor({ timeout: 30_000 });
    expect(await team.textContent()).toBe(ticket.assignedTeam!.nameAr);
    // The description is English: read left to right, its full stop is its rightmost character.
    const description = ar.locator('[data-testid="property-show-description"] > section');
    const edge = await description.evaluate(lastCharacterEdge);
    expect(edge.last).toBeGreaterThan(edge.right - 2);
    await team.scrollIntoViewIfNeeded();
    await ar.screenshot({ path: screenshotPath("ticket-team-ar") });
    await ar.close();

    const en = await signInPage(browser, app.url, ENGLISH, PASSWORD);
    await en.goto(`${app.url}/admin/resources/SupportTicket/records/${ticket.id}/show`);
    await en.locator('[data-testid="property-show-assignedTeam"] a').waitFor({ timeout: 30_000 });
    expect(await en.locator('[data-testid="property-show-assignedTeam"] a').textContent()).toBe(ticket.assignedTeam!.nameEn);
    await en.locator('[data-testid="property-show-assignedTeam"]').scrollIntoViewIfNeeded();
    await en.screenshot({ path: screenshotPath("ticket-team-en") });
    await en.close();
  }, 120_000);

  it("should keep the calendar icon of a date field clear of the date on an Arabic form", async () => {
    const request = await newestRequest();
    const ar = await signInPage(browser, app.url, ARABIC, PASSWORD);
    await ar.goto(`${app.url}/admin/resources/ServiceRequest/records/${request.id}/edit`);
    const field = ar.locator('[data-testid="property-edit-preferredDate"]');
    await field.locator("input").waitFor({ timeout: 30_000 });
    await field.locator("input").fill("2026-12-01 10:00");
    await field.locator("label").click(); // closes the calendar
    const input = (await field.locator("input").boundingBox())!;
    const icon = (await field.locator("svg").last().boundingBox())!;
    // The icon sits in the field's end padding (the left on an Arabic page), where no text goes.
    const padding = await field.locator("input").evaluate((el) => parseFloat(getComputedStyle(el).paddingLeft));
    expect(icon.x).toBeGreaterThanOrEqual(input.x);
    expect(icon.x + icon.width).toBeLessThanOrEqual(input.x + padding);
    await ar.screenshot({ path: screenshotPath("request-edit-date-ar") });
    await ar.close();
  }, 120_000);
});
