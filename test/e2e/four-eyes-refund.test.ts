/**
 * Four eyes in a real browser: one finance member asks for a large refund (it waits as a pending
 * approval and the invoice does not change), another approves it from the approval's page and the
 * refund goes to Stripe. Screenshots in test/artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedPlanAndPromo, startBillingRig, type BillingRig } from "../support/billing.js";
import { createStaff } from "../support/factories.js";
import { launchBrowser, screenshotPath, signInPage } from "../support/browser.js";

let t: TestDatabase;
let rig: BillingRig;
let browser: Browser;
const PASSWORD = "finance-password-1";

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

describe("a large refund needs a second finance member", () => {
  it("should hold the refund as a pending approval until another finance member approves it", async () => {
    await t.db.setting.create({ data: { key: "four_eyes", value: { "invoice.refund": 1_000 } } });
    const [asker, approver] = [await createStaff(t.db, "finance", PASSWORD), await createStaff(t.db, "finance", PASSWORD)];
    const { plan } = await seedPlanAndPromo(t.db);
    const pro = await rig.app.login();
    await rig.app.api.call("POST", "/me/become-provider", { token: pro.token, body: { display_name: "Shop", city: "Riyadh" } });
    const sub = await rig.app.api.call("POST", "/subscriptions", { token: pro.token, body: { plan_id: plan.id, cycle: "monthly" } });
    const invoiceId = sub.body.invoice.id as number;
    const pay = await rig.app.api.call("POST", `/invoices/${invoiceId}/pay`, { token: pro.token });
    await rig.post(rig.stripe.signEvent(rig.stripe.succeed(pay.body.payment_intent_id)));
    await rig.drain();

    const first = await signInPage(browser, rig.app.url, asker.email!, PASSWORD);
    await first.goto(`${rig.app.url}/admin/resources/Invoice/records/${invoiceId}/refund`);
    await first.locator('[data-testid="reason-form"]').waitFor({ timeout: 30_000 });
    await first.fill("#reason", "The customer cancelled on the first day");
    await first.locator('[data-testid="reason-form"] button[type="submit"]').click();
    await expect.poll(() => t.db.approvalRequest.count({ where: { targetId: invoiceId, action: "invoice.refund" } }), { timeout: 30_000 }).toBe(1);
    expect((await t.db.invoice.findUniqueOrThrow({ where: { id: invoiceId } })).status).toBe("paid");
    // The form sends the staff member back to the invoice: let that page load before the picture.
    await first.waitForURL(/\/show$/, { timeout: 30_000 });
    await first.waitForLoadState("networkidle");
    await first.screenshot({ path: screenshotPath("four-eyes-requested") });
    await first.close();

    const approval = await t.db.approvalRequest.findFirstOrThrow({ where: { targetId: invoiceId } });
    const second = await signInPage(browser, rig.app.url, approver.email!, PASSWORD);
    await second.goto(`${rig.app.url}/admin/resources/ApprovalRequest/records/${approval.id}/approve`);
    await second.locator('[data-testid="reason-form"]').waitFor({ timeout: 30_000 });
    await second.screenshot({ path: screenshotPath("four-eyes-approve") });
    await second.locator('[data-testid="reason-form"] button[type="submit"]').click();
    await expect.poll(async () => (await t.db.invoice.findUniqueOrThrow({ where: { id: invoiceId } })).status, { timeout: 30_000 }).toBe("refunded");
    expect(await t.db.approvalRequest.findUniqueOrThrow({ where: { id: approval.id } })).toMatchObject({ status: "approved", requestedById: asker.id, decidedById: approver.id });
    await second.waitForURL(/\/show$/, { timeout: 30_000 });
    await second.getByText("Approved", { exact: true }).first().waitFor({ timeout: 30_000 });
    await second.screenshot({ path: screenshotPath("four-eyes-approved"), fullPage: true });
    await second.close();
  }, 180_000);
});
