/**
 * Content staff approve a promotion in a real browser: Next opens the paid home banner's
 * workspace with its image, the reviewer approves it, and the schedule shows it over its days, in
 * English and in Arabic. Screenshots in test/artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startBillingRig, type BillingRig } from "../support/billing.js";
import { createStaff } from "../support/factories.js";
import { launchBrowser, screenshotPath, signInPage } from "../support/browser.js";
import { samplePngOfSize } from "../support/sample-files.js";
import { riyadhDay } from "../../src/platform/riyadh-time.js";
import { markInvoicePaidManually } from "../../src/domains/billing/index.js";

let t: TestDatabase;
let rig: BillingRig;
let browser: Browser;
const PASSWORD = "content-password-1";

beforeAll(async () => {
  t = await createTestDatabase();
  rig = await startBillingRig(t);
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await rig?.close();
  await t?.close();
});

const day = (days: number) => riyadhDay(new Date(Date.now() + days * 86_400_000));

describe("a content reviewer approves a promotion", () => {
  it("should open the paid banner with Next, approve it and show it on the schedule", async () => {
    const finance = await createStaff(t.db, "finance", PASSWORD);
    const p = await rig.app.login();
    await rig.app.api.call("POST", "/me/become-provider", { token: p.token, body: { display_name: "مكيفات الشمال", city: "Riyadh" } });
    const d = await rig.app.api.call("POST", "/me/promotions", { token: p.token, body: { title: "خصم 20٪ على صيانة المكيفات", placement: "home_banner", city: "Riyadh", starts_on: day(1), ends_on: day(8) } });
    await rig.app.api.upload(`/me/promotions/${d.body.id}/assets`, { token: p.token, file: { name: "banner.png", bytes: samplePngOfSize(1200, 400, { seed: 7 }) } });
    const s = await rig.app.api.call("POST", `/me/promotions/${d.body.id}/submit`, { token: p.token, body: {} });
    await markInvoicePaidManually(rig.deps, { actor: { type: "staff", id: finance.id } }, s.body.invoice.id, { reason: "bank transfer", reference: "TRX-1" });

    for (const lang of ["en", "ar"] as const) {
      const staff = await createStaff(t.db, "content", PASSWORD, lang);
      const page = await signInPage(browser, rig.app.url, staff.email!, PASSWORD);
      if (lang === "en") {
        await page.goto(`${rig.app.url}/admin/resources/PromoRequest/actions/queue`);
        await page.locator(".nw-thumb").first().waitFor({ timeout: 30_000 });
        await page.screenshot({ path: screenshotPath("promo-queue-en") });
        await page.locator('[data-testid="queue-next"]').click();
        await page.waitForURL(/\/records\/\d+\/review$/, { timeout: 30_000 });
        await page.locator('[data-testid="promo-workspace"]').waitFor({ timeout: 30_000 });
        expect(await page.locator('[data-testid="promo-assets"] img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 1200)).toBe(true);
        await page.screenshot({ path: screenshotPath("promo-workspace-en") });
        await page.locator('[data-testid="promo-approve"]').click();
        await expect.poll(() => page.locator('[data-testid="promo-status"]').textContent()).toBe("Approved");
      } else {
        await page.goto(`${rig.app.url}/admin/resources/PromoRequest/records/${d.body.id}/review`);
        await page.locator('[data-testid="promo-workspace"]').waitFor({ timeout: 30_000 });
        expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
        await page.screenshot({ path: screenshotPath("promo-approved-ar") });
      }
      await page.goto(`${rig.app.url}/admin/resources/PromoRequest/actions/schedule`);
      await page.locator(`[data-testid="schedule-bar-${d.body.id}"]`).waitFor({ timeout: 30_000 });
      await page.screenshot({ path: screenshotPath(`promo-schedule-${lang}`) });
      await page.close();
    }
  }, 180_000);
});
