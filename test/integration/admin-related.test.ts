/**
 * Show pages list the records that point at them (derived from the schema's back-relations),
 * only of models the role may list, through each model's own resource (no secrets).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { startApp, type RunningApp } from "../support/app-server.js";
import { signIn } from "../support/admin-client.js";
import { seedDemoData } from "../../prisma/seed/index.js";
import { relatedLinks } from "../../admin/related-records.js";
import { loadFullDmmf } from "../../admin/dmmf.js";

let t: TestDatabase;
let app: RunningApp;
const PASSWORD = "related-records-password";

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemoData(t, { password: PASSWORD });
  app = await startApp(t);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const related = async (role: string, model: string, id: number) => {
  const agent = await signIn(app.url, `${role}@example.com`, PASSWORD);
  const res = await agent.get(`/admin/api/resources/${model}/records/${id}/related`);
  return res.body.groups as { model: string; via: string; total: number; query: string; records: { id: string; params: Record<string, unknown> }[] }[];
};

describe("related records", () => {
  it("should derive a request's offers, status log, thread and review from the schema", async () => {
    const links = relatedLinks((await loadFullDmmf()).datamodel.models, "ServiceRequest").map((l) => l.model);
    expect(links).toEqual(expect.arrayContaining(["Offer", "RequestStatusLog", "Thread", "Review", "Dispute", "ServiceRequestAttachment"]));
  });

  it("should list a request's offers and status log to support, each with its total", async () => {
    const req = await t.db.serviceRequest.findFirstOrThrow({ where: { offers: { some: {} }, statusLogs: { some: {} } } });
    const groups = await related("support", "ServiceRequest", req.id);
    const offers = groups.find((g) => g.model === "Offer")!;
    expect(offers.total).toBe(await t.db.offer.count({ where: { requestId: req.id, deletedAt: null } }));
    expect(offers.records.every((r) => Number(r.params.request) === req.id)).toBe(true);
    expect(groups.find((g) => g.model === "RequestStatusLog")!.total).toBe(await t.db.requestStatusLog.count({ where: { requestId: req.id } }));
  });

  it("should list an invoice's lines and payment attempts to finance", async () => {
    const inv = await t.db.invoice.findUniqueOrThrow({ where: { id: (await t.db.paymentAttempt.findFirstOrThrow()).invoiceId } });
    const models = (await related("finance", "Invoice", inv.id)).map((g) => g.model);
    expect(models).toEqual(expect.arrayContaining(["InvoiceLine", "PaymentAttempt"]));
  });

  it("should list a ticket's comments and status log to support, and leave out what a role may not list", async () => {
    const ticket = await t.db.supportTicket.findFirstOrThrow({ where: { comments: { some: {} } } });
    const models = (await related("support", "SupportTicket", ticket.id)).map((g) => g.model);
    expect(models).toContain("SupportComment");
    const user = await t.db.user.findFirstOrThrow({ where: { invoices: { some: {} } } });
    const forSupport = (await related("support", "User", user.id)).map((g) => g.model);
    expect(forSupport).not.toContain("Invoice");
    expect((await related("finance", "User", user.id)).map((g) => g.model)).toContain("Invoice");
  });

  it("should never send a related record's secrets", async () => {
    const user = await t.db.user.findUniqueOrThrow({ where: { id: (await t.db.apiToken.create({ data: { user: { connect: { id: (await t.db.user.findFirstOrThrow({ where: { userType: "client" } })).id } }, tokenHash: "a-token-hash-that-must-stay-secret", deviceName: "test phone" } })).userId } });
    const groups = await related("admin", "User", user.id);
    const tokens = groups.find((g) => g.model === "ApiToken")!;
    expect(tokens.records.length).toBeGreaterThan(0);
    for (const r of tokens.records) expect(r.params).not.toHaveProperty("tokenHash");
    expect(JSON.stringify(groups)).not.toContain("a-token-hash-that-must-stay-secret");
  });

  it("should give the related records' references titles in the staff member's language", async () => {
    const newest = await t.db.serviceRequest.findFirstOrThrow({ where: { deletedAt: null }, orderBy: { id: "desc" }, include: { subcategory: true } });
    const client = await t.db.serviceRequest.findFirstOrThrow({ where: { clientId: newest.clientId, deletedAt: null }, orderBy: { id: "desc" }, include: { subcategory: true } });
    const titleOf = (groups: Awaited<ReturnType<typeof related>>) => {
      const group = groups.find((g) => g.model === "ServiceRequest" && g.via === "client")!;
      return (group.records[0] as unknown as { populated: { subcategory: { title: string } } }).populated.subcategory.title;
    };
    expect(titleOf(await related("support", "User", client.clientId))).toBe(client.subcategory.nameAr);
    expect(titleOf(await related("management", "User", client.clientId))).toBe(client.subcategory.nameEn);
  });
});

describe("bilingual record titles", () => {
  const listOf = async (email: string, url: string) => (await (await signIn(app.url, email, PASSWORD)).get(url)).body;

  it("should title a request's subcategory and a ticket's team in Arabic for Arabic staff and in English for English staff", async () => {
    const request = await t.db.serviceRequest.findFirstOrThrow({ where: { deletedAt: null }, include: { subcategory: true } });
    const filter = `filters.id=${request.id}`;
    const ar = await listOf("support@example.com", `/admin/api/resources/ServiceRequest/actions/list?${filter}`);
    expect(ar.records[0].populated.subcategory.title).toBe(request.subcategory.nameAr);
    const en = await listOf("management@example.com", `/admin/api/resources/ServiceRequest/actions/list?${filter}`);
    expect(en.records[0].populated.subcategory.title).toBe(request.subcategory.nameEn);

    const ticket = await t.db.supportTicket.findFirstOrThrow({ where: { assignedTeamId: { not: null } }, include: { assignedTeam: true } });
    const show = await listOf("support@example.com", `/admin/api/resources/SupportTicket/records/${ticket.id}/show`);
    expect(show.record.populated.assignedTeam.title).toBe(ticket.assignedTeam!.nameAr);
    const team = await listOf("support@example.com", `/admin/api/resources/SupportTeam/records/${ticket.assignedTeamId}/show`);
    expect(team.record.title).toBe(ticket.assignedTeam!.nameAr);
  });

  it("should search a bilingual model by its name in the staff member's language", async () => {
    const sub = await t.db.subcategory.findFirstOrThrow({ where: { deletedAt: null } });
    const ar = await listOf("support@example.com", `/admin/api/resources/Subcategory/actions/search/${encodeURIComponent(sub.nameAr)}`);
    expect(ar.records.map((r: { id: string; title: string }) => [Number(r.id), r.title])).toContainEqual([sub.id, sub.nameAr]);
    const en = await listOf("management@example.com", `/admin/api/resources/Subcategory/actions/search/${encodeURIComponent(sub.nameEn)}`);
    expect(en.records.map((r: { id: string; title: string }) => [Number(r.id), r.title])).toContainEqual([sub.id, sub.nameEn]);
  });

  it("should filter a city column by the Arabic name Arabic pages show", async () => {
    const count = await t.db.serviceRequest.count({ where: { city: "Jeddah", deletedAt: null } });
    expect(count).toBeGreaterThan(0);
    const ar = await listOf("support@example.com", `/admin/api/resources/ServiceRequest/actions/list?filters.city=${encodeURIComponent("جدة")}`);
    expect(ar.meta.total).toBe(count);
  });
});
