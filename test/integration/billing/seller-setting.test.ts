/**
 * Issue "money correctness", defect 6: a tax invoice never carries a placeholder seller. Without
 * a valid `seller` setting, issuing and printing fail with SELLER_NOT_CONFIGURED (a notice for
 * finance in the panel, a 503 problem in the API); with one, the PDF and its QR name it. The
 * panel's Setting edit validates every value against the typed settings registry.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Invoice, User } from "@prisma/client";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { startApi, type RunningApi } from "../../support/api-client.js";
import { signIn, type AdminAgent } from "../../support/admin-client.js";
import { createStaff, createUser } from "../../support/factories.js";
import { seedSeller, TEST_SELLER } from "../../support/billing.js";
import { pdfText } from "../../support/pdf-text.js";
import { systemCtx } from "../../../src/platform/context.js";
import { createInvoiceInTx, issueInvoice } from "../../../src/domains/billing/invoices.service.js";
import { invoicePdf } from "../../../src/domains/billing/invoice-document.service.js";
import { billingMessages } from "../../../src/domains/billing/billing.messages.js";

let t: TestDatabase;
let app: RunningApi;
let finance: AdminAgent;
let admin: AdminAgent;
let financeAr: AdminAgent;
let client: User;
const PASSWORD = "seller-setting-password";

beforeAll(async () => {
  t = await createTestDatabase();
  app = await startApi(t);
  finance = await signIn(app.url, (await createStaff(t.db, "finance", PASSWORD, "en")).email!, PASSWORD);
  financeAr = await signIn(app.url, (await createStaff(t.db, "finance", PASSWORD, "ar")).email!, PASSWORD);
  admin = await signIn(app.url, (await createStaff(t.db, "admin", PASSWORD, "en")).email!, PASSWORD);
  client = await createUser(t.db, { fullName: "عبدالله محمد العتيبي" });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const line = { descriptionAr: "رسوم شارة التوثيق", descriptionEn: "Verification badge fee", quantity: 1, unitAmount: 19_900 };
const newInvoice = (userId: number, issue: boolean): Promise<Invoice> =>
  t.db.$transaction((tx) => createInvoiceInTx(t, systemCtx(), tx, { userId, purpose: "verification", lines: [line], issue }));
const action = (id: number, name: string) => `/admin/api/resources/Invoice/records/${id}/${name}`;
const clearSeller = () => t.db.setting.deleteMany({ where: { key: "seller" } });

describe("without a valid seller", () => {
  it("should refuse to issue or print a tax invoice, and tell finance why in a notice", async () => {
    await clearSeller();
    const draft = await newInvoice(client.id, false);
    await expect(issueInvoice(t, systemCtx(), draft.id)).rejects.toMatchObject({ code: "SELLER_NOT_CONFIGURED", status: 503 });

    // The notice is in the staff member's panel language.
    const issue = await finance.post(action(draft.id, "issue")).send({});
    expect(issue.body.notice).toEqual({ type: "error", message: billingMessages.SELLER_NOT_CONFIGURED!.en });
    const issueAr = await financeAr.post(action(draft.id, "issue")).send({});
    expect(issueAr.body.notice).toEqual({ type: "error", message: billingMessages.SELLER_NOT_CONFIGURED!.ar });
    expect((await t.db.invoice.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("draft");

    // An invoice issued at purchase time cannot be printed with an invented seller either.
    const issued = await newInvoice(client.id, true);
    await expect(invoicePdf(t, issued.id, "en")).rejects.toMatchObject({ code: "SELLER_NOT_CONFIGURED" });
    const download = await financeAr.get(action(issued.id, "downloadPdf"));
    expect(download.body.notice).toMatchObject({ type: "error", message: billingMessages.SELLER_NOT_CONFIGURED!.ar });
    expect(download.body.redirectUrl).toBeUndefined();
    const direct = await financeAr.get(`/admin/billing/invoices/${issued.id}/pdf`);
    expect(direct.status).toBe(503);
    expect(direct.text).toBe(billingMessages.SELLER_NOT_CONFIGURED!.ar);

    // The owner asking through the API gets the problem document, in the request's language.
    const owner = await app.login();
    const own = await newInvoice(owner.user.id, true);
    const res = await app.api.call("GET", `/invoices/${own.id}/pdf`, { token: owner.token, lang: "en" });
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: "SELLER_NOT_CONFIGURED", detail: billingMessages.SELLER_NOT_CONFIGURED!.en });
  });

  it("should treat ZATCA's example VAT number or a seller without an address as not configured", async () => {
    const issued = await newInvoice(client.id, true);
    for (const bad of [
      { ...TEST_SELLER, vatNumber: "300000000000003" },
      { ...TEST_SELLER, vatNumber: "31012239350000" },
      { nameAr: "نوافذ", nameEn: "Nawafeth", vatNumber: TEST_SELLER.vatNumber },
      { ...TEST_SELLER, address: { ...TEST_SELLER.address, en: { street: "King Fahd Road", city: "" } } },
    ]) {
      await t.db.setting.upsert({ where: { key: "seller" }, create: { key: "seller", value: bad }, update: { value: bad } });
      await expect(invoicePdf(t, issued.id, "en"), JSON.stringify(bad)).rejects.toMatchObject({ code: "SELLER_NOT_CONFIGURED" });
    }
    await clearSeller();
  });
});

describe("with the seller configured", () => {
  it("should issue, and print the seller's names, VAT and CR numbers and address", async () => {
    await seedSeller(t.db);
    const draft = await newInvoice(client.id, false);
    const issue = await finance.post(action(draft.id, "issue")).send({});
    expect(issue.body.notice).toMatchObject({ type: "success" });
    expect((await t.db.invoice.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("issued");
    const download = await finance.get(action(draft.id, "downloadPdf"));
    expect(download.body.redirectUrl).toBe(`/admin/billing/invoices/${draft.id}/pdf`);

    const text = await pdfText((await invoicePdf(t, draft.id, "en")).pdf);
    for (const s of [TEST_SELLER.nameEn, TEST_SELLER.vatNumber, TEST_SELLER.crNumber!, "7421 King Fahd Road, Al Olaya, Riyadh 12214"]) expect(text).toContain(s);
    expect(text).not.toContain("300000000000003");
    await clearSeller();
  });
});

describe("the Setting edit in the panel", () => {
  const edit = (agent: AdminAgent, id: number, body: Record<string, string>) => agent.post(`/admin/api/resources/Setting/records/${id}/edit`).type("form").send(body);
  const row = (key: string, value: object | number) => t.db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });

  it("should refuse an invalid seller with an error on the value field, and save a valid one typed", async () => {
    const s = await row("seller", TEST_SELLER);
    const badVat = await edit(admin, s.id, { valueJson: JSON.stringify({ ...TEST_SELLER, vatNumber: "300000000000003" }), description: "changed" });
    expect(badVat.body.record.errors.value.message).toMatch(/vatNumber/);
    expect(badVat.body.notice.type).toBe("error");
    const noCity = await edit(admin, s.id, { valueJson: JSON.stringify({ ...TEST_SELLER, address: { ...TEST_SELLER.address, ar: { street: "طريق الملك فهد" } } }) });
    expect(noCity.body.record.errors.value.message).toMatch(/address\.ar\.city/);
    const notJson = await edit(admin, s.id, { valueJson: "{ nameAr: " });
    expect(notJson.body.record.errors.value.message).toMatch(/not valid JSON/);
    expect(await t.db.setting.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ value: TEST_SELLER, description: null });

    const renamed = { ...TEST_SELLER, nameEn: "Nawafeth IT Co.", crNumber: "" };
    const ok = await edit(admin, s.id, { valueJson: JSON.stringify(renamed) });
    expect(ok.body.notice.type).toBe("success");
    const { crNumber: _blank, ...stored } = renamed;
    expect((await t.db.setting.findUniqueOrThrow({ where: { id: s.id } })).value).toEqual(stored);
    await clearSeller();
  });

  it("should store a form's number as a number and refuse what is not one", async () => {
    const s = await row("vat_rate_bp", 1500);
    const bad = await edit(admin, s.id, { value: "fifteen" });
    expect(bad.body.record.errors.value.message).toMatch(/vat_rate_bp/);
    expect(await edit(admin, s.id, { value: "100000" }).then((r) => r.body.record.errors.value)).toBeDefined();
    expect((await t.db.setting.findUniqueOrThrow({ where: { id: s.id } })).value).toBe(1500);
    expect((await edit(admin, s.id, { value: "1600" })).body.notice.type).toBe("success");
    expect((await t.db.setting.findUniqueOrThrow({ where: { id: s.id } })).value).toBe(1600);
    await t.db.setting.delete({ where: { id: s.id } });
  });

  it("should refuse keys the registry does not know, and leave the refusal of other roles as it was", async () => {
    const unknown = await row("legacy_flag", 1);
    expect((await edit(admin, unknown.id, { value: "2" })).body.record.errors.value.message).toMatch(/not a setting/);
    const vat = await row("vat_rate_bp", 1500);
    const refused = await edit(finance, vat.id, { value: "1600" });
    expect(JSON.stringify(refused.body)).toMatch(/ForbiddenError|forbiddenError/);
    expect((await t.db.setting.findUniqueOrThrow({ where: { id: vat.id } })).value).toBe(1500);
  });
});
