/**
 * Management's home page in a real browser, in English and in Arabic: the figures and the three
 * charts are drawn (each canvas has painted pixels), and the Arabic page is right to left.
 * Screenshots land in test/artifacts/ (and /tmp/shots/ when it exists).
 */
import { copyFileSync, existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startApp, type RunningApp } from "../support/app-server.js";
import { launchBrowser, screenshotPath } from "../support/browser.js";
import { seedDemoData } from "../../prisma/seed/index.js";

let t: TestDatabase;
let app: RunningApp;
let browser: Browser;
const PASSWORD = "dashboard-browser-password";

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

/**
 * Signs management in through the real form. Patient like the rest of the test: the login page
 * loads the panel's whole development bundle, which on a busy 2-core machine can take a minute.
 */
async function signIn(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(90_000);
  page.setDefaultNavigationTimeout(90_000);
  await page.goto(`${app.url}/admin/login`);
  await page.fill('input[name="email"]', "management@example.com");
  await page.fill('input[name="password"]', PASSWORD);
  await page.press('input[name="password"]', "Enter");
  await page.waitForURL((u) => !u.pathname.endsWith("/login"));
  return page;
}

/** Painted (non-transparent) pixels of each chart's canvas. */
async function paintedPixels(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const card of Array.from(document.querySelectorAll<HTMLElement>("[data-testid^='chart-']"))) {
      const canvas = card.querySelector("canvas")!;
      const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      out[card.dataset.testid!] = n;
    }
    return out;
  });
}

async function shoot(page: Page, name: string) {
  const path = screenshotPath(name);
  // The panel scrolls inside its own container: a tall window shows the whole home page.
  await page.setViewportSize({ width: 1400, height: 3200 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.screenshot({ path });
  const charts = screenshotPath(`${name}-charts`);
  await page.locator("[data-testid='dash-charts']").screenshot({ path: charts });
  if (existsSync("/tmp/shots")) {
    copyFileSync(path, `/tmp/shots/${name}.png`);
    copyFileSync(charts, `/tmp/shots/${name}-charts.png`);
  }
}

describe("management dashboard in the browser", () => {
  it.each([
    ["en", "ltr", "Business overview", "Daily revenue by invoice kind (incl. VAT)"],
    ["ar", "rtl", "نظرة عامة على الأعمال", "الإيرادات اليومية حسب نوع الفاتورة (شاملة الضريبة)"],
  ] as const)("should draw the figures and charts in %s", async (lang, dir, title, chartTitle) => {
    await t.db.userAccessProfile.updateMany({ where: { user: { email: "management@example.com" } }, data: { language: lang } });
    const page = await signIn();
    await page.getByText(title).first().waitFor();
    await page.getByText(chartTitle).first().waitFor();
    expect(await page.getAttribute("html", "dir")).toBe(dir);
    await page.locator("[data-testid='chart-sla'] canvas").waitFor();
    const pixels = await paintedPixels(page);
    expect(Object.keys(pixels).sort()).toEqual(["chart-categories", "chart-revenue", "chart-sla"]);
    for (const [chart, n] of Object.entries(pixels)) expect({ chart, drawn: n > 1000 }).toEqual({ chart, drawn: true });
    // A figure is a link to its filtered list.
    const href = await page.locator("[data-testid='dash-reconciliationOpen']").getAttribute("href");
    expect(href).toContain("/admin/resources/ReconciliationItem?filters.status=open");
    await shoot(page, `dashboard-management-${lang}`);
    await page.close();
  }, 240_000);
});
