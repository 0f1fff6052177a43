/**
 * An administrator edits the seller setting in a real browser: the value is offered as JSON, an
 * invalid VAT number is refused with an error under the field (nothing saved), a valid change is
 * saved typed. Screenshots go to test/artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startApp, type RunningApp } from "../support/app-server.js";
import { launchBrowser, screenshotPath, signInPage } from "../support/browser.js";
import { createStaff } from "../support/factories.js";
import { seedSeller, TEST_SELLER } from "../support/billing.js";

let t: TestDatabase;
let app: RunningApp;
let browser: Browser;
let adminEmail: string;
const PASSWORD = "settings-browser-password";

beforeAll(async () => {
  t = await createTestDatabase();
  adminEmail = (await createStaff(t.db, "admin", PASSWORD, "en")).email!;
  await seedSeller(t.db);
  app = await startApp(t);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await t?.close();
});

describe("the Setting edit form", () => {
  it("should refuse an invalid seller under the value field and save a valid one", async () => {
    const row = await t.db.setting.findUniqueOrThrow({ where: { key: "seller" } });
    const page = await signInPage(browser, app.url, adminEmail, PASSWORD);
    await page.goto(`${app.url}/admin/resources/Setting/records/${row.id}/edit`);
    const editor = page.locator("textarea#setting-value");
    await editor.waitFor();
    expect(JSON.parse(await editor.inputValue())).toEqual(TEST_SELLER);

    await editor.fill(JSON.stringify({ ...TEST_SELLER, vatNumber: "300000000000003" }, null, 2));
    await page.click('[data-testid="button-save"]');
    const error = page.getByTestId("setting-value-error");
    await expect.poll(() => error.textContent()).toMatch(/vatNumber: 300000000000003 is ZATCA's example number/);
    await page.screenshot({ path: screenshotPath("setting-seller-invalid"), fullPage: true });
    expect((await t.db.setting.findUniqueOrThrow({ where: { id: row.id } })).value).toEqual(TEST_SELLER);

    await editor.fill(JSON.stringify({ ...TEST_SELLER, nameEn: "Nawafeth IT" }, null, 2));
    await page.click('[data-testid="button-save"]');
    await page.waitForURL((u) => !u.pathname.endsWith("/edit"), { timeout: 30_000 });
    expect((await t.db.setting.findUniqueOrThrow({ where: { id: row.id } })).value).toEqual({ ...TEST_SELLER, nameEn: "Nawafeth IT" });
  });
});
