/**
 * A reviewer works a verification request end to end in the panel, in a real browser: the
 * provider submits and pays through the API; the English reviewer presses "Next request", sees
 * the documents in the workspace, rejects one and asks for changes; the provider uploads a new
 * version and resubmits; the Arabic reviewer takes it with "Next", approves the documents and the
 * request; the badge shows on the provider's public profile. Screenshots in test/artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startBillingRig, type BillingRig } from "../support/billing.js";
import { createStaff } from "../support/factories.js";
import { launchBrowser, screenshotPath, signInPage } from "../support/browser.js";
import { samplePdf, samplePng } from "../support/sample-files.js";

let t: TestDatabase;
let rig: BillingRig;
let browser: Browser;
const PASSWORD = "reviewer-password-1";
let en: { email: string | null };
let ar: { email: string | null };

beforeAll(async () => {
  t = await createTestDatabase();
  rig = await startBillingRig(t);
  await t.db.setting.create({ data: { key: "verification_fees", value: { business: 19_900 } } });
  en = await createStaff(t.db, "verification", PASSWORD, "en");
  ar = await createStaff(t.db, "verification", PASSWORD, "ar");
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await rig?.close();
  await t?.close();
});

const api = () => rig.app.api;

async function nextInQueue(page: Page) {
  await page.goto(`${rig.app.url}/admin/resources/VerificationRequest/actions/queue`);
  await page.locator('[data-testid="queue-next"]').click();
  await page.waitForURL(/\/records\/\d+\/review$/, { timeout: 30_000 });
  await page.locator('[data-testid="verification-workspace"]').waitFor({ timeout: 30_000 });
}

describe("a reviewer works a verification request in the workspace", () => {
  it("should take the paid request with next, reject a document, approve the new version and issue the badge", async () => {
    // The provider opens a business request, uploads the CR (PDF) and their ID (PNG), submits and pays.
    const p = await rig.app.login();
    const became = await api().call("POST", "/me/become-provider", { token: p.token, body: { display_name: "مؤسسة الإتقان", city: "Riyadh" } });
    const created = await api().call("POST", "/me/verification-requests", { token: p.token, body: { badge_type: "business" } });
    const id = created.body.id as number;
    const up = (docType: string, file: Buffer, name: string) => api().upload(`/me/verification-requests/${id}/documents`, { token: p.token, fields: { doc_type: docType }, file: { name, bytes: file } });
    expect((await up("commercial_registration", await samplePdf("Commercial registration 1010998877"), "cr.pdf")).status).toBe(201);
    expect((await up("national_id", await samplePng("ID 1098765432"), "id.png")).status).toBe(201);
    const submitted = await api().call("POST", `/me/verification-requests/${id}/submit`, { token: p.token });
    const pay = await api().call("POST", `/invoices/${submitted.body.invoice.id}/pay`, { token: p.token });
    await rig.post(rig.stripe.signEvent(rig.stripe.succeed(pay.body.payment_intent_id)));
    expect(await rig.drain()).toBe(1);

    // English reviewer: next → the workspace with both documents inline.
    const page = await signInPage(browser, rig.app.url, en.email!, PASSWORD);
    await nextInQueue(page);
    expect(page.url()).toContain(`/records/${id}/review`);
    await page.locator('[data-testid="ws-claim"]').waitFor();
    expect(await page.locator('[data-testid="ws-claim"]').textContent()).toBe("You are reviewing this request");
    await page.locator('[data-testid^="viewer-pdf-"]').waitFor();
    await page.locator('[data-testid^="viewer-image-"]').waitFor();
    expect(await page.locator('[data-testid^="viewer-image-"]').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await page.screenshot({ path: screenshotPath("verification-workspace-en"), fullPage: true });

    // Reject the CR with a listed reason, then ask for a new one.
    await page.locator('[data-testid="doc-reject-commercial_registration"]').click();
    await page.locator('[data-testid="doc-reason-commercial_registration"]').selectOption("unreadable");
    await page.locator('[data-testid="doc-note-commercial_registration"]').fill("The stamp is cut off");
    await page.locator('[data-testid="doc-reject-confirm-commercial_registration"]').click();
    await expect.poll(() => page.locator('[data-testid="doc-status-commercial_registration"]').textContent()).toBe("Rejected");
    await page.locator('[data-testid="ws-changes"]').click();
    await page.locator('[data-testid="ws-changes-doc-commercial_registration"]').check();
    await page.locator('[data-testid="ws-changes-message"]').fill("Please upload a clear scan of the commercial registration");
    await page.locator('[data-testid="ws-changes-confirm"]').click();
    await expect.poll(() => page.locator('[data-testid="ws-status"]').textContent()).toBe("Changes requested");
    await page.screenshot({ path: screenshotPath("verification-changes-requested-en"), fullPage: true });
    await page.close();

    // The provider sees what is asked, uploads a new version and resubmits.
    const asked = await api().call("GET", `/me/verification-requests/${id}`, { token: p.token });
    expect(asked.body.requested_documents).toEqual(["commercial_registration"]);
    expect((await up("commercial_registration", await samplePdf("Commercial registration 1010998877 (clear scan)"), "cr-v2.pdf")).status).toBe(201);
    expect((await api().call("POST", `/me/verification-requests/${id}/submit`, { token: p.token })).body.status).toBe("in_review");

    // Arabic reviewer: next → the same request, v2 shown; approve both documents and the request.
    const arPage = await signInPage(browser, rig.app.url, ar.email!, PASSWORD);
    await nextInQueue(arPage);
    expect(arPage.url()).toContain(`/records/${id}/review`);
    expect(await arPage.locator("html").getAttribute("dir")).toBe("rtl");
    await arPage.locator('[data-testid="doc-commercial_registration-v2"]').waitFor();
    await arPage.locator('[data-testid="doc-approve-commercial_registration"]').click();
    await expect.poll(() => arPage.locator('[data-testid="doc-status-commercial_registration"]').textContent()).toBe("تم القبول");
    await arPage.locator('[data-testid="doc-approve-national_id"]').click();
    await expect.poll(() => arPage.locator('[data-testid="doc-status-national_id"]').textContent()).toBe("تم القبول");
    await arPage.screenshot({ path: screenshotPath("verification-workspace-ar"), fullPage: true });
    await arPage.locator('[data-testid="ws-approve"]').click();
    await expect.poll(() => arPage.locator('[data-testid="ws-status"]').textContent()).toBe("معتمد");
    await arPage.screenshot({ path: screenshotPath("verification-approved-ar"), fullPage: true });
    await arPage.close();

    const profile = await api().call("GET", `/providers/${became.body.id}`);
    expect(profile.body).toMatchObject({ is_verified: true, badge: { badge_type: "business" } });
  }, 180_000);
});
