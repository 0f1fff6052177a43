/**
 * A real browser signs in to /admin, opens a list and a record. Screenshots go to
 * test/artifacts/ (git-ignored) for a person to look at.
 */
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startApp, type RunningApp } from "../support/app-server.js";
import { launchBrowser, screenshotPath } from "../support/browser.js";
import { createStaff, createSubcategory, createUser } from "../support/factories.js";
import * as marketplace from "../../src/domains/marketplace/index.js";

let t: TestDatabase;
let app: RunningApp;
let browser: Browser;
let requestId: number;
const PASSWORD = "correct horse battery";

beforeAll(async () => {
  t = await createTestDatabase();
  const admin = await createStaff(t.db, "admin", PASSWORD);
  await t.db.user.update({ where: { id: admin.id }, data: { email: "admin@example.com" } });
  const client = await createUser(t.db, { fullName: "Sara Al-Qahtani" });
  const sub = await createSubcategory(t.db);
  requestId = (await marketplace.createRequest(t, { actor: { type: "client", id: client.id } }, { title: "Fix the kitchen sink", description: "Leaking", subcategoryId: sub.id, city: "Riyadh" })).id;
  app = await startApp(t);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await t?.close();
});

describe("admin panel in a browser", () => {
  it("should refuse a wrong password and sign in with the right one", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${app.url}/admin/login`);
    await page.fill('input[name="email"]', "admin@example.com");
    await page.fill('input[name="password"]', "wrong password");
    await page.press('input[name="password"]', "Enter");
    await page.waitForLoadState("networkidle");
    expect(page.url()).toContain("/admin/login");

    await page.fill('input[name="email"]', "admin@example.com");
    await page.fill('input[name="password"]', PASSWORD);
    await page.press('input[name="password"]', "Enter");
    await page.waitForURL((u) => !u.pathname.endsWith("/login"), { timeout: 30_000 });
    await page.screenshot({ path: screenshotPath("admin-dashboard") });
    // An admin's sidebar lists the jobs console page (other roles' do not).
    await page.getByText("Jobs console").first().waitFor({ timeout: 30_000 });

    await page.goto(`${app.url}/admin/resources/ServiceRequest`);
    await page.getByText("Fix the kitchen sink").first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: screenshotPath("admin-requests-list") });

    await page.goto(`${app.url}/admin/resources/ServiceRequest/records/${requestId}/show`);
    await page.getByText("Leaking").first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: screenshotPath("admin-request-show") });
    expect(existsSync(screenshotPath("admin-request-show"))).toBe(true);
    await page.close();
  }, 90_000);
});
