/**
 * Export and reports in a real browser, as management uses them: the service requests list is
 * filtered through the panel's filter drawer, the Export drawer downloads CSV and XLSX, and each
 * file holds exactly the rows the filtered list shows, in its order; the reports page downloads a
 * report. Screenshots land in test/artifacts/.
 */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Download, Page } from "playwright-core";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startApp, type RunningApp } from "../support/app-server.js";
import { createStaff, createSubcategory, createUser } from "../support/factories.js";
import { launchBrowser, screenshotPath } from "../support/browser.js";

let t: TestDatabase;
let app: RunningApp;
let browser: Browser;
let email: string;
const PASSWORD = "list-export-browser-password";
const CITY = "Jeddah";

beforeAll(async () => {
  t = await createTestDatabase();
  email = (await createStaff(t.db, "management", PASSWORD)).email!;
  const client = await createUser(t.db);
  const sub = await createSubcategory(t.db);
  // 30 requests, a third in the filtered city; Arabic and a would-be formula among the titles.
  const titles = ["طلب سباكة عاجل", "=SUM(A1:A9)", "Paint the wall", "تركيب مكيف", "Fix the door"];
  await t.db.serviceRequest.createMany({
    data: Array.from({ length: 30 }, (_, i) => ({
      title: `${titles[i % titles.length]!} ${i}`,
      description: `وصف ${i}`,
      subcategoryId: sub.id,
      clientId: client.id,
      city: i % 3 === 0 ? CITY : "Riyadh",
      budgetMin: 10_000 + i * 250,
      createdAt: new Date(Date.UTC(2026, 10, 1 + i, 9, 0, 0)),
    })),
  });
  app = await startApp(t);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await t?.close();
});

/** Signs management in through the real form (patient: the first page load bundles the panel). */
async function signIn(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(90_000);
  page.setDefaultNavigationTimeout(90_000);
  await page.goto(`${app.url}/admin/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', PASSWORD);
  await page.press('input[name="password"]', "Enter");
  await page.waitForURL((u) => !u.pathname.endsWith("/login"));
  return page;
}

async function download(page: Page, selector: string): Promise<{ file: Download; body: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.locator(selector).click()]);
  return { file, body: await readFile((await file.path())!) };
}

describe("list export and reports in the browser", () => {
  it("should download CSV and XLSX holding exactly the rows of the filtered list, and a report", async () => {
    const page = await signIn();
    await page.goto(`${app.url}/admin/resources/ServiceRequest`);
    await page.locator("tbody tr").first().waitFor();

    // Filter by city through the panel's filter drawer.
    await page.locator('[data-css="ServiceRequest-filter-button"]').click();
    await page.fill('input[name="filter-city"]', CITY);
    await page.locator('[data-css="ServiceRequest-filter-drawer-button-apply"]').click();
    await page.waitForURL(/filters\.city=Jeddah/);
    // The drawer stays open after applying: close it with its own button.
    await page.locator('[data-css="ServiceRequest-filter-drawer-content"] button[type="button"]').first().click();
    await page.locator("tbody tr").first().waitFor();
    const listQuery = new URL(page.url()).searchParams;
    listQuery.delete("page");
    const listed = await page.request.get(`${app.url}/admin/api/resources/ServiceRequest/actions/list?${listQuery.toString()}&perPage=500`);
    const listedIds = ((await listed.json()) as { records: { params: { id: number } }[] }).records.map((r) => Number(r.params.id));
    expect(listedIds.length).toBe(await t.db.serviceRequest.count({ where: { city: CITY, deletedAt: null } }));
    expect(await page.locator("tbody tr").count()).toBe(listedIds.length);

    // The Export control: the drawer counts the filtered rows and offers both formats.
    await page.locator('[data-testid="action-export"]').click();
    const drawer = page.locator('[data-testid="export-list"]');
    await drawer.waitFor();
    expect(Number(await drawer.getAttribute("data-rows"))).toBe(listedIds.length);
    expect(await drawer.getAttribute("data-mode")).toBe("stream");
    await page.screenshot({ path: screenshotPath("list-export-drawer") });

    const csv = await download(page, '[data-testid="export-csv"]');
    expect(csv.file.suggestedFilename()).toMatch(/^ServiceRequest-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = csv.body.toString("utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(text.slice(1), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => Number(r.id))).toEqual(listedIds);
    expect(rows.every((r) => r.city === CITY)).toBe(true);
    expect(rows.filter((r) => r.title!.startsWith("'=SUM")).length).toBe(rows.filter((r) => r.title!.includes("=SUM")).length);

    const xlsx = await download(page, '[data-testid="export-xlsx"]');
    expect(xlsx.file.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const idCol = header.indexOf("id") + 1;
    const ids: number[] = [];
    sheet.eachRow((row, n) => void (n > 1 && ids.push(Number(row.getCell(idCol).value))));
    expect(ids).toEqual(listedIds);

    // The reports page downloads a report for the period it shows.
    await page.goto(`${app.url}/admin/resources/ReportSchedule/actions/runReport`);
    await page.locator('[data-testid="report-runner"]').waitFor();
    await page.screenshot({ path: screenshotPath("reports-page") });
    const report = await download(page, '[data-testid="report-csv"]');
    expect(report.file.suggestedFilename()).toMatch(/^monthly_revenue.*\.csv$/);
    const reportRows = parse(report.body.toString("utf8").replace(/^\uFEFF/, "")) as string[][];
    expect(reportRows[0]!.length).toBeGreaterThan(3);
    await page.context().close();
  }, 300_000);
});
