/**
 * Two staff roles in a real browser, one in English and one in Arabic: the Arabic panel is laid
 * out right to left, each sees only its role's sections, and the language switch persists.
 * Screenshots land in test/artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { User } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startApp, type RunningApp } from "../support/app-server.js";
import { launchBrowser, screenshotPath, signInPage } from "../support/browser.js";
import { createProvider, createStaff } from "../support/factories.js";

let t: TestDatabase;
let app: RunningApp;
let browser: Browser;
let finance: User;
let support: User;
const PASSWORD = "another long password";

beforeAll(async () => {
  t = await createTestDatabase();
  finance = await createStaff(t.db, "finance", PASSWORD, "en");
  support = await createStaff(t.db, "support", PASSWORD, "ar");
  await createProvider(t.db, { displayName: "مؤسسة الإتقان للصيانة" });
  app = await startApp(t);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await t?.close();
});

const signIn = (email: string): Promise<Page> => signInPage(browser, app.url, email, PASSWORD);

describe("panel per role and language", () => {
  it("should show the finance officer an English, left-to-right panel with billing but not support", async () => {
    const page = await signIn(finance.email!);
    expect(await page.getAttribute("html", "dir")).toBe("ltr");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    const nav = await page.locator("body").innerText();
    expect(nav).toContain("Billing");
    expect(nav).not.toContain("Support");
    // The jobs console is for admins: its page is not listed for finance.
    expect(nav).not.toContain("Jobs console");
    await page.goto(`${app.url}/admin/resources/Invoice`);
    await page.getByText("Invoices").first().waitFor();
    await page.screenshot({ path: screenshotPath("finance-en-invoices") });
    await page.close();
  });

  it("should show the support agent an Arabic, right-to-left panel and switch it to English", async () => {
    const page = await signIn(support.email!);
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    expect(await page.getAttribute("html", "lang")).toBe("ar");
    await page.goto(`${app.url}/admin/resources/ProviderProfile`);
    await page.getByText("مؤسسة الإتقان للصيانة").first().waitFor();
    await page.getByText("ملفات مزودي الخدمة").first().waitFor();
    await page.screenshot({ path: screenshotPath("support-ar-providers") });
    const navItem = await page.getByText("الحسابات").first().boundingBox({ timeout: 5000 });
    expect(navItem!.x).toBeGreaterThan(700); // the navigation sits on the right

    await page.locator("[data-testid='language-switch'] button").click({ timeout: 5000 });
    await page.getByText("Provider profiles").first().waitFor({ timeout: 10_000 });
    expect(await page.getAttribute("html", "dir")).toBe("ltr");
    expect((await t.db.userAccessProfile.findUniqueOrThrow({ where: { userId: support.id } })).language).toBe("en");
    await page.close();
  });
});
